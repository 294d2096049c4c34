# Regenerates the reference values of the simple benchmark methods and the Box-Cox helpers
# (tests/forecast/data/simple_ref_*.csv and boxcox_ref_*.csv).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_simple_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.15g", x)

series <- list(
  AirPassengers = AirPassengers, Nile = Nile, WWWusage = WWWusage, UKgas = UKgas,
  USAccDeaths = USAccDeaths, lynx = lynx,
  short8 = ts(c(112, 118, 132, 129, 121, 135, 148, 148), frequency = 4),
  negative20 = ts(c(1.2, -0.5, 0.3, 2.1, 1.7, -1.1, 0.4, 0.9, 1.5, -0.2, 0.8, 1.1, 0.0, 0.6, 1.9, -0.7, 0.2, 1.3, 0.5, 0.9)),
  constant12 = ts(rep(5, 12), frequency = 4)
)
ser_lines <- "case,frequency,index,value"
for (nm in names(series)) {
  y <- series[[nm]]
  ser_lines <- c(ser_lines, sprintf("%s,%g,%d,%.17g", nm, frequency(y), seq_along(y), as.numeric(y)))
}
writeLines(ser_lines, file.path(out_dir, "simple_ref_series.csv"))

h <- 8
lv <- c(80, 95)
# method -> R call producing a forecast object
run <- function(method, y) {
  switch(method,
    mean = meanf(y, h = h, level = lv),
    naive = naive(y, h = h, level = lv),
    snaive = snaive(y, h = h, level = lv),
    drift = rwf(y, h = h, drift = TRUE, level = lv),
    trend = forecast(tslm(y ~ trend), h = h, level = lv),
    logtrend = forecast(tslm(y ~ trend, lambda = 0), h = h, level = lv),
    cagr = rwf(y, h = h, drift = TRUE, lambda = 0, level = lv))
}
positive_only <- c("logtrend", "cagr")
fc_lines <- "case,method,h,mean,lo80,hi80,lo95,hi95"
fit_lines <- "case,method,rmethod,sigma2,drift,drift_se,intercept,slope,loglik,aic,bic"
res_lines <- "case,method,index,fitted,residual"
for (nm in names(series)) {
  y <- series[[nm]]
  for (method in c("mean", "naive", "snaive", "drift", "trend", "logtrend", "cagr")) {
    if (method %in% positive_only && any(y <= 0)) next
    fc <- run(method, y)
    for (i in seq_len(h))
      fc_lines <- c(fc_lines, paste(nm, method, i, num(fc$mean[i]), num(fc$lower[i, 1]), num(fc$upper[i, 1]),
                                    num(fc$lower[i, 2]), num(fc$upper[i, 2]), sep = ","))
    sigma2 <- NA; drift <- NA; drift_se <- NA; icpt <- NA; slope <- NA; ll <- NA; aic <- NA; bic <- NA
    if (method == "mean") {
      sigma2 <- fc$model$sd^2
    } else if (method %in% c("naive", "snaive", "drift", "cagr")) {
      sigma2 <- fc$model$sigma2
      drift <- fc$model$par$drift
      drift_se <- fc$model$par$drift.se
    } else {
      fit <- fc$model
      sigma2 <- summary(fit)$sigma^2
      icpt <- coef(fit)[[1]]
      slope <- coef(fit)[[2]]
      ll <- as.numeric(logLik(fit)); aic <- AIC(fit); bic <- BIC(fit)
    }
    fit_lines <- c(fit_lines, paste(nm, method, fc$method, num(sigma2), num(drift), num(drift_se), num(icpt),
                                    num(slope), num(ll), num(aic), num(bic), sep = ","))
    # fitted on the original scale; residuals on the (log) scale the model was fitted on
    fv <- as.numeric(fitted(fc)); rv <- as.numeric(residuals(fc))
    res_lines <- c(res_lines, sprintf("%s,%s,%d,%s,%s", nm, method, seq_along(fv), sapply(fv, num), sapply(rv, num)))
  }
}
writeLines(fc_lines, file.path(out_dir, "simple_ref_forecast.csv"))
writeLines(fit_lines, file.path(out_dir, "simple_ref_fit.csv"))
writeLines(res_lines, file.path(out_dir, "simple_ref_fitted.csv"))

