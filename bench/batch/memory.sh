#!/usr/bin/env bash
# Peak memory of `tradecast forecast --wide` on a synthetic panel of many series (issue 5: memory
# proportional to the data): a competition-layout file of N annual series of 14-40 values (random
# walks with drift, seeded, written by the script), forecast with METHOD in each output format;
# prints the input size, the output size and the peak resident memory (GNU time's %M).
#   bench/batch/memory.sh [N] [METHOD] [BUILD_DIR]      e.g. bench/batch/memory.sh 100000 theta
# Needs python3 and /usr/bin/time (apt-get install time) and a build (scripts/setup).
set -euo pipefail
n="${1:-100000}"
method="${2:-theta}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${3:-$root/build}"
[ -x /usr/bin/time ] || { echo "memory.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
cmake --build "$build" --target tradecast_cli >/dev/null
tc="$build/src/cli/tradecast"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$n" "$tmp/panel.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
with open(path, "w") as f:
    f.write(",".join('"V%d"' % i for i in range(1, 42)) + "\n")
    for s in range(n):
        k, x, vals = rng.randint(14, 40), 1000 + 500 * rng.random(), []
        for _ in range(k):
            x *= 1 + rng.gauss(0.03, 0.08)
            vals.append("%.2f" % x)
        f.write('"S%07d",' % s + ",".join(vals) + "," * (40 - k) + "\n")
PY
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
echo "tradecast $(git -C "$root" describe --always --dirty 2>/dev/null || echo) forecast --wide: $n series, method $method, $(date -u +%F)"
echo "input $(mib "$(stat -c %s "$tmp/panel.csv")") MiB"
printf '%-7s %12s %14s %9s\n' format "output MiB" "peak RSS MiB" seconds
for fmt in csv json table; do
  /usr/bin/time -f "%M %e" -o "$tmp/time.txt" "$tc" forecast --wide "$tmp/panel.csv" -H 6 --method "$method" \
    --format "$fmt" -o "$tmp/out.$fmt" 2>/dev/null
  read -r kb secs <"$tmp/time.txt"
  printf '%-7s %12s %14s %9s\n' "$fmt" "$(mib "$(stat -c %s "$tmp/out.$fmt")")" "$(mib $((kb * 1024)))" "$secs"
done
