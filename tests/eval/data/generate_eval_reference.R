# Regenerates the reference values of the evaluation module (tests/eval/data/eval_ref_*.csv).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/eval/data/generate_eval_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
#
# What comes from where:
# - ME, RMSE, MAE, MPE, MAPE, MASE: forecast::accuracy(forecast_object, test)["Test set", ] (R's
#   MASE differences the training data at lag frequency(y) for seasonal data, at lag 1 otherwise).
# - sMAPE, MASE (M4), RMSSE, MSIS, coverage, Naive2, set-level means and OWA: written out below
#   from the M4 competition's published definitions (Makridakis, Spiliotis & Assimakopoulos,
#   "The M4 Competition", IJF 2020, and its guide), not from any
#   package.
# - Rolling origin: forecast::tsCV(y, rwf, drift = TRUE, h = 3, initial = 2).
# - Rolling origin without refitting: fit0 <- ets(subset(y, end = k), ...) at the first origin k,
#   then tsCV(y, function(x, h) forecast(ets(x, model = fit0, use.initial.values = TRUE), h = h),
#   h = 3, initial = k - 1 [, window = w]); and the re-applied model on the whole series,
#   ets(y, model = fit0, use.initial.values = TRUE), with forecast(., h = 3, level = c(80, 95)).
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/eval/data"
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.17g", x)

# ---- M4 measures, from their definitions ------------------------------------------------------
# scale of MASE / MSIS: in-sample mean absolute difference at lag m
m4_scale <- function(train, m) {
  n <- length(train)
  mean(abs(train[(m + 1):n] - train[1:(n - m)]))
}
# scale of RMSSE: the same differences, squared
m5_scale <- function(train, m) {
  n <- length(train)
  mean((train[(m + 1):n] - train[1:(n - m)])^2)
}
m4_smape <- function(actual, fc) mean(200 * abs(actual - fc) / (abs(actual) + abs(fc)))
m4_mase <- function(train, actual, fc, m) mean(abs(actual - fc)) / m4_scale(train, m)
m5_rmsse <- function(train, actual, fc, m) sqrt(mean((actual - fc)^2) / m5_scale(train, m))
m4_msis <- function(train, actual, lo, hi, m, alpha = 0.05) {
  width <- hi - lo
  below <- (2 / alpha) * (lo - actual) * (actual < lo)
  above <- (2 / alpha) * (actual - hi) * (actual > hi)
  mean(width + below + above) / m4_scale(train, m)
}
coverage <- function(actual, lo, hi) mean(actual >= lo & actual <= hi)

# The M4 seasonality test: only when n >= 3m; 90 % two-sided limit on the lag-m autocorrelation.
m4_seasonal <- function(y, m) {
  n <- length(y)
  if (m <= 1 || n < 3 * m) return(list(seasonal = FALSE, stat = NA))
  r <- acf(y, lag.max = m, plot = FALSE)$acf[-1]  # r_1 .. r_m
  se <- sqrt((1 + 2 * sum(r[seq_len(m - 1)]^2)) / n)
  stat <- abs(r[m]) / se
  list(seasonal = stat > 1.645, stat = stat)
}
# Naive2: naive on the multiplicatively adjusted series, last m indices repeated into the future.
naive2_r <- function(y, h, level = c(80, 95)) {
  m <- frequency(y)
  st <- m4_seasonal(y, m)
  if (st$seasonal) {
    s <- decompose(y, type = "multiplicative")$seasonal
    n <- length(y)
    future <- rep(as.numeric(s[(n - m + 1):n]), length.out = h)
    x <- y / s
  } else {
    future <- rep(1, h)
    x <- y
  }
  fc <- naive(x, h = h, level = level)
  list(mean = as.numeric(fc$mean) * future, lower = fc$lower * future, upper = fc$upper * future,
       seasonal = st$seasonal, stat = st$stat)
}

# ---- series: training part and test part ------------------------------------------------------
split_at <- function(y, n_train, h) {
  list(train = ts(y[1:n_train], start = start(y), frequency = frequency(y)),
       test = ts(y[(n_train + 1):(n_train + h)], start = time(y)[n_train + 1], frequency = frequency(y)))
}
cases <- list(
  AirPassengers = split_at(AirPassengers, 120, 24),
  USAccDeaths = split_at(USAccDeaths, 60, 12),
  UKgas = split_at(UKgas, 96, 8),
  Nile = split_at(Nile, 90, 10),
  WWWusage = split_at(WWWusage, 90, 10),
  AirPassengers30 = split_at(AirPassengers, 30, 12),  # n < 3m: Naive2 does not test seasonality
  lynx = split_at(lynx, 100, 14)
)
ser_lines <- "case,frequency,part,index,value"
for (nm in names(cases)) {
  cs <- cases[[nm]]
  ser_lines <- c(ser_lines,
                 sprintf("%s,%g,train,%d,%.17g", nm, frequency(cs$train), seq_along(cs$train), as.numeric(cs$train)),
                 sprintf("%s,%g,test,%d,%.17g", nm, frequency(cs$test), seq_along(cs$test), as.numeric(cs$test)))
}
writeLines(ser_lines, file.path(out_dir, "eval_ref_series.csv"))

