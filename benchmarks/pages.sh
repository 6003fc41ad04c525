#!/usr/bin/env bash
# Page benchmark (issue: pages under load): Koers's two heaviest pages under wrk, against nginx serving the same bytes
# as static files, in the same run, on the same machine. Goal: Koers at least 50 % of nginx's requests per second,
# with a p99 latency at most 1.5× nginx's.
#
# 1. Generates 1,000 indicators × 600 real regions × 20 years (12,000,000 values; benchmarks/generate-pages-data.py)
#    plus 20 years of niet-werkende-werkzoekenden in ZWV, into a temporary folder; loads and imports them into a new
#    store with the release build (timed), and imports the Flemish and Brussels municipal outlines for the map.
# 2. Starts `koers serve` on that store (and a second one with --cache-mb 0, only to time pages computed afresh),
#    times one request at a time, warms up, and runs wrk (--latency, 50
#    connections, 20 s) on the target page and an indicator page, waiting for the server to be idle before each run.
# 3. Saves both pages with curl, serves them with a private nginx, and runs the same wrk on them.
# 4. Prints page sizes, requests/s, p50 and p99 per server and page, the server's CPU use, and the ratios against the
#    goal; fails if any response was not 2xx. A Koers page too slow for every connection to get one response in 20 s
#    is run again for LONG_DURATION (60 s) so its real latency shows.
# Everything (files, koers, nginx, perf) is removed or stopped on exit.
#
# Run from the repository root: bash benchmarks/pages.sh   (about 5 minutes after the build; temporary files: the CSV,
# 345 MB, deleted after the import, and the store, 852 MB, plus its write-ahead log during the import)
# Settings (environment): INDICATORS=1000 REGIONS=600 YEARS=20 CONNECTIONS=50 DURATION=20s THREADS=2 LONG_DURATION=60s
#   INDICATOR=bench-0 (its page is measured; every generated indicator has values in all regions)
#   BOUNDARIES=<outlines GeoJSON> (default ../shared/reference/boundaries/flanders_brussels_municipalities_2025.geojson)
#   PROFILE=1: afterwards, `perf record -g` the koers process during one more wrk run per page and print where its
#   CPU time goes (benchmarks/perf-phases.py) and its hottest symbols (needs perf with the cpu-clock event; the measured
#   runs are never profiled).
set -euo pipefail

indicators=${INDICATORS:-1000}
regions=${REGIONS:-600}
years=${YEARS:-20}
connections=${CONNECTIONS:-50}
duration=${DURATION:-20s}
threads=${THREADS:-2}
indicator=${INDICATOR:-bench-0}
boundaries=${BOUNDARIES:-../shared/reference/boundaries/flanders_brussels_municipalities_2025.geojson}
target_path=/plannen/streekvisie-zwv/ambities/2.1.2
indicator_path=/indicatoren/$indicator

[ -f Package.swift ] && [ -f benchmarks/generate-pages-data.py ] || { echo "run from the repository root"; exit 1; }
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)"; exit 1; }
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
[ -f "$boundaries" ] || { echo "no outlines at $boundaries (set BOUNDARIES)"; exit 1; }

