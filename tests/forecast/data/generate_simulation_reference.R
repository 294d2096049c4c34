# Regenerates tests/forecast/data/sim_ref_forecast.csv: R's simulated and bootstrapped ETS
# prediction intervals (forecast(fit, simulate = TRUE / bootstrap = TRUE, npaths = 50000)).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_simulation_reference.R   (run from the repository root)
# R's random numbers are not tradecast's, so the tests compare bounds within Monte Carlo error
# (50,000 paths on each side), and the point forecasts (the state recursion's) exactly.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"
num <- function(x) sprintf("%.12g", x)
cases <- list(WWWusage = list(y = WWWusage, h = 10),          # ETS(A,Ad,N): class 1
              Nile = list(y = Nile, h = 10),                  # ETS(M,N,N): class 2
              AirPassengers = list(y = AirPassengers, h = 24))  # ETS(M,Ad,M): class 3
lines <- "case,method,kind,h,mean,lo80,hi80,lo95,hi95"
for (nm in names(cases)) {
  y <- cases[[nm]]$y
  h <- cases[[nm]]$h
  f <- ets(y)
  for (kind in c("simulate", "bootstrap")) {
    set.seed(2025)
    fc <- forecast(f, h = h, level = c(80, 95), simulate = TRUE, bootstrap = kind == "bootstrap", npaths = 50000)
    lines <- c(lines, sapply(seq_len(h), function(i)
      paste(nm, gsub(",", ";", f$method), kind, i, num(fc$mean[i]), num(fc$lower[i, 1]), num(fc$upper[i, 1]),
            num(fc$lower[i, 2]), num(fc$upper[i, 2]), sep = ",")))
  }
}
writeLines(lines, file.path(out_dir, "sim_ref_forecast.csv"))