lv <- c(80, 95)
run <- function(method, y, h) {
  switch(method,
    naive = naive(y, h = h, level = lv),
    snaive = snaive(y, h = h, level = lv),
    drift = rwf(y, h = h, drift = TRUE, level = lv),
    ses = ses(y, h = h, level = lv),
    theta = thetaf(y, h = h, level = lv))
}
methods <- c("naive", "snaive", "drift", "ses", "theta", "naive2")
fc_lines <- "case,method,step,mean,lo80,hi80,lo95,hi95"
acc_lines <- "case,method,ME,RMSE,MAE,MPE,MAPE,MASE,sMAPE,MASE_m4,RMSSE,MSIS,coverage95"
n2_lines <- "case,seasonal,statistic"
per_method <- list()
for (nm in names(cases)) {
  train <- cases[[nm]]$train
  test <- cases[[nm]]$test
  h <- length(test)
  m <- frequency(train)
  for (method in methods) {
    if (method == "snaive" && m == 1) next
    if (method == "naive2") {
      n2 <- naive2_r(train, h)
      mean_fc <- n2$mean; lo <- n2$lower; hi <- n2$upper
      n2_lines <- c(n2_lines, paste(nm, as.integer(n2$seasonal), num(n2$stat), sep = ","))
      r_acc <- rep(NA, 6)  # no forecast object for R's accuracy()
    } else {
      fc <- run(method, train, h)
      mean_fc <- as.numeric(fc$mean); lo <- fc$lower; hi <- fc$upper
      a <- accuracy(fc, test)
      r_acc <- a["Test set", c("ME", "RMSE", "MAE", "MPE", "MAPE", "MASE")]
    }
    actual <- as.numeric(test)
    for (i in seq_len(h))
      fc_lines <- c(fc_lines, paste(nm, method, i, num(mean_fc[i]), num(lo[i, 1]), num(hi[i, 1]),
                                    num(lo[i, 2]), num(hi[i, 2]), sep = ","))
    own <- c(m4_smape(actual, mean_fc), m4_mase(train, actual, mean_fc, m), m5_rmsse(train, actual, mean_fc, m),
             m4_msis(train, actual, lo[, 2], hi[, 2], m), coverage(actual, lo[, 2], hi[, 2]))
    acc_lines <- c(acc_lines, paste(nm, method, paste(sapply(c(r_acc, own), num), collapse = ","), sep = ","))
    per_method[[method]] <- rbind(per_method[[method]], own)
  }
}
writeLines(fc_lines, file.path(out_dir, "eval_ref_forecast.csv"))
writeLines(acc_lines, file.path(out_dir, "eval_ref_accuracy.csv"))
writeLines(n2_lines, file.path(out_dir, "eval_ref_naive2.csv"))

# Set level (M4): mean over the series of each per-series measure; OWA against Naive2 on the same
# series. snaive covers only the seasonal cases, so its set is compared with Naive2 on those.
set_lines <- "method,series,sMAPE,MASE,MSIS,ACD,OWA"
seasonal_cases <- names(cases)[sapply(cases, function(cs) frequency(cs$train) > 1)]
for (method in methods) {
  tab <- per_method[[method]]
  ref <- per_method[["naive2"]]
  if (method == "snaive") ref <- ref[names(cases) %in% seasonal_cases, , drop = FALSE]
  s <- colMeans(tab)
  r <- colMeans(ref)
  owa <- 0.5 * (s[1] / r[1] + s[2] / r[2])
  set_lines <- c(set_lines, paste(method, nrow(tab), num(s[1]), num(s[2]), num(s[4]), num(abs(s[5] - 0.95)),
                                  num(owa), sep = ","))
}
writeLines(set_lines, file.path(out_dir, "eval_ref_set.csv"))

# ---- rolling origin: tsCV with rwf(drift = TRUE), h = 3 -----------------------------------------
# initial = 2: the first origin has 3 observations (tradecast's drift needs 3; R's rwf would also
# forecast from 2, with NaN intervals).
cv_series <- list(Nile = Nile, WWWusage = WWWusage, short = ts(c(5, 7, 6, 9, 11, 10, 13, 12, 15, 14)),
                  UKgas = UKgas)
