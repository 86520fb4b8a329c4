#include "runner/cli/status_command.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "results_io/results_format.hpp"
#include "results_io/results_reader.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

namespace {

// How many failed or diverged points the text lists (JSON lists every one).
constexpr std::size_t failures_listed = 20;

std::string attribute(const results::ResultsTable& t, const std::string& name) {
  return t.attribute(name).value_or("");
}

// The command that resumes the sweep into this file: its sweep file and the overrides it ran
// with (without them it would be another sweep), each quoted where a shell would split it.
std::string resume_command(const results::ResultsTable& t, const std::string& path) {
  const auto quoted = [](const std::string& word) {
    if (!word.empty() && word.find_first_of(" \t'\"\\$`*?()[]{};&|<>#~!") == std::string::npos)
      return word;
    std::string q = "'";
    for (const char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  std::string command = "diffsweep " + quoted(attribute(t, file_attribute::sweep_file));
  std::istringstream overrides(attribute(t, file_attribute::overrides));
  for (std::string o; std::getline(overrides, o);)
    if (!o.empty()) command += " " + quoted(o);
  return command + " -o " + quoted(path);
}

std::string text_cell(const results::ResultsTable& t, const char* column, std::size_t row) {
  return t.has(column) && t.columns.at(column).is_text ? t.text(column)[row] : "";
}

// "node1 x3, node2 x2" from the per-rank host list, hosts in order of their first rank; the
// first few hosts only, on a cluster of hundreds.
std::string hosts_summary(const std::string& rank_hosts) {
  constexpr std::size_t hosts_listed = 8;
  std::vector<std::pair<std::string, int>> hosts;
  std::istringstream in(rank_hosts);
  for (std::string host; std::getline(in, host, ',');) {
    auto it =
        std::find_if(hosts.begin(), hosts.end(), [&](const auto& h) { return h.first == host; });
    if (it == hosts.end())
      hosts.emplace_back(host, 1);
    else
      ++it->second;
  }
  std::string text = std::to_string(hosts.size()) + (hosts.size() == 1 ? " host: " : " hosts: ");
  for (std::size_t i = 0; i < std::min(hosts.size(), hosts_listed); ++i)
    text += (i ? ", " : "") + hosts[i].first + " x" + std::to_string(hosts[i].second);
  if (hosts.size() > hosts_listed)
    text += ", ... " + std::to_string(hosts.size() - hosts_listed) + " more";
  return text;
}

}  // namespace

int print_status(std::ostream& out, const std::string& path, bool json) {
  // The columns it shows, not every one: at 10^6 points the whole table takes 357 MB.
  const results::ResultsTable t =
      results::load_columns(path, {results::column::attempts, results::column::error,
                                   results::column::earlier_errors, results::column::in_sweep});
  const auto& c = t.counts;
  std::vector<std::size_t> failures;
  for (std::size_t r = 0; r < t.sweep_rows; ++r)
    if (t.status[r] == "failed" || t.status[r] == "diverged") failures.push_back(r);
  const auto attempts = [&](std::size_t row) -> std::int64_t {
    return t.has(results::column::attempts)
               ? static_cast<std::int64_t>(t.numbers(results::column::attempts)[row])
               : 1;
  };
  const std::size_t unplaced = results::unplaced_points(t);
  const std::size_t remaining = c.not_run() - unplaced;
  const auto& o = t.outside_counts;
  // The earlier sweeps the file was extended from, oldest first (empty: never extended).
  const auto history =
      nlohmann::ordered_json::parse(attribute(t, file_attribute::sweep_history).empty()
                                        ? "[]"
                                        : attribute(t, file_attribute::sweep_history),
                                    nullptr, false);

  if (json) {
    nlohmann::ordered_json j;
    j["file"] = path;
    for (const auto& [k, v] : t.attributes)
      if (k != file_attribute::sweep_text) j["attributes"][k] = v;
    j[file_attribute::sweep_text] = attribute(t, file_attribute::sweep_text);
    j["counts"] = {{"points", t.sweep_rows}, {"done", c.done},       {"failed", c.failed},
                   {"diverged", c.diverged}, {"pending", c.pending}, {"running", c.running}};
    j["outside"] = {{"points", t.rows - t.sweep_rows},
                    {"done", o.done},
                    {"failed", o.failed},
                    {"diverged", o.diverged}};
    j[file_attribute::sweep_history] =
        history.is_discarded() ? nlohmann::ordered_json::array() : history;
    j["remaining"] = remaining;
    j["failures"] = nlohmann::ordered_json::array();
    for (const std::size_t r : failures)
      j["failures"].push_back(
          {{"index", r},
           {"point_id", t.point_id[r]},
           {"status", t.status[r]},
           {"error", text_cell(t, results::column::error, r)},
           {"attempts", attempts(r)},
           {"earlier_errors", text_cell(t, results::column::earlier_errors, r)}});
    out << j.dump(2) << "\n";
    return 0;
  }

  out << path << ": sweep " << t.sweep_name << " (experiment " << t.experiment << ", seed "
      << attribute(t, file_attribute::sweep_seed) << ", hash "
      << attribute(t, file_attribute::sweep_hash) << ")\n";
  out << "  written by diffsweep " << attribute(t, file_attribute::diffsweep_version) << " ("
      << attribute(t, file_attribute::git_commit) << "), HDF5 "
      << attribute(t, file_attribute::hdf5_version) << ", "
      << attribute(t, file_attribute::mpi_version) << "\n";
  out << "  started " << attribute(t, file_attribute::started) << ", last run "
      << attribute(t, file_attribute::run_started) << " on " << attribute(t, file_attribute::host)
      << " (" << attribute(t, file_attribute::ranks) << " ranks), "
      << (attribute(t, file_attribute::ended).empty()
              ? "not ended"
              : "ended " + attribute(t, file_attribute::ended))
      << "\n";
  if (const auto hosts = attribute(t, file_attribute::rank_hosts); !hosts.empty()) {
    out << "  ranks on " << hosts_summary(hosts) << "; launcher "
        << attribute(t, file_attribute::launcher);
    if (const auto job = attribute(t, file_attribute::job_id); !job.empty()) out << ", job " << job;
    if (const auto task = attribute(t, file_attribute::array_task_id); !task.empty())
      out << " (array task " << task << ")";
    out << "\n";
  }
  if (const auto o = attribute(t, file_attribute::overrides); !o.empty()) {
    std::string line = o;
    for (auto& ch : line)
      if (ch == '\n') ch = ' ';
    out << "  overrides: " << line << "\n";
  }
  if (const auto s = attribute(t, file_attribute::selection); !s.empty())
    out << "  last run: " << s << "\n";
  out << "  " << t.sweep_rows << " points: " << c.done << " done, " << c.failed << " failed, "
      << c.diverged << " diverged, " << c.pending << " pending, " << c.running << " running\n";
  if (t.rows > t.sweep_rows)
    out << "  " << t.rows - t.sweep_rows
        << " more points outside the current sweep (of an earlier sweep of this file, kept with "
           "their results; the analysis leaves them out): "
        << o.done << " done, " << o.failed << " failed, " << o.diverged << " diverged\n";
  if (history.is_array() && !history.empty()) {
    out << "  extended in place from " << history.size() << " earlier sweep"
        << (history.size() == 1 ? "" : "s") << " (oldest first; texts in --json):\n";
    for (const auto& e : history) {
      std::string overrides;
      for (const auto& x : e.value("overrides", nlohmann::ordered_json::array()))
        overrides.append(" ").append(x.get<std::string>());
      out << "    " << e.value("path", "") << overrides << " (hash " << e.value("hash", "") << ", "
          << e.value("n_points", 0) << " points), until " << e.value("until", "") << "\n";
    }
  }
  if (const auto refine = attribute(t, file_attribute::refine); !refine.empty()) {
    out << "  [refine]: " << unplaced << " lattice points never placed; the searches:\n";
    std::istringstream lines(refine);
    for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
  }
  if (const auto sequential = attribute(t, file_attribute::sequential); !sequential.empty()) {
    out << "  [sequential]: " << unplaced
        << " replicates not placed (a comparison's later looks place them only while it is "
           "undetermined); the comparisons:\n";
    std::istringstream lines(sequential);
    for (std::string line; std::getline(lines, line);) out << "    " << line << "\n";
  }
  if (remaining == 0)
    out << "  nothing remains to run\n";
  else
    out << "  " << remaining << " remain; to run them: " << resume_command(t, path) << "\n";
  if (!failures.empty()) {
    out << "  failed and diverged points"
        << (failures.size() > failures_listed ? " (first 20)" : "")
        << "; to rerun them: " << resume_command(t, path) << " --retry failed,diverged\n";
    for (std::size_t i = 0; i < std::min(failures.size(), failures_listed); ++i) {
      const std::size_t r = failures[i];
      out << "    " << r << "  " << t.point_id[r] << "  " << t.status[r];
      if (attempts(r) > 1) out << " (attempt " << attempts(r) << ")";
      out << ": " << text_cell(t, results::column::error, r) << "\n";
    }
    if (failures.size() > failures_listed)
      out << "    ... " << failures.size() - failures_listed
          << " more (every one with --json, or in the file's error column)\n";
  }
  return 0;
}

}  // namespace diffsweep
