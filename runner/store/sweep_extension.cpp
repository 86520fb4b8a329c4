#include "runner/store/sweep_extension.hpp"

#include <algorithm>
#include <optional>
#include <sstream>
#include <tuple>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "results_io/results_format.hpp"
#include "runner/run/clock.hpp"
#include "runner/run/sweep_experiment.hpp"
#include "runner/store/outside_rows.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string fresh_start_hint() {
  return "; give -o NEW.h5 for a new results file, or --restart to move the old results aside";
}

// The value of a parameter every point of `sweep` shares, as ids write it and as people read
// it; nullopt where it is unset.
std::optional<std::pair<std::string, std::string>> shared_value(const Sweep& sweep,
                                                                const ParamSpec& spec) {
  const ParamValue* v = sweep.value(0, spec.name);
  if (!v) return std::nullopt;
  return std::pair{canonical_text(spec, *v), display_text(*v)};
}

// The earlier sweep, from its text and whichever record of its overrides gives its hash.
Sweep rebuild(const JournalHeader& before, const Sweep& now, const std::string& output,
              const std::string& published_overrides) {
  const SweepSpec spec = parse_sweep_text(before.sweep_path, before.sweep_text);
  // A plugin may move (its path is in the sweep text): the name it declares, which the hash
  // holds, is what must not change.
  const bool plugins = plugin_location(spec) && plugin_location(now.spec);
  if (spec.experiment != now.spec.experiment && !plugins)
    throw InputError(output + " holds a sweep of experiment " + spec.experiment + " (" +
                     before.sweep_path + "), not " + std::string(now.experiment().name()) +
                     ": its results cannot be kept" + fresh_start_hint());
  std::vector<std::vector<std::string>> candidates = {before.overrides};
  if (before.overrides.empty()) candidates.push_back(lines_of(published_overrides));
  for (const auto& overrides : candidates) {
    try {
      Sweep s = earlier_sweep(before.sweep_path, before.sweep_text, overrides, now.experiment(),
                              true, now.spec.recorded_defaults);
      if (s.hash == before.sweep_hash) return s;
    } catch (const InputError&) {
      // The text no longer reads with these overrides: try the next record of them.
    }
  }
  throw InputError(output + " holds a sweep (" + before.sweep_path + ", hash " +
                   results::hex_id(before.sweep_hash) +
                   ") whose points cannot be rebuilt from its recorded text, so it cannot be "
                   "extended" +
                   fresh_start_hint());
}

void check_extends(const Sweep& before, const Sweep& now, const std::string& output) {
  if (before.spec.seed != now.spec.seed)
    throw InputError(now.spec.where("sweep.seed") + ": key 'sweep.seed': value '" +
                     std::to_string(now.spec.seed) + "': " + output +
                     " holds this sweep with seed " + std::to_string(before.spec.seed) +
                     ", so no finished point's seed is the new sweep's" + fresh_start_hint());
  const auto& axes_before = before.axis_names;
  const auto& axes_now = now.axis_names;
  for (const auto& spec : now.experiment().params()) {
    const std::string& name = spec.name;
    if (std::count(axes_before.begin(), axes_before.end(), name) ||
        std::count(axes_now.begin(), axes_now.end(), name))
      continue;
    const auto was = shared_value(before, spec), is = shared_value(now, spec);
    if ((was ? was->first : "") == (is ? is->first : "") && was.has_value() == is.has_value())
      continue;
    throw InputError(now.spec.where(name) + ": key '" + name + "': value '" +
                     (is ? is->second : "(unset)") + "': " + output + " holds this sweep with " +
                     name + " = " + (was ? was->second : "(unset)") +
                     " on every point, so none of its results is a point of the new sweep" +
                     fresh_start_hint());
  }
}

