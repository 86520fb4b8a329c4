// fsync of a file and of the folder that holds a name: done without error where they exist, and a
// sync that cannot happen is a StorageError naming the path and the system's reason, never a
// silent success.
#define BOOST_TEST_MODULE file_sync
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "common/errors.hpp"
#include "common/file_sync.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// The StorageError's message, or "" when the call succeeds.
template <class Call>
std::string failure(Call&& call) {
  try {
    call();
  } catch (const StorageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_existing_file_and_folder_sync) {
  const std::string dir = test::fresh_dir("file-sync");
  test::write_text(dir + "/a.txt", "kept");
  BOOST_TEST(failure([&] { fsync_path(dir + "/a.txt"); }) == "");
  BOOST_TEST(test::read_text(dir + "/a.txt") == "kept");
  // The folder of a name about to exist, and of a file.
  BOOST_TEST(failure([&] { fsync_folder_of(dir + "/not-yet.h5"); }) == "");
  BOOST_TEST(failure([&] { fsync_folder_of(dir + "/a.txt"); }) == "");
  // A relative name: the working directory's folder.
  BOOST_TEST(failure([&] { fsync_folder_of("relative-name.h5"); }) == "");
  BOOST_TEST(!std::filesystem::exists(dir + "/not-yet.h5"));  // nothing is created
}

BOOST_AUTO_TEST_CASE(a_sync_that_cannot_happen_names_the_path) {
  const std::string dir = test::fresh_dir("file-sync-missing");
  BOOST_TEST(failure([&] { fsync_path(dir + "/none.h5"); }) ==
             "cannot sync " + dir + "/none.h5: No such file or directory");
  BOOST_TEST(failure([&] { fsync_folder_of(dir + "/gone/x.h5"); }) ==
             "cannot sync the folder " + dir + "/gone: No such file or directory");
  // A file is no folder.
  test::write_text(dir + "/file", "");
  BOOST_TEST(failure([&] { fsync_folder_of(dir + "/file/x.h5"); }) ==
             "cannot sync the folder " + dir + "/file: Not a directory");
}
