# Regenerates the ETS reference values in this folder (tests/forecast/data/ets_ref_*.csv).
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_ets_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
out_dir <- "tests/forecast/data"
set.seed(123)
sim_ar <- function(n, freq, seed) { set.seed(seed); ts(100 + cumsum(rnorm(n)) + 5 * sin(2 * pi * (1:n) / max(freq, 2)), frequency = freq) }
series <- list(
  AirPassengers = AirPassengers, WWWusage = WWWusage, Nile = Nile, USAccDeaths = USAccDeaths,
  UKgas = UKgas, austres = austres, LakeHuron = LakeHuron, co2 = co2, nottem = nottem,
  ldeaths = ldeaths, lynx = lynx, JohnsonJohnson = JohnsonJohnson, BJsales = BJsales,
  airmiles = airmiles, uspop = ts(as.numeric(uspop)), wineind = wineind, woolyrnq = woolyrnq,
  UKDriverDeaths = UKDriverDeaths, sunspot_year = sunspot.year, treering60 = ts(tail(as.numeric(treering), 60)),
  precip40 = ts(as.numeric(precip)[1:40]), AP30 = ts(as.numeric(AirPassengers)[1:30], frequency = 12),
  uspop12 = ts(as.numeric(uspop)[1:12]), nile20 = ts(as.numeric(Nile)[1:20]), nile8 = ts(as.numeric(Nile)[1:8]),
  ukgas20 = ts(as.numeric(UKgas)[1:20], frequency = 4), ukgas10 = ts(as.numeric(UKgas)[1:10], frequency = 4),
  www30 = ts(as.numeric(WWWusage)[1:30]), lynx40 = ts(as.numeric(lynx)[1:40]),
  usacc18 = ts(as.numeric(USAccDeaths)[1:18], frequency = 12), usacc30 = ts(as.numeric(USAccDeaths)[1:30], frequency = 12),
  co2tail48 = ts(tail(as.numeric(co2), 48), frequency = 12),
  austa25 = ts(c(0.2,0.5,0.8,1.1,1.5,1.9,2.3,2.7,3.1,3.6,4.2,4.7,5.1,5.5,6.1,6.6,7.3,7.8,8.1,9.2,9.8,10.2,10.9,11.3,11.9)),
  negative20 = ts(c(1.2,-0.5,0.3,2.1,1.7,-1.1,0.4,0.9,1.5,-0.2,0.8,1.1,0.0,0.6,1.9,-0.7,0.2,1.3,0.5,0.9)),
  sim40 = sim_ar(40, 1, 1), sim100 = sim_ar(100, 1, 2), simq40 = sim_ar(40, 4, 3), simm60 = sim_ar(60, 12, 4),
  constant12 = ts(rep(5, 12))
)
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.12g", x)
par_or_na <- function(f, nm) if (nm %in% names(f$par)) f$par[[nm]] else NA
fit_row <- function(case, spec, f) {
  paste(case, spec, gsub(",", ";", f$method), num(f$loglik), num(f$aic), num(f$aicc), num(f$bic), num(f$sigma2),
        num(par_or_na(f, "alpha")), num(par_or_na(f, "beta")), num(par_or_na(f, "gamma")), num(par_or_na(f, "phi")),
        num(f$initstate[1]), num(if (is.list(f$fit) && !is.null(f$fit$fncount)) f$fit$fncount else NA), num(f$mse), num(f$amse), sep = ",")
}
fc_rows <- function(case, spec, f, h) {
  set.seed(42)
  fc <- forecast(f, h = h, level = c(80, 95))
  sapply(seq_len(h), function(i) paste(case, spec, i, num(fc$mean[i]), num(fc$lower[i, 1]), num(fc$upper[i, 1]),
                                        num(fc$lower[i, 2]), num(fc$upper[i, 2]), sep = ","))
}
ser_lines <- "case,frequency,start,index,value"
for (nm in names(series)) {
  y <- series[[nm]]
  ser_lines <- c(ser_lines, sprintf("%s,%g,%.10g,%d,%.17g", nm, frequency(y), time(y)[1], seq_along(y), as.numeric(y)))
}
writeLines(ser_lines, file.path(out_dir, "ets_ref_series.csv"))

header_fit <- "case,spec,method,loglik,aic,aicc,bic,sigma2,alpha,beta,gamma,phi,l0,fncount,mse,amse"
header_fc <- "case,spec,h,mean,lo80,hi80,lo95,hi95"
auto_lines <- header_fit; fc_lines <- header_fc
for (nm in names(series)) {
  y <- series[[nm]]
  f <- ets(y)
  auto_lines <- c(auto_lines, fit_row(nm, "auto", f))
  fc_lines <- c(fc_lines, fc_rows(nm, "auto", f, if (frequency(y) > 1) 2 * frequency(y) else 10))
}
writeLines(auto_lines, file.path(out_dir, "ets_ref_auto.csv"))

