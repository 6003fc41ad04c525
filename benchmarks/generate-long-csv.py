#!/usr/bin/env python3
"""Writes a canonical long CSV (indicator,region,period,value) of N rows for the import benchmark, and the indicator
catalogue it needs. Regions are real municipality codes read from data/geography/regions.yaml; values are synthetic
(this is a speed test, not data). Usage: generate-long-csv.py ROWS OUT.csv OUT-indicators.yaml"""
import random, re, sys

rows, out, catalogue = int(sys.argv[1]), sys.argv[2], sys.argv[3]
regions = [m.group(1) for m in re.finditer(r'code: "(\d{5})", level: municipality[^}]*?\}', open("data/geography/regions.yaml").read())
           if "valid_to" not in m.group(0)][:500]
years = list(range(1901, 2101))
indicators = -(-rows // (len(regions) * len(years)))
random.seed(1)
with open(catalogue, "w") as f:
    f.write("indicators:\n")
    for i in range(indicators):
        f.write(f'  - {{code: bench-{i}, name: {{nl: "Benchmark {i}"}}, unit: count, aggregation: none}}\n')
with open(out, "w") as f:
    f.write("indicator,region,period,value\n")
    n = 0
    for i in range(indicators):
        for r in regions:
            for y in years:
                if n == rows:
                    break
                f.write(f"bench-{i},{r},{y},{random.randint(0, 10**6) / 10}\n")
                n += 1
print(f"{rows} rows, {indicators} indicators × {len(regions)} regions × {len(years)} years")
