// The compiler builds what the code says. GCC 12.2's SLP vectoriser, with -march=native on an
// AVX-512 machine, builds std::vector<std::int64_t>{1, 1, 1, 0} as {1, 1, 1, 1} (a run of equal
// values followed by zeros); the build turns that pass off for GCC before 13 (CMakeLists.txt).
// These lists fail here if it is on again.
#define BOOST_TEST_MODULE compiler
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <vector>

BOOST_AUTO_TEST_CASE(constant_lists_are_built_as_written) {
  // Element by element: a comparison with another such list is miscompiled the same way.
  const std::vector<std::int64_t> a = {1, 1, 1, 0};
  BOOST_TEST(a[0] == 1);
  BOOST_TEST(a[3] == 0);
  const std::vector<std::int64_t> b = {5, 5, 0, 0};
  BOOST_TEST(b[2] == 0);
  BOOST_TEST(b[3] == 0);
  const std::vector<double> c = {3, 3, 3, 3, 0, 0, 0, 0};
  for (std::size_t k = 4; k < c.size(); ++k) BOOST_TEST(c[k] == 0.0);
}