// A [sequential] sweep's verdicts hold for the looks it planned before it saw any data: the same
// rule must go on placing its replicates, or the stopping looks it already replayed would be
// judged by another rule.
void check_same_rule(const Sweep& before, const Sweep& now, const std::string& output) {
  if (!before.sequential || !now.sequential) return;
  const SequentialSpec &was = *before.sequential, &is = *now.sequential;
  const auto margin = [](const SequentialSettings& s) {
    return s.relative_margin ? exact_number(100 * s.margin) + "%" : exact_number(s.margin);
  };
  const std::vector<std::tuple<const char*, std::string, std::string>> keys = {
      {"axis", was.axis, is.axis},
      {"reference", was.reference, is.reference},
      {"metric", was.metric, is.metric},
      {"better", was.settings.higher_is_better ? "higher" : "lower",
       is.settings.higher_is_better ? "higher" : "lower"},
      {"margin", margin(was.settings), margin(is.settings)},
      {"start", std::to_string(was.settings.start), std::to_string(is.settings.start)},
      {"budget", std::to_string(was.settings.budget), std::to_string(is.settings.budget)},
      {"growth", exact_number(was.settings.growth), exact_number(is.settings.growth)},
      {"confidence", exact_number(was.settings.confidence), exact_number(is.settings.confidence)}};
  for (const auto& [key, old_value, new_value] : keys)
    if (old_value != new_value)
      throw InputError(now.spec.where(std::string("sequential.") + key) + ": key 'sequential." +
                       key + "': value '" + new_value + "': " + output +
                       " holds this sweep's comparisons decided with " + key + " = " + old_value +
                       ", and a sequential rule keeps its error rate only if it is not changed "
                       "after the data were looked at" +
                       fresh_start_hint());
}

}  // namespace

JournalHeader journal_header_for(const Sweep& sweep, const std::string& started) {
  JournalHeader header;
  header.sweep_hash = sweep.hash;
  header.n_points = sweep.size();
  header.sweep_path = sweep.spec.path;
  header.sweep_text = sweep.spec.text;
  header.started = started;
  header.overrides = sweep.spec.overrides;
  return header;
}

SweepExtension::SweepExtension(const JournalHeader& before, const Sweep& now, std::string output,
                               const std::string& published_overrides)
    : now_(now),
      output_(std::move(output)),
      before_(before),
      earlier_(rebuild(before, now, output_, published_overrides)),
      earlier_outside_(before, now.experiment(), now.spec.recorded_defaults) {
  check_extends(earlier_, now, output_);
  check_same_rule(earlier_, now, output_);
  header_ = journal_header_for(now, before.started);
  header_.history = before.history;
  header_.history.push_back({before.sweep_hash, before.n_points, before.sweep_path,
                             before.sweep_text, earlier_.spec.overrides, utc_now_iso8601()});
  row_of_id_.reserve(now.size());
  for (std::size_t i = 0; i < now.size(); ++i) row_of_id_.emplace(now.point_id(i), i);
}

void SweepExtension::add(PointRecord record) {
  const std::uint64_t old_row = record.index;
  // Checked before the journal is replaced: a record renumbered wrongly would be kept for good.
  const bool in_earlier =
      old_row < before_.n_points
          ? earlier_.point_id(old_row) == record.point_id
          : old_row - before_.n_points < earlier_outside_.size() &&
                earlier_outside_.point_id(old_row - before_.n_points) == record.point_id;
  if (!in_earlier)
    throw StorageError("the journal of " + output_ + " has a record (row " +
                       std::to_string(old_row) + ", point " + std::to_string(record.point_id) +
                       ") that is no point of the sweep it records; nothing was changed");
  if (const auto it = row_of_id_.find(record.point_id); it != row_of_id_.end()) {
    record.index = it->second;
  } else {
    auto [slot, fresh] = outside_row_of_.emplace(old_row, now_.size() + header_.outside.size());
    if (fresh)
      header_.outside.push_back(
          old_row < before_.n_points
              ? OutsideRow{static_cast<std::uint32_t>(header_.history.size() - 1), old_row}
              : before_.outside.at(old_row - before_.n_points));
    record.index = slot->second;
  }
  if (is_finished(record.status)) {
    if (!finished_.count(record.index)) ++old_finished_;
    finished_[record.index] = record.index < now_.size();
  }
  frames_ += Journal::record_frame(record);
}

const JournalHeader& SweepExtension::header() const {
  const auto kept = static_cast<std::size_t>(
      std::count_if(finished_.begin(), finished_.end(), [](const auto& f) { return f.second; }));
  if (old_finished_ > 0 && kept == 0)
    throw InputError(output_ + " holds " + std::to_string(old_finished_) +
                     " finished points, none of which is a point of " + now_.spec.path +
                     ", so none would be kept" + fresh_start_hint());
  return header_;
}

std::string SweepExtension::describe() const {
  const auto kept = static_cast<std::size_t>(
      std::count_if(finished_.begin(), finished_.end(), [](const auto& f) { return f.second; }));
  return "extended " + output_ + " from " + before_.sweep_path + " (" +
         std::to_string(before_.n_points) + " points) to " + now_.spec.path + " (" +
         std::to_string(now_.size()) + " points): " + std::to_string(kept) +
         " finished points kept, " + std::to_string(now_.size() - kept) + " to run, " +
         std::to_string(header_.outside.size()) +
         " kept outside the new sweep (in the file, not in it)";
}

}  // namespace diffsweep
