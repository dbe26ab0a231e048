#!/bin/sh
# Builds the libFuzzer harnesses: Fuzz/Harnesses/<target>.swift → .build-fuzz/<target>.
#
# No SwiftPM: the RuleEngine sources are compiled once by swiftc with
# -sanitize=fuzzer,address (coverage instrumentation + AddressSanitizer) and -enable-testing,
# into one object and module under .build-fuzz/; each harness is then a small module that
# `@testable import`s it (so it may drive internal API such as the CSV reader) and is linked
# with libFuzzer's main. `import StandardPacks` is satisfied by a stand-in module
# (Fuzz/Support/StandardPacks.swift): the real one is a SwiftPM resource target, and no harness
# needs the standard packs. The normal `swift build` is untouched.
#
# Usage: Fuzz/build.sh [target…]   (default: every harness)
set -eu
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
OUT=.build-fuzz
MODS=$OUT/modules
mkdir -p "$MODS"
FLAGS="-sanitize=fuzzer,address -parse-as-library -swift-version 6 -Onone -gline-tables-only -I Sources/CYAML -I $MODS"
# ld.gold warns once per ASan helper symbol; nothing in those lines is actionable.
quiet() { grep -v "Cannot export local symbol" >&2 || true; }

# newer OUTPUT INPUT… : true when OUTPUT is missing or older than any INPUT.
stale() { out=$1; shift; [ ! -e "$out" ] || [ -n "$(find "$@" -newer "$out" -name '*.swift' | head -1)" ]; }

if stale "$MODS/StandardPacks.o" Fuzz/Support/StandardPacks.swift; then
    $SWIFTC -parse-as-library -module-name StandardPacks -emit-module -emit-module-path "$MODS/StandardPacks.swiftmodule" \
        -c Fuzz/Support/StandardPacks.swift -o "$MODS/StandardPacks.o"
fi

if stale "$MODS/RuleEngine.o" Sources/RuleEngine; then
    echo "building RuleEngine for fuzzing (about 2 minutes)" >&2
    # shellcheck disable=SC2046
    $SWIFTC $FLAGS -module-name RuleEngine -enable-testing -wmo \
        -emit-module -emit-module-path "$MODS/RuleEngine.swiftmodule" \
        -c $(find Sources/RuleEngine -name '*.swift' | sort) -o "$MODS/RuleEngine.o"
fi

targets=${*:-$(for f in Fuzz/Harnesses/*.swift; do basename "$f" .swift; done)}
for t in $targets; do
    harness=Fuzz/Harnesses/$t.swift
    [ -f "$harness" ] || { echo "no harness $harness" >&2; exit 2; }
    if [ -x "$OUT/$t" ] && [ "$OUT/$t" -nt "$MODS/RuleEngine.o" ] && [ "$OUT/$t" -nt "$harness" ]; then continue; fi
    echo "building fuzz harness $t" >&2
    # shellcheck disable=SC2086
    { $SWIFTC $FLAGS -module-name "Fuzz_$(echo "$t" | tr -c "A-Za-z0-9_\n" _)" "$harness" \
        "$MODS/RuleEngine.o" "$MODS/StandardPacks.o" -lyaml -o "$OUT/$t" 2>&1 || echo "FAILED $t"; } | quiet
    [ -x "$OUT/$t" ] && [ "$OUT/$t" -nt "$harness" ] || { echo "fuzz harness $t did not build" >&2; exit 2; }
done
