#define BOOST_TEST_MODULE point_record
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "runner/store/point_record.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(encode_decode_round_trip_is_exact) {
  PointRecord r;
  r.index = 12345;
  r.point_id = 0xfedcba9876543210ULL;
  r.status = PointStatus::diverged;
  r.error = "metric 'R' is nan";
  r.worker = 3;
  r.wall_seconds = 1.25;
  r.result.scalars = {{"R", std::nan("")}, {"S", 0.1}, {"N", -1e300}};
  r.result.series = {{"step", {0, 10, 20}}, {"empty", {}}};
  const PointRecord d = decode(encode(r));
  BOOST_TEST(d.index == r.index);
  BOOST_TEST(d.point_id == r.point_id);
  BOOST_TEST(static_cast<int>(d.status) == static_cast<int>(r.status));
  BOOST_TEST(d.error == r.error);
  BOOST_TEST(d.worker == 3);
  BOOST_TEST(d.wall_seconds == 1.25);
  BOOST_TEST(std::isnan(d.result.scalars.at("R")));
  BOOST_TEST(d.result.scalars.at("N") == -1e300);
  BOOST_TEST(d.result.series.at("step") == r.result.series.at("step"),
             boost::test_tools::per_element());
  BOOST_TEST(d.result.series.at("empty").empty());
}

BOOST_AUTO_TEST_CASE(truncated_or_padded_bytes_are_rejected) {
  PointRecord r;
  r.result.series["x"] = {1, 2, 3};
  const std::string bytes = encode(r);
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, bytes.size() - 1})
    BOOST_CHECK_THROW(decode(bytes.substr(0, cut)), std::runtime_error);
  BOOST_CHECK_THROW(decode(bytes + "x"), std::runtime_error);
}
