# Set-up shared by bench/m3/compare.sh and compare_series.sh (sourced after they set `sets` and
# `methods`; their third argument is the build directory): the repository root, R with forecast,
# the CLI built (`tc`), a temporary directory removed on exit, and each set's seasonal period.
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${3:-$root/build}"
command -v Rscript >/dev/null || { echo "$(basename "$0"): Rscript not found (apt-get install r-base-core r-cran-forecast)" >&2; exit 2; }
cmake --build "$build" --target tradecast_cli >/dev/null
tc="$build/src/cli/tradecast"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
declare -A period=([Yearly]=1 [Quarterly]=4 [Monthly]=12)
IFS=',' read -ra set_list <<<"$sets"
