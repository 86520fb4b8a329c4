#!/usr/bin/python3
"""Runs a diffsweep external program behind a gate: passes its declaration and replies through,
makes each point take at least PAUSE seconds, and holds every request after the first HOLD_AFTER
until a file `go` exists in the directory it runs in (leaving `held.PID` there first). A test that
signals a run once some request is held finds the sweep unfinished however fast or slow the
machine is; with PAUSE at 0.06 s every point takes longer than the 50 ms a single process holds
finished points before it journals them, so each one is journaled before the next one starts.

Usage: gate_proxy.py HOLD_AFTER PAUSE COMMAND [ARGS...] (started with `exec`, so that it ends with
the diffsweep process that runs it)."""
import os
import subprocess
import sys
import time

hold_after, pause = int(sys.argv[1]), float(sys.argv[2])
parent = os.getppid()
child = subprocess.Popen(sys.argv[3:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
sys.stdout.write(child.stdout.readline())  # the declaration
sys.stdout.flush()
for n, line in enumerate(sys.stdin):
    if n >= hold_after and not os.path.exists("go"):
        open(f"held.{os.getpid()}", "w").close()
        while not os.path.exists("go"):
            if os.getppid() != parent:  # the process that ran it was killed: end with it
                sys.exit(1)
            time.sleep(0.05)
    time.sleep(pause)
    child.stdin.write(line)
    child.stdin.flush()
    sys.stdout.write(child.stdout.readline())
    sys.stdout.flush()
