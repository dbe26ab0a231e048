#!/bin/sh
# Runs the debug binary's `inspect` under valgrind over valid and invalid inputs and prints,
# per input, what leaked and whether any leaked block was allocated inside libyaml.
# The "possibly lost" blocks are the Swift runtime's metadata caches (present even when the
# file is missing and libyaml never runs). Results: docs/yaml.md.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$root" && swift build --product spp-check >/dev/null)
bin="$root/.build/debug/spp-check"
printf 'a: &x {p: 1}\nb:\n  <<: *x\n  q: [1, 2.5, yes, !!str 3, !local x]\n---\n- "two"\n' > "$work/valid.yaml"
printf '\357\273\277a: 1\r\nb: [x, y]\r\n' > "$work/bom-crlf.yaml"
printf 'a: 1\nb: 2\na: 3\n' > "$work/duplicate.yaml"
printf 'a: [1, 2\n' > "$work/syntax.yaml"
printf 'a: b\377\n' > "$work/utf8.yaml"
printf 'a: b\n  c: \000d\n' > "$work/nul.yaml"
printf 'a: *b\n' > "$work/undefined.yaml"
printf '&a [*a]\n' > "$work/recursive.yaml"
awk 'BEGIN { print "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
             split("a b c d e f g h i", n, " ")
             for (i = 2; i <= 9; i++) { s = n[i] ": &" n[i] " [*" n[i-1]; for (j = 1; j < 9; j++) s = s ", *" n[i-1]; print s "]" } }' > "$work/bomb.yaml"
awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "["; print s }' > "$work/deep.yaml"
: > "$work/empty.yaml"
for f in valid bom-crlf duplicate syntax utf8 nul undefined recursive bomb deep empty missing; do
    valgrind --leak-check=full --show-leak-kinds=all "$bin" inspect --locations "$work/$f.yaml" >/dev/null 2>"$work/vg.txt" || true
    definitely=$(sed -n 's/.*definitely lost: //p' "$work/vg.txt")
    indirectly=$(sed -n 's/.*indirectly lost: //p' "$work/vg.txt")
    possibly=$(sed -n 's/.*possibly lost: //p' "$work/vg.txt")
    inlib=$(grep -c 'libyaml-0.so' "$work/vg.txt" || true)
    errors=$(grep -cE 'Invalid (read|write)|uninitialised' "$work/vg.txt" || true)
    printf '%-10s definitely: %-20s indirectly: %-20s possibly: %-22s blocks from libyaml: %s  memory errors: %s\n' \
        "$f" "${definitely:-0}" "${indirectly:-0}" "${possibly:-0}" "$inlib" "$errors"
done