# BoxCox.lambda(y, method, lower, upper)
lam_lines <- "case,method,lower,upper,lambda"
lam_cases <- list(
  list("AirPassengers", -1, 2), list("Nile", -1, 2), list("WWWusage", -1, 2), list("UKgas", -1, 2),
  list("USAccDeaths", -1, 2), list("lynx", -1, 2), list("short8", -1, 2), list("AirPassengers", -0.5, 1),
  list("UKgas", 0, 1.5))
for (cs in lam_cases) {
  y <- series[[cs[[1]]]]
  for (method in c("guerrero", "loglik"))
    lam_lines <- c(lam_lines, paste(cs[[1]], method, num(cs[[2]]), num(cs[[3]]),
                                    num(BoxCox.lambda(y, method = method, lower = cs[[2]], upper = cs[[3]])), sep = ","))
}
# Guerrero on data with negatives: the lower bound is raised to 0 (loglik refuses such data)
lam_lines <- c(lam_lines, paste("negative20", "guerrero", -1, 2,
                                num(suppressWarnings(BoxCox.lambda(series$negative20, method = "guerrero"))), sep = ","))
writeLines(lam_lines, file.path(out_dir, "boxcox_ref_lambda.csv"))

# BoxCox(x, lambda) and InvBoxCox(x, lambda) pointwise, including negative and zero x
tr_lines <- "lambda,x,boxcox,invboxcox"
for (lambda in c(-1, -0.5, 0, 0.3, 0.5, 1, 1.5, 2)) {
  for (x in c(-3, -0.5, 0, 0.25, 1, 2.5, 10, 400)) {
    tr_lines <- c(tr_lines, paste(num(lambda), num(x), num(BoxCox(x, lambda)), num(InvBoxCox(x, lambda)), sep = ","))
  }
}
writeLines(tr_lines, file.path(out_dir, "boxcox_ref_transform.csv"))

# Forecasts with a Box-Cox transformation, with and without bias adjustment
bc_lines <- "case,method,lambda,biasadj,h,mean,lo80,hi80,lo95,hi95"
bc_cases <- list(
  list("AirPassengers", "drift", 0.3, TRUE, function(y) rwf(y, h = h, drift = TRUE, lambda = 0.3, biasadj = TRUE, level = lv)),
  list("AirPassengers", "drift", 0.3, FALSE, function(y) rwf(y, h = h, drift = TRUE, lambda = 0.3, biasadj = FALSE, level = lv)),
  list("AirPassengers", "snaive", -0.2, TRUE, function(y) snaive(y, h = h, lambda = -0.2, biasadj = TRUE, level = lv)),
  list("Nile", "mean", 0.5, TRUE, function(y) meanf(y, h = h, lambda = 0.5, biasadj = TRUE, level = lv)),
  list("UKgas", "naive", 0, TRUE, function(y) naive(y, h = h, lambda = 0, biasadj = TRUE, level = lv)),
  list("WWWusage", "drift", 1.5, TRUE, function(y) rwf(y, h = h, drift = TRUE, lambda = 1.5, biasadj = TRUE, level = lv)))
for (cs in bc_cases) {
  fc <- cs[[5]](series[[cs[[1]]]])
  for (i in seq_len(h))
    bc_lines <- c(bc_lines, paste(cs[[1]], cs[[2]], num(cs[[3]]), cs[[4]], i, num(fc$mean[i]), num(fc$lower[i, 1]),
                                  num(fc$upper[i, 1]), num(fc$lower[i, 2]), num(fc$upper[i, 2]), sep = ","))
}
writeLines(bc_lines, file.path(out_dir, "boxcox_ref_forecast.csv"))
