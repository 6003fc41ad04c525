#!/usr/bin/env bash
# Import benchmark for the PostgreSQL store: `koers import` of a generated long CSV (benchmarks/generate-long-csv.py)
# into a new SQLite store and into a new PostgreSQL database, then again (every value unchanged). Reports wall time,
# rows per second and peak memory of the koers process. Run from the repository root, with a server:
#   eval "$(.ci/postgres-cluster start)"; bash benchmarks/import-postgres.sh [ROWS]; .ci/postgres-cluster stop
set -euo pipefail
rows=${1:-1000000}
server=${KOERS_TEST_POSTGRES_URL:?set KOERS_TEST_POSTGRES_URL (eval "\$(.ci/postgres-cluster start)")}
work=$(mktemp -d)
database=koers_benchmark_$$
trap 'rm -rf "$work"; psql -q "$server" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 1; }
command -v psql >/dev/null || { echo "needs psql (apt-get install postgresql-client)"; exit 1; }
swift build -c release --product koers >/dev/null
koers=$(swift build -c release --show-bin-path)/koers
python3 benchmarks/generate-long-csv.py "$rows" "$work/data.csv" "$work/indicators.yaml"
psql -q "$server" -c "CREATE DATABASE $database" >/dev/null
postgres=${server%/*}/$database

measure() {  # label, command...: prints "label seconds maxrss_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r seconds rss < "$work/time"
  echo "$label $seconds $rss"
}

lines=()
for store in "$work/koers.sqlite" "$postgres"; do
  kind=$([ "$store" = "$postgres" ] && echo postgresql || echo sqlite)
  "$koers" indicator load "$work/indicators.yaml" --db "$store" >/dev/null
  lines+=("$(measure "$kind" "$koers" import "$work/data.csv" --db "$store")")
  tail -n 2 "$work/out"
  lines+=("$(measure "$kind-again" "$koers" import "$work/data.csv" --db "$store")")
done

python3 - "$rows" "${lines[@]}" <<'PY'
import sys
rows = int(sys.argv[1])
print("| run | wall time | rows/s | peak memory |")
print("|---|---|---|---|")
for label, seconds, rss in (l.split() for l in sys.argv[2:]):
    s = float(seconds)
    print(f"| {label} | {s:.1f} s | {rows / s:,.0f} | {int(rss) / 1024:.0f} MB |")
PY
