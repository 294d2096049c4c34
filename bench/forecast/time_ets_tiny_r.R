# Times R's ets() (forecast 8.20) on the tiny-data calls bench_ets_tiny makes, reads tradecast's
# timings (Google Benchmark CSV) and prints both with the speed ratio.
#   Rscript bench/forecast/time_ets_tiny_r.R BENCH.csv SERIES.csv
# Called by bench/forecast/compare_ets_tiny_r.sh, which produces BENCH.csv in the same run.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
bench <- read.csv(args[1], stringsAsFactors = FALSE)
ser <- read.csv(args[2], stringsAsFactors = FALSE)
calls <- list(vnm_jpn_ets = function(y) ets(y), trend5_ets = function(y) ets(y),
              www8_holt = function(y) ets(y, "AAN", damped = FALSE, opt.crit = "mse"),
              ukgas10_hw = function(y) ets(y, "AAA", damped = FALSE, opt.crit = "mse"),
              ukgas12_hwm = function(y) ets(y, "MAM", damped = FALSE, opt.crit = "mse"))
time_one <- function(call, y) {
  reps <- 1L
  repeat {  # grow the repetitions until one measurement takes at least 0.5 s
    t <- system.time(for (i in seq_len(reps)) fit <- suppressWarnings(call(y)))[["elapsed"]]
    if (t >= 0.5) break
    reps <- reps * 2L
  }
  best <- t / reps
  for (k in 1:2) best <- min(best, system.time(for (i in seq_len(reps)) fit <- suppressWarnings(call(y)))[["elapsed"]] / reps)
  list(us = best * 1e6, method = fit$method)
}
cat(sprintf("%-12s %3s  %-11s %-11s %12s %12s %8s\n", "case", "n", "R model", "tradecast", "R us/fit", "tc us/fit", "ratio"))
ratios <- c()
times_csv <- Sys.getenv("TC_TIMES_CSV")  # rows for bench/compare_with_r.sh's minima over rounds
for (name in names(calls)) {
  s <- ser[ser$case == name, ]
  y <- ts(s$value, frequency = s$frequency[1])
  r <- time_one(calls[[name]], y)
  row <- bench[bench$name == sprintf("bm_ets_tiny/%s", name), ]
  tc_us <- row$real_time[1]
  tc_model <- sub("^[^ ]+ ", "", row$label[1])
  ratio <- r$us / tc_us
  ratios <- c(ratios, ratio)
  if (nzchar(times_csv)) cat(sprintf("%s n=%d (us),%.2f,%.2f\n", name, length(y), r$us, tc_us), file = times_csv, append = TRUE)
  cat(sprintf("%-12s %3d  %-11s %-11s %12.1f %12.2f %7.0fx%s\n", name, length(y), r$method, tc_model, r$us, tc_us, ratio,
              if (r$method != tc_model) "  MODEL DIFFERS" else ""))
}
cat(sprintf("geometric mean speed-up: %.0fx\n", exp(mean(log(ratios)))))
