#!/usr/bin/env bash
# API fuzzing: starts `rectify serve --demo` in a temporary directory and runs schemathesis against
# /api/v1/openapi.json, once as an admin and once as a unit reporter. Fails on any 5xx and on any
# response (status, content type, headers, body) that the document does not describe.
#
#   .ci/schemathesis.sh .build/debug/rectify
#
# A fixed seed and no example database make the generated cases the same every run (ids the server
# assigns still differ), so a failure reproduces locally.
# Environment: RECTIFY_FUZZ_PORT (18090), RECTIFY_FUZZ_EXAMPLES (per operation in the admin run; 40),
# RECTIFY_FUZZ_SEED (20241),
# RECTIFY_FUZZ_REPORTS (directory for the JUnit reports; default inside the temp dir).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 <path-to-rectify-binary>" >&2
  exit 2
fi
bin=$(realpath "$1")
port=${RECTIFY_FUZZ_PORT:-18090}
examples=${RECTIFY_FUZZ_EXAMPLES:-40}
seed=${RECTIFY_FUZZ_SEED:-20241}
started=$(date +%s)
log() { echo "[schemathesis $(( $(date +%s) - started ))s] $*"; }

if ! python3 -c 'import schemathesis' 2>/dev/null; then
  log "installing schemathesis"
  python3 -m pip install -q schemathesis 2>/dev/null || python3 -m pip install -q --break-system-packages schemathesis
fi

work=$(mktemp -d /tmp/rectify-fuzz.XXXXXX)
reports=$(realpath -m "${RECTIFY_FUZZ_REPORTS:-$work/reports}")
mkdir -p "$reports"
( cd "$work" && exec "$bin" serve --demo --port "$port" >serve.log 2>&1 ) &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap cleanup EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fs "$base/api/v1/openapi.json" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; echo "rectify serve exited" >&2; exit 1; }
  sleep 1
done
curl -fs "$base/api/v1/openapi.json" >/dev/null || { cat "$work/serve.log"; echo "server did not come up" >&2; exit 1; }
log "server up on $base (work dir $work)"

# Same working directory as the server, so the CLI writes to the same SQLite file.
token_for() { ( cd "$work" && "$bin" user create "$@" | sed -n 's/^api token: //p' ); }
admin_token=$(token_for --name fuzz-admin --role admin)
reporter_token=$(token_for --name fuzz-reporter --role unit_reporter --unit 城市建设科)
[ -n "$admin_token" ] && [ -n "$reporter_token" ] || { echo "could not mint API tokens" >&2; exit 1; }

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance

# Schemathesis learns ids from responses, so DELETE /tokens/{id} soon revokes the run's own token (as
# logout does) and every later request would only see 401. Both run last, on a token of their own.
self_revoking=(--exclude-operation-id post_auth_logout --exclude-operation-id delete_tokens_id)
fuzz() {
  local name=$1 token=$2 max=$3
  shift 3
  log "run as $name: $max examples per operation, seed $seed"
  # From the temp dir, so schemathesis keeps its cache there and not in the checkout.
  ( cd "$work" && schemathesis run "$base/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks "$checks" \
    --phases examples,coverage,fuzzing,stateful \
    --max-examples "$max" --seed "$seed" --generation-database none \
    --workers 2 --request-timeout 30 --no-color \
    --report junit --report-junit-path "$reports/$name.xml" \
    "$@" )
}

status=0
fuzz admin "$admin_token" "$examples" "${self_revoking[@]}" || status=1
# The reporter sees only its unit's measures; fewer examples suffice to cover its scope checks.
fuzz unit-reporter "$reporter_token" "$(( (examples + 2) / 3 ))" "${self_revoking[@]}" || status=1
fuzz self-revoking "$(token_for --name fuzz-revoker --role admin)" "$examples" \
  --include-operation-id post_auth_logout --include-operation-id delete_tokens_id || status=1

if ! kill -0 "$server" 2>/dev/null; then
  log "rectify serve died during the run; the crash and its frames in Rectify's sources:"
  grep -m 3 'Fatal error\|Program crashed' "$work/serve.log" || true
  sed -n '/crashed:$/,+40p' "$work/serve.log" | grep -m 12 ' at /.*/Sources/' || true
  status=1
fi
# The stack of each 5xx is in the server log, next to the request id schemathesis reports.
if grep -q '^\[ \(ERROR\|CRITICAL\) \]' "$work/serve.log"; then
  log "server errors logged:"
  grep '^\[ \(ERROR\|CRITICAL\) \]' "$work/serve.log" | sort | uniq -c | sort -rn | head -n 40
fi
cleanup
trap - EXIT
( cd "$work" && "$bin" audit verify ) || status=1
log "done (exit $status), reports in $reports"
exit "$status"
