#!/usr/bin/env bash
# The container recipe's runtime stage, run as root in debian:12-slim before the staged tree is
# copied in: the shared libraries the binary still links (the Swift standard library and Foundation
# are linked in statically) and the unprivileged user the server runs as.
#
#   runtime-stage.sh                   prepares the image
#   runtime-stage.sh --list-packages   prints the packages, for check-container-recipe.sh (ldd)
#   runtime-stage.sh --uid             prints the user's id (the Containerfile's USER)
set -euo pipefail
# Every library `ldd rectify` names must come from one of these (check-container-recipe.sh holds
# the list to that): the binary needs libc, libm, libstdc++, libgcc_s, libz and libxml2 (FoundationXML
# reads .docx and .xlsx), and libxml2 needs ICU and liblzma. All but libxml2 and ICU are already in
# debian:12-slim; listing them keeps the image right if the base image slims further.
packages=(libc6 libgcc-s1 libstdc++6 zlib1g libxml2 libicu72 liblzma5)
uid=10001

case "${1:-}" in
  --list-packages) printf '%s\n' "${packages[@]}"; exit 0 ;;
  --uid) echo "$uid"; exit 0 ;;
  "") ;;
  *) echo "usage: $0 [--list-packages | --uid]" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive
apt-get -q update
apt-get -q install -y --no-install-recommends "${packages[@]}"
rm -rf /var/lib/apt/lists/*
groupadd --system --gid "$uid" rectify
useradd --system --uid "$uid" --gid rectify --home-dir /var/lib/rectify --shell /usr/sbin/nologin rectify
install -d -o rectify -g rectify -m 0750 /var/lib/rectify
