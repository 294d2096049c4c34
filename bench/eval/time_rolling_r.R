# Times forecast::tsCV with automatic ETS in R on the series bench_rolling uses (refit at every
# origin; re-use of the first origin's model), reads tradecast's timings (Google Benchmark CSV)
# and prints both with the ratio.
#   Rscript bench/eval/time_rolling_r.R BENCH.csv SERIES.csv
# Called by bench/eval/compare_rolling_r.sh, which produces BENCH.csv in the same run.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
bench <- read.csv(args[1], stringsAsFactors = FALSE)
ser <- read.csv(args[2], stringsAsFactors = FALSE)
cases <- list(airpassengers = list(name = "AirPassengers_log", m = 12, k = 48),
              wwwusage = list(name = "WWWusage_ets", m = 1, k = 30))
best_of <- function(f, times = 2) min(sapply(seq_len(times), function(i) system.time(f())[["elapsed"]]))
cat(sprintf("%-18s %-6s %8s %12s %12s %8s\n", "series", "refit", "origins", "R ms", "tc ms", "ratio"))
times_csv <- Sys.getenv("TC_TIMES_CSV")  # rows for bench/compare_with_r.sh's minima over rounds
for (kind in names(cases)) {
  cs <- cases[[kind]]
  y <- ts(ser$value[ser$case == cs$name], frequency = cs$m)
  refit <- function(x, h) forecast(ets(x), h = h)
  # re-use: the first origin's fit is part of the timed work, as in tradecast's rolling_origin
  reuse_cv <- function() {
    fit0 <- ets(subset(y, end = cs$k))
    tsCV(y, function(x, h) forecast(ets(x, model = fit0, use.initial.values = TRUE), h = h), h = 3, initial = cs$k - 1)
  }
  for (mode in c("refit", "reuse")) {
    r_s <- if (mode == "refit") best_of(function() tsCV(y, refit, h = 3, initial = cs$k - 1)) else best_of(reuse_cv)
    row <- bench[bench$name == sprintf("bm_rolling/%s_%s", kind, mode), ]
    tc_ms <- row$real_time[1]
    cat(sprintf("%-18s %-6s %8s %12.1f %12.2f %7.1fx\n", cs$name, mode, sub(" origins", "", row$label[1]), r_s * 1e3,
                tc_ms, r_s * 1e3 / tc_ms))
    if (nzchar(times_csv))
      cat(sprintf("%s %s (ms),%.1f,%.2f\n", cs$name, mode, r_s * 1e3, tc_ms), file = times_csv, append = TRUE)
  }
}
