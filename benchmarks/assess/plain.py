#!/usr/bin/env python3
"""Open SDG's formulas (sdg-build ProgressMeasure.py, no limit) over every series with lists and loops.
Times the assessment only; prints `RESULT plain open-sdg <seconds> <score sum> <status counts>`."""
import sys
import time

BASE_YEAR = 2015


def read(path):
    series = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            target = None if parts[1] == "-" else float(parts[1])
            series.append((1 if parts[0] == "up" else -1, target, int(parts[2]), int(parts[3]),
                           [float(v) for v in parts[4:]]))
    return series


def assess(direction, target, target_year, first_year, values):
    """(score, status) of one series; score None when not available."""
    n = len(values)
    base_index = max(0, BASE_YEAR - first_year)  # consecutive years: the base year or the first later one
    if base_index >= n:
        return None, "not_available"
    base_year, base = first_year + base_index, values[base_index]
    current_year, current = first_year + n - 1, values[-1]
    if target == 0:
        target = 0.001
    achieved = target is not None and ((direction == -1 and current <= target) or (direction == 1 and current >= target))
    if base == 0:
        base = 0.001
    sign = -1 if base < 0 else 1
    pv = None
    if not ((base > 0 and current < 0) or (base < 0 and current > 0)) and current_year - base_year >= 1:
        actual = (current / base) ** (1 / (current_year - base_year)) - 1
        if target is None:
            pv = sign * direction * actual
        elif target != base and target_year != base_year:
            pv = sign * direction * actual / abs((target / base) ** (1 / (target_year - base_year)) - 1)
    if achieved:
        return 5.0, "target_achieved"
    if pv is None:
        return None, "not_available"
    if target is None:
        if pv < 0:
            return max(125 * pv - 2.5, -5), "deterioration"
        if pv >= 0.015:
            return min(500 * pv - 5, 5), "substantial_progress"
        if pv >= 0.005:
            return 250 * pv - 1.25, "moderate_progress"
        return 500 * pv - 2.5, "limited_progress"
    status = ("substantial_progress" if pv >= 0.95 else "moderate_progress" if pv >= 0.6
              else "limited_progress" if pv >= 0 else "deterioration")
    score = min(7.1429 * pv - 4.2857, 5) if pv >= 0.6 else max(4.1667 * pv - 2.5, -5)
    return score, status


def main():
    series = read(sys.argv[1])
    best = None
    for _ in range(5):
        start = time.perf_counter()
        results = [assess(*s) for s in series]
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    total = sum(score for score, _ in results if score is not None)
    counts = {}
    for _, status in results:
        counts[status] = counts.get(status, 0) + 1
    print(f"RESULT plain open-sdg {best:.6f} {total:.9e} " + ",".join(f"{k}={counts[k]}" for k in sorted(counts)))


if __name__ == "__main__":
    main()
