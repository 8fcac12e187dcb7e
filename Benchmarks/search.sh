#!/usr/bin/env bash
# Full-text search under load, run on demand (never part of `swift test`).
#
#   Benchmarks/search.sh sqlite   [--duration 20]    on $WORK/sqlite/bench.sqlite
#   Benchmarks/search.sh postgres [--duration 20]    on $PGURL
#   Benchmarks/search.sh triggers sqlite|postgres [--bodies 200]
#
# The first two search a ledger generated beforehand (`Benchmarks/run.sh sqlite|postgres` leaves one, or
# `rectify generate --bodies 2000 --seed 1`) as a supervisor, an office and a unit reporter, with wrk at 32
# connections, and print a markdown table; bodies without a sector (ledgers generated before `generate` wrote
# one) are first given one, for the sector row.
# `triggers` generates the same bodies twice into empty databases, once with the search triggers and once
# with them dropped, and prints both times: what keeping the search mirror costs `rectify generate`.
# Environment: SCRATCH (build directory, default .build-release), WORK (default /tmp/rectify-bench), PORT
# (default 8089), PGURL (default postgres://postgres@127.0.0.1:55433/rectify_bench), PHRASE (a phrase of
# the generated problems, default 公车私用), COMMON (a phrase in many kinds, default 专项资金).
set -euo pipefail

MODE=${1:?usage: Benchmarks/search.sh sqlite|postgres [--duration S] | triggers sqlite|postgres [--bodies N]}
shift
TARGET=""
[ "$MODE" = triggers ] && { TARGET=${1:?triggers needs sqlite or postgres}; shift; }
DURATION=20
BODIES=200
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --bodies) BODIES=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${SCRATCH:-$ROOT/.build-release}/release/rectify
WORK=${WORK:-/tmp/rectify-bench}
PORT=${PORT:-8089}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:55433/rectify_bench}
PHRASE=${PHRASE:-公车私用}
COMMON=${COMMON:-专项资金}
[ -x "$BIN" ] || { echo "build first: swift build -c release --product rectify --scratch-path .build-release" >&2; exit 1; }
export RECTIFY_SCAN_INTERVAL_MINUTES=0 LOG_LEVEL=${LOG_LEVEL:-warning} PGOPTIONS="-c client_min_messages=warning"
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

if [ "$MODE" = triggers ]; then
  DIR=$WORK/triggers
  mkdir -p "$DIR"
  for variant in with without; do
    if [ "$TARGET" = postgres ]; then
      export DATABASE_URL=$PGURL
      psql "$PGURL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
      "$BIN" migrate -y >/dev/null
      if [ "$variant" = without ]; then
        for t in $(psql "$PGURL" -AtX -c "SELECT DISTINCT event_object_table FROM information_schema.triggers WHERE trigger_name LIKE 'search_%'"); do
          psql "$PGURL" -qX -c "DROP TRIGGER search_insert ON $t; DROP TRIGGER search_update ON $t; DROP TRIGGER search_delete ON $t" >/dev/null
        done
      fi
    else
      DB=$DIR/$variant.sqlite
      rm -f "$DB" "$DB-wal" "$DB-shm"
      export DATABASE_URL=sqlite:$DB
      "$BIN" migrate -y >/dev/null
      if [ "$variant" = without ]; then
        for t in $(sqlite3 "$DB" "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search_%'"); do
          sqlite3 "$DB" "DROP TRIGGER $t"
        done
      fi
    fi
    /usr/bin/time -f "GENERATE $TARGET $variant search triggers: $BODIES bodies, wall=%e s, peak_rss=%M KB" \
      "$BIN" generate --bodies "$BODIES" --seed 1 2>&1 | tail -1
  done
  exit 0
fi

if [ "$MODE" = postgres ]; then
  export DATABASE_URL=$PGURL
  q() { psql "$PGURL" -AtX -c "$1"; }
else
  DB=$WORK/sqlite/bench.sqlite
  [ -f "$DB" ] || { echo "no ledger at $DB: run Benchmarks/run.sh sqlite first" >&2; exit 1; }
  export DATABASE_URL=sqlite:$DB
  q() { sqlite3 "$DB" "$1"; }
