#!/usr/bin/env bash
# Server benchmarks, run on demand (never part of `swift test`).
#
#   Benchmarks/run.sh sqlite   [--bodies 2000] [--duration 20]   load test on SQLite
#   Benchmarks/run.sh postgres [--bodies 2000] [--duration 20]   load test on PostgreSQL ($PGURL)
#   Benchmarks/run.sh city     [--bodies 100]                     median page times, SQLite
#   Benchmarks/run.sh scenarios [--bodies 100] [--duration 20]     the five API scenarios of issue 21, SQLite
#                                                                  (PGURL=… SCENARIO_DB=postgres for PostgreSQL)
#   --keep reuses the ledger already generated in the database (same seed and day) instead of regenerating.
#   BIN=path runs that binary instead of building one (compare two builds on copies of one ledger).
#
# Builds the release binary, generates a deterministic ledger (`rectify generate`), starts
# `rectify serve`, drives it with wrk at 32 connections and prints markdown result tables.
# Environment: SCRATCH (build directory, default .build-release), WORK (scratch files, default
# /tmp/rectify-bench), PORT (default 8089), PGURL (default postgres://postgres@127.0.0.1:55433/rectify_bench).
set -euo pipefail

MODE=${1:?usage: Benchmarks/run.sh sqlite|postgres|city [--bodies N] [--duration S]}
shift
BODIES=$([ "$MODE" = city ] || [ "$MODE" = scenarios ] && echo 100 || echo 2000)
DURATION=20
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1; shift ;;
    --bodies) BODIES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build-release}
WORK=${WORK:-/tmp/rectify-bench}/$MODE
PORT=${PORT:-8089}
PGURL=${PGURL:-postgres://postgres@127.0.0.1:55433/rectify_bench}
DAY=$(date -u +%F)
mkdir -p "$WORK"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ -z "${BIN:-}" ]; then
  echo "== building (release)"
  swift build -c release --product rectify --scratch-path "$SCRATCH" 2>&1 | grep -E 'error|Compiling rectify|Build complete' || true
  [ "$MODE" = scenarios ] && { swift build -c release --product ServerBenchmarks --scratch-path "$SCRATCH" 2>&1 | grep -E 'error|Build complete' || true; }
  BIN=$SCRATCH/release/rectify
fi
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 1; }

if [ "$MODE" = postgres ] || { [ "$MODE" = scenarios ] && [ "${SCENARIO_DB:-sqlite}" = postgres ]; }; then
  export DATABASE_URL=$PGURL
  [ "$KEEP" = 1 ] || psql "$PGURL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  q() { psql "$PGURL" -AtX -c "$1"; }
  uuid() { echo "$1::text"; }
else
  DB=$WORK/bench.sqlite
  [ "$KEEP" = 1 ] || rm -f "$DB" "$DB-wal" "$DB-shm"
  export DATABASE_URL=sqlite:$DB
  q() { sqlite3 "$DB" "$1"; }
  uuid() { echo "$1"; }  # SQLite keeps UUIDs as text
fi
export RECTIFY_SCAN_INTERVAL_MINUTES=0 LOG_LEVEL=${LOG_LEVEL:-warning}

if [ "$KEEP" = 1 ]; then
  echo "== keeping the generated ledger already in the database"
  q "DELETE FROM api_tokens; DELETE FROM users WHERE username LIKE 'bench-%';" >/dev/null
else
  echo "== generating $BODIES bodies (seed 1, day $DAY)"
  /usr/bin/time -f "GENERATE wall=%e s peak_rss=%M KB" "$BIN" generate --bodies "$BODIES" --seed 1 --day "$DAY" 2>&1 | tail -26
fi
"$BIN" audit verify

