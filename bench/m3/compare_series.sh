#!/usr/bin/env bash
# Series-by-series parity with R on the M3 sets: every point forecast and 95% bound of each
# method, tradecast (`tradecast forecast --wide`) against R 4.2.2 + forecast 8.20
# (bench/m3/run_r.R with its DUMP argument), on data/m3/. Prints, per set and method, the largest
# relative difference (|tc - R| / max(1, |R|)) and the series differing by more than 1e-6.
#   bench/m3/compare_series.sh [SETS] [METHODS] [BUILD_DIR]
#   e.g. bench/m3/compare_series.sh Yearly,Quarterly naive2,ses,theta,comb,drift
# R prints its values to 10 significant digits, so equal values differ by up to 5e-10.
# Methods: those of run_r.R (naive2, naive, snaive, ses, holt, damped, theta, comb, ets, drift,
# ets:ZZdZ, ets:ZAdZ, mean, trend, logtrend, cagr, hw-add, hw-mult); hw-* need seasonal sets.
# Known differences are listed in docs/r-differences.md (ETS(A,N,A)/ETS(M,N,A) bounds from step
# m on, and a few ETS search paths).
set -euo pipefail
sets="${1:-Yearly,Quarterly,Monthly}"
methods="${2:-naive2,ses,holt,damped,theta,comb,drift}"
source "$(dirname "$0")/common.sh"
Rscript "$root/bench/m3/run_r.R" "$root/data/m3" "$sets" "$methods" "$tmp/r.csv" >/dev/null
IFS=',' read -ra method_list <<<"$methods"
for set in "${set_list[@]}"; do
  for method in "${method_list[@]}"; do
    "$tc" forecast --wide "$root/data/m3/M3-$set-train.csv" --info "$root/data/m3/M3-$set-info.csv" \
      --season "${period[$set]}" --method "$method" --level 95 --format csv -o "$tmp/tc-$set-${method//:/_}.csv" 2>/dev/null
  done
done
python3 - "$tmp" "$sets" "$methods" <<'PY'
import csv, sys
tmp, sets, methods = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
ref = {}
for x in csv.DictReader(open(f"{tmp}/r.csv")):
    ref[(x["set"], x["method"], x["series"], int(x["step"]))] = x
print(f'{"set":<10} {"method":<9} {"values":>7} {"max rel diff":>13}  series differing by more than 1e-6')
for s in sets:
    for m in methods:
        worst, count, differ = 0.0, 0, []
        for x in csv.DictReader(open(f'{tmp}/tc-{s}-{m.replace(":", "_")}.csv')):
            y = ref[(s, m, x["series"], int(x["h"]))]
            for a in ("mean", "lo95", "hi95"):
                d = abs(float(x[a]) - float(y[a])) / max(1.0, abs(float(y[a])))
                worst = max(worst, d)
                count += 1
                if d > 1e-6 and x["series"] not in differ:
                    differ.append(x["series"])
        shown = ", ".join(differ[:8]) + (f", ... ({len(differ)} in all)" if len(differ) > 8 else "")
        print(f"{s:<10} {m:<9} {count:>7} {worst:>13.2e}  {shown if differ else '-'}")
PY
