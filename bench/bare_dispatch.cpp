// The reference the runner's dispatch is measured against: a bare MPI request/reply loop that hands
// out empty points one per message and keeps nothing (no journal, no file, no progress). Rank 0
// answers each request with the next index; workers ask until told to stop.
// Usage: mpirun -n K bench_bare_dispatch [POINTS]   (default 1000000)
#include <mpi.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr std::uint64_t stop = ~std::uint64_t{0};

void coordinate(std::uint64_t points, int workers) {
  const double start = MPI_Wtime();
  std::uint64_t next = 0;
  std::uint64_t done = 0;
  int stopped = 0;
  while (stopped < workers) {
    std::uint64_t finished = 0;
    MPI_Status status;
    MPI_Recv(&finished, 1, MPI_UINT64_T, MPI_ANY_SOURCE, 0, MPI_COMM_WORLD, &status);
    if (finished != stop) ++done;
    const std::uint64_t reply = next < points ? next++ : stop;
    if (reply == stop) ++stopped;
    MPI_Send(&reply, 1, MPI_UINT64_T, status.MPI_SOURCE, 0, MPI_COMM_WORLD);
  }
  const double seconds = MPI_Wtime() - start;
  std::printf("bare request/reply, %d workers: %llu points in %.3f s, %.0f points/s\n", workers,
              static_cast<unsigned long long>(done), seconds, static_cast<double>(done) / seconds);
}

void work() {
  std::uint64_t finished = stop;  // the first request carries no point
  while (true) {
    MPI_Send(&finished, 1, MPI_UINT64_T, 0, 0, MPI_COMM_WORLD);
    MPI_Recv(&finished, 1, MPI_UINT64_T, 0, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (finished == stop) return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  const std::uint64_t points = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  if (size < 2) {
    if (rank == 0) std::fprintf(stderr, "bench_bare_dispatch: run under mpirun -n 2 or more\n");
  } else if (rank == 0) {
    coordinate(points, size - 1);
  } else {
    work();
  }
  MPI_Finalize();
  return size < 2 ? 2 : 0;
}