echo "== accounts and ids"
token() { "$BIN" user token --name "$1" | tail -1; }
ADMIN=$("$BIN" user create --name bench-admin --role admin | sed -n 's/^api token: //p')
SUPERVISOR=$("$BIN" user create --name bench-supervisor --role supervisor | sed -n 's/^api token: //p')
OFFICE=$(token g0-office)
REPORTER=$(token g0-u1)
ROUND=$(q "SELECT $(uuid i.id) FROM inspections i JOIN users u ON u.organization_id = i.inspected_body_id WHERE u.username = 'g0-office'")
PROBLEM=$(q "SELECT $(uuid p.id) FROM problems p JOIN measures m ON m.problem_id = p.id WHERE p.inspection_id = (SELECT i.id FROM inspections i JOIN users u ON u.organization_id = i.inspected_body_id WHERE u.username = 'g0-office') GROUP BY p.id ORDER BY COUNT(*) DESC, p.number LIMIT 1")
OPEN="m.status IN ('not_started','in_progress','basically_completed','reopened')"
MEASURE=$(q "SELECT $(uuid m.id) FROM measures m JOIN users u ON u.organization_id = m.lead_unit_id WHERE u.username = 'g0-u1' AND $OPEN ORDER BY m.deadline LIMIT 1")
PAIRS=$WORK/pairs.txt
: > "$PAIRS"
for i in $(seq 0 31); do
  [ "$i" -lt "$BODIES" ] || break
  m=$(q "SELECT $(uuid m.id) FROM measures m JOIN users u ON u.organization_id = m.lead_unit_id WHERE u.username = 'g$i-u1' AND $OPEN LIMIT 1")
  [ -n "$m" ] && echo "$(token "g$i-u1") $m" >> "$PAIRS"
done
echo "round $ROUND, problem $PROBLEM, measure $MEASURE, $(wc -l < "$PAIRS") reporter/measure pairs"

echo "== starting the server"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; then
  echo "port $PORT already answers: stop whatever listens there, or set PORT" >&2; exit 1
fi
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && break; sleep 0.5; done
kill -0 "$SERVER" 2>/dev/null || { echo "the server did not start:" >&2; tail -5 "$WORK/serve.log" >&2; exit 1; }
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status"; }
hwm() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$SERVER/status"; }

# The server time of one request alone: the median over one kept-alive connection for 3 s (wrk -c1), as
# a browser or an API client talks to it (curl's new connection per request added 0.3-0.5 ms of its own).
single() { # token path
  TOKEN=$1 wrk -t1 -c1 -d3s --timeout 10s -s "$ROOT/Benchmarks/wrk/get.lua" "http://127.0.0.1:$PORT$2" | grep RESULT |
    sed 's/.*p50_ms=\([0-9.]*\).*/\1/'
}

# 32 connections for the run's duration: prints wrk's RESULT line (Benchmarks/wrk/result.lua).
drive() { # token path script
  TOKEN=$1 PAIRS=$PAIRS wrk -t2 -c32 -d"${DURATION}s" --timeout 10s -s "$3" "http://127.0.0.1:$PORT$2" | grep RESULT
}
field() { sed "s/.*$1=\([0-9.]*\).*/\1/" <<<"$2"; }

RESULTS=$WORK/results.md
if [ "$MODE" = city ]; then
  echo "| page | median server time (ms) | p90 (ms) | status |" > "$RESULTS"
  echo "|---|---|---|---|" >> "$RESULTS"
  page() { # name token path
    local status; status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3")
    local line; line=$(TOKEN=$2 wrk -t1 -c1 -d10s --timeout 10s -s "$ROOT/Benchmarks/wrk/get.lua" "http://127.0.0.1:$PORT$3" | grep RESULT)
    local p50 p90; p50=$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$line"); p90=$(sed 's/.*p90_ms=\([0-9.]*\).*/\1/' <<<"$line")
    echo "| $1 | $p50 | $p90 | $status |" | tee -a "$RESULTS"
  }
  page "board (office)" "$OFFICE" "/board"
  page "board (supervisor, all bodies)" "$SUPERVISOR" "/board"
  page "problem list" "$OFFICE" "/problems"
  page "problem detail" "$OFFICE" "/problems/$PROBLEM"
  page "measure report form" "$REPORTER" "/measures/$MEASURE/report"
  page "review queue" "$OFFICE" "/review"
  page "notices" "$OFFICE" "/notices"
  page "registers" "$OFFICE" "/registers?inspectionId=$ROUND"
  page "admin" "$ADMIN" "/admin"
  echo "server RSS $(rss) MB, peak $(hwm) MB" | tee -a "$RESULTS"
  exit 0
fi

