#!/usr/bin/env bash
# Times automatic ETS in tradecast (Google Benchmark, bench_ets_fit) and in R (forecast::ets) on
# the same series in one run and prints the ratio (bench/compare_with_r.sh).
#   bench/forecast/compare_ets_r.sh [BUILD_DIR]
set -euo pipefail
exec "$(dirname "$0")/../compare_with_r.sh" tradecast_bench_ets_fit bench/forecast/time_ets_r.R \
  tests/forecast/data/ets_ref_series.csv "$@"
