# Sourced by the Slurm end-to-end tests: what they ask of results files and of Slurm's jobs.
# Polls, never fixed sleeps: the tests must pass on a busy machine.

count() {  # count STATUS FILE -> how many points of FILE have STATUS
  /usr/bin/python3 -c "import h5py,sys; print(list(h5py.File(sys.argv[2],'r')['points']['status'][()]).count(sys.argv[1].encode()))" "$1" "$2"
}
attr() {  # attr NAME FILE -> the file attribute NAME
  /usr/bin/python3 -c "import h5py,sys; v=h5py.File(sys.argv[2],'r').attrs[sys.argv[1]]; print(v.decode() if isinstance(v,bytes) else v)" "$1" "$2"
}
hosts() {  # hosts FILE -> the hosts that ran its points, sorted, comma-separated
  /usr/bin/python3 -c "import h5py,sys; print(','.join(sorted({h.decode() for h in h5py.File(sys.argv[1],'r')['points']['host'][()] if h})))" "$1"
}
done_once() {  # done_once FILE -> how many points are done after exactly one attempt
  /usr/bin/python3 -c "import h5py,sys; p=h5py.File(sys.argv[1],'r')['points']; print(sum(1 for s, a in zip(p['status'][()], p['attempts'][()]) if s == b'done' and a == 1))" "$1"
}
job_field() {  # job_field JOB NAME -> NAME's value in scontrol show job (kept a while after the end)
  scontrol show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}
started() { [ -f "$1" ] && [ "$(count done "$1")" -ge 6 ]; }   # started FILE: 6 points done
ended() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }           # ended JOB: left the queue
requeued() { [ "$(job_field "$1" Restarts)" = 1 ] && [ "$(job_field "$1" JobState)" = PENDING ]; }
# stepds_gone JOB: no slurmstepd of JOB runs on this machine (a stepd names itself "slurmstepd:
# [JOB.STEP]"). One outlives its step's tasks while it cleans up.
stepds_gone() {
  local p title
  for p in /proc/[0-9]*/cmdline; do
    read -r -d '' title <"$p" 2>/dev/null || true
    [[ "$title" != "slurmstepd: [$1."* ]] || return 1
  done
}
# release JOB: starts a requeued JOB now, not after the two minutes Slurm holds it back for
# (BeginTime), once its earlier run's slurmstepds are gone: the job keeps its id, and a stepd still
# ending holds the PMIx socket whose name the new run's step needs ("Address already in use").
release() {
  until_true 120 stepds_gone "$1" || { echo "FAILED: job $1's slurmstepds still run after its requeue"; return 1; }
  scontrol update JobId="$1" StartTime=now
}
# until_true SECONDS COMMAND...: polls COMMAND every 0.2 s; false if it never held in SECONDS.
until_true() {
  local end=$((SECONDS + $1))
  shift
  until "$@"; do ((SECONDS < end)) || return 1; sleep 0.2; done
}