if [ "$MODE" = scenarios ]; then
  # Issue 21's five scenarios: the due-date list across bodies, one body's 100 measures, one measure's
  # reports, the count of one body's measures, and a progress report written. The date splits the open
  # measures in two, whatever day the ledger was generated for.
  DUE=$(q "SELECT deadline FROM measures WHERE status = 'in_progress' AND deadline IS NOT NULL ORDER BY deadline LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM measures WHERE status = 'in_progress' AND deadline IS NOT NULL)")
  REPORTED=$(q "SELECT $(uuid measure_id) FROM progress_reports GROUP BY measure_id ORDER BY COUNT(*) DESC, measure_id LIMIT 1")
  echo "| scenario | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | non-2xx | one alone (ms) |" > "$RESULTS"
  echo "|---|---|---|---|---|---|---|" >> "$RESULTS"
  scenario() { # name token path [script]
    local script=${4:-$ROOT/Benchmarks/wrk/get.lua} alone=""
    [ "$script" = "$ROOT/Benchmarks/wrk/get.lua" ] && alone=$(single "$2" "$3")
    local line; line=$(drive "$2" "$3" "$script")
    echo "| $1 | $(field rps "$line") | $(field p50_ms "$line") | $(field p90_ms "$line") | $(field p99_ms "$line") | $(field non2xx "$line") | $alone |" | tee -a "$RESULTS"
  }
  scenario "open measures due before $DUE, 25, all bodies (supervisor)" "$SUPERVISOR" "/api/v1/measures?status=in_progress&deadlineBefore=$DUE&per=25"
  scenario "one body's 100 measures (supervisor)" "$SUPERVISOR" "/api/v1/measures?inspectionId=$ROUND&per=100"
  scenario "a measure's reports, 50 (supervisor)" "$SUPERVISOR" "/api/v1/progress-reports?measureId=$REPORTED&per=50"
  scenario "count of one body's measures (per=1, supervisor)" "$SUPERVISOR" "/api/v1/measures?inspectionId=$ROUND&per=1"
  scenario "a progress report written (32 bodies)" "" "/api/v1/progress-reports" "$ROOT/Benchmarks/wrk/post-report.lua"
  scenario "floor: /api/v1/me (supervisor)" "$SUPERVISOR" "/api/v1/me"
  echo "server peak RSS (VmHWM) $(hwm) MB; binary $BIN" | tee -a "$RESULTS"
  # Vapor's own floor: the same JSON from a route without middleware or lookup (ServerBenchmarks floor).
  FLOOR=${FLOOR:-$(dirname "$BIN")/ServerBenchmarks}
  if [ -x "$FLOOR" ]; then
    kill $SERVER; wait $SERVER 2>/dev/null || true
    "$FLOOR" floor --port "$PORT" > "$WORK/floor.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/me" && break; sleep 0.5; done
    scenario "floor: bare Vapor route, same JSON" "" "/api/v1/me"
  fi
  exit 0
fi

echo "| endpoint | requests/s | p50 (ms) | p90 (ms) | p99 (ms) | non-2xx | single request (ms) | server RSS after (MB) |" > "$RESULTS"
echo "|---|---|---|---|---|---|---|---|" >> "$RESULTS"
load() { # name token path [script]
  local script=${4:-$ROOT/Benchmarks/wrk/get.lua} single_ms=""
  [ "$script" = "$ROOT/Benchmarks/wrk/get.lua" ] && single_ms=$(single "$2" "$3")
  local line; line=$(drive "$2" "$3" "$script")
  echo "| $1 | $(field rps "$line") | $(field p50_ms "$line") | $(field p90_ms "$line") | $(field p99_ms "$line") | $(field non2xx "$line") | $single_ms | $(rss) |" | tee -a "$RESULTS"
}
load "board (office of one body)" "$OFFICE" "/board"
load "board (supervisor, overview of all bodies)" "$SUPERVISOR" "/board"
load "unit reporter's measure list (API, 50)" "$REPORTER" "/api/v1/measures?per=50"
load "unit reporter's problem list (page)" "$REPORTER" "/problems"
load "problem detail (page)" "$OFFICE" "/problems/$PROBLEM"
load "progress report POST (32 bodies)" "" "/api/v1/progress-reports" "$ROOT/Benchmarks/wrk/post-report.lua"
load "audit list (API, 50)" "$SUPERVISOR" "/api/v1/audit?per=50"
load "public report document (.docx)" "$OFFICE" "/api/v1/documents/public-report?inspectionId=$ROUND"
load "ledger export (.xlsx, one body)" "$OFFICE" "/api/v1/documents/ledger?inspectionId=$ROUND"
echo "server peak RSS (VmHWM) $(hwm) MB" | tee -a "$RESULTS"
echo "a request without SQL (the API's 401 without a token), one alone: $(single "" "/api/v1/me") ms" | tee -a "$RESULTS"

