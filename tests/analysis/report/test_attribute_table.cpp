#define BOOST_TEST_MODULE attribute_table
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/attribute_table.hpp"
#include "common/errors.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

ResultsTable with_attribute(const std::string& text) {
  ResultsTable t;
  t.path = "r.h5";
  t.attributes = {{"table", text}};
  return t;
}

std::string error_of(const std::string& text, const std::vector<std::string>& required,
                     const std::vector<std::string>& numeric) {
  try {
    read_attribute_table(with_attribute(text), "table", required, numeric);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(rows_are_read_by_column_name_with_numbers_and_empty_cells) {
  const auto rows =
      read_attribute_table(with_attribute("setting\tmean\tlo\nx=1\t0.25\t\nx=3\t-2\tnan\n"),
                           "table", {"setting", "mean"}, {"mean", "lo"});
  BOOST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[0].at("setting") == "x=1");
  BOOST_TEST(table_number(rows[0], "mean") == 0.25);
  BOOST_TEST(std::isnan(table_number(rows[0], "lo")));  // an empty trailing cell
  BOOST_TEST(table_number(rows[1], "mean") == -2.0);
  BOOST_TEST(std::isnan(table_number(rows[1], "lo")));
  BOOST_TEST(std::isnan(table_number(rows[1], "absent")));
  BOOST_TEST(read_attribute_table(with_attribute("a\n"), "other", {"a"}, {}).empty());
}

BOOST_AUTO_TEST_CASE(a_malformed_table_names_the_file_attribute_and_cell) {
  BOOST_TEST(error_of("a\tb\n1\n", {}, {}) ==
             "r.h5: attribute table: a row has 1 cells, the header 2");
  BOOST_TEST(error_of("a\tb\n1\tx\n", {}, {"b"}) ==
             "r.h5: attribute table: column 'b': value 'x' is not a number");
  BOOST_TEST(error_of("a\tb\n1\t2\n", {"c"}, {}) == "r.h5: attribute table has no column 'c'");
}
