# Regenerates tests/forecast/data/tiny_sweep_*.csv: R's tiny-data fits (HoltWintersZZ inside
# ets(), ses(), holt(), hw()) on 400 random short series, used by tests/forecast/ets_tiny_test.cpp
# (EtsTiny.RandomSweepEqualsR). Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm).
#   Rscript tests/forecast/data/generate_tiny_sweep.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
#
# Each case draws a call, a length that makes the data too short for the call's model
# (n <= npars + 4) and a series: level 5..500, a linear trend, a quarterly pattern for seasonal
# calls (and 30% of the others), noise, half of them a random walk; values rounded to 2 decimals,
# made positive for multiplicative models. Cases where R stops are skipped (18 of 400).
# tiny_sweep_fit.csv: the model R fits (ETS letters), alpha, beta (R's beta*), gamma, sigma2 and
# the SSE; tiny_sweep_forecast.csv: 4 steps, mean and 95% bounds with the ETS beta = alpha * beta*
# in R's interval code (see generate_tiny_reference.R).
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"
set.seed(20261129)
calls <- c("ets", "ses", "holt", "holt_damped", "hw_additive", "hw_multiplicative", "ets_ANA", "ets_MAM")
fit_of <- function(y, call) switch(call,
  ets = ets(y), ses = ets(y, "ANN", opt.crit = "mse"), holt = ets(y, "AAN", opt.crit = "mse"),
  holt_damped = ets(y, "AAN", damped = TRUE, opt.crit = "mse"),
  hw_additive = ets(y, "AAA", opt.crit = "mse"), hw_multiplicative = ets(y, "MAM", opt.crit = "mse"),
  ets_ANA = ets(y, "ANA"), ets_MAM = ets(y, "MAM"))
ser <- "case,frequency,index,value"
fit <- "case,call,frequency,n,model,alpha,beta_hw,gamma,sigma2,sse"
fcl <- "case,step,mean,lo95,hi95"
for (i in 1:400) {
  call <- sample(calls, 1)
  seasonal <- call %in% c("hw_additive", "hw_multiplicative", "ets_ANA", "ets_MAM") || runif(1) < 0.3
  m <- if (seasonal) 4 else 1
  n <- switch(call, ets = sample(2:6, 1), ses = sample(2:6, 1), holt = sample(3:8, 1), holt_damped = sample(3:9, 1),
              sample(8:12, 1))
  lvl <- runif(1, 5, 500); tr <- rnorm(1, 0, lvl * 0.05); sd <- lvl * runif(1, 0.01, 0.2)
  pat <- if (m == 4) rnorm(4, 0, lvl * runif(1, 0, 0.3)) else 0
  y <- lvl + tr * (1:n) + rep(pat, length.out = n) + cumsum(rnorm(n, 0, sd)) * (runif(1) < 0.5) + rnorm(n, 0, sd)
  if (call %in% c("hw_multiplicative", "ets_MAM") && any(y <= 0)) y <- abs(y) + 1
  y <- ts(round(y, 2), frequency = m)
  f <- tryCatch(suppressWarnings(fit_of(y, call)), error = function(e) NULL)
  if (is.null(f) || !is.null(f$loglik)) next
  nm <- paste0("c", i)
  p <- f$par
  g <- function(x) if (x %in% names(p)) sprintf("%.15g", p[[x]]) else "NA"
  model <- paste0(f$components[1], f$components[2], if (as.logical(f$components[4])) "d" else "", f$components[3])
  ser <- c(ser, sprintf("%s,%d,%d,%.17g", nm, m, 1:n, as.numeric(y)))
  fit <- c(fit, paste(nm, call, m, n, model, g("alpha"), g("beta"), g("gamma"), sprintf("%.15g", f$sigma2),
                      sprintf("%.15g", f$SSE), sep = ","))
  cf <- f
  if ("beta" %in% names(p)) cf$par["beta"] <- p[["alpha"]] * p[["beta"]]
  fc <- forecast(cf, h = 4, level = 95)
  fcl <- c(fcl, sprintf("%s,%d,%.15g,%.15g,%.15g", nm, 1:4, fc$mean, fc$lower[, 1], fc$upper[, 1]))
}
writeLines(ser, file.path(out_dir, "tiny_sweep_series.csv"))
writeLines(fit, file.path(out_dir, "tiny_sweep_fit.csv"))
writeLines(fcl, file.path(out_dir, "tiny_sweep_forecast.csv"))
