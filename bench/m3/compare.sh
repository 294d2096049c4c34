#!/usr/bin/env bash
# The M3 benchmark in one command: tradecast (`tradecast evaluate`) and R 4.2.2 + forecast 8.20
# (bench/m3/run_r.R) on the same M3 sets from data/m3/, scored with the M4 definitions, printed as
# one table with the speed ratio, and a second table with the MSIS and coverage of both sides' 95%
# prediction intervals. R runs single-threaded; tradecast with 1 thread and with all cores.
#   bench/m3/compare.sh [SETS] [METHODS] [BUILD_DIR]
#   e.g. bench/m3/compare.sh Yearly,Quarterly,Monthly naive2,ses,holt,damped,theta,comb,ets,auto
# Needs R with the forecast package (apt-get install r-base-core r-cran-forecast) and a build
# (scripts/setup). R's part takes several minutes for the Monthly set.
set -euo pipefail
sets="${1:-Yearly,Quarterly,Monthly}"
methods="${2:-naive2,ses,holt,damped,theta,comb,ets,auto}"
source "$(dirname "$0")/common.sh"
echo "set,method,series,smape,mase,owa,msis,coverage,seconds,seconds_all_cores" >"$tmp/tc.csv"
for set in "${set_list[@]}"; do
  args=(evaluate --train "$root/data/m3/M3-$set-train.csv" --test "$root/data/m3/M3-$set-test.csv"
        --info "$root/data/m3/M3-$set-info.csv" --season "${period[$set]}" --method "$methods" --format json)
  "$tc" "${args[@]}" --threads 1 >"$tmp/one.json"
  "$tc" "${args[@]}" --threads 0 >"$tmp/all.json"
  python3 - "$set" "$tmp/one.json" "$tmp/all.json" >>"$tmp/tc.csv" <<'PY'
import json, sys
one = json.load(open(sys.argv[2])); allc = {r["method"]: r for r in json.load(open(sys.argv[3]))}
for r in one:
    print(f'{sys.argv[1]},{r["method"]},{r["series"]},{r["smape"]:.4f},{r["mase"]:.4f},{r["owa"]:.4f},{r["msis"]:.4f},{r["coverage"]:.4f},{r["seconds"]:.3f},{allc[r["method"]]["seconds"]:.3f}')
PY
done
Rscript "$root/bench/m3/run_r.R" "$root/data/m3" "$sets" "$methods" >"$tmp/r.csv"
echo "M3 benchmark: tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) vs R $(Rscript -e 'cat(as.character(getRversion()), "+ forecast", as.character(packageVersion("forecast")))'), $(nproc) cores, $(date -u +%F)"
python3 - "$tmp/tc.csv" "$tmp/r.csv" <<'PY'
import csv, sys
tc = {(r["set"], r["method"]): r for r in csv.DictReader(open(sys.argv[1]))}
rr = {(r["set"], r["method"]): r for r in csv.DictReader(open(sys.argv[2]))}
print(f'{"set":<10} {"method":<8} | {"tc sMAPE":>8} {"MASE":>6} {"OWA":>6} {"s(1t)":>7} {"s(all)":>7} {"cores":>6} | {"R sMAPE":>8} {"MASE":>6} {"OWA":>6} {"s":>7} | {"speed-up":>8}')
for key, t in tc.items():
    r = rr.get(key)
    rs = f'{float(r["smape"]):8.3f} {float(r["mase"]):6.3f} {float(r["owa"]):6.3f} {float(r["seconds"]):7.2f}' if r else f'{"-":>8} {"-":>6} {"-":>6} {"-":>7}'
    ratio = f'{float(r["seconds"]) / max(float(t["seconds"]), 1e-3):7.1f}x' if r and float(r["seconds"]) > 0 else f'{"-":>8}'
    print(f'{key[0]:<10} {key[1]:<8} | {float(t["smape"]):8.3f} {float(t["mase"]):6.3f} {float(t["owa"]):6.3f} {float(t["seconds"]):7.2f} {float(t["seconds_all_cores"]):7.2f} {float(t["seconds"]) / max(float(t["seconds_all_cores"]), 1e-3):5.2f}x | {rs} | {ratio}')
print()
print("95% prediction intervals: MSIS (M4's scaled interval score) and coverage")
print(f'{"set":<10} {"method":<8} | {"tc MSIS":>8} {"cover":>6} | {"R MSIS":>8} {"cover":>6} | {"MSIS tc/R":>9}')
for key, t in tc.items():
    r = rr.get(key)
    rs = f'{float(r["msis"]):8.3f} {100 * float(r["coverage"]):5.1f}%' if r else f'{"-":>8} {"-":>6}'
    ratio = f'{float(t["msis"]) / float(r["msis"]):9.4f}' if r else f'{"-":>9}'
    print(f'{key[0]:<10} {key[1]:<8} | {float(t["msis"]):8.3f} {100 * float(t["coverage"]):5.1f}% | {rs} | {ratio}')
print("auto: median of ETS, Theta, drift (+ damped ETS when m > 1), R's row the same procedure with forecast's functions (members' times summed). Speed-up: R seconds / tradecast single-thread seconds; cores: tradecast's single-thread seconds / all-core seconds.")
PY
