# R side of the M3 benchmark: fits each method with R 4.2.2 + forecast 8.20 on the M3 training
# series in data/m3/, scores the forecasts against the test files with the M4 competition
# definitions (sMAPE, MASE, OWA relative to Naive2; MSIS and coverage of the 95% prediction
# intervals), single-threaded, and prints one CSV row per set and method:
# set,method,series,smape,mase,owa,msis,coverage,seconds
#   Rscript bench/m3/run_r.R DATA_DIR SETS METHODS [DUMP]   e.g. data/m3 Yearly,Quarterly naive2,ses,theta
# DUMP, if given, is a CSV file that receives every forecast: set,method,series,step,mean,lo95,hi95.
# Called by bench/m3/compare.sh. The metric and Naive2 code below is written from the
# definitions in the M4 competition's guide (see include/tradecast/eval/ for the same formulas).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
sets <- strsplit(args[2], ",")[[1]]
methods <- strsplit(args[3], ",")[[1]]
period <- c(Yearly = 1, Quarterly = 4, Monthly = 12)

read_ids <- function(path) gsub('"', "", sapply(strsplit(readLines(path)[-1], ","), `[`, 1))
read_wide <- function(path) {
  lines <- readLines(path)[-1]
  lapply(strsplit(lines, ","), function(f) {
    v <- suppressWarnings(as.numeric(f[-1]))
    v[!is.na(v)]
  })
}
seasonal_test <- function(y, m) {
  n <- length(y)
  if (m <= 1 || n < 3 * m) return(FALSE)
  r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
  abs(r[m]) > 1.645 * sqrt((1 + 2 * sum(r[-m]^2)) / n)
}
# Seasonal adjustment as in the M4 benchmarks: multiplicative classical decomposition.
adjust <- function(y, h) {
  m <- frequency(y)
  if (!seasonal_test(y, m)) return(list(x = y, fut = rep(1, h)))
  si <- decompose(y, type = "multiplicative")$seasonal
  list(x = y / si, fut = rep(tail(as.numeric(si), m), ceiling(h / m))[1:h])
}
# Each method gives its point forecasts and 95% bounds: list(mean, lo, hi).
pi95 <- function(f, scale = 1)
  list(mean = as.numeric(f$mean) * scale, lo = as.numeric(as.matrix(f$lower)[, 1]) * scale,
       hi = as.numeric(as.matrix(f$upper)[, 1]) * scale)
# Comb's bounds are the mean of its members' (as tradecast's combinations), reseasonalised.
mean_of <- function(parts, scale = 1)
  lapply(list(mean = "mean", lo = "lo", hi = "hi"), function(k) Reduce(`+`, lapply(parts, `[[`, k)) / length(parts) * scale)
fc <- list(
  naive2 = function(y, h) { a <- adjust(y, h); pi95(naive(a$x, h = h, level = 95), a$fut) },
  naive = function(y, h) pi95(naive(y, h = h, level = 95)),
  snaive = function(y, h) pi95(snaive(y, h = h, level = 95)),
  ses = function(y, h) pi95(ses(y, h = h, level = 95)),
  holt = function(y, h) pi95(holt(y, h = h, level = 95)),
  damped = function(y, h) pi95(holt(y, damped = TRUE, h = h, level = 95)),
  theta = function(y, h) pi95(thetaf(y, h = h, level = 95)),
  comb = function(y, h) {
    a <- adjust(y, h)
    mean_of(list(pi95(ses(a$x, h = h, level = 95)), pi95(holt(a$x, h = h, level = 95)),
                 pi95(holt(a$x, damped = TRUE, h = h, level = 95))), a$fut)
  },
  ets = function(y, h) pi95(forecast(ets(y), h = h, level = 95)),
  drift = function(y, h) pi95(rwf(y, drift = TRUE, h = h, level = 95)),
  ets_damped = function(y, h) pi95(forecast(ets(y, damped = TRUE), h = h, level = 95)),
  # The other methods of `tradecast forecast --method` with an R counterpart (README's table).
  mean = function(y, h) pi95(meanf(y, h = h, level = 95)),
  trend = function(y, h) pi95(forecast(tslm(y ~ trend), h = h, level = 95)),
  logtrend = function(y, h) pi95(forecast(tslm(y ~ trend, lambda = 0), h = h, level = 95)),
  cagr = function(y, h) pi95(rwf(y, drift = TRUE, h = h, lambda = 0, level = 95)),
  "hw-add" = function(y, h) pi95(hw(y, h = h, level = 95)),
  "hw-mult" = function(y, h) pi95(hw(y, h = h, seasonal = "multiplicative", level = 95))
)
fc[["ets:ZZdZ"]] <- fc$ets_damped  # auto's damped member; ets(damped = TRUE) has trend "Z"
fc[["ets:ZAdZ"]] <- function(y, h) pi95(forecast(ets(y, "ZAZ", damped = TRUE), h = h, level = 95))
# tradecast's `auto` done in R: the step-by-step median of ets, thetaf and rwf(drift), plus
# ets(damped = TRUE) on seasonal data. Members already run for another row are reused (their
# forecasts and their seconds), so R's time for auto is the sum of its members' times.
auto_members <- function(m) c("ets", "theta", "drift", if (m > 1) "ets_damped")

