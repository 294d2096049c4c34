#!/usr/bin/env bash
# Times automatic ETS in tradecast (Google Benchmark) and in R (forecast::ets) on the same series in
# one run and prints the ratio. Needs R with the forecast package (apt-get install r-base-core
# r-cran-forecast) and a configured build (scripts/setup).
#   bench/forecast/compare_ets_r.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
command -v Rscript >/dev/null || { echo "compare_ets_r.sh: Rscript not found (apt-get install r-base-core r-cran-forecast)" >&2; exit 2; }
cmake --build "$build" --target tradecast_bench_ets_fit >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$build/bench/tradecast_bench_ets_fit" --benchmark_format=csv --benchmark_min_time=0.5 >"$out" 2>/dev/null
echo "tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) vs R $(Rscript -e 'cat(as.character(getRversion()), as.character(packageVersion("forecast")))'), single-threaded, $(date -u +%F)"
Rscript "$root/bench/forecast/time_ets_r.R" "$out" "$root/tests/forecast/data/ets_ref_series.csv"
