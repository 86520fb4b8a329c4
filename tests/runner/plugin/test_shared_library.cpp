// A shared library opened and closed with its owner: its symbols found and called, a missing one
// null, a file that is no library refused with dlerror's words, and the library unloaded when its
// owner goes (asked with RTLD_NOLOAD, which opens only what is loaded already).
#define BOOST_TEST_MODULE shared_library
#include <dlfcn.h>

#include <boost/test/unit_test.hpp>
#include <string>

#include "runner/plugin/shared_library.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

const std::string library = std::string(DIFFSWEEP_TEST_PLUGIN_DIR) + "/plain_library.so";

bool loaded(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle) dlclose(handle);
  return handle != nullptr;
}

std::string refusal(const std::string& path) {
  try {
    SharedLibrary l(path);
  } catch (const SharedLibraryError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(its_symbols_are_found_and_it_is_unloaded_with_its_owner) {
  BOOST_TEST(!loaded(library));
  {
    const SharedLibrary l(library);
    BOOST_TEST(loaded(library));
    const auto answer = reinterpret_cast<int (*)()>(l.symbol("diffsweep_test_answer"));
    BOOST_TEST_REQUIRE(answer != nullptr);
    BOOST_TEST(answer() == 42);
    BOOST_TEST(l.symbol("diffsweep_plugin_v1") == nullptr);
  }
  BOOST_TEST(!loaded(library));
  // Opened again after that, it works again.
  const SharedLibrary again(library);
  BOOST_TEST(reinterpret_cast<int (*)()>(again.symbol("diffsweep_test_answer"))() == 42);
}

BOOST_AUTO_TEST_CASE(what_does_not_load_is_refused_with_dlerror_s_words) {
  const std::string dir = test::fresh_dir("shared-library");
  test::write_text(dir + "/text.so", "not a library, though named like one\n");
  const std::string text = refusal(dir + "/text.so");
  BOOST_TEST(text.starts_with(dir + "/text.so: "), text);
  BOOST_TEST((text.find("invalid ELF header") != std::string::npos ||
              text.find("file too short") != std::string::npos),
             text);
  const std::string missing = refusal(dir + "/missing.so");
  BOOST_TEST(missing.find("No such file or directory") != std::string::npos, missing);
}
