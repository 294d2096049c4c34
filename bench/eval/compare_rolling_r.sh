#!/usr/bin/env bash
# Times rolling-origin evaluation of automatic ETS in tradecast (Google Benchmark, bench_rolling)
# and in R (forecast::tsCV) on the same series in one run and prints the ratios: refitting at every
# origin, and re-using the first origin's model (R: ets(x, model = fit0, use.initial.values = TRUE))
# (bench/compare_with_r.sh).
#   bench/eval/compare_rolling_r.sh [BUILD_DIR]
set -euo pipefail
exec "$(dirname "$0")/../compare_with_r.sh" tradecast_bench_rolling bench/eval/time_rolling_r.R \
  tests/eval/data/eval_ref_reuse_series.csv "$@"