# sMAPE, MASE, and for the 95% interval MSIS and coverage (M4 definitions; alpha = 0.05).
score <- function(train, test, f, m) {
  smape <- mean(200 * abs(test - f$mean) / (abs(test) + abs(f$mean)))
  n <- length(train)
  scale <- mean(abs(train[(m + 1):n] - train[1:(n - m)]))
  below <- test < f$lo
  above <- test > f$hi
  sis <- (f$hi - f$lo) + 2 / 0.05 * (f$lo - test) * below + 2 / 0.05 * (test - f$hi) * above
  c(smape, mean(abs(test - f$mean)) / scale, mean(sis) / scale, mean(!below & !above))
}
dump <- if (length(args) >= 4) args[4] else ""
if (nzchar(dump)) cat("set,method,series,step,mean,lo95,hi95\n", file = dump)
cat("set,method,series,smape,mase,owa,msis,coverage,seconds\n")
for (set in sets) {
  m <- period[[set]]
  train <- read_wide(file.path(dir, paste0("M3-", set, "-train.csv")))
  test <- read_wide(file.path(dir, paste0("M3-", set, "-test.csv")))
  ids <- read_ids(file.path(dir, paste0("M3-", set, "-train.csv")))
  base <- NULL
  done <- list()
  run <- function(method) {
    if (is.null(done[[method]])) {
      t0 <- proc.time()[["elapsed"]]
      fcs <- lapply(seq_along(train), function(i) fc[[method]](ts(train[[i]], frequency = m), length(test[[i]])))
      done[[method]] <<- list(fcs = fcs, secs = proc.time()[["elapsed"]] - t0)
    }
    done[[method]]
  }
  for (method in unique(c("naive2", methods))) {
    if (method == "auto") {  # step-by-step median of the members' means and bounds
      parts <- lapply(auto_members(m), run)
      fcs <- lapply(seq_along(train), function(i)
        lapply(list(mean = "mean", lo = "lo", hi = "hi"), function(k)
          apply(matrix(sapply(parts, function(p) p$fcs[[i]][[k]]), nrow = length(test[[i]])), 1, median)))
      secs <- sum(sapply(parts, function(p) p$secs))
    } else {
      r <- run(method)
      fcs <- r$fcs
      secs <- r$secs
    }
    s <- rowMeans(sapply(seq_along(train), function(i) score(train[[i]], test[[i]], fcs[[i]], m)))
    if (method == "naive2") base <- s
    owa <- 0.5 * (s[1] / base[1] + s[2] / base[2])
    if (method %in% methods) {
      cat(sprintf("%s,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f\n", set, method, length(train), s[1], s[2], owa, s[3], s[4], secs))
      if (nzchar(dump))
        for (i in seq_along(train))
          cat(sprintf("%s,%s,%s,%d,%.10g,%.10g,%.10g\n", set, method, ids[i], seq_along(fcs[[i]]$mean), fcs[[i]]$mean,
                      fcs[[i]]$lo, fcs[[i]]$hi), sep = "", file = dump, append = TRUE)
    }
  }
}
