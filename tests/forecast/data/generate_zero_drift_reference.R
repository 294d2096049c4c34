# Regenerates tests/forecast/data/zero_drift_ref.csv, used by SimpleFit.ZeroDriftDecidedAsRsLm:
# rwf(y, drift = TRUE) on series whose mean difference is mathematically 0 (first value = last).
# R's forecast.lagwalk divides the residual sum of squares by N - (drift != 0), and its drift is
# lm()'s intercept, which is exactly 0 for some such series and a rounding residue (1e-17 to
# 1e-13) for others; the intervals differ accordingly. Each row: the case, the values
# (';'-separated), R's drift to 17 digits, and h = 1..3 forecasts with 95% bounds.
# Cases: by hand (differences 1, -1: drift exactly 0; differences 1, -1, 0: -6.4e-17) and the M3
# Monthly series N1609, N1661 and N1903 (data/m3/M3-Monthly-train.csv), all first = last.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast, with
# the reference BLAS).
#   Rscript tests/forecast/data/generate_zero_drift_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
m3 <- readLines("data/m3/M3-Monthly-train.csv")
series_of <- function(id) {
  v <- suppressWarnings(as.numeric(strsplit(m3[grep(paste0("^\"?", id, "\"?,"), m3)], ",")[[1]][-1]))
  v[!is.na(v)]
}
cases <- list(hand_exact = c(1, 2, 1), hand_residue = c(1, 2, 1, 1), N1609 = series_of("N1609"),
              N1661 = series_of("N1661"), N1903 = series_of("N1903"))
lines <- "case,values,drift,h,mean,lo95,hi95"
for (nm in names(cases)) {
  y <- cases[[nm]]
  stopifnot(y[1] == y[length(y)])
  fc <- rwf(y, drift = TRUE, h = 3, level = 95)
  lines <- c(lines, sprintf("%s,%s,%.17g,%d,%.17g,%.17g,%.17g", nm, paste(y, collapse = ";"), fc$model$par$drift, 1:3,
                            fc$mean, fc$lower[, 1], fc$upper[, 1]))
}
writeLines(lines, "tests/forecast/data/zero_drift_ref.csv")
