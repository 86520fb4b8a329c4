// Finding the ranks of an MPI job from its tests, to kill one of them mid-run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/subprocess.hpp"

namespace diffsweep::test {

#ifdef DIFFSWEEP_MPIEXEC
// `program args` on `ranks` ranks, with the launcher and flags the build found with its MPI
// library (tests/CMakeLists.txt).
inline std::vector<std::string> mpirun(const std::string& program, int ranks,
                                       const std::vector<std::string>& args) {
  std::vector<std::string> c = {DIFFSWEEP_MPIEXEC};
  std::istringstream flags(DIFFSWEEP_MPIEXEC_FLAGS);
  for (std::string f; flags >> f;) c.push_back(f);
  c.insert(c.end(), {"-n", std::to_string(ranks), program});
  c.insert(c.end(), args.begin(), args.end());
  return c;
}
#endif

// The pid of the MPI rank `rank` whose command line mentions `marker`.
inline pid_t find_rank(int rank, const std::string& marker) {
  // Open MPI's and MPICH's launchers name the rank differently.
  const std::string want_ompi = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  const std::string want_pmi = "PMI_RANK=" + std::to_string(rank);
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string cmdline = read_text(e.path() / "cmdline");
    if (cmdline.find(marker) == std::string::npos) continue;
    std::string environ = "\n" + read_text(e.path() / "environ");
    for (char& c : environ)
      if (c == '\0') c = '\n';
    if (environ.find("\n" + want_ompi + "\n") != std::string::npos ||
        environ.find("\n" + want_pmi + "\n") != std::string::npos)
      return std::stoi(name);
  }
  return -1;
}

// The pid of rank `rank` of the job writing `out`, once its journal has grown by `done` points
// at least (-1 if that takes over 10 s). The journal, not the results file: the file moves only
// at snapshots, which a busy machine spaces so widely that a short sweep may end between two.
// Growth is counted in bytes, 200 a point: every record of these tests' sweeps is shorter.
inline pid_t rank_after_points(int rank, const std::string& out, std::int64_t done) {
  pid_t pid = -1;
  std::uintmax_t first = 0;
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(out + ".journal", error);
    if (error) continue;
    if (first == 0) first = size;
    if (pid < 0) pid = find_rank(rank, out);
    if (pid > 0 && size >= first + 200 * static_cast<std::uintmax_t>(done)) return pid;
  }
  return -1;
}

}  // namespace diffsweep::test
