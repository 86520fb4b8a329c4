// Who started this process and in which batch job, from the variables launchers and schedulers
// set: recorded in the results file's provenance, so a file says how it was produced.
#pragma once

#include <string>

namespace diffsweep {

struct LaunchInfo {
  // "mpirun" (Open MPI's), "mpiexec" (MPICH's hydra), "srun", "MPI launcher" for another one
  // that starts MPI processes, "none" for a plain start.
  std::string launcher;
  // The scheduler's job id (Slurm, PBS or LSF), empty outside a batch job. For one task of a
  // Slurm job array, the array's job id and the task's index.
  std::string job_id;
  std::string array_task_id;
};

LaunchInfo launch_info();

}  // namespace diffsweep
