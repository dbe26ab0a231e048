#!/bin/sh
# Regenerates every example of Examples/ into a scratch folder and compares it byte for byte with
# the committed files (the generator is deterministic), then runs the independent self-checks:
# compliant variants must have no error finding, violation variants must have some.
# Usage: sh Benchmarks/generate/check-examples.sh   (from anywhere; exit 1 on any difference)
set -e
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
status=0
cd "$tmp"
for spec in departement:sapeurs-pompiers creche:creche-parentale covoiturage:covoiturage etp:patients-experts; do
  preset=${spec%%:*}; dir=${spec##*:}
  for variant in compliant violations; do
    out="Examples/$dir/$variant"
    python3 "$repo/Benchmarks/generate/generate.py" --preset "$preset" --seed 2026 "--$variant" --out "$out" 2>/dev/null
    if ! diff -r "$out" "$repo/$out" >/dev/null; then
      echo "DIFFERS: $out (regenerate it, or the generator changed)"; status=1
    fi
    case $dir in sapeurs-pompiers) verify=verify_fire.py;; *) verify=verify_small.py;; esac
    if [ $variant = compliant ]; then
      python3 "$repo/Benchmarks/generate/$verify" "$repo/$out" --expect-clean >/dev/null || { echo "FINDINGS in $out"; status=1; }
    else
      if python3 "$repo/Benchmarks/generate/$verify" "$repo/$out" --expect-clean >/dev/null; then
        echo "NO FINDING in $out"; status=1
      fi
    fi
  done
done
[ $status = 0 ] && echo "examples: regenerated identically, compliant variants clean, violation variants caught"
exit $status
