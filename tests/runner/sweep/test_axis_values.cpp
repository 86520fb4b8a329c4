#define BOOST_TEST_MODULE axis_values
#include <boost/test/unit_test.hpp>

#include "runner/sweep/axis_values.hpp"

using diffsweep::expand_axis_values;
using V = std::vector<std::string>;

BOOST_AUTO_TEST_CASE(lists_are_split_and_trimmed) {
  BOOST_TEST(expand_axis_values("1, 2 ,3") == (V{"1", "2", "3"}), boost::test_tools::per_element());
  BOOST_TEST(expand_axis_values("diffusion, classification") == (V{"diffusion", "classification"}),
             boost::test_tools::per_element());
  BOOST_TEST(expand_axis_values(" 7 ") == (V{"7"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(linspace_includes_both_ends) {
  BOOST_TEST(expand_axis_values("linspace(0, 1, 5)") == (V{"0", "0.25", "0.5", "0.75", "1"}),
             boost::test_tools::per_element());
  BOOST_TEST(expand_axis_values("linspace(3, 3, 1)") == (V{"3"}), boost::test_tools::per_element());
  // One point is lo, as in numpy; a space before the bracket is fine.
  BOOST_TEST(expand_axis_values("linspace(1, 2, 1)") == (V{"1"}), boost::test_tools::per_element());
  BOOST_TEST(expand_axis_values("logspace (1, 100, 3)") == (V{"1", "10", "100"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(logspace_is_geometric_with_clean_decades) {
  BOOST_TEST(expand_axis_values("logspace(0.01, 100, 5)") == (V{"0.01", "0.1", "1", "10", "100"}),
             boost::test_tools::per_element());
  const auto v = expand_axis_values("logspace(1, 8, 4)");
  BOOST_TEST(v == (V{"1", "2", "4", "8"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(malformed_axes_are_rejected) {
  for (const char* bad :
       {"", "  ", "1,,2", "1,", "linspace(0, 1)", "linspace(0, 1, 0)", "linspace(0, 1, 2.5)",
        "logspace(0, 1, 3)", "logspace(-1, 1, 3)", "linspace(a, 1, 3)", "linspace(0, 1, 3"}) {
    BOOST_TEST_CONTEXT("axis '" << bad << "'") {
      BOOST_CHECK_THROW(expand_axis_values(bad), std::invalid_argument);
    }
  }
}