work=$(mktemp -d /tmp/koers-pages.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

source benchmarks/lib.sh

say "building koers (release)"
swift build -c release --product koers >/dev/null
koers=$(swift build -c release --show-bin-path)/koers

say "generating $indicators indicators × $regions regions × $years years"
python3 benchmarks/generate-pages-data.py "$indicators" "$regions" "$years" "$work/data.csv" "$work/indicators.yaml" >&2
db=$work/koers.sqlite
timed "indicator load (new store: bundled catalogue + $indicators indicators)" "$koers" indicator load "$work/indicators.yaml" --db "$db"
timed "import $(( $(wc -l < "$work/data.csv") - 1 )) rows" "$koers" import "$work/data.csv" --db "$db"
timed "import-boundaries $(basename "$boundaries")" "$koers" import-boundaries "$boundaries" --db "$db"
rm "$work/data.csv"
echo "store: $(du -m "$db" | cut -f1) MB" >&2

koers_port=$(free_port)
"$koers" serve --db "$db" --host 127.0.0.1 --port "$koers_port" >"$work/koers.log" 2>&1 &
koers_pid=$!
pids+=("$koers_pid")
wait_for "http://127.0.0.1:$koers_port/" "$koers_pid" "$work/koers.log"

# A second Koers on the same store that keeps nothing (--cache-mb 0): what one page costs to compute afresh, as
# after every import. Only timed one request at a time, never loaded.
fresh_port=$(free_port)
"$koers" serve --db "$db" --host 127.0.0.1 --port "$fresh_port" --cache-mb 0 >"$work/koers-fresh.log" 2>&1 &
pids+=("$!")
wait_for "http://127.0.0.1:$fresh_port/" "$!" "$work/koers-fresh.log"

# The two pages exactly as Koers serves them, for nginx to serve as plain files.
static=$work/static
mkdir -p "$static"
fetch() {  # url, file: saves the page, refuses anything but 200
  local code
  code=$(curl -s -o "$2" -w '%{http_code}' "$1")
  [ "$code" = 200 ] || { echo "$1 answered $code"; exit 1; }
}
fetch "http://127.0.0.1:$koers_port$target_path" "$static/target.html"
fetch "http://127.0.0.1:$koers_port$indicator_path" "$static/indicator.html"
grep -q 'class="verdict"' "$static/target.html" || { echo "the target page has no verdict: is ZWV's series imported?"; exit 1; }
grep -q '<figure class="chart">' "$static/target.html" || { echo "the target page has no chart"; exit 1; }
grep -q 'id="kaart' "$static/indicator.html" || echo "warning: the indicator page has no map" >&2
chmod 755 "$work" "$static"
chmod 644 "$static"/*.html

nginx_port=$(free_port)
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
# A private nginx for this benchmark only: the saved pages as static files, no access log, long keep-alive (wrk's
# connections stay open, as they do with Koers). No tcp_nopush: with it, a lone 660 kB response over loopback often
# waited 40 ms for a delayed ACK, which says nothing about nginx.
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    types { text/html html; }
    default_type application/octet-stream;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $static;
    }
}
CONF
nginx -e "$work/nginx/logs/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
pids+=("$nginx_pid")
wait_for "http://127.0.0.1:$nginx_port/target.html" "$nginx_pid" "$work/nginx/logs/error.log"
cmp -s "$static/target.html" <(curl -s "http://127.0.0.1:$nginx_port/target.html") || { echo "nginx serves other bytes"; exit 1; }

# name|url pairs, in the order they are measured.
runs=("koers target|http://127.0.0.1:$koers_port$target_path"
      "koers indicator|http://127.0.0.1:$koers_port$indicator_path"
      "nginx target|http://127.0.0.1:$nginx_port/target.html"
      "nginx indicator|http://127.0.0.1:$nginx_port/indicator.html")

# One request at a time (no load): the median of 20 total times, for the service time behind the throughput; and
# the same pages computed afresh each time by the Koers that keeps nothing.
single=$work/single
: > "$single"
for run in "${runs[@]}" "koers-fresh target|http://127.0.0.1:$fresh_port$target_path" \
           "koers-fresh indicator|http://127.0.0.1:$fresh_port$indicator_path"; do
  name=${run%%|*}; url=${run#*|}
  for _ in 1 2 3; do curl -s -o /dev/null "$url"; done
  for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n | sed -n 10p | sed "s/^/$name|/" >> "$single"
done

# wrk's own timeout (2 s) would drop slow responses from the latency figures: allow 30 s so every response counts.
load() { wrk -t"$threads" -c"$connections" -d"$1" --timeout 30s --latency "$2"; }
# CPU time (1/100 s) used so far by these processes: koers, or nginx's workers.
ticks() { local pid sum=0; for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done; echo "$sum"; }
# A server keeps computing the requests wrk leaves in flight when it stops; wait until it is idle again (at most 3
# minutes), so no run starts with the previous run's backlog.
wait_idle() {
  local before after
  for _ in $(seq 1 360); do
    before=$(ticks "$@"); sleep 0.5; after=$(ticks "$@")
    [ $((after - before)) -le 2 ] && return 0
  done
  echo "warning: the server was still busy after 3 minutes" >&2
}
nginx_workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
: > "$work/runs"
for run in "${runs[@]}"; do
  name=${run%%|*}; url=${run#*|}
  # shellcheck disable=SC2086
  if [ "${name%% *}" = koers ]; then server_pids=$koers_pid; else server_pids=$nginx_workers; fi
  say "warm-up $name (2 connections, 5 s)"
  wrk -t1 -c2 -d5s "$url" >/dev/null
  wait_idle $server_pids
  loadavg=$(cut -d' ' -f1 /proc/loadavg)
  say "wrk $name: $connections connections, $threads threads, $duration (load average before: $loadavg)"
  before=$(ticks $server_pids); start=$(date +%s.%N)
  load "$duration" "$url" | tee "$work/wrk-${name// /-}.txt" >&2
  after=$(ticks $server_pids); end=$(date +%s.%N)
  echo "$name|$loadavg|$(python3 -c "print(f'{($after - $before) / 100 / ($end - $start):.2f}')")" >> "$work/runs"
  wait_idle $server_pids
done
# A page so slow that not every connection got one response in $duration is measured again for longer (the ratios
# keep the $duration run; this one shows what its latency really is).
long=${LONG_DURATION:-60s}
for run in "${runs[@]:0:2}"; do
  name=${run%%|*}; url=${run#*|}
  done_requests=$(grep -oE '[0-9]+ requests in' "$work/wrk-${name// /-}.txt" | cut -d' ' -f1)
  [ "$done_requests" -ge "$connections" ] && continue
  loadavg=$(cut -d' ' -f1 /proc/loadavg)
  say "wrk $name again for $long: only $done_requests responses in $duration (load average before: $loadavg)"
  before=$(ticks "$koers_pid"); start=$(date +%s.%N)
  wrk -t"$threads" -c"$connections" -d"$long" --timeout 120s --latency "$url" | tee "$work/wrk-${name// /-}-long.txt" >&2
  after=$(ticks "$koers_pid"); end=$(date +%s.%N)
  echo "$name $long|$loadavg|$(python3 -c "print(f'{($after - $before) / 100 / ($end - $start):.2f}')")" >> "$work/runs"
  wait_idle "$koers_pid"
done
koers_rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$koers_pid/status")

status=0
python3 - "$work" "$static" "$single" "$koers_rss" <<'PY' || status=$?
import os, re, sys
work, static, single, koers_rss = sys.argv[1:5]
units = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}

def ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * units[unit]

def parse(name):
    text = open(wrk_file(name)).read()
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    pct = {p: ms(v) for p, v in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", text, re.M)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), "requests": requests,
            # wrk prints 0 for the percentiles of a run in which nothing completed
            "p50": pct["50"] if requests else float("inf"), "p99": pct["99"] if requests else float("inf"),
            "non2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1]),
            "errors": sum(map(int, errors.groups())) if errors else 0}

def wrk_file(name):
    return os.path.join(work, f"wrk-{name.replace(' ', '-')}.txt")

def show(v):
    return "none completed" if v == float("inf") else f"{v:,.2f} ms"

times = dict(line.strip().split("|") for line in open(single) if "|" in line)
runs = {line.split("|")[0]: line.strip().split("|")[1:] for line in open(os.path.join(work, "runs"))}
pages = {"target": "target.html", "indicator": "indicator.html"}
print()
print("page sizes: " + ", ".join(f"{p} {os.path.getsize(os.path.join(static, f)):,} bytes" for p, f in pages.items()))
print("one page computed afresh (koers serve --cache-mb 0, one request at a time, median of 20): "
      + ", ".join(f"{p} {float(times['koers-fresh ' + p]) * 1000:.1f} ms" for p in pages))
print(f"koers peak memory (VmHWM): {koers_rss} MB")
print()
print("| page | server | requests | req/s | p50 | p99 | one request alone | server CPU (cores) | load avg before | non-2xx | socket errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
results, bad = {}, 0
for page in pages:
    for server in ("koers", "nginx"):
        name = f"{server} {page}"
        r = results[(server, page)] = parse(name)
        alone = float(times[name]) * 1000
        loadavg, cores = runs[name]
        bad += r["non2xx"] + r["errors"]
        print(f"| {page} | {server} | {r['requests']:,} | {r['rps']:,.1f} | {show(r['p50'])} | {show(r['p99'])} "
              f"| {alone:.2f} ms | {cores} | {loadavg} | {r['non2xx']} | {r['errors']} |")
        long = [key for key in runs if key.startswith(name + " ")]
        if long:  # the longer run of a page too slow for the first one
            r = results[(server, page + " (long run)")] = parse(name + " long")
            duration = long[0].split()[-1]
            loadavg, cores = runs[long[0]]
            bad += r["non2xx"] + r["errors"]
            print(f"| {page}, {duration} run | {server} | {r['requests']:,} | {r['rps']:,.1f} | {show(r['p50'])} "
                  f"| {show(r['p99'])} | | {cores} | {loadavg} | {r['non2xx']} | {r['errors']} |")
print()
print("| page | Koers / nginx req/s (goal ≥ 0.50) | Koers / nginx p99 (goal ≤ 1.5) | goal |")
print("|---|---:|---:|---|")
for page in [p for _, p in results if _ == "koers"]:
    k, n = results[("koers", page)], results[("nginx", page.removesuffix(" (long run)"))]
    throughput, p99 = k["rps"] / n["rps"], k["p99"] / n["p99"]
    met = "met" if throughput >= 0.5 and p99 <= 1.5 else "missed"
    print(f"| {page} | {throughput:.4f} | {'∞' if p99 == float('inf') else f'{p99:,.1f}'} | {met} |")
if bad:
    print(f"\nWARNING: {bad} responses were not 2xx or failed: the figures above do not count them")
    sys.exit(1)
print("\nevery response was 2xx: wrk counted no non-2xx/3xx responses and no socket errors (and curl saw 200 for both pages)")
PY

if [ "${PROFILE:-0}" = 1 ]; then
  if ! command -v perf >/dev/null || ! perf record -e cpu-clock -o "$work/probe.data" true >/dev/null 2>&1; then
    echo "PROFILE=1: perf does not work here; skipped" >&2
  else
    for run in "${runs[@]:0:2}"; do
      name=${run%%|*}; url=${run#*|}
      data=$work/perf-${name// /-}.data
      wait_idle "$koers_pid"
      say "profile of $name: perf record -e cpu-clock -g on koers during 10 s of the same wrk load"
      perf record -e cpu-clock -F 999 -g -p "$koers_pid" -o "$data" -- sleep 10 >/dev/null 2>&1 &
      perf_pid=$!
      pids+=("$perf_pid")
      load 11s "$url" >/dev/null
      wait "$perf_pid" || true
      echo
      echo "-- $name under load: where koers's CPU time goes (benchmarks/perf-phases.py)"
      perf script -i "$data" 2>/dev/null | swift demangle --simplified | python3 benchmarks/perf-phases.py
      echo
      echo "-- $name under load: hottest symbols (self time, % of koers's samples)"
      perf report -i "$data" --stdio --no-children --sort dso,symbol --percent-limit 1 2>/dev/null \
        | grep -E '^ +[0-9]' | swift demangle --simplified | sed 's/ *$//' | cut -c1-160 | head -25
    done
  fi
fi
exit "$status"
