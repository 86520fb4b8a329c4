#!/usr/bin/python3
"""Runs a diffsweep external program behind a gate: passes its declaration and replies through,
and holds every request after the first HOLD_AFTER until a file `go` exists in the directory it
runs in (leaving `held.PID` there first). A test that kills a rank once some request is held finds
the sweep unfinished however fast or slow the machine is.

Usage: gate_proxy.py HOLD_AFTER COMMAND [ARGS...]"""
import os
import subprocess
import sys
import time

hold_after = int(sys.argv[1])
parent = os.getppid()
child = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
sys.stdout.write(child.stdout.readline())  # the declaration
sys.stdout.flush()
for n, line in enumerate(sys.stdin):
    if n >= hold_after and not os.path.exists("go"):
        open(f"held.{os.getpid()}", "w").close()
        while not os.path.exists("go"):
            if os.getppid() != parent:  # the rank that ran it was killed: end with it
                sys.exit(1)
            time.sleep(0.05)
    child.stdin.write(line)
    child.stdin.flush()
    sys.stdout.write(child.stdout.readline())
    sys.stdout.flush()
