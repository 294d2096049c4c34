#!/usr/bin/env bash
# Shared by the bench/<module>/compare_*_r.sh scripts: builds a Google Benchmark program, runs it
# (CSV), then runs an R script that times R on the same data in the same run and prints both with
# the ratio. Needs R with the forecast package (apt-get install r-base-core r-cran-forecast) and a
# configured build (scripts/setup).
#   bench/compare_with_r.sh BENCH_TARGET R_SCRIPT DATA_CSV [BUILD_DIR]
# BENCH_TARGET is the CMake target (tradecast_bench_<name>); R_SCRIPT and DATA_CSV are relative to
# the repository root; the R script gets the benchmark CSV and the data file as arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$1" rscript="$2" data="$3"
build="${4:-$root/build}"
command -v Rscript >/dev/null || { echo "$(basename "$0"): Rscript not found (apt-get install r-base-core r-cran-forecast)" >&2; exit 2; }
cmake --build "$build" --target "$target" >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$build/bench/$target" --benchmark_format=csv --benchmark_min_time=0.5 >"$out" 2>/dev/null
echo "tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) vs R $(Rscript -e 'cat(as.character(getRversion()), as.character(packageVersion("forecast")))'), single-threaded, $(date -u +%F)"
Rscript "$root/$rscript" "$out" "$root/$data"
