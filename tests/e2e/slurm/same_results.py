#!/usr/bin/python3
"""same_results.py A.h5 B.h5: exit 1, naming the first column that differs, unless every column
of the points table but who ran a point, where and how long it took (worker, host,
wall_seconds) is bit-identical in the two results files, NaN included."""
import sys

import h5py
import numpy as np

a, b = (h5py.File(p, "r")["points"] for p in sys.argv[1:3])
if sorted(a) != sorted(b):
    sys.exit(f"columns differ: {sorted(a)} against {sorted(b)}")
for name in sorted(set(a) - {"worker", "host", "wall_seconds"}):
    x, y = a[name][()], b[name][()]
    same = x.shape == y.shape and (
        np.array_equal(x, y, equal_nan=True) if x.dtype.kind == "f" else np.array_equal(x, y))
    if not same:
        sys.exit(f"column {name} differs between {sys.argv[1]} and {sys.argv[2]}")
