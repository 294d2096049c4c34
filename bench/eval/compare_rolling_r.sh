#!/usr/bin/env bash
# Times rolling-origin evaluation of automatic ETS in tradecast (Google Benchmark, bench_rolling)
# and in R (forecast::tsCV) on the same series in one run and prints the ratios: refitting at every
# origin, and re-using the first origin's model (R: ets(x, model = fit0, use.initial.values = TRUE)).
# Needs R with the forecast package and a configured build (scripts/setup).
#   bench/eval/compare_rolling_r.sh [BUILD_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
command -v Rscript >/dev/null || { echo "compare_rolling_r.sh: Rscript not found (apt-get install r-base-core r-cran-forecast)" >&2; exit 2; }
cmake --build "$build" --target tradecast_bench_rolling >/dev/null
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$build/bench/tradecast_bench_rolling" --benchmark_format=csv --benchmark_min_time=0.5 >"$out" 2>/dev/null
echo "tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) vs R $(Rscript -e 'cat(as.character(getRversion()), as.character(packageVersion("forecast")))'), single-threaded, $(date -u +%F)"
Rscript "$root/bench/eval/time_rolling_r.R" "$out" "$root/tests/eval/data/eval_ref_reuse_series.csv"
