# Sourced by the bench scripts. timed_sweep RANKS SWEEP OUT ERR runs $bin on SWEEP into OUT, in
# one process (RANKS = 1) or under mpirun -n RANKS, its stderr to ERR, and sets `seconds` (the
# whole command's wall time), `cpu` (the CPU seconds of every process it started: ranks, and
# an external experiment's programs) and `rate` (points/s during the run, from its last
# progress line). CPU seconds say more than wall time on a machine shared with other jobs.
timed_sweep() {
  local ranks=$1 sweep=$2 out=$3 err=$4 start end
  times >"$err.cpu-before"
  local root=()
  [ "$(id -u)" = 0 ] && root=(--allow-run-as-root)
  start=$(date +%s.%N)
  if [ "$ranks" = 1 ]; then
    "$bin" "$sweep" -o "$out" >/dev/null 2>"$err"
  else
    mpirun "${root[@]}" --oversubscribe -n "$ranks" "$bin" "$sweep" -o "$out" >/dev/null 2>"$err"
  fi
  end=$(date +%s.%N)
  seconds=$(/usr/bin/python3 -c "print($end - $start)")
  times >"$err.cpu-after"
  cpu=$(/usr/bin/python3 - "$err.cpu-before" "$err.cpu-after" <<'PY'
import re, sys
# bash's `times`: the shell's user and system time, then its finished children's.
def children(path):
    last = open(path).read().splitlines()[-1]
    return sum(int(m) * 60 + float(s) for m, s in re.findall(r"(\d+)m([\d.]+)s", last))
print("%.2f" % (children(sys.argv[2]) - children(sys.argv[1])))
PY
)
  rate=$(tr '\r' '\n' <"$err" | grep -o '[0-9.]* points/s' | tail -1)
}

