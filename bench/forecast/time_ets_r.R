# Times R's ets() (forecast 8.20) on the series bench_ets_fit uses, reads tradecast's timings
# (Google Benchmark CSV) and prints both with the speed ratio.
#   Rscript bench/forecast/time_ets_r.R BENCH.csv SERIES.csv
# Called by bench/forecast/compare_ets_r.sh, which produces BENCH.csv in the same run.
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
bench <- read.csv(args[1], stringsAsFactors = FALSE)
ser <- read.csv(args[2], stringsAsFactors = FALSE)
cases <- list(nonseasonal = list(name = "WWWusage", m = 1), quarterly = list(name = "UKgas", m = 4),
              monthly = list(name = "AirPassengers", m = 12))
time_one <- function(y) {
  reps <- 1L
  repeat {  # grow the repetitions until one measurement takes at least 0.5 s
    t <- system.time(for (i in seq_len(reps)) fit <- ets(y))[["elapsed"]]
    if (t >= 0.5) break
    reps <- reps * 2L
  }
  best <- t / reps
  for (k in 1:2) best <- min(best, system.time(for (i in seq_len(reps)) fit <- ets(y))[["elapsed"]] / reps)
  list(us = best * 1e6, method = fit$method)
}
cat(sprintf("%-12s %4s  %-13s %-13s %12s %12s %8s\n", "series", "n", "R model", "tradecast", "R us/fit",
            "tc us/fit", "ratio"))
ratios <- c()
times_csv <- Sys.getenv("TC_TIMES_CSV")  # rows for bench/compare_with_r.sh's minima over rounds
for (kind in names(cases)) {
  cs <- cases[[kind]]
  v <- ser$value[ser$case == cs$name]
  for (n in c(20, 40, 100)) {
    y <- ts(v[1:n], frequency = cs$m)
    r <- time_one(y)
    row <- bench[bench$name == sprintf("bm_ets_fit/%s/%d", kind, n), ]
    tc_us <- row$real_time[1]
    tc_model <- sub("^[^ ]+ ", "", row$label[1])
    ratio <- r$us / tc_us
    ratios <- c(ratios, ratio)
    if (nzchar(times_csv))
      cat(sprintf("%s n=%d (us),%.1f,%.1f\n", cs$name, n, r$us, tc_us), file = times_csv, append = TRUE)
    cat(sprintf("%-12s %4d  %-13s %-13s %12.1f %12.1f %7.1fx%s\n", cs$name, n, r$method, tc_model, r$us, tc_us,
                ratio, if (r$method != tc_model) "  MODEL DIFFERS" else ""))
  }
}
cat(sprintf("geometric mean speed-up: %.1fx (target: 50x per series)\n", exp(mean(log(ratios)))))
