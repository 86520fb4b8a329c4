#include "analysis/transfer/transfer_rows.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/report/row_groups.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// Every knob at its default.
bool has_plain_knobs(const ResultsTable& t, std::size_t row) {
  return std::all_of(knobs.begin(), knobs.end(),
                     [&](const char* k) { return t.at_default(k, row); });
}

bool is_learned(const ResultsTable& t, std::size_t row) {
  const std::string method = method_of(t, row);
  if (method == tr::methods::source_only || method == tr::methods::exact_target) return false;
  return method != tr::methods::tgdp || t.at_default(tr::param::oracle, row);
}

// The axes that say which method a row is (its estimator, oracle, regularisers). The other swept
// axes besides n_target (target_rotation, dim, ...) say where it ran: its setting.
bool names_method(const std::string& axis) {
  return axis == tr::param::method || axis == tr::param::oracle ||
         axis == tr::param::guidance_estimator ||
         std::find(knobs.begin(), knobs.end(), axis) != knobs.end();
}

// "tgdp oracle=ratio eta1=1": the method, then each other method axis whose value differs from
// the sweep's first row (with cases, rows that ignore an axis hold its default there).
std::string method_label(const ResultsTable& t, const std::vector<std::string>& by, std::size_t i) {
  std::string label = method_of(t, i);
  for (const auto& name : by)
    if (name != tr::param::method && names_method(name) &&
        t.value_text(name, i) != t.value_text(name, 0))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label.empty() ? "all" : label;
}

// "target_rotation=10": every setting axis, its first value named too, so no row's setting is
// left for the reader to infer.
std::string setting_label(const ResultsTable& t, const std::vector<std::string>& by,
                          std::size_t i) {
  std::string label;
  for (const auto& name : by)
    if (!names_method(name))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label;
}

}  // namespace

std::string method_of(const ResultsTable& t, std::size_t row) {
  return t.has(tr::param::method) ? t.value_text(tr::param::method, row) : "";
}

TransferRows::TransferRows(const ResultsTable& table, const AnalysisParameters& parameters)
    : t(table), p(parameters) {
  for (const auto& axis : t.axes)
    if (axis != tr::param::n_target && t.has(axis)) by.push_back(axis);
  add_method_rows();
  assign_colors();
  for (const auto& m : methods)
    if (std::find(settings.begin(), settings.end(), m.setting) == settings.end())
      settings.push_back(m.setting);
  for (const auto& info : metric_infos())
    if (t.has(info.name) && t.columns.at(info.name).role == Role::metric &&
        !rows_with(info.name).empty())
      metrics.push_back(info);
}

void TransferRows::add_method_rows() {
  const auto& n = t.numbers(tr::param::n_target);
  const std::vector<double> no_replicates(t.rows, 0.0);
  const auto& replicate =
      t.has(results::column::replicate) ? t.numbers(results::column::replicate) : no_replicates;
  for (const auto& g : group_rows(t, by, [&](std::size_t i) { return t.done(i); })) {
    const std::size_t first = g.rows.front();
    MethodRow m;
    m.method = method_label(t, by, first);
    m.setting = setting_label(t, by, first);
    m.label = m.method + (m.setting.empty() ? "" : " " + m.setting);
    m.first = first;
    m.learned = is_learned(t, first);
    m.main = has_plain_knobs(t, first);
    m.plain = method_of(t, first) == tr::methods::tgdp && m.learned && m.main;
    for (auto i : g.rows) m.rows[n[i]][replicate[i]] = i;
    for (const auto& [nv, rows] : m.rows) n_values.insert(nv);
    methods.push_back(std::move(m));
  }
}

// One colour per method, the same in every setting's panel and every figure. The main rows take
// the palette's first, strongest colours, so no two of them in one figure differ only in shade;
// the variants follow (their figure shows plain TGDP in its colour too).
void TransferRows::assign_colors() {
  std::map<std::string, int> colors;
  for (const bool main : {true, false})
    for (auto& m : methods)
      if (m.main == main) m.color = colors.try_emplace(m.method, int(colors.size())).first->second;
}

