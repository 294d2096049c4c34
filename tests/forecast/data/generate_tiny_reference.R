# Regenerates the tiny-data reference values in this folder (tests/forecast/data/tiny_ref_*.csv),
# used by tests/forecast/ets_tiny_test.cpp.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_tiny_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
#
# On data too short for the requested model (n <= npars + 4, npars = 2 + 2 [trend] + m [season]
# + 1 [damped]) ets() does not estimate an ETS model by likelihood: it calls HoltWintersZZ(),
# which minimises the sum of squared one-step errors with optim(method = "L-BFGS-B") from simple
# initial states (l0 = y1, b0 = y2 - y1; seasonal: means of the first two seasons). ses(), holt(),
# hw() and thetaf() reach it through ets(). Every case below is such a fit.
#
# Columns of tiny_ref_fit.csv: the call, the model R fits (ETS letters: error, trend, d if damped, season), alpha, beta (R's value: Holt-Winters'
# beta*, the weight of the level change in the trend update), gamma, the initial states, sigma2
# (mean squared residual, relative for M), and the SSE.
# tiny_ref_forecast.csv: R's forecasts and 80/95% bounds (lo80_r ...), and the bounds with the
# ETS smoothing parameter beta = alpha * beta* in R's own interval code (lo80 ...): forecast.ets()
# passes beta* to class1()/class3() as if it were the ETS beta, which overstates the variance of
# trend models (the point forecasts do not depend on it). tradecast uses the ETS beta.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"

ukgas <- as.numeric(UKgas)
cases <- list(
  # The library's reference case: Vietnam-Japan total trade 2022-2024, USD billions.
  list(name = "vnm_jpn_ets", y = ts(c(47.6, 44.98, 46.2), start = 2022), call = "ets", h = 6),
  list(name = "vnm_jpn_ses", y = ts(c(47.6, 44.98, 46.2), start = 2022), call = "ses", h = 6),
  list(name = "vnm_jpn_holt", y = ts(c(47.6, 44.98, 46.2), start = 2022), call = "holt", h = 6),
  list(name = "two_ets", y = ts(c(10, 12)), call = "ets", h = 3),
  list(name = "two_ses", y = ts(c(10, 12)), call = "ses", h = 3),
  list(name = "trend4_ets", y = ts(c(10, 12, 13, 15)), call = "ets", h = 4),
  list(name = "trend5_ets", y = ts(c(10, 12, 13, 15, 16)), call = "ets", h = 4),
  list(name = "flat5_ets", y = ts(c(10, 12, 11, 13, 12)), call = "ets", h = 4),
  list(name = "neg6_ets", y = ts(c(-3, 1.5, -0.5, 2, 0, 3.5)), call = "ets", h = 4),
  list(name = "nile6_ets", y = ts(as.numeric(Nile)[1:6], start = 1871), call = "ets", h = 5),
  list(name = "www6_mnn", y = ts(as.numeric(WWWusage)[1:6]), call = "ets_MNN", h = 5),
  list(name = "www8_holt", y = ts(as.numeric(WWWusage)[1:8]), call = "holt", h = 5),
  list(name = "nile7_holt", y = ts(as.numeric(Nile)[1:7], start = 1871), call = "holt", h = 5),
  list(name = "www9_damped", y = ts(as.numeric(WWWusage)[1:9]), call = "holt_damped", h = 5),
  list(name = "ukgas6_ets", y = ts(ukgas[1:6], frequency = 4), call = "ets", h = 8),
  list(name = "ukgas7_hw", y = ts(ukgas[1:7], frequency = 4), call = "hw_additive", h = 8),
  list(name = "ukgas8_hw", y = ts(ukgas[1:8], frequency = 4), call = "hw_additive", h = 8),
  list(name = "ukgas10_hw", y = ts(ukgas[1:10], frequency = 4), call = "hw_additive", h = 8),
  list(name = "ukgas12_hwm", y = ts(ukgas[1:12], frequency = 4), call = "hw_multiplicative", h = 8),
  list(name = "ukgas9_hwm", y = ts(ukgas[1:9], frequency = 4), call = "hw_multiplicative", h = 8),
  list(name = "ukgas10_ana", y = ts(ukgas[41:50], frequency = 4), call = "ets_ANA", h = 8)
)

fit_of <- function(y, call) {
  switch(call,
         ets = ets(y),
         ets_MNN = ets(y, "MNN"),
         ets_ANA = ets(y, "ANA"),
         ses = ets(y, "ANN", opt.crit = "mse"),
         holt = ets(y, "AAN", opt.crit = "mse"),
         holt_damped = ets(y, "AAN", damped = TRUE, opt.crit = "mse"),
         hw_additive = ets(y, "AAA", opt.crit = "mse"),
         hw_multiplicative = ets(y, "MAM", opt.crit = "mse"))
}

num <- function(x) { x <- as.numeric(x); if (length(x) == 0) return("NA"); ifelse(is.na(x), "NA", sprintf("%.17g", x)) }
get <- function(p, nm) if (nm %in% names(p)) p[[nm]] else NA

ser_lines <- "case,frequency,index,value"
fit_lines <- "case,call,frequency,n,h,model,alpha,beta_hw,gamma,initial_states,sigma2,sse"
fc_lines <- "case,step,mean,lo80,hi80,lo95,hi95,lo80_r,hi80_r,lo95_r,hi95_r"
fitted_lines <- "case,index,fitted"

