#include "analysis/transfer/comparison_sentences.hpp"

namespace diffsweep::analysis {

void record(Report& r, const std::string& where, const std::string& metric, const std::string& a,
            const std::string& b, const Comparison& c) {
  for (const auto& row : r.comparisons)
    if (row.where == where && row.metric == metric && row.a == a && row.b == b) return;
  r.comparisons.push_back({where, metric, a, b, c});
}

std::string short_difference(const Comparison& c) {
  const auto& d = c.difference;
  std::string s = fmt(d.mean, 2);
  if (std::isfinite(d.lo)) s += " " + interval_text(d.lo, d.hi) + ", " + p_value_text(d.p_value);
  return s;
}

std::string outcomes_sentence(const std::vector<std::pair<std::string, Comparison>>& against,
                              bool at) {
  const std::pair<Outcome, const char*> groups[] = {
      {Outcome::wins, "wins against "},
      {Outcome::loses, "loses to "},
      {Outcome::ties, "ties with "},
      {Outcome::undetermined, "is undetermined against "},
      {Outcome::too_few, "has too few pairs against "}};
  const std::pair<Outcome, const char*> places[] = {{Outcome::wins, "wins "},
                                                    {Outcome::loses, "loses "},
                                                    {Outcome::ties, "ties "},
                                                    {Outcome::undetermined, "is undetermined "},
                                                    {Outcome::too_few, "has too few pairs "}};
  std::string out;
  for (const auto& [outcome, words] : at ? places : groups) {
    std::vector<std::string> names;
    for (const auto& [name, c] : against)
      if (c.outcome == outcome) names.push_back(name + " (" + short_difference(c) + ")");
    if (names.empty()) continue;
    out += (out.empty() ? "" : "; ") + std::string(words) + word_list(names);
  }
  return out;
}

}  // namespace diffsweep::analysis
