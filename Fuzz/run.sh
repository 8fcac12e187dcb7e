#!/usr/bin/env bash
# Builds and runs the libFuzzer harnesses (see README.md).
#   Fuzz/run.sh reader|ledger|archive [SECONDS] [libFuzzer flags…]   fuzz for SECONDS (default 120)
#   Fuzz/run.sh replay reader|ledger|archive FILE…                    run the harness once on each FILE
#   Fuzz/run.sh build [reader|ledger|archive]                         build only
# Corpora grow in Fuzz/corpus/<target>/, crashing inputs land in Fuzz/crashes/<target>/.
# Leak detection is off: Foundation keeps the reader's compiled regular expressions for the life of
# the process and FoundationXML leaks the strings of XML parse errors, neither of them ours.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
# Also for --make-corpus, whose exit would otherwise report Foundation's leaks as a failure.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# libFuzzer prints the stack of a trap itself; the Swift runtime's backtracer would hold the output open.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library)

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

product() {
    case "$1" in
        reader) echo ReaderFuzzer ;;
        ledger) echo LedgerFuzzer ;;
        archive) echo ArchiveFuzzer ;;
        *) usage ;;
    esac
}

build() {
    local name
    name="$(product "$1")"
    swift build "${flags[@]}" --product "$name" >&2
    echo "$(swift build "${flags[@]}" --show-bin-path)/$name"
}

# The seed report: $RECTIFY_SHARED_DIR/seed/…, else the first <ancestor>/shared/seed/… (as the
# tests' SeedLocator finds it).
seed_report() {
    local relative="seed/000_4633325596bd120b.txt" dir="$here"
    if [[ -n "${RECTIFY_SHARED_DIR:-}" && -f "$RECTIFY_SHARED_DIR/$relative" ]]; then
        echo "$RECTIFY_SHARED_DIR/$relative"; return
    fi
    while [[ "$dir" != "/" ]]; do
        if [[ -f "$dir/shared/$relative" ]]; then echo "$dir/shared/$relative"; return; fi
        dir="$(dirname "$dir")"
    done
    # Without the seed (a clone on its own), one of the repository's own reports starts the corpus.
    echo "seed report $relative not found (set RECTIFY_SHARED_DIR); starting from the repository's corpus" >&2
    echo "$here/../Tests/Fixtures/reports/07-hefeng-county-committee.txt"
}

common=(-timeout=10 -rss_limit_mb=4096 -max_len=65536 -detect_leaks=0 -print_final_stats=1)

case "${1:-}" in
    build)
        targets=("${@:2}")
        [[ ${#targets[@]} -gt 0 ]] || targets=(reader ledger archive)
        for target in "${targets[@]}"; do build "$target" >/dev/null; done
        ;;
    replay)
        [[ $# -ge 3 ]] || usage
        target="$2"; shift 2
        fuzzer="$(build "$target")"
        mkdir -p "crashes/$target"
        exec "$fuzzer" -detect_leaks=0 -rss_limit_mb=4096 -timeout=10 -artifact_prefix="crashes/$target/" "$@"
        ;;
    reader|ledger|archive)
        target="$1"; seconds="${2:-120}"; shift; [[ $# -gt 0 ]] && shift
        fuzzer="$(build "$target")"
        corpus="corpus/$target"
        mkdir -p "$corpus" "crashes/$target"
        extra=()
        if [[ "$target" == reader ]]; then
            seed="$(seed_report)"
            "$fuzzer" --make-corpus "$seed" "$corpus"
        else
            "$fuzzer" --make-corpus "$corpus"
        fi
        # The archive harness reads with small limits: no allocation may approach 64 MB.
        [[ "$target" == archive ]] && extra=(-malloc_limit_mb=64 -dict="$here/ledger.dict") || extra=(-dict="$here/$target.dict")
        exec "$fuzzer" "$corpus" -max_total_time="$seconds" "${common[@]}" "${extra[@]}" \
            -artifact_prefix="crashes/$target/" "$@"
        ;;
    *) usage ;;
esac
