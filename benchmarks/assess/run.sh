#!/usr/bin/env bash
# Assesses 100,000 generated series with every KoersProgress method and, in the same run, with the two Python
# versions of Open SDG's formulas; prints a Markdown table. The three Open SDG implementations must agree on the sum
# of scores and the count of each status, or the comparison is refused.
#
#   benchmarks/assess/run.sh [SERIES-FILE]
#
# KOERS_PACKAGE_DIR: the Swift package that has the AssessBenchmark product (default: this repository).
# KOERS_SCRATCH_PATH: its build folder (default: SwiftPM's, .build in the package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
package=${KOERS_PACKAGE_DIR:-$(cd "$here/../.." && pwd)}
series=${1:-${TMPDIR:-/tmp}/koers-assess-series.txt}
build=(swift build -c release --package-path "$package" --product AssessBenchmark)
[ -n "${KOERS_SCRATCH_PATH:-}" ] && build+=(--scratch-path "$KOERS_SCRATCH_PATH")

[ -f "$series" ] || python3 "$here/generate.py" --out "$series"
python3 -c 'import numpy' 2>/dev/null || { echo "numpy is missing: python3 -m pip install numpy" >&2; exit 1; }
"${build[@]}" >&2
bin="$("${build[@]}" --show-bin-path)/AssessBenchmark"

results=$( { "$bin" "$series"; python3 "$here/numpy_version.py" "$series"; python3 "$here/plain.py" "$series"; } | grep '^RESULT ')
python3 - "$results" <<'PY'
import sys
rows = [line.split() for line in sys.argv[1].splitlines()]
runs = {(r[1], r[2]): (float(r[3]), float(r[4]), r[5]) for r in rows}
koers, numpy, plain = runs[("swift", "open-sdg")], runs[("numpy", "open-sdg")], runs[("plain", "open-sdg")]
for name, other in (("numpy", numpy), ("plain Python", plain)):
    if other[2] != koers[2] or abs(other[1] - koers[1]) > 1e-6 * max(1.0, abs(koers[1])):
        sys.exit(f"the Open SDG results differ: Koers {koers[1:]} vs {name} {other[1:]}")
count = sum(int(c.split("=")[1]) for c in koers[2].split(","))
print(f"{count:,} series; Open SDG results identical in all three (sum of scores {koers[1]:.9g}, {koers[2]}).\n")
print("| implementation | method | seconds | series/s | vs Koers Open SDG |")
print("|---|---|---:|---:|---:|")
order = [("swift", m) for m in ("open-sdg", "eurostat", "linear", "projection")] + [("numpy", "open-sdg"), ("plain", "open-sdg")]
names = {"swift": "Koers (Swift, release)", "numpy": "Python + numpy", "plain": "plain Python"}
for key in order:
    seconds = runs[key][0]
    print(f"| {names[key[0]]} | {key[1]} | {seconds:.4f} | {count / seconds:,.0f} | {seconds / koers[0]:.2f}× |")
PY
