#!/usr/bin/env bash
# System tests against a built binary: crash safety on SQLite (SIGKILL during writes), no lost update
# on SQLite and PostgreSQL, two servers on one PostgreSQL (sessions, evidence, the periodic scan).
#
#   .ci/system-tests.sh PATH/TO/rectify postgres://postgres@127.0.0.1:55432/postgres
#
# The PostgreSQL user must be allowed to create databases; the tests create and drop their own.
# Server logs and failure details are kept in $RECTIFY_SYSTEM_ARTIFACTS (default: a temp folder).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 PATH/TO/rectify POSTGRES_URL" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
test -x "$bin" || { echo "not an executable: $1" >&2; exit 2; }
pg_url=$2
started=$(date +%s)

timeout 20 psql "$pg_url" -X -q -At -c 'SELECT 1' >/dev/null || { echo "cannot reach PostgreSQL at $pg_url" >&2; exit 2; }
python3 -c 'import pytest' 2>/dev/null || timeout 120 python3 -m pip install -q pytest

artifacts=${RECTIFY_SYSTEM_ARTIFACTS:-$(mktemp -d /tmp/rectify-system.XXXXXX)}
mkdir -p "$artifacts"
echo "[system] binary $bin, artifacts in $artifacts"

# Every server the tests start is listed here; whatever survives an interrupted run is killed by id.
pids="$artifacts/server.pids"
: >"$pids"
cleanup() {
  while read -r pid; do
    if [ -n "$pid" ] && [ "$(readlink -f "/proc/$pid/exe" 2>/dev/null)" = "$(readlink -f "$bin")" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  done <"$pids"
}
trap cleanup EXIT

status=0
RECTIFY_BIN="$bin" RECTIFY_PG_URL="$pg_url" RECTIFY_SYSTEM_ARTIFACTS="$artifacts" RECTIFY_SYSTEM_PIDS="$pids" \
  PYTHONDONTWRITEBYTECODE=1 timeout --kill-after=20 540 python3 -m pytest -p no:cacheprovider -v -s -rA Tests/system \
  || status=$?
echo "[system] finished in $(( $(date +%s) - started ))s with status $status"
exit "$status"
