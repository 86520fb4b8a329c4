#!/usr/bin/env bash
# `cmake --install` puts diffsweep, diffsweep-analyze and what they read (plot.py, the MNIST
# fetch script and digits) into one prefix; moved elsewhere as a whole, the programs still run a
# sweep and draw its figures, and no installed binary names the source or build tree.
# Usage: test_install.sh SOURCE_DIR BUILD_DIR SCRATCH_DIR
set -euo pipefail
source_dir=$1 build_dir=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"
cmake --install "$build_dir" --prefix "$scratch/first" >/dev/null
mv "$scratch/first" "$scratch/moved"
prefix="$scratch/moved"
for f in bin/diffsweep bin/diffsweep-analyze share/diffsweep/plot.py share/diffsweep/fetch_mnist.sh \
         share/diffsweep/slurm/diffsweep.sbatch share/diffsweep/docs/methods.md; do
  [ -e "$prefix/$f" ] || { echo "FAILED: $f not installed"; exit 1; }
done
for b in "$prefix"/bin/*; do
  if grep -qaF -e "$source_dir" -e "$(cd "$build_dir" && pwd)" "$b"; then
    echo "FAILED: $b names the source or build tree"; exit 1
  fi
done
# --describe cites docs/ pages: it says where they are, and they are there.
docs_dir=$("$prefix/bin/diffsweep" --describe transfer | sed -n 's/^The docs\/ pages cited above are installed in \(.*\)\.$/\1/p')
[ -f "$docs_dir/methods.md" ] || { echo "FAILED: --describe points to '$docs_dir', which has no methods.md"; exit 1; }
cd "$scratch"
printf '[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 2\n[axes]\nx = logspace(0.1, 10, 5)\n' > s.ini
"$prefix/bin/diffsweep" s.ini -o s.h5 -q >/dev/null
"$prefix/bin/diffsweep-analyze" s.h5 -o report >/dev/null
[ -s report/synthetic_value_vs_x.png ] || { echo "FAILED: the installed analysis drew no figure"; cat report/plot-data/plot.log 2>/dev/null; exit 1; }
# The digits are found beside the installed program when they were fetched before installing.
if [ -f "$source_dir/data/mnist/0.json" ]; then
  [ -f "$prefix/share/diffsweep/mnist/0.json" ] || { echo "FAILED: digits not installed"; exit 1; }
fi
echo "install: moved prefix runs a sweep and draws its figure; no binary names the source tree"
