# R side of the M3 benchmark: fits each method with R 4.2.2 + forecast 8.20 on the M3 training
# series in data/m3/, scores the forecasts against the test files with the M4 competition
# definitions (sMAPE, MASE, OWA relative to Naive2), single-threaded, and prints one CSV row per
# set and method: set,method,series,smape,mase,owa,seconds
#   Rscript bench/m3/run_r.R DATA_DIR SETS METHODS     e.g. data/m3 Yearly,Quarterly naive2,ses,theta
# Called by bench/m3/compare.sh. The metric and Naive2 code below is written from the
# definitions in the M4 competition's guide (see include/tradecast/eval/ for the same formulas).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
sets <- strsplit(args[2], ",")[[1]]
methods <- strsplit(args[3], ",")[[1]]
period <- c(Yearly = 1, Quarterly = 4, Monthly = 12)

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
fc <- list(
  naive2 = function(y, h) { a <- adjust(y, h); as.numeric(naive(a$x, h = h)$mean) * a$fut },
  naive = function(y, h) as.numeric(naive(y, h = h)$mean),
  snaive = function(y, h) as.numeric(snaive(y, h = h)$mean),
  ses = function(y, h) as.numeric(ses(y, h = h)$mean),
  holt = function(y, h) as.numeric(holt(y, h = h)$mean),
  damped = function(y, h) as.numeric(holt(y, damped = TRUE, h = h)$mean),
  theta = function(y, h) as.numeric(thetaf(y, h = h)$mean),
  comb = function(y, h) {
    a <- adjust(y, h)
    (as.numeric(ses(a$x, h = h)$mean) + as.numeric(holt(a$x, h = h)$mean) +
       as.numeric(holt(a$x, damped = TRUE, h = h)$mean)) / 3 * a$fut
  },
  ets = function(y, h) as.numeric(forecast(ets(y), h = h)$mean),
  drift = function(y, h) as.numeric(rwf(y, drift = TRUE, h = h)$mean),
  ets_damped = function(y, h) as.numeric(forecast(ets(y, damped = TRUE), h = h)$mean)
)
# tradecast's `auto` done in R: the step-by-step median of ets, thetaf and rwf(drift), plus
# ets(damped = TRUE) on seasonal data. Members already run for another row are reused (their
# forecasts and their seconds), so R's time for auto is the sum of its members' times.
auto_members <- function(m) c("ets", "theta", "drift", if (m > 1) "ets_damped")

score <- function(train, test, f, m) {
  smape <- mean(200 * abs(test - f) / (abs(test) + abs(f)))
  n <- length(train)
  scale <- mean(abs(train[(m + 1):n] - train[1:(n - m)]))
  c(smape, mean(abs(test - f)) / scale)
}
cat("set,method,series,smape,mase,owa,seconds\n")
for (set in sets) {
  m <- period[[set]]
  train <- read_wide(file.path(dir, paste0("M3-", set, "-train.csv")))
  test <- read_wide(file.path(dir, paste0("M3-", set, "-test.csv")))
  base <- NULL
  rows <- list()
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
    if (method == "auto") {
      parts <- lapply(auto_members(m), run)
      fcs <- lapply(seq_along(train), function(i)
        apply(matrix(sapply(parts, function(p) p$fcs[[i]]), nrow = length(test[[i]])), 1, median))
      secs <- sum(sapply(parts, function(p) p$secs))
    } else {
      r <- run(method)
      fcs <- r$fcs
      secs <- r$secs
    }
    s <- rowMeans(sapply(seq_along(train), function(i) score(train[[i]], test[[i]], fcs[[i]], m)))
    if (method == "naive2") base <- s
    owa <- 0.5 * (s[1] / base[1] + s[2] / base[2])
    if (method %in% methods)
      cat(sprintf("%s,%s,%d,%.4f,%.4f,%.4f,%.3f\n", set, method, length(train), s[1], s[2], owa, secs))
  }
}
