# Regenerates tests/batch/data/m3_intervals_ref.csv and m3_interval_scores_ref.csv: R's 95%
# prediction intervals on the first 60 series of M3 Yearly and of M3 Quarterly (data/m3/), and
# their set-level scores, for the test BatchM3.IntervalsAndScoresEqualR.
# Both come from bench/m3/run_r.R (the M3 benchmark's R side) on copies of the first 60 rows:
#  - naive2: naive(sa, h, level = 95) on the seasonally adjusted series, times the seasonal indices;
#  - ses, theta: ses(y, h, level = 95), thetaf(y, h, level = 95);
#  - comb: the mean of the bounds of ses, holt and holt(damped = TRUE) on the adjusted series,
#    times the seasonal indices;
#  - ets: forecast(ets(y), h, level = 95);
#  - auto: the step-by-step median of the bounds of ets, thetaf, rwf(drift = TRUE) and, on
#    quarterly data, forecast(ets(y, damped = TRUE)).
# Set level: MSIS (alpha = 0.05) and coverage, M4 definitions, mean over series.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/batch/data/generate_m3_interval_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
n <- 60
methods <- "naive2,ses,theta,comb,ets,auto"
tmp <- tempfile("m3i")
dir.create(tmp)
for (set in c("Yearly", "Quarterly"))
  for (part in c("train", "test")) {
    lines <- readLines(file.path("data/m3", paste0("M3-", set, "-", part, ".csv")))
    writeLines(lines[1:(n + 1)], file.path(tmp, paste0("M3-", set, "-", part, ".csv")))
  }
dump <- file.path(tmp, "dump.csv")
scores <- system2("Rscript", c("bench/m3/run_r.R", tmp, "Yearly,Quarterly", methods, dump), stdout = TRUE)
set <- read.csv(text = scores)
stopifnot(all(set$series == n))
write.csv(set[, c("set", "method", "smape", "mase", "msis", "coverage")], "tests/batch/data/m3_interval_scores_ref.csv",
          row.names = FALSE, quote = FALSE)
file.copy(dump, "tests/batch/data/m3_intervals_ref.csv", overwrite = TRUE)
