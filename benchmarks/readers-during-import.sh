#!/usr/bin/env bash
# Readers during a large import (issue: production deployment): do pages keep answering while `koers import` writes
# 5,000,000 rows, on SQLite and on PostgreSQL? Page latency under a low, fixed load (wrk --latency), first idle, then for
# exactly as long as the import runs.
#
# For each store and page, on a new store (the bundled catalogue and the benchmark's indicators, nothing imported yet):
#   1. starts `koers serve` (release build) on it: the default one for the cached page, `--cache-mb 0` for the page
#      computed afresh on every request;
#   2. idle: wrk for IDLE (20 s) on the page;
#   3. during the import: starts wrk (the same settings, no end), runs `koers import` of the 5,000,000 rows (timed), and
#      stops wrk (SIGINT, which makes it print its figures) the moment the import ends, so its figures cover the import.
# The page is the target page /plannen/streekvisie-zwv/ambities/2.1.2 (chart, four verdicts): it reads the plans, the
# catalogue and the observation table the import writes into. The CSV (benchmarks/generate-long-csv.py: 50 indicators ×
# 500 municipalities × 200 years) is generated once. PostgreSQL runs in a throwaway cluster (.ci/postgres-cluster, its
# default settings), a new database per run. Prints a table: store, page, idle and during-import p50 / p99 / max /
# req/s, failed responses (non-2xx and socket errors, timeouts included), import seconds, load averages before each
# run. Fails if the import fails; reports failed responses without hiding them.
#
# Run from the repository root: bash benchmarks/readers-during-import.sh   (about 10 minutes after the release build;
# temporary files: the CSV, 138 MB, and one store at a time, about 400 MB for SQLite)
# Settings (environment): ROWS=5000000 IDLE=20s CONNECTIONS=4 THREADS=2 STORES="sqlite postgresql"
set -euo pipefail

rows=${ROWS:-5000000}
idle=${IDLE:-20s}
connections=${CONNECTIONS:-4}
threads=${THREADS:-2}
stores=${STORES:-sqlite postgresql}
page=/plannen/streekvisie-zwv/ambities/2.1.2

[ -f Package.swift ] && [ -f benchmarks/generate-long-csv.py ] || { echo "run from the repository root"; exit 1; }
for tool in wrk curl python3 psql; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)"; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }

work=$(mktemp -d /tmp/koers-readers.XXXXXX)
pids=()
cluster=
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$cluster" ]; then .ci/postgres-cluster stop "$cluster"; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { echo "== $*" >&2; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }

say "building koers (release)"
swift build -c release --product koers >/dev/null
koers=$(swift build -c release --show-bin-path)/koers

say "generating $rows rows"
python3 benchmarks/generate-long-csv.py "$rows" "$work/data.csv" "$work/indicators.yaml" >&2

if [[ " $stores " == *" postgresql "* ]]; then
  eval "$(.ci/postgres-cluster start)"
  cluster=$KOERS_TEST_POSTGRES_DIR
  server=$KOERS_TEST_POSTGRES_URL
fi

