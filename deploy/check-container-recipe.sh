#!/usr/bin/env bash
# Checks deploy/Containerfile and deploy/rectify.service on a host without a container engine
# (run by .ci/run, as root on Debian 12 like the image's base):
#
#  1. the Containerfile still has the shape reproduced here (deploy/containerfile.py);
#  2. the build stage: deploy/build-stage.sh, the very script the image runs, in release mode;
#  3. the runtime stage: the staged tree copied into an empty root, as COPY does; every library
#     `ldd` names is in that tree or comes from a package deploy/runtime-stage.sh installs;
#  4. the image's ENTRYPOINT and CMD run from that root as the image's non-root user, with an empty
#     state folder as working directory, under the unit's MemoryDenyWriteExecute= and
#     RestrictAddressFamilies= (deploy/sandbox.py), and with the build tree and the Swift toolchain
#     hidden, so resources and libraries can only come from the staged tree; the image's
#     HEALTHCHECK must pass, then the API, a page, a static file and a user created with the
#     staged CLI answer; SIGTERM must end the server with status 0;
#  5. `systemd-analyze verify` of the unit, with the staged tree as root: any message fails.
#
#   deploy/check-container-recipe.sh
#
# Environment: SCRATCH (release build folder, default .build-deploy), RECTIFY_HEALTH_PATH (default
# /readyz), CHECK_PORT (the port the server listens on here, default 18095). The work folder is
# removed at the end unless KEEP_WORK=1.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$(date +%s)
step() { echo "[recipe $(( $(date +%s) - started ))s] $*"; }
fail() { echo "recipe check: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: the server is started as the image's user in a private mount namespace"
for tool in unshare setpriv ldd dpkg-query systemd-analyze curl python3; do
  command -v "$tool" >/dev/null || fail "$tool is required"
done
health_path=${RECTIFY_HEALTH_PATH:-/readyz}
port=${CHECK_PORT:-18095}
scratch=${SCRATCH:-$repo/.build-deploy}
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)

work=$(mktemp -d /tmp/rectify-recipe.XXXXXX)
chmod 755 "$work"
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -9 "$server_pid" 2>/dev/null || true; fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

step "1. the Containerfile's shape"
shape=$(python3 deploy/containerfile.py deploy/Containerfile) || fail "the Containerfile has a shape this check does not reproduce"
eval "$shape"
[ "$(deploy/runtime-stage.sh --uid)" = "$image_uid" ] || fail "USER $image_uid is not the user deploy/runtime-stage.sh creates"
[ "$image_volume" = "$image_workdir" ] || fail "VOLUME ($image_volume) must be the WORKDIR ($image_workdir), where the SQLite file is written"
. /etc/os-release
[ "$ID $VERSION_ID" = "debian 12" ] || fail "the host must be Debian 12 like $runtime_image (this is $PRETTY_NAME)"
echo "$build_image -> $runtime_image, user $image_uid:$image_gid, port $image_port, state $image_workdir"

step "2. build stage: deploy/build-stage.sh (release, static Swift standard library)"
build_started=$(date +%s)
if ! deploy/build-stage.sh "$scratch" "$work/staging" >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log" >&2
  fail "the build stage failed"
fi
grep -E '^Build complete|^staged' "$work/build.log" || true
[ -x "$work/staging/opt/rectify/rectify" ] || fail "the build stage staged no binary"
echo "build stage took $(( $(date +%s) - build_started )) s"

