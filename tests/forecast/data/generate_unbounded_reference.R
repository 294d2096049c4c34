# Regenerates tests/forecast/data/boxcox_ref_unbounded*.csv, used by
# BoxCox.UpperBoundBeyondTheInverseDomainIsUnbounded and BoxCox.UpperBoundBeyondDoublePrecision:
#  - a Box-Cox forecast whose upper 95% bound lies beyond -1/lambda on the transformed scale
#    (lambda < 0), where R's InvBoxCox gives NA. Series: 25 monthly values (random draws written out
#    below, frequency 12, from January 2000). R call: forecast(ets(y, lambda = "auto"), h = 4)
#    (lambda = BoxCox.lambda(y, lower = -0.9)).
#  - zeros: 9 annual values, six of them 0; Guerrero's lambda is then searched from 0 and lands at
#    4.1e-5, and the inverse power 1/lambda = 24377 overflows: R's upper bounds are Inf.
#    R call: ses(y, h = 3, lambda = "auto").
#  - tiny scale (boxcox_ref_tiny_scale.csv, BoxCox.ConstantSeriesIsJudgedBeforeTheTransformation):
#    24 annual values near 1e-7 with lambda = 2: every (y^2 - 1)/2 is -0.5 plus
#    about 5e-15 and the transformed series looks constant, but R's ets() tests is.constant(y) on
#    the data before transforming them and selects a model by likelihood.
#    R call: forecast(ets(y, lambda = 2), h = 3).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_unbounded_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
y <- ts(c(89.81193382341976, 52.12052667732507, 51.65930858115397, 68.50083612007101, 153.49738582108745,
          83.17667363400085, 96.31505163749863, 83.60847824304861, 113.75624898360307, 133.5192139152034,
          60.87171127195064, 103.03483013883543, 98.66909710624711, 189.80011254183216, 130.26284817825336,
          57.514344115218876, 18.862435173991102, 90.81716680331066, 114.20884026386032, 50.42969686180798,
          169.74422217349178, 122.65312373016276, 117.16516524640276, 102.02336923298539, 118.28585163968489),
        frequency = 12, start = 2000)
fit <- ets(y, lambda = "auto")
fc <- forecast(fit, h = 4)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", x))
lines <- c("step,method,lambda,mean,lo80,hi80,lo95,hi95",
           sprintf("%d,\"%s\",%s,%s,%s,%s,%s,%s", 1:4, fit$method, num(fit$lambda), num(fc$mean), num(fc$lower[, 1]),
                   num(fc$upper[, 1]), num(fc$lower[, 2]), num(fc$upper[, 2])))
writeLines(lines, "tests/forecast/data/boxcox_ref_unbounded.csv")
writeLines(c("value", sprintf("%.17g", as.numeric(y))), "tests/forecast/data/boxcox_ref_unbounded_series.csv")
z <- ts(c(0.8243892055826681, 0, 0.4906544000282228, 0.36952233623563757, 0, 0.5339859686670293, 0, 0, 0))
sz <- suppressWarnings(ses(z, h = 3, lambda = "auto"))
writeLines(c("step,lambda,mean,lo80,hi80,lo95,hi95",
             sprintf("%d,%s,%s,%s,%s,%s,%s", 1:3, num(sz$model$lambda), num(sz$mean), num(sz$lower[, 1]), num(sz$upper[, 1]),
                     num(sz$lower[, 2]), num(sz$upper[, 2]))),
           "tests/forecast/data/boxcox_ref_unbounded_zeros.csv")
t <- ts(1e-7 * (1 + 0.01 * (1:24) + 0.05 * sin(1:24)), start = 2001)
ft <- ets(t, lambda = 2)
ct <- forecast(ft, h = 3)
writeLines(c("step,method,lambda,loglik,value,mean,lo80,hi80,lo95,hi95",
             sprintf("%d,\"%s\",%s,%s,%s,%s,%s,%s,%s,%s", 1:24, ft$method, num(ft$lambda), num(ft$loglik),
                     sprintf("%.17g", as.numeric(t)), num(c(ct$mean, rep(NA, 21))), num(c(ct$lower[, 1], rep(NA, 21))),
                     num(c(ct$upper[, 1], rep(NA, 21))), num(c(ct$lower[, 2], rep(NA, 21))), num(c(ct$upper[, 2], rep(NA, 21))))),
           "tests/forecast/data/boxcox_ref_tiny_scale.csv")
