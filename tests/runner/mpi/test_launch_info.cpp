// Who started the process and in which batch job, read from the variables each launcher and
// scheduler sets (here set by the test, after clearing any the suite itself runs under): the
// launchers' own variables before Slurm's step (mpirun inside an allocation), srun only with an
// MPI plugin, and a job array's job id and task index.
#define BOOST_TEST_MODULE launch_info
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "runner/mpi/launch_info.hpp"

using namespace diffsweep;

namespace {

const char* const all_variables[] = {"MPI_LOCALNRANKS",
                                     "HYDI_CONTROL_FD",
                                     "OMPI_MCA_orte_hnp_uri",
                                     "OMPI_COMM_WORLD_SIZE",
                                     "PMIX_RANK",
                                     "PMI_RANK",
                                     "SLURM_STEP_ID",
                                     "SLURM_ARRAY_TASK_ID",
                                     "SLURM_ARRAY_JOB_ID",
                                     "SLURM_JOB_ID",
                                     "PBS_JOBID",
                                     "LSB_JOBID",
                                     "SLURM_STEP_NUM_TASKS",
                                     "PMI_SIZE"};

// The launch as seen with exactly `vars` set.
LaunchInfo with(const std::vector<std::pair<const char*, const char*>>& vars) {
  for (const char* v : all_variables) unsetenv(v);
  for (const auto& [k, v] : vars) setenv(k, v, 1);
  LaunchInfo info = launch_info();
  for (const auto& [k, v] : vars) unsetenv(k);
  return info;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plain_start_is_none_outside_any_job) {
  const LaunchInfo info = with({});
  BOOST_TEST(info.launcher == "none");
  BOOST_TEST(info.job_id == "");
  BOOST_TEST(info.array_task_id == "");
  // srun without an MPI plugin sets its step, but starts no MPI process.
  BOOST_TEST(with({{"SLURM_STEP_ID", "0"}, {"SLURM_JOB_ID", "5"}}).launcher == "none");
}

BOOST_AUTO_TEST_CASE(each_launcher_is_named_by_its_own_variables) {
  // MPICH's hydra: its count of ranks on the node, or its control descriptor.
  BOOST_TEST(with({{"MPI_LOCALNRANKS", "2"}, {"PMI_RANK", "1"}}).launcher == "mpiexec");
  BOOST_TEST(with({{"HYDI_CONTROL_FD", "7"}}).launcher == "mpiexec");
  // Open MPI's mpirun, also inside a Slurm allocation, where its daemons were started by srun.
  BOOST_TEST(
      with({{"OMPI_MCA_orte_hnp_uri", "1234.0;tcp://10.0.0.1:5000"}, {"OMPI_COMM_WORLD_SIZE", "4"}})
          .launcher == "mpirun");
  BOOST_TEST(with({{"OMPI_MCA_orte_hnp_uri", "1234.0;tcp://10.0.0.1:5000"},
                   {"OMPI_COMM_WORLD_SIZE", "4"},
                   {"SLURM_STEP_ID", "0"}})
                 .launcher == "mpirun");
  // srun with its pmix or pmi2 plugin.
  BOOST_TEST(with({{"PMIX_RANK", "0"}, {"SLURM_STEP_ID", "3"}}).launcher == "srun");
  BOOST_TEST(with({{"PMI_RANK", "0"}, {"SLURM_STEP_ID", "0"}}).launcher == "srun");
  // Another launcher that starts MPI processes.
  BOOST_TEST(with({{"PMIX_RANK", "0"}}).launcher == "MPI launcher");
  BOOST_TEST(with({{"OMPI_COMM_WORLD_SIZE", "2"}}).launcher == "MPI launcher");
}

BOOST_AUTO_TEST_CASE(the_job_id_is_the_scheduler_s_and_an_array_task_s_is_its_array_s) {
  BOOST_TEST(with({{"SLURM_JOB_ID", "123"}}).job_id == "123");
  BOOST_TEST(with({{"PBS_JOBID", "77.server"}}).job_id == "77.server");
  BOOST_TEST(with({{"LSB_JOBID", "9"}}).job_id == "9");
  BOOST_TEST(with({{"SLURM_JOB_ID", "123"}, {"PBS_JOBID", "77.server"}}).job_id == "123");
  BOOST_TEST(with({{"PBS_JOBID", "77.server"}, {"LSB_JOBID", "9"}}).job_id == "77.server");

  const LaunchInfo task =
      with({{"SLURM_ARRAY_TASK_ID", "4"}, {"SLURM_ARRAY_JOB_ID", "100"}, {"SLURM_JOB_ID", "104"}});
  BOOST_TEST(task.job_id == "100");
  BOOST_TEST(task.array_task_id == "4");
  BOOST_TEST(task.launcher == "none");
  BOOST_TEST(with({{"SLURM_JOB_ID", "104"}}).array_task_id == "");
}
