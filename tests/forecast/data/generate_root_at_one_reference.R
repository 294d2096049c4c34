# Regenerates tests/forecast/data/root_at_one_ref_fit.csv and root_at_one_ref_roots.csv, used by
# EtsFit.TrendlessAdditiveSeasonRootAtOneIsExact: where tradecast's admissibility test and R's
# differ (docs/r-differences.md, section 4).
#  - fit: M3 Quarterly series N1155 (data/m3/M3-Quarterly-train.csv, 16 values, frequency 4),
#    ets(y, spec) for spec ZZZ (automatic), MNM, MNA and ANA: method, loglik, aicc, alpha, gamma.
#  - roots: R's ets() tests a seasonal model's characteristic polynomial with cpolyroot() on
#    1, a+b-phi, (a+b-a*phi) x (m-2), a+b-a*phi+g-1, phi*(1-a-g) (decreasing powers) and rejects the
#    point when a root modulus exceeds 1 + 1e-10; polyroot(rev(P)) is the same computation. For
#    trendless undamped models (b = 0, phi = 1) z = 1 is an exact root, double as a, g -> 0, and
#    this column records R's computed max modulus minus 1 for several m, a, g.
# Pinned versions: R 4.2.2 + forecast 8.20 (Debian bookworm: r-base-core, r-cran-forecast).
#   Rscript tests/forecast/data/generate_root_at_one_reference.R   (run from the repository root)
# The tests only read the CSV files; they never call R.
suppressMessages(library(forecast))
stopifnot(packageVersion("forecast") == "8.20")
lines <- readLines("data/m3/M3-Quarterly-train.csv")
f <- strsplit(lines[grep("^\"?N1155\"?,", lines)], ",")[[1]]
v <- suppressWarnings(as.numeric(f[-1]))
y <- ts(v[!is.na(v)], frequency = 4)
stopifnot(length(y) == 16)
rows <- character()
for (spec in c("ZZZ", "MNM", "MNA", "ANA")) {
  fit <- ets(y, spec)
  rows <- c(rows, sprintf("%s,\"%s\",%.10g,%.10g,%.10g,%.10g", spec, fit$method, fit$loglik, fit$aicc,
                          fit$par[["alpha"]], fit$par[["gamma"]]))
}
writeLines(c("spec,method,loglik,aicc,alpha,gamma", rows), "tests/forecast/data/root_at_one_ref_fit.csv")
P <- function(a, g, m, b = 0, phi = 1) c(1, a + b - phi, rep(a + b - a * phi, m - 2), a + b - a * phi + g - 1, phi * (1 - a - g))
rows <- character()
for (m in c(4, 12)) for (a in c(1e-4, 2e-4, 1e-3, 1e-2)) for (g in c(1e-4, 1e-3))
  rows <- c(rows, sprintf("%d,%g,%g,%.6e", m, a, g, max(Mod(polyroot(rev(P(a, g, m))))) - 1))
writeLines(c("m,alpha,gamma,r_max_modulus_minus_1", rows), "tests/forecast/data/root_at_one_ref_roots.csv")
