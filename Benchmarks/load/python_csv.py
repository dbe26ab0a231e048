#!/usr/bin/env python3
"""The baseline for loading a roster: Python's csv module reading the same CSV files spp-check
loads, counting rows (no typing, no checks). Run by Benchmarks/run.py next to `spp-check inspect`.
usage: python_csv.py FILE.csv...  -> prints one JSON object: rows per file, bytes, seconds, MB/s"""
import csv, json, os, sys, time

t0 = time.perf_counter()
rows, total = {}, 0
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        n = sum(1 for _ in csv.reader(f)) - 1  # minus the header
    rows[os.path.basename(path)] = n
    total += os.path.getsize(path)
dt = time.perf_counter() - t0
print(json.dumps({"rows": rows, "bytes": total, "seconds": round(dt, 3), "mb_per_s": round(total / 1e6 / dt, 1)}))
