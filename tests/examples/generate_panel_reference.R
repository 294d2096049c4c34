# Regenerates tests/examples/panel_ref.csv: what R gives for examples/panel_accuracy.cpp on the
# first 100 series of M3 Quarterly (data/m3/), checked by the test example.panel_accuracy
# (examples/CMakeLists.txt).
#  - set level (kind "set"): sMAPE, MASE and OWA of naive2, ses, theta, comb, ets and auto, and the
#    MSIS and coverage of their 95% prediction intervals, computed
#    by bench/m3/run_r.R (the M3 benchmark's R side: forecast's ses, thetaf, ets, the M4 Comb and
#    Naive2, and auto as the median of ets, thetaf, rwf(drift = TRUE) and ets(damped = TRUE))
#    on a copy of the first 100 rows of the training and test files;
#  - rolling origins (kind "tscv"): series N0646, training and holdout joined (44 quarters),
#    e <- tsCV(y, function(x, h) forecast(ets(x), h = h), h = 8, initial = 32), then per step
#    MAE = mean(abs(e)), RMSE = sqrt(mean(e^2)) over the origins with a value.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/examples/generate_panel_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
n <- 100
tmp <- tempfile("panel")
dir.create(tmp)
for (part in c("train", "test")) {
  lines <- readLines(file.path("data/m3", paste0("M3-Quarterly-", part, ".csv")))
  writeLines(lines[1:(n + 1)], file.path(tmp, paste0("M3-Quarterly-", part, ".csv")))
}
set <- read.csv(text = system2("Rscript", c("bench/m3/run_r.R", tmp, "Quarterly", "naive2,ses,theta,comb,ets,auto"),
                               stdout = TRUE))
stopifnot(all(set$series == n))
rows <- sprintf("set,%s,,%.4f,%.4f,%.4f,,,%.4f,%.4f", set$method, set$smape, set$mase, set$owa, set$msis, set$coverage)

first <- function(part) {
  f <- strsplit(readLines(file.path("data/m3", paste0("M3-Quarterly-", part, ".csv")))[2], ",")[[1]]
  stopifnot(f[1] == "\"N0646\"" || f[1] == "N0646")
  v <- suppressWarnings(as.numeric(f[-1]))
  v[!is.na(v)]
}
y <- ts(c(first("train"), first("test")), frequency = 4)
stopifnot(length(y) == 44)
e <- tsCV(y, function(x, h) forecast(ets(x), h = h), h = 8, initial = 32)
mae <- colMeans(abs(e), na.rm = TRUE)
rmse <- sqrt(colMeans(e^2, na.rm = TRUE))
rows <- c(rows, sprintf("tscv,ets,%d,,,,%.4f,%.4f,,", 1:8, mae, rmse))
writeLines(c("kind,method,step,smape,mase,owa,mae,rmse,msis,coverage", rows), "tests/examples/panel_ref.csv")
