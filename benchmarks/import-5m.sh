#!/usr/bin/env bash
# Import benchmark (issue: indicator data): Koers's `import` of a generated long CSV against `sqlite3 .import` of the
# same file into a plain table, in the same run, on the same machine. Reports wall time, rows per second and peak
# memory (maximum resident set size). Run from the repository root: bash benchmarks/import-5m.sh [ROWS]
set -euo pipefail
rows=${1:-5000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
swift build -c release --product koers >/dev/null
koers=$(swift build -c release --show-bin-path)/koers
python3 benchmarks/generate-long-csv.py "$rows" "$work/data.csv" "$work/indicators.yaml"

measure() {  # label, command...: prints "label seconds maxrss_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r seconds rss < "$work/time"
  echo "$label $seconds $rss"
}

sqlite_line=$(measure sqlite3 sqlite3 "$work/plain.sqlite" \
  "CREATE TABLE t (indicator TEXT, region TEXT, period TEXT, value REAL);" ".mode csv" ".import --skip 1 $work/data.csv t")
"$koers" indicator load "$work/indicators.yaml" --db "$work/koers.sqlite" >/dev/null
koers_line=$(measure koers "$koers" import "$work/data.csv" --db "$work/koers.sqlite")
tail -n 3 "$work/out"
reimport_line=$(measure koers-again "$koers" import "$work/data.csv" --db "$work/koers.sqlite")

python3 - "$rows" "$sqlite_line" "$koers_line" "$reimport_line" <<'PY'
import sys
rows = int(sys.argv[1])
lines = [l.split() for l in sys.argv[2:]]
base = float(lines[0][1])
print(f"| run | wall time | rows/s | peak memory | × sqlite3 |")
print(f"|---|---|---|---|---|")
for label, seconds, rss in lines:
    s = float(seconds)
    print(f"| {label} | {s:.1f} s | {rows / s:,.0f} | {int(rss) / 1024:.0f} MB | {s / base:.2f} |")
PY