for (cs in cases) {
  y <- cs$y; h <- cs$h
  fit <- suppressWarnings(fit_of(y, cs$call))
  stopifnot(is.null(fit$loglik))  # a HoltWintersZZ fit: no likelihood
  fc_r <- forecast(fit, h = h, level = c(80, 95))
  corrected <- fit
  if (!is.na(get(fit$par, "beta"))) corrected$par["beta"] <- fit$par[["alpha"]] * fit$par[["beta"]]
  fc <- forecast(corrected, h = h, level = c(80, 95))
  # (class3 models: the mean has a variance term, so it changes with beta as well)
  ser_lines <- c(ser_lines, sprintf("%s,%d,%d,%s", cs$name, frequency(y), seq_along(y), num(y)))
  model <- paste0(fit$components[1], fit$components[2], if (as.logical(fit$components[4])) "d" else "", fit$components[3])
  fit_lines <- c(fit_lines, paste(cs$name, cs$call, frequency(y), length(y), h, model,
                                  num(get(fit$par, "alpha")), num(get(fit$par, "beta")),
                                  num(get(fit$par, "gamma")),
                                  paste(num(fit$initstate), collapse = " "),
                                  num(fit$sigma2), num(fit$SSE), sep = ","))
  fc_lines <- c(fc_lines, sprintf("%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s", cs$name, seq_len(h), num(fc$mean),
                                  num(fc$lower[, 1]), num(fc$upper[, 1]), num(fc$lower[, 2]), num(fc$upper[, 2]),
                                  num(fc_r$lower[, 1]), num(fc_r$upper[, 1]), num(fc_r$lower[, 2]),
                                  num(fc_r$upper[, 2])))
  fitted_lines <- c(fitted_lines, sprintf("%s,%d,%s", cs$name, seq_along(y), num(fitted(fit))))
}

# thetaf() on the reference case: ses() inside it is a HoltWintersZZ fit (n = 3 <= 6).
theta_lines <- "case,step,mean,lo80,hi80,lo95,hi95"
for (cs in cases[1]) {
  fc <- thetaf(cs$y, h = cs$h, level = c(80, 95))
  theta_lines <- c(theta_lines, sprintf("%s,%d,%s,%s,%s,%s,%s", cs$name, seq_len(cs$h), num(fc$mean),
                                        num(fc$lower[, 1]), num(fc$upper[, 1]), num(fc$lower[, 2]),
                                        num(fc$upper[, 2])))
}

# With a Box-Cox transformation (HoltWintersZZ transforms the data itself; forecast.ets()
# back-transforms, with the bias adjustment when asked), through tradecast's engine (methods ets,
# holt, hw-mult with forecast_options::lambda / biasadj). Bounds with the ETS beta as above.
bc_cases <- list(
  list(name = "vnm_jpn_ets", method = "ets", call = "ets", lambda = 0, biasadj = FALSE),
  list(name = "vnm_jpn_ets", method = "ets", call = "ets", lambda = 0.5, biasadj = TRUE),
  list(name = "trend5_ets", method = "holt", call = "holt", lambda = 0.5, biasadj = TRUE),
  list(name = "ukgas12_hwm", method = "hw-add", call = "hw_additive", lambda = 0, biasadj = TRUE))
bc_lines <- "case,method,lambda,biasadj,step,mean,lo80,hi80,lo95,hi95"
for (bc in bc_cases) {
  cs <- Filter(function(x) x$name == bc$name, cases)[[1]]
  fit <- suppressWarnings(switch(bc$call, ets = ets(cs$y, lambda = bc$lambda, biasadj = bc$biasadj),
                                 holt = ets(cs$y, "AAN", opt.crit = "mse", lambda = bc$lambda, biasadj = bc$biasadj),
                                 hw_additive = ets(cs$y, "AAA", opt.crit = "mse", lambda = bc$lambda,
                                                   biasadj = bc$biasadj)))
  stopifnot(is.null(fit$loglik))
  if (!is.na(get(fit$par, "beta"))) fit$par["beta"] <- fit$par[["alpha"]] * fit$par[["beta"]]
  fc <- forecast(fit, h = cs$h, level = c(80, 95), lambda = bc$lambda, biasadj = bc$biasadj)
  bc_lines <- c(bc_lines, sprintf("%s,%s,%s,%s,%d,%s,%s,%s,%s,%s", bc$name, bc$method, num(bc$lambda), bc$biasadj,
                                  seq_len(cs$h), num(fc$mean), num(fc$lower[, 1]), num(fc$upper[, 1]),
                                  num(fc$lower[, 2]), num(fc$upper[, 2])))
}
writeLines(bc_lines, file.path(out_dir, "tiny_ref_boxcox.csv"))

writeLines(ser_lines, file.path(out_dir, "tiny_ref_series.csv"))
writeLines(fit_lines, file.path(out_dir, "tiny_ref_fit.csv"))
writeLines(fc_lines, file.path(out_dir, "tiny_ref_forecast.csv"))
writeLines(fitted_lines, file.path(out_dir, "tiny_ref_fitted.csv"))
writeLines(theta_lines, file.path(out_dir, "tiny_ref_theta.csv"))