# A new store of this kind with the catalogue and the benchmark's indicators; prints its --db.
new_store() {  # kind, name
  local db
  if [ "$1" = sqlite ]; then
    rm -f "$work"/store.sqlite*
    db=$work/store.sqlite
  else
    psql -q "$server" -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2" >/dev/null
    db=${server%/*}/$2
  fi
  "$koers" indicator load "$work/indicators.yaml" --db "$db" >/dev/null
  echo "$db"
}

# Starts koers serve with the given options and waits (at most a minute) until it answers the page.
serve() {  # db, log, options...
  local db=$1 log=$2 port; shift 2
  port=$(free_port)
  "$koers" serve --db "$db" --host 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$page")" = 200 ]; then
      url=http://127.0.0.1:$port$page
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.25
  done
  echo "koers serve did not answer within a minute"; exit 1
}

# wrk's default timeout (2 s) would drop slow answers from the figures: allow 60 s, so a blocked reader shows.
wrk_options=(-t"$threads" -c"$connections" --timeout 60s --latency)

: > "$work/runs"
for kind in $stores; do
  for variant in cached fresh; do
    name=$kind-$variant
    db=$(new_store "$kind" "koers_readers_$variant")
    options=(); [ "$variant" = fresh ] && options=(--cache-mb 0)
    serve "$db" "$work/serve-$name.log" "${options[@]}"
    for _ in 1 2 3; do curl -fs -o /dev/null "$url"; done

    idle_load=$(loadavg)
    say "$name: idle, wrk $connections connections, $threads threads, $idle (load average before: $idle_load)"
    wrk "${wrk_options[@]}" -d"$idle" "$url" | tee "$work/wrk-$name-idle.txt" >&2

    import_load=$(loadavg)
    say "$name: during koers import of $rows rows (load average before: $import_load)"
    # wrk itself in the background (not a function's subshell, which would ignore the SIGINT that stops it)
    wrk "${wrk_options[@]}" -d3600s "$url" >"$work/wrk-$name-import.txt" &
    wrk_pid=$!
    pids+=("$wrk_pid")
    start=$(date +%s.%N)
    import_status=0
    /usr/bin/time -f "%e %M" -o "$work/time" "$koers" import "$work/data.csv" --db "$db" >"$work/import.out" 2>&1 || import_status=$?
    end=$(date +%s.%N)
    kill -INT "$wrk_pid"
    wait "$wrk_pid" || true
    cat "$work/wrk-$name-import.txt" >&2
    [ "$import_status" = 0 ] || { cat "$work/import.out"; exit 1; }
    tail -n 2 "$work/import.out" >&2
    read -r import_seconds import_rss < "$work/time"
    echo "$kind|$variant|$idle_load|$import_load|$import_seconds|$((import_rss / 1024))|$(python3 -c "print(f'{$end - $start:.1f}')")" >> "$work/runs"

    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    [ "$kind" = sqlite ] || psql -q "$server" -c "DROP DATABASE koers_readers_$variant WITH (FORCE)" >/dev/null
  done
done

python3 - "$work" "$rows" <<'PY'
import re, sys
work, rows = sys.argv[1], int(sys.argv[2])
scale = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}

def ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * scale[unit]

def wrk(name):
    text = open(f"{work}/wrk-{name}.txt").read()
    count = int(re.search(r"(\d+) requests in", text).group(1))
    latency = re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text)
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", text, re.M))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"count": count, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
            "p50": ms(percentiles["50"]) if count else None, "p99": ms(percentiles["99"]) if count else None,
            "max": ms(latency.group(1)) if count else None,
            "failed": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)}

def show(value):
    return "none" if value is None else f"{value:,.1f} ms" if value < 1000 else f"{value / 1000:,.2f} s"

pages = {"cached": "target page, cached", "fresh": "target page, computed afresh (--cache-mb 0)"}
print()
print(f"| store | page | idle p50 / p99 / max | idle req/s | during import p50 / p99 / max | during import req/s "
      f"| requests during import | failed (idle / import) | import of {rows:,} rows | load avg before (idle / import) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
failed = 0
for line in open(f"{work}/runs"):
    kind, variant, idle_load, import_load, seconds, rss, wrk_seconds = line.strip().split("|")
    i, d = wrk(f"{kind}-{variant}-idle"), wrk(f"{kind}-{variant}-import")
    failed += i["failed"] + d["failed"]
    print(f"| {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} | {pages[variant]} "
          f"| {show(i['p50'])} / {show(i['p99'])} / {show(i['max'])} | {i['rps']:,.0f} "
          f"| {show(d['p50'])} / {show(d['p99'])} / {show(d['max'])} | {d['rps']:,.0f} | {d['count']:,} "
          f"| {i['failed']} / {d['failed']} | {float(seconds):.1f} s ({rows / float(seconds):,.0f} rows/s, {rss} MB) "
          f"| {idle_load} / {import_load} |")
print()
print(f"WARNING: {failed} responses failed (non-2xx or socket errors)" if failed else
      "every response was 2xx: wrk counted no non-2xx/3xx responses and no socket errors")
PY
