#!/usr/bin/env bash
# Times tiny-data ETS fits (R's HoltWintersZZ path) in tradecast (Google Benchmark, bench_ets_tiny)
# and in R (forecast::ets) on the same series in one run and prints the ratio
# (bench/compare_with_r.sh).
#   bench/forecast/compare_ets_tiny_r.sh [BUILD_DIR]
set -euo pipefail
exec "$(dirname "$0")/../compare_with_r.sh" tradecast_bench_ets_tiny bench/forecast/time_ets_tiny_r.R \
  tests/forecast/data/tiny_ref_series.csv "$@"