fi
"$BIN" migrate -y >/dev/null
# Ledgers generated before `generate` wrote sectors (所属领域) have none: spread them over the twelve, in name order.
q "UPDATE organizations SET sector = s.sector FROM (SELECT id, CASE ROW_NUMBER() OVER (ORDER BY name) % 12
     WHEN 0 THEN 'housing' WHEN 1 THEN 'education' WHEN 2 THEN 'health' WHEN 3 THEN 'transport' WHEN 4 THEN 'agriculture'
     WHEN 5 THEN 'resources' WHEN 6 THEN 'enterprises' WHEN 7 THEN 'towns' WHEN 8 THEN 'finance' WHEN 9 THEN 'economy'
     WHEN 10 THEN 'welfare' ELSE 'markets' END AS sector
   FROM organizations WHERE kind = 'body' AND parent_id IS NULL) s
   WHERE organizations.id = s.id AND organizations.sector IS NULL" >/dev/null
q "DELETE FROM api_tokens WHERE name = 'search-bench'; DELETE FROM users WHERE username = 'search-bench-supervisor';" >/dev/null
SUPERVISOR=$("$BIN" user create --name search-bench-supervisor --role supervisor | sed -n 's/^api token: //p')
token() { "$BIN" user token --name "$1" | tail -1; }
OFFICE=$(token g0-office)
REPORTER=$(token g0-u1)
echo "entries: $(q "SELECT kind || ' ' || COUNT(*) FROM search_entries GROUP BY kind ORDER BY kind" | tr '\n' ',')"

"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/search-serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.5; done

single() { # token path: median over one kept-alive connection for 3 s
  TOKEN=$1 wrk -t1 -c1 -d3s --timeout 10s -s "$ROOT/Benchmarks/wrk/get.lua" "http://127.0.0.1:$PORT$2" | grep RESULT |
    sed 's/.*p50_ms=\([0-9.]*\).*/\1/'
}
echo "| search | total (partial) | requests/s | p50 / p90 / p99 (ms) | non-2xx | alone (ms) | load average |"
echo "|---|---|---|---|---|---|---|"
load() { # name token path
  local answer total
  answer=$(curl -s -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
  total=$(python3 -c 'import sys, json; d = json.loads(sys.argv[1]); print(d.get("total"), "(partial)" if d.get("partial") else "")' "$answer" 2>/dev/null || echo "page")
  local alone; alone=$(single "$2" "$3")
  local line; line=$(TOKEN=$2 wrk -t2 -c32 -d"${DURATION}s" --timeout 10s -s "$ROOT/Benchmarks/wrk/get.lua" "http://127.0.0.1:$PORT$3" | grep RESULT)
  local f; f() { sed "s/.*$1=\([0-9.]*\).*/\1/" <<<"$line"; }
  echo "| $1 | $total | $(f rps) | $(f p50_ms) / $(f p90_ms) / $(f p99_ms) | $(f non2xx) | $alone | $(cut -d' ' -f1-3 /proc/loadavg) |"
}
load "supervisor, a problem's phrase ($PHRASE), every kind" "$SUPERVISOR" "/api/v1/search?q=$(enc "$PHRASE")"
load "supervisor, $PHRASE, bodies of one sector (health)" "$SUPERVISOR" "/api/v1/search?q=$(enc "$PHRASE")&sector=health"
load "supervisor, $PHRASE, problems only" "$SUPERVISOR" "/api/v1/search?q=$(enc "$PHRASE")&kind=problem"
load "supervisor, problem list ?q=$PHRASE" "$SUPERVISOR" "/api/v1/problems?q=$(enc "$PHRASE")"
load "supervisor, a common phrase ($COMMON)" "$SUPERVISOR" "/api/v1/search?q=$(enc "$COMMON")"
load "supervisor, two characters (整改)" "$SUPERVISOR" "/api/v1/search?q=$(enc 整改)"
load "office of one body, $COMMON" "$OFFICE" "/api/v1/search?q=$(enc "$COMMON")"
load "unit reporter, $COMMON" "$REPORTER" "/api/v1/search?q=$(enc "$COMMON")"
load "supervisor, the page /search?q=$PHRASE" "$SUPERVISOR" "/search?q=$(enc "$PHRASE")"
echo "server peak RSS (VmHWM) $(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status") MB"
