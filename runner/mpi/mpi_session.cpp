#include "runner/mpi/mpi_session.hpp"

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>

namespace diffsweep::mpi {

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw MpiError(std::string(what) + ": " + std::string(text, static_cast<std::size_t>(length)));
}

bool launched_by_mpi() {
  // Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE; srun --mpi=pmix and PMIx launchers set
  // PMIX_RANK; MPICH's hydra and srun --mpi=pmi2 set PMI_RANK.
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(var)) return true;
  return false;
}

namespace {

long env_number(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : -1;
}

// How many processes the launcher started, as it tells them; -1 when it does not say.
long launched_size() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
    if (const long n = env_number(var); n > 0) return n;
  if (std::getenv("SLURM_STEP_ID")) return env_number("SLURM_STEP_NUM_TASKS");
  return -1;
}

// Whether this process is the first the launcher started (the one that explains a refusal).
bool first_launched() {
  for (const char* var : {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", "SLURM_PROCID"})
    if (const long r = env_number(var); r >= 0) return r == 0;
  return true;
}

[[noreturn]] void refuse(const std::string& why) {
  throw LauncherError(first_launched() ? why : std::string());
}

#if defined(OMPI_MAJOR_VERSION)
constexpr const char* built_with = "Open MPI";
constexpr const char* own_launchers = "Open MPI's mpirun (mpirun.openmpi) or srun --mpi=pmix";
#elif defined(MPICH_VERSION)
constexpr const char* built_with = "MPICH";
constexpr const char* own_launchers = "MPICH's mpiexec (mpiexec.mpich) or srun --mpi=pmi2";
#else
constexpr const char* built_with = "";
constexpr const char* own_launchers = "";
#endif

}  // namespace

void check_launcher() {
  const bool openmpi_launcher = std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr;
  const bool pmi_launcher = std::getenv("PMI_RANK") != nullptr && !openmpi_launcher &&
                            std::getenv("PMIX_RANK") == nullptr;
  const std::string library = built_with;
  if (library == "Open MPI" && pmi_launcher)
    refuse(std::string("started by a PMI launcher (MPICH's mpiexec, or srun --mpi=pmi2), but this "
                       "diffsweep is built against Open MPI: start it with ") +
           own_launchers + ", or build it with -DDIFFSWEEP_MPI=mpich");
  if (library == "MPICH" && openmpi_launcher)
    refuse(std::string("started by Open MPI's mpirun, but this diffsweep is built against MPICH: "
                       "start it with ") +
           own_launchers + ", or build it with -DDIFFSWEEP_MPI=openmpi");
  if (!launched_by_mpi() && launched_size() > 1)
    refuse("srun started " + std::to_string(launched_size()) +
           " copies without an MPI plugin, which would each run the whole sweep: start it with " +
           own_launchers + " (srun --mpi=list shows the plugins)");
}

void check_world_size(int size) {
  const long launched = launched_size();
  if (size == 1 && launched > 1)
    refuse("the launcher started " + std::to_string(launched) +
           " processes but MPI sees a world of 1 in each: the launcher does not belong to the MPI "
           "library this diffsweep is built against (" +
           std::string(built_with) + "; start it with " + own_launchers + ")");
}

Session::Session(int& argc, char**& argv) {
  int provided = MPI_THREAD_SINGLE;
  check(MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  second_thread_allowed_ = provided >= MPI_THREAD_FUNNELED;
  // Errors come back as codes (and so as MpiError) instead of aborting the job from inside MPI.
  check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "MPI_Comm_set_errhandler");
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "MPI_Comm_rank");
  check(MPI_Comm_size(MPI_COMM_WORLD, &size_), "MPI_Comm_size");
}

Session::~Session() { MPI_Finalize(); }

Message wait_for_message(int source, const std::function<bool()>& keep_waiting) {
  // Spin for 1 ms before sleeping. A sleeping rank wakes late (a 10 us nanosleep returns after
  // ~250 us on these VMs), so a shorter spin locks a ping-pong into alternate sleeps: each side
  // gives up spinning before the other, asleep, answers, and sleeps in turn (measured: 290 us per
  // round trip with a 50 us spin, 0.5 us with 1 ms, as against 0.3 us for a blocking receive).
  // After the spin, sleep 10 us doubling to 0.5 ms: an idle rank wakes at most 2000 times a
  // second and a long point costs its coordinator 1 ms of spinning, well under 1% of a core.
  using clock = std::chrono::steady_clock;
  const auto spin_until = clock::now() + std::chrono::microseconds(1000);
  long sleep_ns = 0;
  while (true) {
    int flag = 0;
    MPI_Status status;
    check(MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), "MPI_Iprobe");
    if (flag) {
      int count = 0;
      check(MPI_Get_count(&status, MPI_BYTE, &count), "MPI_Get_count");
      Message m;
      m.source = status.MPI_SOURCE;
      m.tag = status.MPI_TAG;
      m.bytes.resize(static_cast<std::size_t>(count));
      check(MPI_Recv(m.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG,
                     MPI_COMM_WORLD, MPI_STATUS_IGNORE),
            "MPI_Recv");
      return m;
    }
    if (!keep_waiting()) return {};
    if (clock::now() < spin_until) continue;
    sleep_ns = sleep_ns == 0 ? 10'000 : std::min(sleep_ns * 2, 500'000L);
    const timespec pause{0, sleep_ns};
    nanosleep(&pause, nullptr);
  }
}

void send(int destination, int tag, const std::string& bytes) {
  check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, destination, tag,
                 MPI_COMM_WORLD),
        "MPI_Send");
}

std::string library_version() {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(text, &length);  // allowed before MPI_Init
  std::string v(text, static_cast<std::size_t>(length));
  if (auto nl = v.find_first_of("\r\n"); nl != std::string::npos) v.resize(nl);
  return v;
}

}  // namespace diffsweep::mpi
