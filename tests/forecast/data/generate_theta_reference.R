# Regenerates the Theta reference values in this folder (tests/forecast/data/theta_ref_*.csv),
# used by tests/forecast/theta_test.cpp.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_theta_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
#
# M3 provenance: the M3 competition data (Makridakis & Hibon 2000, as distributed in the
# Mcomp R package / forecastingdata.org) as CSV in the repository's data/m3/ (provenance in
# data/m3/README.md; M3-{Yearly,Quarterly,Monthly}-train.csv, one series per row, id first).
# Only this script reads them; the values are copied into theta_ref_series.csv.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"
m3_dir <- "data/m3"

m3 <- function(file, id, freq) {
  d <- read.csv(file.path(m3_dir, file), stringsAsFactors = FALSE)
  v <- as.numeric(d[d[[1]] == id, -1])
  ts(v[!is.na(v)], frequency = freq)
}

# Each case: the series, the horizon, and how the reference is obtained.
cases <- list(
  AirPassengers = list(y = AirPassengers, h = 24),
  UKgas = list(y = UKgas, h = 8),
  USAccDeaths = list(y = USAccDeaths, h = 24),
  Nile = list(y = Nile, h = 10),
  WWWusage = list(y = WWWusage, h = 10),
  # short quarterly series: n = 10 > 2m = 8, so the seasonality test is run
  ukgas10 = list(y = ts(as.numeric(UKgas)[1:10], frequency = 4), h = 8),
  # short quarterly series where the test is skipped (n = 8 is not > 2m)
  ukgas8 = list(y = ts(as.numeric(UKgas)[1:8], frequency = 4), h = 4),
  # yearly 8-point series
  nile8 = list(y = ts(as.numeric(Nile)[1:8]), h = 5),
  # M3 yearly, quarterly and monthly series (horizons as in the competition)
  M3_N0100 = list(y = m3("M3-Yearly-train.csv", "N0100", 1), h = 6),
  M3_N0700 = list(y = m3("M3-Quarterly-train.csv", "N0700", 4), h = 8),
  M3_N0750 = list(y = m3("M3-Quarterly-train.csv", "N0750", 4), h = 8),
  M3_N1500 = list(y = m3("M3-Monthly-train.csv", "N1500", 12), h = 18),
  M3_N2500 = list(y = m3("M3-Monthly-train.csv", "N2500", 12), h = 18)
)

# The statistic of thetaf's seasonality test (thetaf does not return it):
# |r_m| / sqrt((1 + 2 * sum(r_1..r_{m-1}^2)) / n), compared with qnorm(0.95).
season_stat <- function(y) {
  m <- frequency(y); n <- length(y)
  if (m <= 1 || is.constant(y) || n <= 2 * m) return(NA)
  r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
  abs(r[m]) / sqrt((1 + 2 * sum(r[seq_len(m - 1)]^2)) / n)
}

num <- function(x) { x <- as.numeric(x); if (length(x) == 0) return("NA"); ifelse(is.na(x), "NA", sprintf("%.15g", x)) }

ser_lines <- "case,frequency,index,value"
fit_lines <- "case,frequency,n,h,seasonal,adjusted,statistic,alpha,drift,l0,sigma2,source"
fc_lines <- "case,step,mean,lo80,hi80,lo95,hi95"
insample_lines <- "case,index,adjusted_series,fitted,residual"

add_case <- function(nm, y, h, fc, seasonal, adjusted, l0, source, x = y) {
  ser_lines <<- c(ser_lines, sprintf("%s,%g,%d,%.17g", nm, frequency(y), seq_along(y), as.numeric(y)))
  fit_lines <<- c(fit_lines, paste(nm, frequency(y), length(y), h, seasonal, adjusted, num(season_stat(y)),
                                   num(fc$model$alpha), num(fc$model$drift), num(l0), num(fc$model$sigma),
                                   source, sep = ","))
  fc_lines <<- c(fc_lines, sprintf("%s,%d,%s,%s,%s,%s,%s", nm, seq_len(h),
                                   num(fc$mean), num(fc$lower[, 1]), num(fc$upper[, 1]),
                                   num(fc$lower[, 2]), num(fc$upper[, 2])))
  insample_lines <<- c(insample_lines, sprintf("%s,%d,%s,%s,%s", nm, seq_along(y), num(x),
                                               num(fc$fitted), num(fc$residuals)))
}

