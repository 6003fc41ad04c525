#!/usr/bin/env python3
"""Writes the benchmark's series: 100,000 by default, 10-30 yearly points each, seeded so every run is the same.

One series a line: direction (up/down), target (- for none), target year, first year, then the values of
consecutive years, space-separated. Values follow a multiplicative random walk, so they stay positive."""
import argparse
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240401)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w") as f:
        for _ in range(args.count):
            n = rng.randint(10, 30)
            first = rng.randint(1996, 2016)
            value = rng.uniform(10, 1000)
            drift = rng.uniform(-0.04, 0.04)
            values = []
            for _ in range(n):
                values.append(value)
                value *= 1 + drift + rng.gauss(0, 0.03)
            direction = rng.choice(("up", "down"))
            target = f"{values[0] * rng.uniform(0.5, 1.5):.6g}" if rng.random() < 0.5 else "-"
            f.write(f"{direction} {target} 2030 {first} " + " ".join(f"{v:.6g}" for v in values) + "\n")


if __name__ == "__main__":
    main()
