"""Runs every Python block of docs/python.md, in order, as one script, on a fresh quick sweep;
then README's block on the results file.

Usage: /usr/bin/python3 test_python_doc.py SOURCE_DIR DIFFSWEEP SCRATCH_DIR
The sweep is sweeps/quick.ini made small (fewer dimensions, samples and replicates), written
where the page reads it (results/quick.h5 under SCRATCH_DIR), with its grid view beside it.
"""
import os
import re
import shutil
import subprocess
import sys

source, diffsweep, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.rmtree(scratch, ignore_errors=True)
os.makedirs(os.path.join(scratch, "results"))
os.chdir(scratch)
subprocess.run([diffsweep, os.path.join(source, "sweeps", "quick.ini"), "d=40", "n_test=50",
                "sweep.replicates=2", "-o", "results/quick.h5", "-q"], check=True,
               stdout=subprocess.DEVNULL)
subprocess.run([diffsweep, "export", "results/quick.h5", "--netcdf", "results/quick.nc"],
               check=True)

with open(os.path.join(source, "docs", "python.md")) as f:
    blocks = re.findall(r"```python\n(.*?)```", f.read(), re.S)
if len(blocks) < 4:
    sys.exit("FAILED: docs/python.md has %d Python blocks, expected at least 4" % len(blocks))
os.environ["MPLBACKEND"] = "Agg"
exec(compile("\n".join(blocks), "docs/python.md", "exec"), {})
with open(os.path.join(source, "README.md")) as f:
    readme = re.findall(r"```python\n(.*?)```", f.read(), re.S)
reading = [b for b in readme if "xr.open_dataset" in b]
if len(reading) != 1:
    sys.exit("FAILED: README has %d Python blocks that open a results file, expected 1" %
             len(reading))
env = {}
exec(compile(reading[0], "README.md", "exec"), env)
if len(env["R"]) != len(env["df"]) or len(env["R"][0]) == 0:
    sys.exit("FAILED: README's block: %d series for %d points" % (len(env["R"]), len(env["df"])))
if not os.path.getsize("results/quick-R.png") > 10000:
    sys.exit("FAILED: the figure results/quick-R.png is missing or empty")
print("docs/python.md: %d blocks ran; the figure is %d bytes" %
      (len(blocks), os.path.getsize("results/quick-R.png")))
