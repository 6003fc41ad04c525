#!/usr/bin/env python3
"""Sorts the samples of a `perf record -g` of `koers serve` into the phases of a page request, for
benchmarks/pages.sh (PROFILE=1). Reads `perf script | swift demangle --simplified` on stdin; each sample goes to the
innermost frame of its stack that names a phase (so decoding rows inside a store read counts for that store read,
and the SVG of the map inside the indicator page's view model counts for the map). Prints the share of samples per
phase, largest first. Usage: perf script -i DATA | swift demangle --simplified | perf-phases.py"""
import re, sys
from collections import Counter

# (phase, pattern), searched from the leaf of each stack towards its root; the first frame that matches decides.
PHASES = [
    ("map outlines: GeoJSON text rebuilt and parsed (JSONSerialization)", r"Boundaries\.init\(geoJSON|IndicatorPage\.boundaries"),
    ("map SVG (ChoroplethMap, path data)", r"ChoroplethMap\."),
    ("ranked bars SVG", r"RankedBarChart\."),
    ("line chart SVG", r"LineChart|TargetChart\."),
    ("assessment (progress methods)", r"TargetAssessment|ProgressAssessment|PlanProgress|OpenSDG|TrendProjection"),
    ("Mustache rendering", r"Mustache|PageRenderer\.render"),
    ("store: observations of the indicator", r"SQLiteStore\.observations"),
    ("store: all indicators (lookup)", r"SQLiteStore\.indicators"),
    ("store: geography (lookup)", r"SQLiteStore\.geography|SQLiteReading\.geography"),
    ("store: plans", r"SQLiteStore\.plans?\(|SQLiteReading\.plan"),
    ("store: outlines (boundaries)", r"SQLiteStore\.boundaries"),
    ("store: organisations, funding (lookup)", r"SQLiteStore\.(organisations|fundingProgrammes)"),
    ("store: SQLite itself, GRDB pool (stack lost inside libsqlite3)", r"GRDB|DatabasePool|SerializedDatabase|sqlite3|libsqlite3"),
    ("indicator page view model (rest)", r"IndicatorPage\."),
    ("target page view model (rest)", r"TargetPage\.|TargetRow\."),
    ("controller (rest: lookup dictionaries, sets, freeing)", r"PageController\.|Lookup\."),
    ("HTTP server (Hummingbird, NIO)", r"Hummingbird|NIO|ByteBuffer|HTMLResponse"),
]
compiled = [(name, re.compile(pattern)) for name, pattern in PHASES]

counts, total = Counter(), 0
frames = []

def finish():
    global total
    if not frames:
        return
    total += 1
    for frame in frames:  # leaf first, as perf script prints them
        for name, pattern in compiled:
            if pattern.search(frame):
                counts[name] += 1
                return
    counts["kernel only (network, scheduling)" if all("kernel" in f for f in frames) else "other: allocator, thread switches, runtime (stack lost)"] += 1

for line in sys.stdin:
    if not line.strip():
        finish()
        frames = []
    elif line[0] in " \t":
        frames.append(line.strip())
finish()

if not total:
    sys.exit("no samples")
print(f"| phase | share of samples |\n|---|---:|")
for name, n in counts.most_common():
    print(f"| {name} | {100 * n / total:.1f} % |")
print(f"| (samples) | {total:,} |")
