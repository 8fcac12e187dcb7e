#!/usr/bin/env bash
# The container's HEALTHCHECK: GET the health path on the local server and succeed only on 200.
# Written with bash's /dev/tcp because the slim runtime image has no curl or wget.
#
#   healthcheck [PORT]        (RECTIFY_HEALTH_PATH, default /readyz; RECTIFY_HEALTH_HOST, default 127.0.0.1)
set -euo pipefail
port=${1:-8080}
path=${RECTIFY_HEALTH_PATH:-/readyz}
host=${RECTIFY_HEALTH_HOST:-127.0.0.1}
exec 3<>"/dev/tcp/$host/$port"
printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
IFS=' ' read -r -t 5 _ status _ <&3
[ "$status" = 200 ]
