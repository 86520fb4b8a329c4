// The two messages that carry points between the coordinator and a worker, without MPI: a batch
// of work and a batch of records survive encoding, and a cut or padded message is refused rather
// than misread.
#define BOOST_TEST_MODULE work_batch
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "runner/mpi/work_batch.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(a_batch_of_work_round_trips) {
  const std::vector<WorkItem> items = {
      {0, 1}, {7, 2}, {std::numeric_limits<std::uint64_t>::max(), 4000000000u}};
  const std::vector<WorkItem> back = decode_work(encode_work(items));
  BOOST_REQUIRE(back.size() == items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    BOOST_TEST(back[k].index == items[k].index);
    BOOST_TEST(back[k].attempt == items[k].attempt);
  }
}

BOOST_AUTO_TEST_CASE(a_malformed_work_message_is_refused) {
  const std::string bytes = encode_work({{3, 1}, {4, 1}});
  BOOST_CHECK_THROW(decode_work(""), std::runtime_error);
  BOOST_CHECK_THROW(decode_work(encode_work({})), std::runtime_error);  // a batch is never empty
  BOOST_CHECK_THROW(decode_work(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  BOOST_CHECK_THROW(decode_work(bytes + "x"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_batch_of_records_round_trips_in_order) {
  std::vector<PointRecord> records(3);
  std::vector<std::string> encoded;
  for (std::size_t k = 0; k < records.size(); ++k) {
    records[k].index = 10 + k;
    records[k].point_id = 0xabcdef00ULL + k;
    records[k].status = k == 1 ? PointStatus::failed : PointStatus::done;
    records[k].error = k == 1 ? "bad input" : "";
    records[k].result.scalars = {{"R", 0.5 * double(k)}};
    records[k].result.series = {{"step", std::vector<double>(k, 1.0)}};
    encoded.push_back(encode(records[k]));
  }
  const std::vector<PointRecord> back = decode_records(encode_records(encoded));
  BOOST_REQUIRE(back.size() == records.size());
  for (std::size_t k = 0; k < records.size(); ++k) {
    BOOST_TEST(back[k].index == records[k].index);
    BOOST_TEST(back[k].point_id == records[k].point_id);
    BOOST_TEST(static_cast<int>(back[k].status) == static_cast<int>(records[k].status));
    BOOST_TEST(back[k].error == records[k].error);
    BOOST_TEST(back[k].result.scalars.at("R") == records[k].result.scalars.at("R"));
    BOOST_TEST(back[k].result.series.at("step").size() == k);
  }
  BOOST_TEST(decode_records(encode_records({})).empty());
}

BOOST_AUTO_TEST_CASE(a_malformed_records_message_is_refused) {
  PointRecord r;
  r.result.scalars = {{"R", 1.0}};
  const std::string bytes = encode_records({encode(r), encode(r)});
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, std::size_t{9}, bytes.size() - 1})
    BOOST_CHECK_THROW(decode_records(bytes.substr(0, cut)), std::runtime_error);
  BOOST_CHECK_THROW(decode_records(bytes + "x"), std::runtime_error);
}