# The SQL each endpoint issues, captured from PostgreSQL's statement log and timed directly in the
# database (psql, and SQLite on the ledger of a previous `run.sh sqlite` with the same seed and day).
if [ "$MODE" = postgres ] && [ -n "${PGLOG:-}" ]; then
  SQLITE_DB=${SQLITE_DB:-$(dirname "$WORK")/sqlite/bench.sqlite}
  echo "" >> "$RESULTS"
  echo "| endpoint | server, one request alone (ms) | statements | SQL logged by PostgreSQL (ms) | SQL via psql (ms) | server ÷ psql | same SQL in SQLite (ms) |" >> "$RESULTS"
  echo "|---|---|---|---|---|---|---|" >> "$RESULTS"
  # What a request costs with no SQL at all: the API's 401 to a request without a token.
  echo "| no SQL: 401 without a token | $(single "" "/api/v1/me") | 0 | | | | |" | tee -a "$RESULTS"
  sqltime() { # name token path [method body]
    local n; n=$(echo "$1" | tr -c 'a-z0-9' '-')
    local server=""
    [ -z "${4:-}" ] && server=$(single "$2" "$3")
    psql "$PGURL" -qX -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 0.5
    local off; off=$(stat -c %s "$PGLOG")
    if [ -n "${4:-}" ]; then
      curl -s -o /dev/null -X "$4" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$5" "http://127.0.0.1:$PORT$3"
    else
      curl -s -o /dev/null -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT$3"
    fi
    sleep 0.5
    psql "$PGURL" -qX -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
    local cap; cap=$(python3 "$ROOT/Benchmarks/sqltime.py" capture "$PGLOG" "$off" "$WORK/sql-$n.json")
    local count logged; count=$(awk '{print $1}' <<<"$cap"); logged=$(awk '{print $3}' <<<"$cap")
    local viapsql; viapsql=$(python3 "$ROOT/Benchmarks/sqltime.py" postgres "$WORK/sql-$n.json" "$PGURL") || viapsql="–"
    local vialite="–"
    if [ -f "$SQLITE_DB" ]; then
      vialite=$(python3 "$ROOT/Benchmarks/sqltime.py" sqlite "$WORK/sql-$n.json" "$SQLITE_DB" 2>>"$WORK/sqlite-replay.log") || vialite="–"
    fi
    local ratio="–"
    [ -n "$server" ] && [ "$viapsql" != "–" ] && ratio=$(awk -v a="$server" -v b="$viapsql" 'BEGIN {if (b > 0) printf "%.1f×", a / b; else printf "–"}')
    echo "| $1 | $server | $count | $logged | $viapsql | $ratio | $vialite |" | tee -a "$RESULTS"
  }
  sqltime "signed-in user (API /me)" "$OFFICE" "/api/v1/me"
  sqltime "board (office of one body)" "$OFFICE" "/board"
  sqltime "board (supervisor, overview of all bodies)" "$SUPERVISOR" "/board"
  sqltime "unit reporter's measure list (API, 50)" "$REPORTER" "/api/v1/measures?per=50"
  sqltime "unit reporter's problem list (page)" "$REPORTER" "/problems"
  sqltime "problem detail (page)" "$OFFICE" "/problems/$PROBLEM"
  sqltime "progress report POST" "$REPORTER" "/api/v1/progress-reports" POST "{\"measureId\":\"$MEASURE\",\"text\":\"测试\",\"progress\":50}"
  sqltime "audit list (API, 50)" "$SUPERVISOR" "/api/v1/audit?per=50"
  sqltime "public report document (.docx)" "$OFFICE" "/api/v1/documents/public-report?inspectionId=$ROUND"
  sqltime "ledger export (.xlsx, one body)" "$OFFICE" "/api/v1/documents/ledger?inspectionId=$ROUND"
fi
kill $SERVER; wait $SERVER 2>/dev/null || true

echo "== escalation scan and whole-ledger commands"
for run in first repeat; do
  /usr/bin/time -f "TICK $run wall=%e s peak_rss=%M KB" "$BIN" tick 2>&1 | tail -3 | tee -a "$RESULTS"
done
/usr/bin/time -f "EXPORT wall=%e s peak_rss=%M KB" "$BIN" export ledger --inspection "$ROUND" --out "$WORK/ledger.xlsx" 2>&1 | tail -1 | tee -a "$RESULTS"
/usr/bin/time -f "PUBLIC REPORT wall=%e s peak_rss=%M KB" "$BIN" report public --inspection "$ROUND" --out "$WORK/public.docx" 2>&1 | tail -1 | tee -a "$RESULTS"
/usr/bin/time -f "AUDIT VERIFY wall=%e s peak_rss=%M KB" "$BIN" audit verify 2>&1 | tail -2 | tee -a "$RESULTS"
echo "results: $RESULTS"
