"""Reads a diffsweep results file as netCDF-4: ncdump and xarray (both engines), no code of ours.

Usage: /usr/bin/python3 read_results_with_netcdf.py DIFFSWEEP_BINARY SCRATCH_DIR
Runs a small synthetic sweep whose points finish out of row order (rows 0-1, then 4-7, then
2-3, so the series are written again in row order from row 2 on), with failing and diverging
points, then a tiny
feature_learning sweep (a boolean and a choice parameter), and checks both files.
"""
import os
import subprocess
import sys

import h5py
import numpy as np
import xarray as xr

binary, scratch = sys.argv[1], sys.argv[2]
os.makedirs(scratch, exist_ok=True)
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


def fresh(name, text):
    sweep, out = os.path.join(scratch, name + ".ini"), os.path.join(scratch, name + ".h5")
    for path in (out, out + ".journal", out + ".a", out + ".b"):
        if os.path.exists(path):
            os.remove(path)
    with open(sweep, "w") as f:
        f.write(text)
    return sweep, out


def run(*args):
    subprocess.run([binary, *args, "-q"], check=True, stdout=subprocess.DEVNULL)


synthetic, out = fresh("netcdf", "[sweep]\nexperiment = synthetic\nname = netcdf_check\nseed = 5\n"
                       "replicates = 2\n[fixed]\nexponent = 2\nthrow_above = 3.5\n"
                       "nan_above = 2.5\nsleep_ms = 1\n[axes]\nx = 1, 2, 3, 4\n")
run(synthetic, "-o", out, "--only", "0-1")
run(synthetic, "-o", out, "--only", "4-7")
run(synthetic, "-o", out)  # rows 2, 3: the series are written again from row 2 on

# ncdump: the named dimension, units, the ragged series, and every value readable (it crashed
# on format 3 files, exit 139).
header = subprocess.run(["ncdump", "-h", out], capture_output=True, text=True)
expect(header.returncode == 0, "ncdump -h exit status %d" % header.returncode)
h = header.stdout
for text in ("point = 8 ;", "double value(point) ;", 'value:units = "1" ;',
             'value:long_name = "x^exponent * y * exp(noise * z)" ;', "int64 sleep_ms(point) ;",
             'sleep_ms:units = "ms" ;', "string status(point) ;", "boolean in_sweep(point) ;",
             "group: trace {", "sample = UNLIMITED ; // (60 currently)",
             "double values(sample) ;", "int64 length(point) ;",
             'length:sample_dimension = "sample" ;', ':Conventions = "CF-1.8" ;', ":title = ",
             ":history = ", ":source = "):
    expect(text in h, "ncdump -h shows " + text)
expect("phony_dim" not in h, "no phony dimension")
whole = subprocess.run(["ncdump", out], capture_output=True, text=True)
expect(whole.returncode == 0, "ncdump (all data) exit status %d" % whole.returncode)
expect('status="done","done","done","done","diverged","diverged","failed","failed";'
       in "".join(whole.stdout.split()), "ncdump shows the statuses")

with h5py.File(out, "r") as f:
    p = f["points"]
    want_value = p["value"][()]
    want_status = list(p["status"].asstr()[()])
    expect(p["in_sweep"].dtype == bool, "h5py reads in_sweep as bool")
    s = f["series"]["trace"]
    want_trace = [s["values"][s["start"][i]:][:s["length"][i]] for i in range(8)]
expect(want_status == ["done"] * 4 + ["diverged"] * 2 + ["failed"] * 2, "statuses")

for engine in ("netcdf4", "h5netcdf"):
    ds = xr.open_dataset(out, group="points", engine=engine)
    expect(dict(ds.sizes) == {"point": 8}, engine + ": one dimension point of 8")
    expect(ds["status"].dtype == object and
           all(isinstance(v, str) for v in ds["status"].values), engine + ": status as str")
    expect(list(ds["status"].values) == want_status, engine + ": statuses")
    expect(ds["in_sweep"].dtype == bool and bool(ds["in_sweep"].all()), engine + ": bool in_sweep")
    expect(np.array_equal(ds["value"].values, want_value, equal_nan=True), engine + ": values")
    expect(ds["value"].attrs.get("units") == "1" and ds["x"].attrs.get("units") == "1",
           engine + ": units")
    expect(ds["sleep_ms"].attrs.get("units") == "ms", engine + ": units of sleep_ms")
    expect(ds["x"].attrs.get("role") == "parameter", engine + ": role")
    # CF contiguous ragged array: split the values by the counts, without start.
    g = xr.open_dataset(out, group="series/trace", engine=engine)
    counts = g["length"].values
    expect(g["length"].attrs.get("sample_dimension") == "sample", engine + ": sample_dimension")
    # 10 values for each done or diverged point, in row order although rows 4-7 ran before 2-3.
    expect(list(counts) == [10] * 6 + [0] * 2 and g.sizes["sample"] == 60,
           engine + ": counts add up to the samples")
    parts = np.split(g["values"].values, np.cumsum(counts)[:-1])
    expect(len(parts) == 8 and
           all(np.array_equal(a, b, equal_nan=True) for a, b in zip(parts, want_trace)),
           engine + ": ragged split equals each row's series")
    expect(all(len(parts[i]) == 10 and parts[i][-1] == want_value[i] for i in range(4)),
           engine + ": a done point's trace ends at its value")

# A boolean and a choice parameter of an experiment, through both engines.
fl, fl_out = fresh("netcdf_fl", "[sweep]\nexperiment = feature_learning\nname = netcdf_fl\n"
                   "seed = 2\n[fixed]\nd = 20\nn = 8\nn_test = 20\niters = 50\nlog_every = 10\n"
                   "[axes]\nmodel = diffusion, classification\nantithetic = true, false\n")
run(fl, "-o", fl_out)
for engine in ("netcdf4", "h5netcdf"):
    ds = xr.open_dataset(fl_out, group="points", engine=engine)
    expect(ds["antithetic"].dtype == bool and list(ds["antithetic"].values) ==
           [True, False, True, False], engine + ": antithetic as bool")
    expect(list(ds["model"].values) == ["diffusion"] * 2 + ["classification"] * 2,
           engine + ": model as str")
    expect(ds["model"].attrs.get("long_name", "").startswith("diffusion:"), engine + ": long_name")
    expect(all(ds[k].attrs.get("units") for k in ds if ds[k].attrs.get("role") == "metric"),
           engine + ": units on every metric")
    expect(set(ds["status"].values) == {"done"}, engine + ": every feature_learning point done")
expect(subprocess.run(["ncdump", fl_out], capture_output=True).returncode == 0,
       "ncdump reads the feature_learning file")

if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("ncdump and xarray (netcdf4, h5netcdf) read the points, their units and the ragged series")
