# Shell functions the benchmark scripts share: `source benchmarks/lib.sh` after setting `work` (a temporary folder).

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { echo "== $*" >&2; }
# Waits (at most a minute) until url answers; fails with the server's log if its process pid ends first.
wait_for() {  # url, pid, log
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.25
  done
  echo "$1 did not answer within a minute"; exit 1
}
# Runs a command, prints "label: seconds s, peak memory MB; its last line" to stderr and leaves the seconds in
# $timed_seconds; fails with the command's output.
timed() {  # label, command...
  local label=$1 rss; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  read -r timed_seconds rss < "$work/time"
  echo "$label: $timed_seconds s, peak memory $((rss / 1024)) MB; $(tail -n 1 "$work/out")" >&2
}
