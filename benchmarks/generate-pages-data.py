#!/usr/bin/env python3
"""Writes the data set of the page benchmark (benchmarks/pages.sh): a canonical long CSV of INDICATORS generated
indicators × REGIONS real region codes × YEARS years, the indicator catalogue it needs, and 20 years of
`niet-werkende-werkzoekenden` in ZWV so the Streekvisie's target 2.1.2 has a chart and verdicts.

Regions are read from data/geography/regions.yaml, coarsest first (country, regions, provinces, arrondissements), then
the municipalities that still exist (no valid_to), by code, until REGIONS are taken: 600 takes every Flemish and
Brussels municipality (so a map of them is complete) and stops in the province of Namur. Values are synthetic: this
is load for a speed test, never data to keep; write it to a temporary folder.

Usage: generate-pages-data.py INDICATORS REGIONS YEARS OUT.csv OUT-indicators.yaml"""
import random, re, sys

indicators, region_count, year_count = (int(a) for a in sys.argv[1:4])
out, catalogue = sys.argv[4], sys.argv[5]

entries = [(m.group(1), m.group(2), "valid_to" in m.group(0))
           for m in re.finditer(r'\{code: "([^"]+)", level: (\w+)[^}]*\}', open("data/geography/regions.yaml").read())]
order = ["country", "region", "province", "arrondissement", "municipality"]
current = [(code, level) for code, level, ended in entries if not ended and level in order]
regions = [code for code, _ in sorted(current, key=lambda e: (order.index(e[1]), e[0]))][:region_count]
if len(regions) < region_count:
    sys.exit(f"only {len(regions)} current regions in data/geography/regions.yaml, {region_count} asked")
years = list(range(2025 - year_count, 2025))  # ends in 2024: every region taken still existed then

random.seed(1)
with open(catalogue, "w") as f:
    f.write("indicators:\n")
    for i in range(indicators):
        f.write(f'  - {{code: bench-{i}, name: {{nl: "Benchmark {i}"}}, unit: count, aggregation: none}}\n')

with open(out, "w") as f:
    f.write("indicator,region,period,value\n")
    suffixes = [f",{r},{y}," for r in regions for y in years]
    for i in range(indicators):
        prefix = f"bench-{i}"
        f.write("".join(f"{prefix}{s}{random.randint(0, 10**6) / 10}\n" for s in suffixes))
    # The target's own series: falling from about 9,600 towards 6,700, through the bundled 7,719 of 2017 (an equal
    # value is "unchanged", so the bundled observation is not revised).
    for k, y in enumerate(years):
        v = 7719 if y == 2017 else round(9600 - (9600 - 6700) * k / max(len(years) - 1, 1) + random.uniform(-150, 150))
        f.write(f"niet-werkende-werkzoekenden,ZWV,{y},{v}\n")

print(f"{indicators * len(regions) * len(years) + len(years)} rows: {indicators} indicators × {len(regions)} regions "
      f"× {len(years)} years ({years[0]}–{years[-1]}), plus {len(years)} values of niet-werkende-werkzoekenden in ZWV")
