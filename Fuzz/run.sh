#!/bin/sh
# `make fuzz`: builds every harness (Fuzz/build.sh) and runs each for FUZZ_SECONDS (default 60)
# from its committed seed corpus Fuzz/corpus/<target>/ (and dictionary Fuzz/<target>.dict when
# there is one). New corpus entries go to the git-ignored work folder .fuzz/<target>/, which
# later runs start from; crash inputs are saved as .fuzz/crash-<target>-…. Fails (status 1)
# when any harness finds a crash, a leak, a timeout or an out-of-memory.
#
# Usage: Fuzz/run.sh [target…]   FUZZ_SECONDS=1200 Fuzz/run.sh yaml
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
targets=${*:-$(for f in Fuzz/Harnesses/*.swift; do basename "$f" .swift; done)}
# shellcheck disable=SC2086
Fuzz/build.sh $targets
mkdir -p .fuzz
failed=""
for t in $targets; do
    mkdir -p ".fuzz/$t"
    dict=""
    [ -f "Fuzz/$t.dict" ] && dict="-dict=Fuzz/$t.dict"
    echo "== fuzzing $t for ${SECONDS_EACH}s (log: .fuzz/$t.log)"
    # Swift's own crash backtracer would race AddressSanitizer's report; libFuzzer reports.
    # -detect_leaks=0: LeakSanitizer reports what Swift's lazily initialised globals hold as
    # leaked the first time an input reaches them (seen: `Plan.schema`, via the rule loader),
    # which would stop a harness on its first static; memory growth is caught by
    # -rss_limit_mb and -malloc_limit_mb instead.
    # shellcheck disable=SC2086
    # ASAN_OPTIONS=detect_leaks=0 for the same reason, at exit: the globals are still held.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" nice -n 19 ".build-fuzz/$t" -max_total_time="$SECONDS_EACH" $dict \
        -timeout=10 -rss_limit_mb=4096 -malloc_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix=".fuzz/crash-$t-" \
        ".fuzz/$t" "Fuzz/corpus/$t" >".fuzz/$t.log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::new_units_added" ".fuzz/$t.log" | tr '\n' ' '
        grep -E "^#[0-9]+ *(DONE|INITED)" ".fuzz/$t.log" | tail -1
    else
        echo "!! $t: crash found — see .fuzz/$t.log and the input in .fuzz/crash-$t-*" >&2
        grep -E "Fatal error|ERROR: AddressSanitizer|ERROR: libFuzzer|SUMMARY" ".fuzz/$t.log" | head -5 >&2
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzzing found crashes in:$failed" >&2
    exit 1
fi
echo "no crash in: $targets"
