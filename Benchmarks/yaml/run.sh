#!/bin/sh
# Loads a generated ~50 MB roster with our loader and with a bare libyaml event loop over the
# same bytes, in the same run, and prints MB/s for both and their ratio. See docs/yaml.md.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Benchmarks/yaml"
data="$root/Benchmarks/data"
out="$root/Benchmarks/out"
size=${YAML_BENCH_BYTES:-52428800}
runs=${YAML_BENCH_RUNS:-5}
mkdir -p "$data" "$out"
file="$data/roster-$size.yaml"
if [ ! -f "$file" ]; then
    echo "generating $file"
    awk -v target="$size" -f "$here/generate.awk" > "$file.tmp"
    mv "$file.tmp" "$file"
fi
cc -O2 -o "$out/bare_libyaml" "$here/bare_libyaml.c" $(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml)
if ! (cd "$root" && swift build -c release --product yaml-bench >"$out/build.log" 2>&1); then
    cat "$out/build.log" >&2
    exit 1
fi
bench="$(cd "$root" && swift build -c release --show-bin-path)/yaml-bench"
# Alternate the two programs, one timed load each per round, and keep each one's best:
# on a shared machine this pairs the measurements in time.
bare_s=999999 ours_s=999999 bare_cpu=999999 ours_cpu=999999
round=0
while [ "$round" -lt "$runs" ]; do
    set -- $("$out/bare_libyaml" "$file" 1)
    bare_bytes=$1 events=$3
    bare_s=$(awk -v a="$bare_s" -v b="$2" 'BEGIN { print (b < a ? b : a) }')
    bare_cpu=$(awk -v a="$bare_cpu" -v b="$4" 'BEGIN { print (b < a ? b : a) }')
    set -- $("$bench" "$file" 1)
    nodes=$3 rss_kib=$4
    ours_s=$(awk -v a="$ours_s" -v b="$2" 'BEGIN { print (b < a ? b : a) }')
    ours_cpu=$(awk -v a="$ours_cpu" -v b="$5" 'BEGIN { print (b < a ? b : a) }')
    round=$((round + 1))
done
awk -v bc="$bare_cpu" -v oc="$ours_cpu" -v runs="$runs" -v b="$bare_bytes" -v bs="$bare_s" -v os="$ours_s" -v ev="$events" -v n="$nodes" -v rss="$rss_kib" 'BEGIN {
    mb = b / 1e6
    printf "file:            %.1f MB, %d libyaml events, %d nodes\n", mb, ev, n
    printf "bare libyaml:    %7.1f MB/s  (%.3f s, best of %d alternating runs)\n", mb / bs, bs, runs
    printf "YAMLLoader:      %7.1f MB/s  (%.3f s, best of %d alternating runs)\n", mb / os, os, runs
    printf "ratio:           %.2fx the bare event loop in wall time (target: within 2x)\n", os / bs
    printf "CPU time:        bare %.3f s, loader %.3f s, ratio %.2fx\n", bc, oc, oc / bc
    printf "loader max RSS:  %.0f MB (%.1fx the file)\n", rss / 1024, rss * 1024 / b
}'
