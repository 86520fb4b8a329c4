// The one place diffsweep touches MPI, in a process of its own (MPI's singleton start, no
// launcher): which launcher started a process and the refusals of one that does not fit, MPI's
// errors as MpiError with MPI's words, and the wait for a message that gives up when told.
#define BOOST_TEST_MODULE mpi_session
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <map>
#include <optional>

#include "runner/mpi/mpi_session.hpp"

using namespace diffsweep;

namespace {

const char* const launcher_variables[] = {
    "OMPI_COMM_WORLD_SIZE", "OMPI_COMM_WORLD_RANK", "PMIX_RANK",   "PMI_RANK", "PMI_SIZE",
    "SLURM_STEP_ID",        "SLURM_STEP_NUM_TASKS", "SLURM_PROCID"};

// The launcher's variables set to `values` (all others unset) while it lives.
class LaunchedBy {
 public:
  explicit LaunchedBy(const std::map<std::string, std::string>& values) {
    for (const char* name : launcher_variables) {
      if (const char* v = std::getenv(name)) saved_[name] = v;
      unsetenv(name);
    }
    for (const auto& [name, value] : values) setenv(name.c_str(), value.c_str(), 1);
  }
  ~LaunchedBy() {
    for (const char* name : launcher_variables) unsetenv(name);
    for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
  }

 private:
  std::map<std::string, std::string> saved_;
};

// The refusal's message, or nothing when the launcher fits.
std::optional<std::string> refusal(void (*check)()) {
  try {
    check();
  } catch (const mpi::LauncherError& e) {
    BOOST_TEST(e.status() == exit_bad_input);
    return std::string(e.what());
  }
  return std::nullopt;
}

bool contains(const std::optional<std::string>& text, const std::string& part) {
  return text && text->find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_launcher_is_told_from_its_variables) {
  {
    LaunchedBy none(std::map<std::string, std::string>{});
    BOOST_TEST(!mpi::launched_by_mpi());
    BOOST_TEST(!refusal(mpi::check_launcher).has_value());
  }
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    LaunchedBy one({{std::string(variable), "2"}});
    BOOST_TEST(mpi::launched_by_mpi(), variable);
  }
}

BOOST_AUTO_TEST_CASE(a_launcher_that_does_not_fit_is_refused_by_the_first_process_alone) {
  {
    // srun without an MPI plugin starts copies that would each run the whole sweep.
    LaunchedBy srun({{"SLURM_STEP_ID", "0"}, {"SLURM_STEP_NUM_TASKS", "4"}, {"SLURM_PROCID", "0"}});
    BOOST_TEST(
        contains(refusal(mpi::check_launcher), "srun started 4 copies without an MPI plugin"));
  }
  {
    LaunchedBy later_copy(
        {{"SLURM_STEP_ID", "0"}, {"SLURM_STEP_NUM_TASKS", "4"}, {"SLURM_PROCID", "2"}});
    BOOST_TEST(refusal(mpi::check_launcher).value_or("none") == "");
  }
#if defined(OMPI_MAJOR_VERSION)
  LaunchedBy mpich({{"PMI_RANK", "0"}, {"PMI_SIZE", "3"}});
  BOOST_TEST(contains(refusal(mpi::check_launcher), "built against Open MPI"));
#elif defined(MPICH_VERSION)
  LaunchedBy openmpi({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "0"}});
  BOOST_TEST(contains(refusal(mpi::check_launcher), "built against MPICH"));
#endif
}

BOOST_AUTO_TEST_CASE(a_world_of_one_is_refused_when_the_launcher_started_several) {
  LaunchedBy three({{"OMPI_COMM_WORLD_SIZE", "3"}, {"OMPI_COMM_WORLD_RANK", "0"}});
  BOOST_TEST(contains(refusal([] { mpi::check_world_size(1); }), "started 3 processes"));
  BOOST_TEST(!refusal([] { mpi::check_world_size(3); }).has_value());
}

// Last: MPI starts once per process. Then the session's calls, to itself.
BOOST_AUTO_TEST_CASE(a_session_sends_waits_and_turns_errors_into_exceptions) {
  int argc = 1;
  char name[] = "test_mpi_session";
  char* args[] = {name, nullptr};
  char** argv = args;
  mpi::Session session(argc, argv);
  BOOST_TEST(session.rank() == 0);
  BOOST_TEST(session.size() == 1);
  BOOST_TEST(session.second_thread_allowed());
  BOOST_TEST(!mpi::library_version().empty());

  mpi::MpiTransport transport;
  transport.send(0, mpi::tag_result, "records");
  const mpi::Message m = transport.receive(mpi::any_source, [] { return true; });
  BOOST_TEST(m.source == 0);
  BOOST_TEST(m.tag == mpi::tag_result);
  BOOST_TEST(m.bytes == "records");

  int looks = 0;
  const mpi::Message none = transport.receive(0, [&] { return ++looks < 5; });
  BOOST_TEST(none.tag == 0);
  BOOST_TEST(looks == 5);

  BOOST_CHECK_EXCEPTION(transport.send(7, mpi::tag_work, "x"), mpi::MpiError,
                        [](const mpi::MpiError& e) {
                          const std::string what = e.what();
                          return what.rfind("MPI: MPI_Send: ", 0) == 0 &&
                                 what.size() > std::string("MPI: MPI_Send: ").size();
                        });
  BOOST_CHECK_NO_THROW(mpi::check(MPI_SUCCESS, "nothing"));
}
