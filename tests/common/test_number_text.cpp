#define BOOST_TEST_MODULE number_text
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "common/number_text.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(decimals_and_infinities_parse) {
  BOOST_TEST(*parse_decimal("3") == 3.0);
  BOOST_TEST(*parse_decimal("-0.5") == -0.5);
  BOOST_TEST(*parse_decimal("2.5E3") == 2500.0);
  BOOST_TEST(*parse_decimal("1e-4") == 1e-4);
  BOOST_TEST(std::isinf(*parse_decimal("inf")));
  BOOST_TEST(*parse_decimal("-inf") < 0);
  // A tiny number is what the user wrote, not an error; a huge one would silently become inf.
  BOOST_TEST(*parse_decimal("1e-400") == 0.0);
  BOOST_TEST(!parse_decimal("1e400"));
}

BOOST_AUTO_TEST_CASE(what_strtod_would_take_is_refused) {
  for (const char* bad :
       {"", " 1", "1 ", "0x10", "nan", "NaN", "1.2.3", "5ms", "+", "e", "Infinity"})
    BOOST_TEST(!parse_decimal(bad), bad);
}

BOOST_AUTO_TEST_CASE(whole_numbers_have_digits_only_and_a_bound) {
  BOOST_TEST(*parse_whole_number("0", 10) == 0u);
  BOOST_TEST(*parse_whole_number("9223372036854775807", 9223372036854775807ULL) ==
             9223372036854775807ULL);
  BOOST_TEST(!parse_whole_number("9223372036854775808", 9223372036854775807ULL));
  BOOST_TEST(!parse_whole_number("99999999999999999999999", ~0ULL));
  for (const char* bad : {"", "-1", "+1", "1.0", "1e3", " 7"})
    BOOST_TEST(!parse_whole_number(bad, 100), bad);
}

BOOST_AUTO_TEST_CASE(people_see_whole_numbers_in_full) {
  BOOST_TEST(display_number(20000) == "20000");
  BOOST_TEST(display_number(0.123456) == "0.1235");
  BOOST_TEST(display_number(1e20) == "1e+20");
  BOOST_TEST(display_number(std::nan("")) == "-");
}
