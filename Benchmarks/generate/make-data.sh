#!/bin/sh
# Writes the benchmark datasets under Benchmarks/data/ (git-ignored); what `make data` runs.
# Deterministic: the same seeds always give the same bytes.
set -e
cd "$(dirname "$0")/../.."
GEN="python3 Benchmarks/generate/generate.py"
$GEN --preset national   --seed 2026 --out Benchmarks/data/national
$GEN --preset bench-10k  --seed 1 --peers-json --out Benchmarks/data/bench-10k
$GEN --preset bench-50k  --seed 1 --peers-json --out Benchmarks/data/bench-50k
$GEN --preset bench-200k --seed 1 --peers-json --out Benchmarks/data/bench-200k
