# Regenerates tests/forecast/data/projection_ref.csv (and projection_ref_levels.csv: the bridged
# case at levels 50 and 99, for one fit forecast at other levels): R's forecasts to 2030 of the embedded
# Vietnam-Japan total trade (data/vietnam_japan.csv, series vnm_jpn_total), checked by
# tests/forecast/engine_test.cpp (Engine.ReferenceCase*) and shown by examples/projection.cpp.
# Cases:
#   stand   - the usable data as they stand: 2022-2024 (2021 is missing, nothing is interpolated);
#             on three points ets() (and the ses() inside thetaf()) fit Holt-Winters smoothing by
#             least squares (HoltWintersZZ), which tradecast reproduces
#   bridged - 1990-2024 with 2021 set to the geometric mean of 2020 and 2022 (the example's choice)
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_projection_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
d <- read.csv("data/vietnam_japan.csv")
d <- d[d$series == "vnm_jpn_total", ]
stopifnot(d$period[1] == 1990, nrow(d) == 35)
v <- d$value
v[d$period == 2021] <- sqrt(v[d$period == 2020] * v[d$period == 2022])
cases <- list(stand = ts(d$value[d$period >= 2022], start = 2022), bridged = ts(v, start = 1990))
h <- 6
num <- function(x) sprintf("%.12g", x)
calls <- list(
  stand = c(naive = "naive(y, h = h)", drift = "rwf(y, drift = TRUE, h = h)",
            cagr = "rwf(y, drift = TRUE, lambda = 0, h = h)",
            logtrend = "forecast(tslm(y ~ trend, lambda = 0), h = h)",
            ets = "forecast(ets(y), h = h)", theta = "thetaf(y, h = h)"),
  bridged = c(ets = "forecast(ets(y), h = h)", theta = "thetaf(y, h = h)",
              drift = "rwf(y, drift = TRUE, h = h)"))
rows <- character()
for (case in names(calls)) {
  y <- cases[[case]]
  parts <- list()
  for (method in names(calls[[case]])) {
    call <- calls[[case]][[method]]
    f <- eval(parse(text = call))
    parts[[method]] <- f
    for (i in 1:h)
      rows <- c(rows, paste(case, method, shQuote(call, "cmd"), shQuote(f$method, "cmd"), i, num(f$mean[i]),
                            num(f$lower[i, 1]), num(f$upper[i, 1]), num(f$lower[i, 2]), num(f$upper[i, 2]), sep = ","))
  }
  {  # tradecast's `auto`: the step-by-step median of ETS, Theta and drift
    med <- function(g) apply(sapply(parts[c("ets", "theta", "drift")], g), 1, median)
    mean <- med(function(f) as.numeric(f$mean))
    lo80 <- med(function(f) f$lower[, 1]); hi80 <- med(function(f) f$upper[, 1])
    lo95 <- med(function(f) f$lower[, 2]); hi95 <- med(function(f) f$upper[, 2])
    for (i in 1:h)
      rows <- c(rows, paste(case, "auto", "\"median of the three above, per step and bound\"",
                            shQuote(parts$ets$method, "cmd"), i, num(mean[i]), num(lo80[i]), num(hi80[i]),
                            num(lo95[i]), num(hi95[i]), sep = ","))
  }
}
writeLines(c("case,method,r_call,r_method,h,mean,lo80,hi80,lo95,hi95", rows), "tests/forecast/data/projection_ref.csv")

# The bridged case at levels 50 and 99: the members' forecasts with level = c(50, 99), and the
# median per step and bound (tradecast's `auto` fitted once, forecast at these levels).
y <- cases$bridged
lv <- list(ets = forecast(ets(y), h = h, level = c(50, 99)), theta = thetaf(y, h = h, level = c(50, 99)),
           drift = rwf(y, drift = TRUE, h = h, level = c(50, 99)))
med <- function(g) apply(sapply(lv, g), 1, median)
cols <- list(mean = med(function(f) as.numeric(f$mean)), lo50 = med(function(f) f$lower[, 1]),
             hi50 = med(function(f) f$upper[, 1]), lo99 = med(function(f) f$lower[, 2]),
             hi99 = med(function(f) f$upper[, 2]))
rows <- sapply(1:h, function(i) paste("bridged", "auto", i, num(cols$mean[i]), num(cols$lo50[i]), num(cols$hi50[i]),
                                      num(cols$lo99[i]), num(cols$hi99[i]), sep = ","))
writeLines(c("case,method,h,mean,lo50,hi50,lo99,hi99", rows), "tests/forecast/data/projection_ref_levels.csv")