std::map<double, double> TransferRows::values(std::size_t k, double n,
                                              const std::string& metric) const {
  std::map<double, double> out;
  const auto it = methods[k].rows.find(n);
  if (it == methods[k].rows.end() || !t.has(metric)) return out;
  for (const auto& [rep, i] : it->second)
    if (std::isfinite(t.numbers(metric)[i])) out[rep] = t.numbers(metric)[i];
  return out;
}

bool TransferRows::has(std::size_t k, const std::string& metric) const {
  for (double n : n_values)
    if (!values(k, n, metric).empty()) return true;
  return false;
}

std::vector<std::size_t> TransferRows::rows_with(const std::string& metric) const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < methods.size(); ++k)
    if (has(k, metric)) out.push_back(k);
  return out;
}

std::pair<Spread, Interval> TransferRows::median(std::size_t k, double n,
                                                 const std::string& metric) const {
  std::vector<double> v;
  for (const auto& [rep, value] : values(k, n, metric)) v.push_back(value);
  const Spread s = spread_of(v);
  Interval in = no_interval();
  if (s.count >= static_cast<std::size_t>(p.min_replicates)) {
    Strata one(1);
    for (std::size_t i = 0; i < v.size(); ++i) one[0].push_back(i);
    in = median_interval(v, one, p,
                         "transfer|" + methods[k].label + "|" + fmt(n, 17) + "|" + metric);
  }
  return {s, in};
}

MeanInterval TransferRows::geometric_mean(std::size_t k, double n,
                                          const std::string& metric) const {
  std::vector<double> logs;
  for (const auto& [rep, v] : values(k, n, metric))
    if (v > 0) logs.push_back(std::log(v));
  MeanInterval m = mean_interval(logs, p.level);
  if (m.n < static_cast<std::size_t>(p.min_replicates)) m.lo = m.hi = std::nan("");
  m.mean = std::exp(m.mean);
  m.lo = std::exp(m.lo);
  m.hi = std::exp(m.hi);
  return m;
}

Comparison TransferRows::compare(std::size_t a, std::size_t b, double n,
                                 const MetricInfo& metric) const {
  const auto va = values(a, n, metric.name), vb = values(b, n, metric.name);
  std::vector<double> xa, xb;
  for (const auto& [rep, v] : va)
    if (vb.count(rep)) xa.push_back(v), xb.push_back(vb.at(rep));
  return compare_paired(xa, xb, metric.higher_better, p);
}

std::optional<std::size_t> TransferRows::find(const std::string& column, const std::string& value,
                                              const std::optional<std::string>& setting) const {
  for (std::size_t k = 0; k < methods.size(); ++k) {
    const std::size_t i = methods[k].first;
    if (t.has(column) && t.value_text(column, i) == value && methods[k].main &&
        (!setting || methods[k].setting == *setting))
      return k;
  }
  return std::nullopt;
}

std::optional<std::size_t> TransferRows::plain_tgdp() const {
  for (std::size_t k = 0; k < methods.size(); ++k)
    if (methods[k].plain) return k;
  return std::nullopt;
}

std::vector<std::size_t> TransferRows::plain_tgdp_per_setting() const {
  std::vector<std::size_t> out;
  const auto first = plain_tgdp();
  for (std::size_t k = 0; first && k < methods.size(); ++k)
    if (methods[k].plain && methods[k].method == methods[*first].method) out.push_back(k);
  return out;
}

std::optional<std::size_t> TransferRows::plain_tgdp_in(const std::string& setting) const {
  for (auto k : plain_tgdp_per_setting())
    if (methods[k].setting == setting) return k;
  return std::nullopt;
}

const MetricInfo* TransferRows::metric(const std::string& name) const {
  for (const auto& m : metrics)
    if (m.name == name) return &m;
  return nullptr;
}

ReplicateCount TransferRows::replicates() const {
  std::vector<std::string> keys;
  for (const auto& m : methods)
    for (const auto& [n, reps] : m.rows)
      for (std::size_t k = 0; k < reps.size(); ++k) keys.push_back(m.label + fmt(n, 17));
  return replicate_count(strata_of(keys));
}

std::string n_text(double n) { return "n_target = " + fmt(n); }

}  // namespace diffsweep::analysis