cv_lines <- "case,frequency,origin,h1,h2,h3"
cvs_lines <- "case,step,count,MAE,RMSE,sMAPE,MASE,MASE_count"
cvy_lines <- "case,frequency,index,value"
for (nm in names(cv_series)) {
  y <- cv_series[[nm]]
  m <- frequency(y)
  n <- length(y)
  cvy_lines <- c(cvy_lines, sprintf("%s,%g,%d,%.17g", nm, m, seq_len(n), as.numeric(y)))
  e <- tsCV(y, rwf, drift = TRUE, h = 3, initial = 2)
  for (i in seq_len(n))
    cv_lines <- c(cv_lines, paste(nm, m, i, num(e[i, 1]), num(e[i, 2]), num(e[i, 3]), sep = ","))
  # per step: the origins with a test point; sMAPE from the implied forecasts y - e; MASE scaled by
  # each origin's own training data (y_1..y_i, lag m)
  for (j in 1:3) {
    ok <- which(!is.na(e[, j]))
    err <- e[ok, j]
    act <- as.numeric(y)[ok + j]
    fc <- act - err
    # origins with i <= m have no scale: left out of MASE (as tradecast does), counted in MASE_count
    sc <- sapply(ok, function(i) if (i > m) m4_scale(as.numeric(y)[1:i], m) else NA)
    use <- !is.na(sc) & sc > 0
    cvs_lines <- c(cvs_lines, paste(nm, j, length(ok), num(mean(abs(err))), num(sqrt(mean(err^2))),
                                    num(mean(200 * abs(err) / (abs(act) + abs(fc)))), num(mean(abs(err[use]) / sc[use])),
                                    sum(use), sep = ","))
  }
}
writeLines(cvy_lines, file.path(out_dir, "eval_ref_cv_series.csv"))
writeLines(cv_lines, file.path(out_dir, "eval_ref_tscv.csv"))
writeLines(cvs_lines, file.path(out_dir, "eval_ref_tscv_steps.csv"))

# ---- rolling origin without refitting: the first origin's ETS model re-applied -------------------
# Each case: the series, how fit0 is estimated on y_1..y_k (k = first origin), and tsCV's window.
reuse_cases <- list(
  WWWusage_ets = list(y = WWWusage, k = 30, window = NULL, method = "ets",
                      fit = function(x) ets(x)),
  UKgas_MAM = list(y = UKgas, k = 40, window = NULL, method = "ets:MAM",
                   fit = function(x) ets(x, model = "MAM")),
  Nile_ses = list(y = Nile, k = 20, window = NULL, method = "ses",
                  fit = function(x) ses(x)$model),
  UKgas_AAA_window = list(y = UKgas, k = 40, window = 40, method = "ets:AAA",
                          fit = function(x) ets(x, model = "AAA")),
  AirPassengers_log = list(y = AirPassengers, k = 48, window = NULL, method = "ets", lambda = 0,
                           fit = function(x) ets(x, lambda = 0)))
ru_lines <- "case,method,frequency,first_origin,window,lambda,origin,h1,h2,h3"
rm_lines <- "case,fit0_model,method,loglik,aic,aicc,bic,sigma2,mse,amse,step,mean,lo80,hi80,lo95,hi95"
ry_lines <- "case,frequency,index,value"
for (nm in names(reuse_cases)) {
  cs <- reuse_cases[[nm]]
  y <- cs$y
  m <- frequency(y)
  n <- length(y)
  ry_lines <- c(ry_lines, sprintf("%s,%g,%d,%.17g", nm, m, seq_len(n), as.numeric(y)))
  fit0 <- cs$fit(subset(y, end = cs$k))
  reuse <- function(x, h) forecast(ets(x, model = fit0, use.initial.values = TRUE), h = h)
  e <- if (is.null(cs$window)) tsCV(y, reuse, h = 3, initial = cs$k - 1) else tsCV(y, reuse, h = 3, window = cs$window)
  lam <- if (is.null(cs$lambda)) "NA" else num(cs$lambda)
  win <- if (is.null(cs$window)) "NA" else cs$window
  for (i in seq_len(n))
    ru_lines <- c(ru_lines, paste(nm, cs$method, m, cs$k, win, lam, i, num(e[i, 1]), num(e[i, 2]), num(e[i, 3]), sep = ","))
  comp <- fit0$components  # the model code, e.g. MAdN
  code <- paste0(comp[1], comp[2], if (comp[4] == "TRUE") "d" else "", comp[3])
  full <- ets(y, model = fit0, use.initial.values = TRUE)
  fc <- forecast(full, h = 3, level = c(80, 95))
  for (j in 1:3)
    rm_lines <- c(rm_lines, paste(nm, code, cs$method, num(full$loglik), num(full$aic), num(full$aicc), num(full$bic),
                                  num(full$sigma2), num(full$mse), num(full$amse), j, num(fc$mean[j]),
                                  num(fc$lower[j, 1]), num(fc$upper[j, 1]), num(fc$lower[j, 2]), num(fc$upper[j, 2]), sep = ","))
}
writeLines(ry_lines, file.path(out_dir, "eval_ref_reuse_series.csv"))
writeLines(ru_lines, file.path(out_dir, "eval_ref_reuse.csv"))
writeLines(rm_lines, file.path(out_dir, "eval_ref_reuse_model.csv"))
