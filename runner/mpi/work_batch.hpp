// The bytes of the two messages that carry points: a batch of point indices (coordinator to
// worker) and the records of a batch (worker to coordinator).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/store/point_record.hpp"

namespace diffsweep {

std::string encode_indices(const std::vector<std::uint64_t>& indices);
// Throws std::runtime_error on a malformed message.
std::vector<std::uint64_t> decode_indices(std::string_view bytes);

std::string encode_records(const std::vector<std::string>& encoded_records);
std::vector<PointRecord> decode_records(std::string_view bytes);

}  // namespace diffsweep
