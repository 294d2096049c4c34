# Regenerates tests/forecast/data/method_ref.csv: R's forecasts for every method name of
# tradecast's engine (forecast_series / `tradecast forecast --method NAME`), on series from
# ets_ref_series.csv (written by generate_ets_reference.R).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_method_reference.R   (run from the repository root)
# The tests only read the CSV file; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
dir <- "tests/forecast/data"
ser <- read.csv(file.path(dir, "ets_ref_series.csv"))
get_series <- function(case) {
  r <- ser[ser$case == case, ]
  ts(r$value[order(r$index)], frequency = r$frequency[1])
}
num <- function(x) sprintf("%.12g", x)
# method name in tradecast -> R call (y and h are bound when evaluated)
calls <- list(
  "ses" = "ses(y, h = h)",
  "holt" = "holt(y, h = h)",
  "damped" = "holt(y, damped = TRUE, h = h)",
  "hw-add" = "hw(y, h = h)",
  "hw-mult" = "hw(y, seasonal = 'multiplicative', h = h)",
  "theta" = "thetaf(y, h = h)",
  "naive" = "naive(y, h = h)",
  "snaive" = "snaive(y, h = h)",
  "drift" = "rwf(y, drift = TRUE, h = h)",
  "mean" = "meanf(y, h = h)",
  "trend" = "forecast(tslm(y ~ trend), h = h)",
  "logtrend" = "forecast(tslm(y ~ trend, lambda = 0), h = h)",
  "cagr" = "rwf(y, drift = TRUE, lambda = 0, h = h)",
  "ets" = "forecast(ets(y), h = h)"
)
# Box-Cox variants: method name ; lambda option ; biasadj
boxcox_calls <- list(
  "ets|0.5|0" = "forecast(ets(y, lambda = 0.5), h = h)",
  "ets|0.5|1" = "forecast(ets(y, lambda = 0.5, biasadj = TRUE), h = h)",
  "drift|0|1" = "rwf(y, drift = TRUE, lambda = 0, biasadj = TRUE, h = h)",
  "naive|auto|0" = "naive(y, lambda = 'auto', h = h)",
  "ses|0.3|1" = "ses(y, lambda = 0.3, biasadj = TRUE, h = h)"
)
cases <- list(
  AirPassengers = c("comb", "ses", "holt", "damped", "hw-add", "hw-mult", "theta", "naive", "snaive", "drift", "mean",
                    "trend", "logtrend", "cagr", "ets|0.5|0", "ets|0.5|1", "drift|0|1", "naive|auto|0", "ses|0.3|1"),
  UKgas = c("comb", "ses", "holt", "damped", "hw-add", "hw-mult", "theta", "snaive", "trend", "logtrend"),
  usacc30 = c("comb", "ses", "holt", "damped", "theta", "snaive", "drift"),
  WWWusage = c("ses", "holt", "damped", "theta", "naive", "drift", "mean", "trend", "cagr", "naive|auto|0"),
  nile20 = c("comb", "ses", "holt", "damped", "theta", "naive", "drift", "mean", "trend", "logtrend", "cagr"),
  austa25 = c("ses", "holt", "damped", "theta", "drift", "trend", "logtrend", "cagr", "ets|0.5|1"),
  uspop12 = c("ses", "holt", "theta", "drift", "logtrend", "cagr"),
  negative20 = c("comb", "ses", "holt", "damped", "theta", "naive", "drift", "mean", "trend")
)
# Comb S-H-D as defined by the M4 competition benchmarks: 90% seasonality test on the ACF at lag m
# (only when n >= 3m), classical multiplicative decomposition, then the mean of ses, holt and damped
# holt on the seasonally adjusted series, seasonal indices put back. Interval bounds: mean of the
# members' bounds (tradecast's documented combination rule), reseasonalised the same way.
comb_shd <- function(y, h) {
  m <- frequency(y); n <- length(y)
  seasonal <- FALSE
  if (m > 1 && n >= 3 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    seasonal <- abs(r[m]) > 1.645 * sqrt((1 + 2 * sum(r[-m]^2)) / n)
  }
  fut <- rep(1, h); x <- y
  if (seasonal) {
    si <- decompose(y, type = "multiplicative")$seasonal
    x <- y / si
    fut <- rep(tail(as.numeric(si), m), ceiling(h / m))[1:h]
  }
  fs <- list(ses(x, h = h), holt(x, h = h), holt(x, damped = TRUE, h = h))
  avg <- function(get) Reduce(`+`, lapply(fs, get)) / 3 * fut
  list(mean = avg(function(f) as.numeric(f$mean)), lower = avg(function(f) as.matrix(f$lower)) ,
       upper = avg(function(f) as.matrix(f$upper)), method = "Comb S-H-D")
}
calls[["comb"]] <- "comb_shd(y, h)"
h_of <- function(y) if (frequency(y) > 1) 2 * frequency(y) else 8
lines <- "case,method,lambda,biasadj,r_call,r_method,h,mean,lo80,hi80,lo95,hi95"
for (case in names(cases)) {
  y <- get_series(case)
  h <- h_of(y)
  for (key in cases[[case]]) {
    parts <- strsplit(key, "|", fixed = TRUE)[[1]]
    call <- if (length(parts) == 1) calls[[key]] else boxcox_calls[[key]]
    fc <- eval(parse(text = call))
    lambda <- if (length(parts) == 1) "" else parts[2]
    biasadj <- if (length(parts) == 1) "0" else parts[3]
    lo <- as.matrix(fc$lower); hi <- as.matrix(fc$upper)
    for (i in seq_len(h))
      lines <- c(lines, paste(case, parts[1], lambda, biasadj, paste0('"', gsub('"', "'", call), '"'),
                              paste0('"', fc$method, '"'), i, num(fc$mean[i]), num(lo[i, 1]), num(hi[i, 1]),
                              num(lo[i, 2]), num(hi[i, 2]), sep = ","))
  }
}
writeLines(lines, file.path(dir, "method_ref.csv"))
cat("wrote", length(lines) - 1, "rows\n")
