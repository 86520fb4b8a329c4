// Each swept regulariser, and the guidance target: a TGDP row that differs from plain TGDP in one
// knob, paired against plain TGDP of its own setting, and what it costs in training time.
#pragma once

#include <string>
#include <vector>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

struct Variant {
  std::size_t row = 0;   // the variant's method row
  std::size_t tgdp = 0;  // plain TGDP in the variant's setting
};

// The learned TGDP rows whose only non-default knob is `knob`: a row that changes two knobs
// cannot say which one moved it.
std::vector<Variant> single_knob_variants(const TransferRows& d, const std::string& knob);

// The verdicts and their claim.
void regulariser_verdicts(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
