# An external experiment for the tests: y = 2 x plus noise drawn from the point's seed, and, at
# the value of x its settings name, each way a program can misbehave.
import json
import os
import random
import sys
import time

DECLARATION = {
    "protocol": "diffsweep-external-1",
    "summary": "tests' program: y = 2 x + noise, misbehaving where told",
    "params": [
        {"name": "x", "type": "real", "default": 1, "min": 0, "max": 100, "doc": "input"},
        {"name": "noise", "type": "real", "default": 0, "min": 0, "doc": "noise's scale"},
        {"name": "steps", "type": "integer", "default": 3, "min": 1, "max": 1000,
         "doc": "length of the series"},
        {"name": "mode", "type": "choice", "choices": ["plain", "squared"], "default": "plain",
         "doc": "y's form"},
        {"name": "hang_at", "type": "real", "default": -1, "doc": "never answer at this x"},
        {"name": "garbage_at", "type": "real", "default": -1, "doc": "answer garbage at this x"},
        {"name": "noise_at", "type": "real", "default": -1,
         "doc": "print a line to stdout before the answer at this x"},
        {"name": "crash_at", "type": "real", "default": -1, "doc": "exit 3 at this x"},
        {"name": "error_at", "type": "real", "default": -1, "doc": "report an error at this x"},
        {"name": "nan_at", "type": "real", "default": -1, "doc": "y is NaN at this x"},
        {"name": "undeclared_at", "type": "real", "default": -1,
         "doc": "return an undeclared metric at this x"},
    ],
    "metrics": [{"name": "y", "units": "m", "doc": "2 x + noise"},
                {"name": "pid", "doc": "the program's process id"},
                {"name": "fds", "doc": "descriptors it was started with"}],
    "series": [{"name": "trace", "doc": "y / k for k = 1 .. steps"}],
}

out = sys.stdout
if sys.argv[1:2] == ["--declare-after"]:  # seconds of start-up, as a slow import takes
    time.sleep(float(sys.argv[2]))
fds = len(os.listdir("/proc/self/fd")) - 1  # less the one listing them
print(json.dumps(DECLARATION), file=out, flush=True)
print("declared", file=sys.stderr, flush=True)
for line in sys.stdin:
    request = json.loads(line)
    p = request["params"]
    x = p["x"]
    print(f"point {request['point_id']} x={x}", file=sys.stderr, flush=True)
    if x == p["hang_at"]:
        time.sleep(100000)
    if x == p["garbage_at"]:
        print("Traceback? no: garbage", file=out, flush=True)
        continue
    if x == p["noise_at"]:
        print("epoch 1 loss 0.25", file=out, flush=True)
    if x == p["crash_at"]:
        print("about to crash", file=sys.stderr, flush=True)
        sys.exit(3)
    if x == p["error_at"]:
        print(json.dumps({"error": f"x = {x} is not allowed here"}), file=out, flush=True)
        continue
    if x == p["undeclared_at"]:
        print(json.dumps({"metrics": {"z": 1}}), file=out, flush=True)
        continue
    rng = random.Random(request["seed"])
    y = (2 * x if p["mode"] == "plain" else x * x) + p["noise"] * rng.gauss(0, 1)
    reply = {"metrics": {"y": "nan" if x == p["nan_at"] else y, "pid": os.getpid(), "fds": fds},
             "series": {"trace": [y / k for k in range(1, p["steps"] + 1)]}}
    print(json.dumps(reply), file=out, flush=True)
