"""The grid view (`diffsweep export --netcdf`) read with xarray, against the analysis report.

Usage: /usr/bin/python3 test_grid_view.py DIFFSWEEP DIFFSWEEP_ANALYZE SCRATCH_DIR
A small feature_learning grid: one dimension per axis and `replicate`, and the median R over
replicates equal to the report's (summary.csv); a [refine] sweep: the axis values its rounds
placed; cases that sweep other axes: one group each; an existing name: refused, left as it was.
"""
import csv
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

diffsweep, analyze, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(scratch)
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


def sweep(name, text):
    path = os.path.join(scratch, name + ".ini")
    with open(path, "w") as f:
        f.write("[sweep]\nname = %s\nseed = 1\n%s" % (name, text))
    out = os.path.join(scratch, name + ".h5")
    subprocess.run([diffsweep, path, "-o", out, "-q"], check=True, stdout=subprocess.DEVNULL)
    grid = os.path.join(scratch, name + ".nc")
    subprocess.run([diffsweep, "export", out, "--netcdf", grid], check=True)
    return out, grid


fl, fl_grid = sweep("fl", "experiment = feature_learning\nreplicates = 3\n[fixed]\nd = 40\n"
                    "n_test = 50\niters = 300\n[axes]\nmodel = diffusion, classification\n"
                    "n = 16, 32\nnsnr2 = logspace(0.1, 10, 3)\n")
ds = xr.open_dataset(fl_grid)
expect(dict(ds.sizes) == {"model": 2, "n": 2, "nsnr2": 3, "replicate": 3, "step": 4},
       "dimensions: one per axis, replicate and step, got %s" % dict(ds.sizes))
expect(list(ds["model"].values) == ["diffusion", "classification"], "model coordinate")
expect(list(ds["n"].values) == [16, 32], "n coordinate")
expect(ds["n"].dtype == np.int64, "an integer axis is an integer coordinate, got %s" % ds["n"].dtype)
expect(ds["nsnr2"].dtype == np.float64, "a real axis is a float coordinate")
expect(np.allclose(ds["nsnr2"].values, [0.1, 1, 10]), "nsnr2 coordinate")
expect(ds["nsnr2"].attrs.get("units") == "1" and ds["R"].attrs.get("units") == "1", "units")
expect(ds["R_series"].dims == ("model", "n", "nsnr2", "replicate", "step"), "series dimensions")
expect(list(ds["step_series"].sel(model="diffusion", n=16).isel(nsnr2=1, replicate=0).values) ==
       [0, 100, 200, 300], "logged steps along step")

# Each R of the points table sits in its cell.
with h5py.File(fl, "r") as f:
    p = f["points"]
    rows = zip(p["model"].asstr()[()], p["n"][()], p["nsnr2"][()], p["replicate"][()], p["R"][()])
    expect(all(ds["R"].sel(model=m, n=n, nsnr2=x, replicate=r).item() == R
               for m, n, x, r, R in rows), "every point's R in its cell")

# The report's median R per (model, n, nsnr2) equals xarray's median over replicates.
report = os.path.join(scratch, "fl-report")
subprocess.run([analyze, fl, "-o", report], check=True, stdout=subprocess.DEVNULL)
median = ds["R"].median("replicate")
compared = 0
with open(os.path.join(report, "summary.csv")) as f:
    for row in csv.DictReader(f):
        if row["metric"] != "R" or row["x_name"] != "nsnr2":
            continue
        labels = dict(kv.split("=") for kv in row["group"].split())
        # The report's x is the n SNR^2 the points ran with (nsnr2_used), rounded differently.
        x = float(row["x"])
        ours = median.sel(model=labels["model"], n=float(labels["n"])).sel(
            nsnr2=x, method="nearest", tolerance=1e-9 * x).item()
        expect(abs(ours - float(row["median"])) <= 1e-12 * abs(ours),
               "median R at %s nsnr2=%s: grid %r, report %s" % (row["group"], row["x"], ours,
                                                               row["median"]))
        compared += 1
expect(compared == 12, "compared %d medians, expected 12" % compared)
print("median R of %d (model, n, nsnr2) cells equal to the report's" % compared)

# A [refine] sweep: the x values its rounds placed, the lattice values none placed absent.
rf, rf_grid = sweep("rf", "experiment = synthetic\nreplicates = 3\n[fixed]\nnoise = 0.1\n"
                    "[axes]\nexponent = 1, 2\n[refine]\naxis = x\nrange = 0.1, 100\n"
                    "metric = value\nlevel = 3\ntolerance = 5%\n")
with h5py.File(rf, "r") as f:
    status = f["points"]["status"].asstr()[()]
    placed = sorted(set(f["points"]["x"][()][status != "pending"]))
    n_placed = int((status != "pending").sum())
g = xr.open_dataset(rf_grid)
expect(list(g["x"].values) == placed, "refine: the x values placed")
expect(int(g["value"].notnull().sum()) == n_placed, "refine: one cell per placed point")
expect(len(placed) < 100, "refine: far fewer values than the lattice")

# Cases that sweep different axes: one group each.
cases, cases_grid = sweep("cases", "experiment = synthetic\nreplicates = 2\n[axes]\nx = 1, 2\n"
                          "[case.a]\nexponent = 1, 2\n[case.b]\ny = 2, 3\n")
a = xr.open_dataset(cases_grid, group="a")
b = xr.open_dataset(cases_grid, group="b")
expect(a["value"].dims == ("exponent", "x", "replicate"), "case a's dimensions")
expect(b["value"].dims == ("y", "x", "replicate"), "case b's dimensions")
expect(a["value"].sel(exponent=2, x=2, replicate=1).item() == 4, "case a: 2^2")
expect(b["value"].sel(y=3, x=2, replicate=0).item() == 6, "case b: 3 * 2")

# An existing name is refused and left as it was; a failed export leaves no file.
before = open(fl_grid, "rb").read()
again = subprocess.run([diffsweep, "export", fl, "--netcdf", fl_grid], capture_output=True,
                       text=True)
expect(again.returncode == 2 and "exists" in again.stderr, "existing GRID.nc refused")
expect(open(fl_grid, "rb").read() == before, "existing GRID.nc left as it was")
missing_dir = os.path.join(scratch, "no-such-dir", "g.nc")
bad = subprocess.run([diffsweep, "export", fl, "--netcdf", missing_dir], capture_output=True)
expect(bad.returncode == 1 and not os.path.exists(os.path.dirname(missing_dir)),
       "export into a missing folder fails")
expect(not [n for n in os.listdir(scratch) if ".tmp-" in n], "no temporary left")

if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("the grid view opens with xarray, one dimension per axis and replicate")
