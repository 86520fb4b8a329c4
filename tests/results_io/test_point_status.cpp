// A point's status as the file spells it, and the counts the summary and status print.
#define BOOST_TEST_MODULE point_status
#include <boost/test/unit_test.hpp>

#include "results_io/point_status.hpp"

using namespace diffsweep::results;

BOOST_AUTO_TEST_CASE(every_status_reads_back_as_written) {
  for (PointStatus s : {PointStatus::pending, PointStatus::running, PointStatus::done,
                        PointStatus::failed, PointStatus::diverged}) {
    const auto back = status_from_text(to_string(s));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(static_cast<int>(*back) == static_cast<int>(s));
  }
  BOOST_TEST(to_string(PointStatus::diverged) == "diverged");
  BOOST_TEST(!status_from_text("Done").has_value());
  BOOST_TEST(!status_from_text("").has_value());
}

BOOST_AUTO_TEST_CASE(counts_split_finished_from_not_run) {
  StatusCounts c;
  for (PointStatus s : {PointStatus::pending, PointStatus::running, PointStatus::done,
                        PointStatus::done, PointStatus::failed, PointStatus::diverged})
    c.add(s);
  BOOST_TEST(c.done == 2u);
  BOOST_TEST(c.finished() == 4u);
  BOOST_TEST(c.not_run() == 2u);
  BOOST_TEST(c.total() == 6u);
  BOOST_TEST(is_finished(PointStatus::failed));
  BOOST_TEST(!is_finished(PointStatus::running));
}
