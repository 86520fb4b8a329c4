# An external experiment that does no work, in Python (bench/external_overhead.sh): the protocol's
# cost with a program written as most external experiments are, reading and writing JSON.
import json, os, sys

print(json.dumps({"protocol": "diffsweep-external-1", "summary": "empty points",
                  "params": [{"name": "x", "type": "real", "default": 1},
                             {"name": "y", "type": "real", "default": 1}],
                  "metrics": [{"name": "pid", "doc": "the program's process id"}]}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    print(json.dumps({"metrics": {"pid": os.getpid()}}), flush=True)
