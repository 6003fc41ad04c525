#!/usr/bin/env bash
# A/B of two koers binaries on one cached page: both serve a new store with the bundled plans at once, and wrk
# (-t2 -c50, 10 s, after a 3 s warm-up each) alternates between them for ROUNDS rounds, so that the machine's load
# falls on both alike. Prints requests/s and p99 per round.
#
#   bash benchmarks/ab-cached-page.sh BEFORE_BINARY AFTER_BINARY     (e.g. two release builds in two clones)
# Settings (environment): ROUNDS=4 PAGE=/plannen/streekvisie-zwv/ambities/2.1.2
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY"; exit 2; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
before=$1; after=$2; rounds=${ROUNDS:-4}; page=${PAGE:-/plannen/streekvisie-zwv/ambities/2.1.2}
dir=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"' EXIT
"$before" serve --db "$dir/before.sqlite" --port 18101 >"$dir/before.log" 2>&1 & pids+=($!)
"$after" serve --db "$dir/after.sqlite" --port 18102 >"$dir/after.log" 2>&1 & pids+=($!)
for port in 18101 18102; do
  for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.3; done
  wrk -t2 -c50 -d3s "http://127.0.0.1:$port$page" >/dev/null
done
for round in $(seq 1 "$rounds"); do
  for port in 18101 18102; do
    name=$([ "$port" = 18101 ] && echo before || echo after)
    wrk -t2 -c50 -d10s --latency "http://127.0.0.1:$port$page" \
      | awk -v r="$round" -v n="$name" '/Requests\/sec/ {rps=$2} / 99%/ {p99=$2} END {printf "round %s %s: %s req/s, p99 %s\n", r, n, rps, p99}'
  done
done