step "3. runtime stage: the staged tree in an empty root, its libraries"
root="$work/root"
mkdir -p "$root"
cp -a "$work/staging/." "$root/"
bin="$root$image_entrypoint"
[ -x "$bin" ] || fail "ENTRYPOINT $image_entrypoint is not in the staged tree"
mapfile -t packages < <(deploy/runtime-stage.sh --list-packages)
ldd_out=$(ldd "$bin") || fail "ldd cannot read $bin"
if grep -q "not found" <<<"$ldd_out"; then fail "unresolved libraries: $(grep 'not found' <<<"$ldd_out")"; fi
# The Debian package a library file belongs to (dpkg lists bookworm's libraries under /lib, the
# loader under /lib64; both are links into /usr).
owner_of() {
  local path
  for path in "$1" "$(readlink -f "$1")" "${1#/usr}" "/usr${1}"; do
    dpkg-query -S "$path" 2>/dev/null | head -n 1 | cut -d: -f1 | grep . && return 0
  done
  return 1
}
while read -r lib; do
  case "$lib" in "$root"/*) continue ;; esac
  owner=$(owner_of "$lib") || fail "$lib belongs to no Debian package (a toolchain library would be missing in the image)"
  printf '%s\n' "${packages[@]}" | grep -qx "$owner" \
    || fail "$lib comes from $owner, which deploy/runtime-stage.sh does not install"
  echo "  $lib  ($owner)"
done < <(sed -n 's/.*=> \(\/[^ ]*\) (.*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' <<<"$ldd_out" | sort -u)
echo "staged tree: $(du -sh "$root" | cut -f1), binary $(du -h "$bin" | cut -f1)"

# Runs a command of the staged tree as the image's user in the state folder, with the repository,
# the build folder and the toolchain hidden behind empty mounts, and under the unit's W^X and
# address-family restrictions (deploy/sandbox.py). Every step execs: call it in a subshell (`&`,
# `$( )`, `( )`), and a background call's $! is the server's pid.
state="$work/state"
install -d -o "$image_uid" -g "$image_gid" -m 0750 "$state"
cp deploy/sandbox.py "$work/sandbox.py"
toolchain=$(cd "$(dirname "$(readlink -f "$(command -v swift)")")/../.." && pwd)
hidden=("$repo")
for path in "$scratch" "$toolchain"; do
  case "$path/" in "$repo"/*) ;; *) hidden+=("$path") ;; esac
done
run_staged() {
  exec unshare --mount -- bash -c '
    set -e
    state=$1; uid=$2; gid=$3; sandbox=$4; shift 4
    while [ "$1" != -- ]; do mount -t tmpfs -o size=1m,mode=0755 rectify-hidden "$1"; shift; done
    shift
    cd "$state"
    exec setpriv --reuid="$uid" --regid="$gid" --clear-groups --inh-caps=-all --no-new-privs \
      env -i PATH=/usr/bin:/bin HOME="$state" python3 "$sandbox" "$@"' \
    run_staged "$state" "$image_uid" "$image_gid" "$work/sandbox.py" "${hidden[@]}" -- "$@"
}

step "4. the image's command as user $image_uid, health check $health_path"
eval "cmd=($image_cmd)"
for i in "${!cmd[@]}"; do [ "${cmd[$i]}" = "$image_port" ] && [ "${cmd[$((i - 1))]}" = --port ] && cmd[$i]=$port; done
eval "health=($image_healthcheck)"
health[${#health[@]}-1]=$port
serve_started=$(date +%s)
run_staged "$bin" "${cmd[@]}" >"$work/serve.log" 2>&1 &
server_pid=$!
show_log() { echo "--- server log" >&2; tail -n 40 "$work/serve.log" >&2; }
healthy=
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || { show_log; fail "the server exited before it was healthy"; }
  if RECTIFY_HEALTH_PATH=$health_path "$root${health[0]}" "${health[@]:1}" 2>/dev/null; then healthy=1; break; fi
  sleep 1
done
[ -n "$healthy" ] || { show_log; fail "the HEALTHCHECK ($image_healthcheck, here on port $port, path $health_path) did not pass within 120 s"; }
echo "healthy $(( $(date +%s) - serve_started )) s after the start"
url="http://127.0.0.1:$port"
expect() {
  local what=$1 code
  shift
  code=$(curl -s -o "$work/body" -w '%{http_code}' --max-time 20 "$@") || true
  [ "$code" = 200 ] || { show_log; fail "$what answered $code"; }
}
expect "the OpenAPI document" "$url/api/v1/openapi.json"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["openapi"].startswith("3.")' "$work/body" \
  || fail "the OpenAPI document does not parse"
expect "the sign-in page (a template of the server's bundle)" -H 'Accept: text/html' "$url/login"
grep -q '登录' "$work/body" || fail "the sign-in page has no 登录"
expect "a static file of the server's bundle" "$url/app.css"
token=$(run_staged "$bin" user create --name recipe-admin --role admin 2>"$work/cli.log" | sed -n 's/^api token: //p')
[ -n "$token" ] || { cat "$work/cli.log" >&2; fail "rectify user create printed no token"; }
expect "the problem list with the new user's token" -H "Authorization: Bearer $token" "$url/api/v1/problems?per=1"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["total"] == 0' "$work/body" \
  || fail "the problem list of an empty ledger is not empty"
[ -f "$state/rectify.sqlite" ] || fail "the SQLite file was not written in the working directory ($image_workdir)"
echo "API, page, static file and CLI answered; state folder: $(cd "$state" && ls | tr '\n' ' ')"

kill "-$image_stopsignal" "$server_pid"
status=0
for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server_pid" 2>/dev/null && { show_log; fail "the server was still running 30 s after $image_stopsignal"; }
wait "$server_pid" || status=$?
server_pid=
[ "$status" = 0 ] || { show_log; fail "the server ended with status $status after $image_stopsignal, expected 0"; }
( run_staged "$bin" audit verify >/dev/null 2>"$work/cli.log" ) || { cat "$work/cli.log" >&2; fail "rectify audit verify failed after the stop"; }
echo "$image_stopsignal: exit status 0, audit chain intact"

step "5. systemd-analyze verify deploy/rectify.service (root: the staged tree)"
unit_root="$work/unit-root"
mkdir -p "$unit_root/etc/systemd/system" "$unit_root/usr/lib/systemd"
cp -al "$root/." "$unit_root/"
# verify loads the unit's dependencies (multi-user.target, sysinit.target…) from the root too.
cp -a /usr/lib/systemd/system "$unit_root/usr/lib/systemd/"
cp deploy/rectify.service "$unit_root/etc/systemd/system/rectify.service"
verify_status=0
verify_out=$(systemd-analyze verify --root="$unit_root" rectify.service 2>&1) || verify_status=$?
# verify exits 0 on an unknown key or a value it cannot parse; such a message fails the check too.
if [ "$verify_status" != 0 ] || [ -n "$verify_out" ]; then
  echo "$verify_out" >&2
  fail "systemd-analyze verify: status $verify_status"
fi
score=$(systemd-analyze security --offline=true --root="$unit_root" rectify.service 2>/dev/null | tail -n 1 || true)
echo "unit verified; ${score:-exposure not reported}"
step "container recipe and unit checked"