# Fixed models and non-default options. spec = the ets() arguments after y, as an R expression.
fixed <- list(
  c("wineind", 'model = "MAM", alpha = 0.1611'),
  c("AirPassengers", 'model = "MAM", damped = FALSE'),
  c("AirPassengers", 'model = "AAA", damped = TRUE'),
  c("AirPassengers", 'model = "MNM"'),
  c("USAccDeaths", 'model = "AAA", damped = FALSE'),
  c("USAccDeaths", 'model = "MNA"'),
  c("UKgas", 'model = "MNM"'),
  c("UKgas", 'model = "AAA", damped = FALSE, gamma = 0.3'),
  c("Nile", 'model = "ANN", opt.crit = "mse"'),
  c("Nile", 'model = "ANN", opt.crit = "sigma"'),
  c("Nile", 'model = "ANN", opt.crit = "mae"'),
  c("WWWusage", 'model = "AAN", damped = FALSE, opt.crit = "amse"'),
  c("WWWusage", 'model = "AAN", damped = FALSE, bounds = "usual"'),
  c("WWWusage", 'model = "AAN", damped = TRUE, phi = 0.9'),
  c("WWWusage", 'model = "MAN", damped = TRUE, bounds = "admissible"'),
  c("austres", 'model = "AAN", damped = TRUE, beta = 0.2'),
  c("austres", 'ic = "bic"'),
  c("USAccDeaths", 'ic = "aic"'),
  c("AirPassengers", 'additive.only = TRUE'),
  c("UKgas", 'allow.multiplicative.trend = TRUE'),
  c("austres", 'model = "MMN", damped = FALSE'),
  c("AirPassengers", 'model = "MMM", damped = FALSE'),
  c("LakeHuron", 'model = "ANN", alpha = 0.5'),
  c("lynx", 'model = "MNN", lower = c(0.1, 1e-4, 1e-4, 0.8), upper = c(0.5, 0.9999, 0.9999, 0.98)'),
  c("co2tail48", 'model = "ANA"'),
  c("simm60", 'model = "AAA", damped = TRUE'),
  c("simq40", 'model = "MAM", damped = FALSE'),
  c("austres", 'model = "MMN", damped = TRUE')
)
fixed_lines <- header_fit; ffc_lines <- header_fc
for (k in seq_along(fixed)) {
  nm <- fixed[[k]][1]; spec <- fixed[[k]][2]
  y <- series[[nm]]
  f <- eval(parse(text = sprintf("ets(y, %s)", spec)))
  qs <- gsub(",", ";", spec)
  fixed_lines <- c(fixed_lines, fit_row(nm, qs, f))
  ffc_lines <- c(ffc_lines, fc_rows(nm, qs, f, if (frequency(y) > 1) 2 * frequency(y) else 10))
}
writeLines(fixed_lines, file.path(out_dir, "ets_ref_fixed.csv"))
writeLines(c(fc_lines, ffc_lines[-1]), file.path(out_dir, "ets_ref_forecast.csv"))

# A wider sweep for the automatic selection: every univariate, complete ts of R's datasets package
# (8..400 values), forecast's wineind/woolyrnq/gas, and 150 random series (seeded) of 5..100
# values with periods 1, 2, 4, 7, 12, some exponential (positive, multiplicative candidates).
sweep <- list()
for (nm in ls("package:datasets")) {
  x <- get(nm, "package:datasets")
  if (is.ts(x) && is.null(dim(x)) && !any(is.na(x)) && length(x) >= 8 && length(x) <= 400) sweep[[nm]] <- x
}
for (nm in c("wineind", "woolyrnq", "gas")) sweep[[nm]] <- get(nm)
set.seed(2024)
for (i in 1:150) {
  fr <- sample(c(1, 1, 1, 4, 12, 2, 7), 1)
  n <- sample(c(7:30, 40, 60, 100, fr + 1, 2 * fr + 3, 3 * fr - 1), 1)
  n <- max(n, 7)
  base <- 50 + cumsum(rnorm(n, sd = runif(1, 0.2, 3))) + runif(1, -0.5, 0.5) * (1:n)
  if (fr > 1) base <- base + runif(1, 0, 10) * sin(2 * pi * (1:n) / fr)
  if (i %% 5 == 0) base <- exp(base / 50)
  if (i %% 7 == 0) base <- base - 60
  sweep[[paste0("rnd", i)]] <- ts(base, frequency = fr)
}
sl <- "case,frequency,start,index,value"
fl <- "case,spec,method,loglik,aic,aicc,bic,sigma2,alpha,beta,gamma,phi,l0,fncount,mse,amse"
for (nm in names(sweep)) {
  y <- sweep[[nm]]
  f <- tryCatch(ets(y), error = function(e) NULL)
  if (is.null(f)) next
  sl <- c(sl, sprintf("%s,%g,%.10g,%d,%.17g", nm, frequency(y), time(y)[1], seq_along(y), as.numeric(y)))
  fl <- c(fl, fit_row(nm, "auto", f))
}
writeLines(sl, file.path(out_dir, "ets_ref_sweep_series.csv"))
writeLines(fl, file.path(out_dir, "ets_ref_sweep_auto.csv"))
