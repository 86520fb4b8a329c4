// The bytes of the two messages that carry points: a batch of points to run (coordinator to
// worker) and the records of a batch (worker to coordinator).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/store/point_record.hpp"

namespace diffsweep {

// A point to run and which run of it this is (1 for its first; a retry's seed may depend on it).
struct WorkItem {
  std::uint64_t index = 0;
  std::uint32_t attempt = 1;
};

std::string encode_work(const std::vector<WorkItem>& items);
// Throws std::runtime_error on a malformed message.
std::vector<WorkItem> decode_work(std::string_view bytes);

std::string encode_records(const std::vector<std::string>& encoded_records);
std::vector<PointRecord> decode_records(std::string_view bytes);

}  // namespace diffsweep
