// Where a program finds its shipped files: share/diffsweep beside the folder of its own binary,
// wherever the binary was copied to, and through a symbolic link to it (the link's own folder is
// not where the files are). This test binary is the program: a copy of it reports its own answer.
#define BOOST_TEST_MODULE install_layout
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>

#include "common/install_layout.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

// Set for a copy of this binary: the file it writes its shared_data_dir() to.
constexpr const char* report_variable = "DIFFSWEEP_TEST_SHARED_DIR_TO";

}  // namespace

BOOST_AUTO_TEST_CASE(the_running_program_reports_its_shared_dir) {
  const std::string dir = shared_data_dir();
  BOOST_TEST(fs::path(dir).is_absolute(), dir);
  BOOST_TEST(fs::path(dir).filename() == "diffsweep", dir);
  BOOST_TEST(fs::path(dir).parent_path().filename() == "share", dir);
  if (const char* to = std::getenv(report_variable)) test::write_text(to, dir);
}

BOOST_AUTO_TEST_CASE(a_copy_and_a_link_to_it_find_the_share_folder_beside_the_copy) {
  const fs::path root = fs::canonical(test::fresh_dir("install-layout"));
  fs::create_directories(root / "prefix" / "bin");
  const fs::path copy = root / "prefix" / "bin" / "program";
  fs::copy_file("/proc/self/exe", copy);
  fs::permissions(copy, fs::perms::owner_all);
  fs::create_directories(root / "elsewhere" / "bin");
  fs::create_symlink(copy, root / "elsewhere" / "bin" / "link");

  const std::string report = (root / "report.txt").string();
  ::setenv(report_variable, report.c_str(), 1);
  for (const fs::path& program : {copy, root / "elsewhere" / "bin" / "link"}) {
    BOOST_TEST_CONTEXT(program) {
      fs::remove(report);
      const test::ProcessResult r = test::run_process(
          {program.string(), "--run_test=the_running_program_reports_its_shared_dir"},
          root.string());
      BOOST_TEST(r.status == 0, r.out << r.err);
      BOOST_TEST(test::read_text(report) == (root / "prefix" / "share" / "diffsweep").string());
    }
  }
  ::unsetenv(report_variable);
}
