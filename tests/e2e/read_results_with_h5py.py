"""Reads a diffsweep results file with h5py and pandas alone, as a researcher would.

Usage: /usr/bin/python3 read_results_with_h5py.py DIFFSWEEP_BINARY SCRATCH_DIR
Runs a small synthetic sweep (with a failing and a diverging point), then checks the file.
"""
import math
import os
import subprocess
import sys

import h5py
import pandas as pd

binary, scratch = sys.argv[1], sys.argv[2]
os.makedirs(scratch, exist_ok=True)
sweep = os.path.join(scratch, "h5py.ini")
out = os.path.join(scratch, "h5py.h5")
for path in (out, out + ".journal", out + ".a", out + ".b"):
    if os.path.exists(path):
        os.remove(path)
with open(sweep, "w") as f:
    f.write("[sweep]\nexperiment = synthetic\nname = h5py_check\nseed = 11\nreplicates = 2\n"
            "[fixed]\nexponent = 2\nthrow_above = 3.5\nnan_above = 2.5\n[axes]\nx = 1, 2, 3, 4\n")
subprocess.run([binary, sweep, "-o", out, "-q"], check=True, stdout=subprocess.DEVNULL)

failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


with h5py.File(out, "r") as f:
    attrs = dict(f.attrs)
    expect(attrs["format_version"] == 4, "format_version")
    expect(attrs["experiment"] == "synthetic", "experiment attribute")
    expect(attrs["sweep_name"] == "h5py_check", "sweep_name attribute")
    expect("nan_above = 2.5" in attrs["sweep_text"], "sweep_text attribute")
    for key in ("sweep_hash", "diffsweep_version", "git_commit", "hdf5_version", "mpi_version",
                "host", "started", "ended"):
        expect(isinstance(attrs[key], str) and attrs[key], "attribute " + key)
    expect(attrs["n_points"] == 8 and attrs["n_done"] == 4, "counts")

    # The README's recipe: text columns as str, numbers as numbers.
    p = f["points"]
    df = pd.DataFrame({k: p[k].asstr()[()] if p[k].dtype.kind in "SO" else p[k][()] for k in p})
    expect(len(df) == 8, "8 rows")
    expect(list(df["status"]) == ["done"] * 4 + ["diverged"] * 2 + ["failed"] * 2, "statuses")
    done = df[df["status"] == "done"]
    expect(all(abs(done["value"] - done["x"] ** 2) < 1e-12), "value = x^2 on done points")
    expect(all(math.isnan(v) for v in df[df["status"] == "failed"]["value"]), "failed is NaN")
    expect(df["point_id"].dtype.kind == "u" and df["point_id"].is_unique, "unique uint64 ids")
    expect(f["points"]["value"].attrs["role"] == "metric", "role attribute")

    # A point's series: row i's slice of the values (the README's one line).
    s = f["series"]["trace"]
    expect(all(s["length"][i] == 0 for i in df.index[df["status"] == "failed"]), "no series")
    for i in done.index:
        trace = s["values"][s["start"][i]:][: s["length"][i]]
        pid = done.loc[i, "point_id"]
        expect(len(trace) == 10, "trace length")
        value = float(df.loc[df["point_id"] == pid, "value"].iloc[0])
        expect(abs(trace[-1] - value) < 1e-12, "trace ends at value")

if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("h5py and pandas read every column, attribute and series")
