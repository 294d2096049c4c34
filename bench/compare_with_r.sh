#!/usr/bin/env bash
# Shared by the bench/<module>/compare_*_r.sh scripts: builds a Google Benchmark program, runs it
# (CSV), then runs an R script that times R on the same data in the same run and prints both with
# the ratio. Needs R with the forecast package (apt-get install r-base-core r-cran-forecast) and a
# configured build (scripts/setup).
#   bench/compare_with_r.sh BENCH_TARGET R_SCRIPT DATA_CSV [BUILD_DIR]
# BENCH_TARGET is the CMake target (tradecast_bench_<name>); R_SCRIPT and DATA_CSV are relative to
# the repository root; the R script gets the benchmark CSV and the data file as arguments, and
# appends its rows (case, R time, tradecast time, same unit) to the file named by TC_TIMES_CSV.
#
# ROUNDS=N (default 1) repeats the whole comparison N times, tradecast and R alternately, and then
# prints each case's minimum time on each side over the rounds with their ratio. On a shared
# machine whose speed drifts for minutes at a time, the minima of interleaved rounds compare both
# sides at their quietest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$1" rscript="$2" data="$3"
build="${4:-$root/build}"
command -v Rscript >/dev/null || { echo "$(basename "$0"): Rscript not found (apt-get install r-base-core r-cran-forecast)" >&2; exit 2; }
cmake --build "$build" --target "$target" >/dev/null
rounds="${ROUNDS:-1}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "$(basename "$0"): ROUNDS must be a positive whole number, not '$rounds'" >&2; exit 2; }
out="$(mktemp)" times="$(mktemp)"
trap 'rm -f "$out" "$times"' EXIT
echo "tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) vs R $(Rscript -e 'cat(as.character(getRversion()), as.character(packageVersion("forecast")))'), single-threaded, $(date -u +%F)"
for round in $(seq "$rounds"); do
  [ "$rounds" -gt 1 ] && echo "round $round of $rounds ($(date -u +%T) UTC)"
  "$build/bench/$target" --benchmark_format=csv --benchmark_min_time=0.5 >"$out" 2>/dev/null
  TC_TIMES_CSV="$times" Rscript "$root/$rscript" "$out" "$root/$data"
done
if [ "$rounds" -gt 1 ]; then
  echo "minimum over $rounds rounds, each side:"
  awk -F, '
    { if (!($1 in r) || $2 < r[$1]) r[$1] = $2; if (!($1 in t) || $3 < t[$1]) t[$1] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
    END {
      printf "%-28s %12s %12s %8s\n", "case", "R", "tradecast", "ratio"
      for (i = 1; i <= n; ++i) { k = order[i]; q = r[k] / t[k]; s += log(q); printf "%-28s %12.2f %12.2f %7.1fx\n", k, r[k], t[k], q }
      printf "geometric mean speed-up: %.1fx\n", exp(s / n)
    }' "$times"
fi
