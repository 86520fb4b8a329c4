#define BOOST_TEST_MODULE progress
#include <boost/test/unit_test.hpp>

#include "runner/cli/progress.hpp"

using namespace diffsweep;

namespace {

ProgressCounts counts(std::size_t done, std::size_t failed, std::size_t diverged, int busy = -1,
                      int workers = 0) {
  ProgressCounts c;
  c.ran.done = done;
  c.ran.failed = failed;
  c.ran.diverged = diverged;
  c.busy_workers = busy;
  c.workers = workers;
  return c;
}

}  // namespace

// 2 points in 5 minutes: a rate of 0.0067 points/s reads as the time per point.
BOOST_AUTO_TEST_CASE(a_slow_sweep_shows_its_time_per_point) {
  const std::string line = progress_text(960, 540, counts(2, 0, 0, 2, 2), 301.0, false);
  BOOST_TEST(line == "542/960 points  2m31s/point  eta 17h28m  2/2 busy");
  BOOST_TEST(line.find("points/s") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(before_any_point_finished_no_rate_is_shown) {
  BOOST_TEST(progress_text(960, 540, counts(0, 0, 0, 2, 2), 20.0, false) ==
             "540/960 points  eta ?  2/2 busy  20s elapsed");
}

BOOST_AUTO_TEST_CASE(a_fast_sweep_shows_points_per_second_and_failures_once_there_are_some) {
  BOOST_TEST(progress_text(100000, 0, counts(5000, 0, 0), 2.0, false) ==
             "5000/100000 points  2500 points/s  eta 38s  2s elapsed");
  BOOST_TEST(progress_text(100, 0, counts(7, 2, 1), 2.0, false) ==
             "10/100 points  2 failed  1 diverged  5.0 points/s  eta 18s");
}

// The line fits 60 columns: the elapsed time goes first, then the busy workers, then the word
// "points" of the count, then a space of each gap; the rate's unit and the ETA stay.
BOOST_AUTO_TEST_CASE(a_long_line_leaves_out_elapsed_then_workers) {
  BOOST_TEST(progress_text(100000, 0, counts(25000, 2, 3, 15, 16), 10.0, false) ==
             "25005/100000  2 failed  3 diverged  2500 points/s  eta 30s");
  BOOST_TEST(progress_text(100000, 0, counts(25000, 120, 300, 15, 16), 10.0, false) ==
             "25420/100000 120 failed 300 diverged 2542 points/s eta 29s");
  for (std::size_t done : {1u, 10u, 1000u, 98000u})
    for (double elapsed : {0.5, 1e3, 1e5}) {
      const std::string l = progress_text(99999, 0, counts(done, 500, 499, 16, 16), elapsed, false);
      BOOST_TEST(l.size() <= progress_columns, l);
      BOOST_TEST(l.find("eta ") != std::string::npos, l);
      BOOST_TEST((l.find("points/s") != std::string::npos || l.find("/point") != std::string::npos),
                 l);
    }
}

// The final line has no ETA and keeps the elapsed time before the workers.
BOOST_AUTO_TEST_CASE(the_final_line_says_how_long_the_run_took) {
  BOOST_TEST(progress_text(960, 0, counts(960, 0, 0, 0, 2), 7200.0, true) ==
             "960/960 points  7.5s/point  2h00m elapsed  0/2 busy");
}
