#include "runner/mpi/launch_info.hpp"

#include <cstdlib>

#include "runner/mpi/mpi_session.hpp"

namespace diffsweep {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// mpirun inside a Slurm allocation starts its daemons with srun, so its ranks see SLURM_STEP_ID
// too: the launchers' own variables are asked first (hydra's count of ranks on the node, Open
// MPI's contact URI of mpirun, neither of which a rank started directly by srun has).
std::string launcher_name() {
  if (!env("MPI_LOCALNRANKS").empty() || !env("HYDI_CONTROL_FD").empty()) return "mpiexec";
  if (!env("OMPI_MCA_orte_hnp_uri").empty()) return "mpirun";
  if (!mpi::launched_by_mpi()) return "none";
  if (!env("SLURM_STEP_ID").empty()) return "srun";
  return "MPI launcher";
}

}  // namespace

LaunchInfo launch_info() {
  LaunchInfo info;
  info.launcher = launcher_name();
  info.array_task_id = env("SLURM_ARRAY_TASK_ID");
  if (!info.array_task_id.empty()) info.job_id = env("SLURM_ARRAY_JOB_ID");
  for (const char* var : {"SLURM_JOB_ID", "PBS_JOBID", "LSB_JOBID"})
    if (info.job_id.empty()) info.job_id = env(var);
  return info;
}

}  // namespace diffsweep
