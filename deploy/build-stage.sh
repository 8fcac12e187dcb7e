#!/usr/bin/env bash
# The container recipe's build stage, also run on the host by check-container-recipe.sh, so the two
# cannot drift: builds the release binary with the Swift standard library and Foundation linked in,
# then lays out in OUT exactly the tree the runtime stage copies to its root.
#
#   deploy/build-stage.sh SCRATCH OUT
#
# OUT/opt/rectify/rectify                         the binary
# OUT/opt/rectify/rectify_*.resources/            its resource bundles (templates, static files, calendar)
# OUT/opt/rectify/healthcheck                     the HEALTHCHECK probe (bash, no curl in the image)
# OUT/etc/ssl/certs/ca-certificates.crt           the CA bundle, for PostgreSQL over TLS
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 SCRATCH OUT" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
scratch=$1
out=$2

flags=(-c release --product rectify --static-swift-stdlib --scratch-path "$scratch")
swift build "${flags[@]}"
bin=$(swift build "${flags[@]}" --show-bin-path)

# SwiftPM's generated Bundle.module looks for `<package>_<target>.resources` beside the executable
# (Bundle.main) first, then at the absolute build path compiled in, which does not exist at run time.
rm -rf "$out"
mkdir -p "$out/opt/rectify" "$out/etc/ssl/certs"
cp "$bin/rectify" "$out/opt/rectify/rectify"
# Debug information is 100 of the binary's 245 MB; the symbol table stays, so a crash's backtrace
# still names functions.
strip --strip-debug "$out/opt/rectify/rectify"
bundles=("$bin"/rectify_*.resources)
test -d "${bundles[0]}" || { echo "no resource bundle beside $bin/rectify" >&2; exit 1; }
cp -R "${bundles[@]}" "$out/opt/rectify/"
install -m 0755 deploy/healthcheck.sh "$out/opt/rectify/healthcheck"
test -s /etc/ssl/certs/ca-certificates.crt || { echo "no CA bundle at /etc/ssl/certs/ca-certificates.crt (install ca-certificates)" >&2; exit 1; }
cp /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/ca-certificates.crt"
chmod -R u=rwX,go=rX "$out"
echo "staged $(du -sh "$out" | cut -f1) in $out"
