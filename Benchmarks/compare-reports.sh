#!/usr/bin/env bash
# Compares the reports of two builds of spp-check byte for byte: every example
# (Examples/*/*/plan.yaml) and, when its data is there, the national dataset, in every format that
# can be written to a file. A refactoring that must not change behaviour passes when this prints
# "identical" and exits 0.
#
#   Benchmarks/compare-reports.sh A B [--data DIR] [--timing N] [--keep DIR]
#
# A and B: a built spp-check binary, or a git revision (commit, branch, tag) of this repository,
# which is exported (git archive, no work tree touched) to .build/compare/<commit> and built there
# with `swift build -c release --product spp-check` (about 90 s the first time, then reused).
#
# --data DIR   the generated datasets (default: $SPP_BENCH_DATA, else Benchmarks/data); the
#              national dataset is DIR/national/plan.yaml. Skipped, and said so, when missing.
# --timing N   also run the national check N times with SPP_CHECK_TIMING=1 on each build,
#              alternating A and B, and print every "phase evaluate" time and the medians.
# --keep DIR   write the reports under DIR/a and DIR/b (default: a temporary folder, removed).
#
# Exit status: 0 every report identical, 1 some report differs (the files are named, and the
# folder kept), 2 the comparison could not run (a build or a check that failed to run).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FORMATS=(text json sarif junit markdown html github summary)

die() { echo "compare-reports: $*" >&2; exit 2; }

A="" B="" DATA="${SPP_BENCH_DATA:-$ROOT/Benchmarks/data}" TIMING=0 KEEP=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --timing) TIMING="$2"; shift 2 ;;
    --keep) KEEP="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) if [ -z "$A" ]; then A="$1"; elif [ -z "$B" ]; then B="$1"; else die "unexpected argument '$1'"; fi; shift ;;
  esac
done
[ -n "$A" ] && [ -n "$B" ] || die "usage: $0 A B [--data DIR] [--timing N] [--keep DIR]"

# A binary as is, or a revision exported and built in release mode; prints the binary's path.
binary() {
  if [ -f "$1" ] && [ -x "$1" ]; then (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")"); return; fi
  local commit dir
  commit="$(git -C "$ROOT" rev-parse --verify --quiet "$1^{commit}")" || die "'$1' is neither a binary nor a revision"
  dir="$ROOT/.build/compare/$commit"
  if [ ! -x "$dir/.build/release/spp-check" ]; then
    echo "building $1 ($commit) in $dir …" >&2
    mkdir -p "$dir"
    git -C "$ROOT" archive "$commit" | tar -x -C "$dir"
    (cd "$dir" && swift build -c release --product spp-check >"$dir/build.log" 2>&1) \
      || die "the build of $1 failed: see $dir/build.log"
  fi
  echo "$dir/.build/release/spp-check"
}

BIN_A="$(binary "$A")"
BIN_B="$(binary "$B")"

if [ -n "$KEEP" ]; then OUT="$KEEP"; mkdir -p "$OUT"; else OUT="$(mktemp -d)"; fi

PLANS=()
for plan in "$ROOT"/Examples/*/*/plan.yaml; do PLANS+=("${plan#"$ROOT"/}"); done
NATIONAL="$DATA/national/plan.yaml"
if [ -f "$NATIONAL" ]; then PLANS+=("$NATIONAL"); else echo "no national dataset at $NATIONAL: examples only" >&2; fi

# Every format of one plan by one build, into DIR/<name>/; the console output and exit status too.
reports() {
  local bin="$1" plan="$2" dir="$3" args=() f status
  mkdir -p "$dir"
  for f in "${FORMATS[@]}"; do args+=(--format "$f=$dir/report.$f"); done
  status=0
  (cd "$ROOT" && "$bin" check "$plan" "${args[@]}" --fail-on never >"$dir/stdout" 2>"$dir/stderr") || status=$?
  echo "$status" >"$dir/status"
  [ "$status" -eq 0 ] || die "$bin check $plan exited with $status (see $dir/stderr)"
}

for plan in "${PLANS[@]}"; do
  case "$plan" in
    /*) name="national" ;;
    *) name="$(echo "${plan%/plan.yaml}" | sed 's|^Examples/||; s|/|-|g')" ;;
  esac
  echo "== $name" >&2
  reports "$BIN_A" "$plan" "$OUT/a/$name"
  reports "$BIN_B" "$plan" "$OUT/b/$name"
done

differ=0
files=0
while IFS= read -r f; do
  files=$((files + 1))
  if ! cmp -s "$OUT/a/$f" "$OUT/b/$f"; then echo "differs: $f" >&2; differ=1; fi
done < <(cd "$OUT/a" && find . -type f | sort)
# A file only B wrote differs too.
while IFS= read -r f; do
  [ -e "$OUT/a/$f" ] || { echo "only in B: $f" >&2; differ=1; }
done < <(cd "$OUT/b" && find . -type f | sort)

if [ "$TIMING" -gt 0 ] && [ -f "$NATIONAL" ]; then
  phase() { SPP_CHECK_TIMING=1 "$1" check "$NATIONAL" --format json="$OUT/timing.json" --fail-on never 2>&1 >/dev/null \
              | sed -n 's/^timing: phase evaluate.* \([0-9]*\) ms$/\1/p'; }
  ta=() tb=()
  for _ in $(seq "$TIMING"); do ta+=("$(phase "$BIN_A")"); tb+=("$(phase "$BIN_B")"); done
  median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
  echo "national phase evaluate, A: ${ta[*]} ms (median $(median "${ta[@]}") ms)"
  echo "national phase evaluate, B: ${tb[*]} ms (median $(median "${tb[@]}") ms)"
fi

if [ "$differ" -eq 0 ]; then
  echo "identical: $files files (${#PLANS[@]} plans × ${#FORMATS[@]} formats, console output and exit status)"
  [ -n "$KEEP" ] || rm -rf "$OUT"
  exit 0
fi
echo "reports differ: see $OUT/a and $OUT/b" >&2
exit 1