# Whether thetaf's test finds seasonality (same rule as inside thetaf).
is_seasonal <- function(y) { s <- season_stat(y); !is.na(s) && s > qnorm(0.95) }
# The series thetaf smooths: seasonally adjusted when seasonal (no case here has indices near 0).
adjusted_series <- function(y) if (is_seasonal(y)) seasadj(decompose(y, type = "multiplicative")) else y
# l0 of the SES fit thetaf makes.
ses_l0 <- function(y) unname(ets(adjusted_series(y), "ANN", opt.crit = "mse")$par["l"])

for (nm in names(cases)) {
  y <- cases[[nm]]$y; h <- cases[[nm]]$h
  fc <- thetaf(y, h = h, level = c(80, 95))
  s <- is_seasonal(y)
  add_case(nm, y, h, fc, s, s, ses_l0(y), "thetaf", adjusted_series(y))
}

# A seasonal index near zero (every first quarter is 0). thetaf warns "Seasonal indexes close to
# zero. Using non-seasonal Theta method" and leaves the series unadjusted, but still multiplies
# the forecasts and fitted values by the (near-zero) indices: a bug (thetaf(zq, h = 8)$mean is 0
# in every first quarter). The correct non-seasonal
# Theta forecast is thetaf on the same values with frequency 1, which is the reference here.
zq <- ts(rep(c(0, 12, 15, 9), 6) + rep(seq(0, 5, length.out = 6), each = 4) * c(0, 1, 1, 1), frequency = 4)
stopifnot(is_seasonal(zq))
fc_zq <- thetaf(ts(as.numeric(zq), frequency = 1), h = 8, level = c(80, 95))
add_case("zero_quarter", zq, 8, fc_zq, TRUE, FALSE,
         unname(ets(ts(as.numeric(zq)), "ANN", opt.crit = "mse")$par["l"]), "thetaf_frequency_1")

# A fixed smoothing parameter (thetaf cannot take one): the same steps as thetaf with
# ses(alpha = 0.2). Non-seasonal series, so no adjustment is involved.
theta_fixed_alpha <- function(y, h, a) {
  n <- length(y)
  f <- ses(y, h = h, alpha = a, level = c(80, 95))
  b <- lsfit(0:(n - 1), y)$coefficients[2] / 2
  mean <- f$mean + b * (0:(h - 1) + (1 - (1 - a)^n) / a)
  se <- sqrt(f$model$sigma2) * sqrt((0:(h - 1)) * a^2 + 1)
  z <- qnorm(c(0.9, 0.975))
  list(mean = mean, lower = cbind(mean - z[1] * se, mean - z[2] * se),
       upper = cbind(mean + z[1] * se, mean + z[2] * se),
       fitted = f$fitted, residuals = y - f$fitted,
       model = list(alpha = a, drift = b, sigma = f$model$sigma2), l0 = f$model$par["l"])
}
fa <- theta_fixed_alpha(Nile, 10, 0.2)
add_case("Nile_alpha02", Nile, 10, fa, FALSE, FALSE, unname(fa$l0), "ses_alpha_0.2")

writeLines(ser_lines, file.path(out_dir, "theta_ref_series.csv"))
writeLines(fit_lines, file.path(out_dir, "theta_ref_fit.csv"))
writeLines(fc_lines, file.path(out_dir, "theta_ref_forecast.csv"))
writeLines(insample_lines, file.path(out_dir, "theta_ref_insample.csv"))
