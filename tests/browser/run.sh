#!/usr/bin/env bash
# Runs the browser tests against a built koers binary: KOERS_BIN (default .build/debug/koers from the repo
# root). Extra arguments go to pytest (e.g. -k target, -x). Exits non-zero when any test fails.
# Screenshots of every page type land in tests/browser/artifacts/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

bin="${KOERS_BIN:-$root/.build/debug/koers}"
# A relative KOERS_BIN given by the caller is relative to where they stand, not to this folder.
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin" ]; then
  echo "run.sh: no koers binary at $bin; build it (swift build) or set KOERS_BIN" >&2
  exit 2
fi
export KOERS_BIN="$bin"

# Screenshots of page types that no longer exist must not linger among the new ones.
mkdir -p "$here/artifacts"
rm -f "$here/artifacts/"*.png

cd "$here"
# No bytecode or pytest cache in the source tree.
export PYTHONDONTWRITEBYTECODE=1
exec python3 -m pytest "$@"
