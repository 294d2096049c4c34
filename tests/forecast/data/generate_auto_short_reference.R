# Regenerates tests/forecast/data/auto_short_ref.csv: R's counterpart of tradecast's `auto` on
# short series, where R's ets() takes its tiny-data paths: the step-by-step median of the means
# and of each bound of ets(y), thetaf(y), rwf(y, drift = TRUE) and, when frequency(y) > 1,
# ets(y, damped = TRUE) (the procedure of bench/m3/run_r.R).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_auto_short_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out <- "tests/forecast/data/auto_short_ref.csv"
num <- function(x) sprintf("%.12g", x)
set.seed(20251124)
# Series: a name, a frequency and values. Lengths 5 to 13 with m = 4 and 13 to 20 with m = 12
# cover the thresholds of R's ets() (n <= npars + 4) for ets(y) and ets(y, damped = TRUE), which
# differ by the two trend parameters R counts only for an explicit trend.
cases <- list(
  list("q5", 4, c(1.5, -2.5, 3.5, -4.5, 5.5)),
  list("q8", 4, c(10.027974984083842, 11.729605031277025, 13.177211258938582, 15.084460870778441,
                  12.861008860853325, 14.298438940577427, 15.797097562635496, 17.316437370560692)),
  list("q9", 4, round(50 + 2 * (1:9) + 5 * sin(pi * (1:9) / 2) + rnorm(9), 3)),
  list("q10", 4, round(100 * 1.03^(1:10) * c(0.9, 1.1, 1.05, 0.95) + rnorm(10), 3)),
  list("q13", 4, round(20 + (1:13) + 3 * cos(pi * (1:13) / 2) + rnorm(13, sd = 0.5), 3)),
  list("m14", 12, round(200 + 3 * (1:14) + 20 * sin(2 * pi * (1:14) / 12) + rnorm(14, sd = 2), 3)),
  list("m18", 12, round(80 * 1.01^(1:18) + rnorm(18), 3)),
  list("y4", 1, c(47.6, 44.98, 46.2, 48.9)),
  list("y6", 1, round(10 + 0.5 * (1:6) + rnorm(6, sd = 0.3), 3)),
  list("y9", 1, round(100 * 1.05^(1:9) + rnorm(9, sd = 2), 3))
)
h <- 6
levels <- c(80, 95)
rows <- list()
for (cs in cases) {
  name <- cs[[1]]; m <- cs[[2]]; y <- ts(cs[[3]], frequency = m)
  members <- list(
    ets = forecast(ets(y), h = h, level = levels),
    theta = thetaf(y, h = h, level = levels),
    drift = rwf(y, drift = TRUE, h = h, level = levels))
  if (m > 1) members$ets_damped <- forecast(ets(y, damped = TRUE), h = h, level = levels)
  med <- function(get) apply(sapply(members, function(f) as.numeric(get(f))), 1, median)
  mean <- med(function(f) f$mean)
  lo <- lapply(1:2, function(k) med(function(f) f$lower[, k]))
  hi <- lapply(1:2, function(k) med(function(f) f$upper[, k]))
  # A trend fitted by R's HoltWintersZZ (no likelihood): R's bounds use beta* as the ETS beta, a
  # documented R bug (docs/r-differences.md), so only the means are compared there.
  tiny_trend <- any(sapply(members, function(f) !is.null(f$model$components) && is.null(f$model$loglik) &&
                                                f$model$components[2] != "N"))
  models <- paste(sapply(members, function(f) if (is.null(f$model$method)) f$method else f$model$method), collapse = "; ")
  for (i in 1:h)
    rows[[length(rows) + 1]] <- data.frame(case = name, frequency = m, values = paste(num(cs[[3]]), collapse = " "),
                                           r_models = models, r_tiny_trend = tiny_trend, h = i, mean = num(mean[i]),
                                           lo80 = num(lo[[1]][i]), hi80 = num(hi[[1]][i]),
                                           lo95 = num(lo[[2]][i]), hi95 = num(hi[[2]][i]))
}
write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = TRUE)
cat("wrote", out, "\n")

# Second file, tests/forecast/data/auto_lambda_ref.csv: ensembles under a Box-Cox lambda. Each
# member is R's forecast with `lambda` (and `biasadj`), back on the data's scale, and the
# ensemble is the step-by-step median (auto) or mean of those. thetaf() has no lambda argument:
# its member is thetaf(BoxCox(y, lambda)) transformed back with InvBoxCox. A member's point
# forecast or bound beyond -1/lambda (R: NA) counts as +Inf (tradecast's rule, README), so NA is
# replaced by Inf before the median.
out2 <- "tests/forecast/data/auto_lambda_ref.csv"
theta_l <- function(y, l, h) {
  f <- thetaf(BoxCox(y, l), h = h, level = levels)
  f$mean <- InvBoxCox(f$mean, l); f$lower <- InvBoxCox(f$lower, l); f$upper <- InvBoxCox(f$upper, l)
  f
}
grow <- round(1.3^(0:11) * (1 + 0.05 * sin(1.7 * (0:11))), 4)  # 1, 1.36, ..., 17.79 (the README's example)
cases2 <- list(
  list("ukgas40_auto_l0", "auto", ts(as.numeric(UKgas)[1:40], frequency = 4), 0, FALSE),
  list("air48_auto_l0.3", "auto", ts(as.numeric(AirPassengers)[1:48], frequency = 12), 0.3, FALSE),
  list("www40_mean_ets_drift_l0.5_biasadj", "mean:ets+drift", ts(as.numeric(WWWusage)[1:40]), 0.5, TRUE),
  list("grow12_auto_l-0.5", "auto", ts(grow), -0.5, FALSE)
)
rows <- list()
for (cs in cases2) {
  name <- cs[[1]]; method <- cs[[2]]; y <- cs[[3]]; l <- cs[[4]]; ba <- cs[[5]]; m <- frequency(y)
  members <- if (method == "auto") {
    mb <- list(ets = forecast(ets(y, lambda = l), h = h, level = levels),
               theta = theta_l(y, l, h),
               drift = rwf(y, drift = TRUE, lambda = l, h = h, level = levels))
    if (m > 1) mb$ets_damped <- forecast(ets(y, damped = TRUE, lambda = l), h = h, level = levels)
    mb
  } else {
    list(ets = forecast(ets(y, lambda = l, biasadj = ba), h = h, level = levels),
         drift = rwf(y, drift = TRUE, lambda = l, biasadj = ba, h = h, level = levels))
  }
  comb <- function(get) {
    v <- sapply(members, function(f) { x <- as.numeric(get(f)); x[is.na(x)] <- Inf; x })
    apply(v, 1, if (method == "auto") stats::median else base::mean)
  }
  mean <- comb(function(f) f$mean)
  lo <- lapply(1:2, function(k) comb(function(f) f$lower[, k]))
  hi <- lapply(1:2, function(k) comb(function(f) f$upper[, k]))
  models <- paste(sapply(members, function(f) if (is.null(f$model$method)) f$method else f$model$method), collapse = "; ")
  for (i in 1:h)
    rows[[length(rows) + 1]] <- data.frame(case = name, method = method, frequency = m, lambda = l, biasadj = ba,
                                           values = paste(num(as.numeric(y)), collapse = " "), r_models = models, h = i,
                                           mean = num(mean[i]), lo80 = num(lo[[1]][i]), hi80 = num(hi[[1]][i]),
                                           lo95 = num(lo[[2]][i]), hi95 = num(hi[[2]][i]))
}
write.csv(do.call(rbind, rows), out2, row.names = FALSE, quote = TRUE)
cat("wrote", out2, "\n")
