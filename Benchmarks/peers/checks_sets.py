#!/usr/bin/env python3
"""checks.py with its logic untouched, but keeping the three violation SETS and writing them as JSON,
so that the benchmark can compare them with regorus's and spp-check's (not just the counts).
usage: checks_sets.py ROSTER.json SETS.json  -> prints counts and timings; SETS.json gets
 {"insurance": [contributor, ...], "coverage": [[zone, hour], ...], "overload": [[contributor, week], ...]}
(hour: 0-based hour slot from the period start; week: Monday-based week number, days since 1970-01-01 + 3, // 7)."""
import json, sys, time
from collections import Counter, defaultdict
from datetime import datetime

def run(doc):
    # Same statements as checks.py's run(); only the return value differs (sets, not their sizes).
    t0 = time.perf_counter()
    until = {c["id"]: c["insurance"]["valid_until"] for c in doc["contributors"]}
    ins = {a["contributor"] for a in doc["assignments"] if a["end"][:10] > until[a["contributor"]]}
    p0 = datetime.fromisoformat(doc["period"]["start"]); p1 = datetime.fromisoformat(doc["period"]["end"])
    nh = int((p1 - p0).total_seconds() // 3600)
    cov = Counter(); week = defaultdict(float)
    for a in doc["assignments"]:
        s = datetime.fromisoformat(a["start"]); e = datetime.fromisoformat(a["end"])
        hs = max(0, int((s - p0).total_seconds() // 3600))
        he = min(nh, -int(-(e - p0).total_seconds() // 3600))
        for h in range(hs, he):
            cov[(a["zone"], h)] += 1
        days = (s - datetime(1970, 1, 1)).days
        week[(a["contributor"], (days + 3) // 7)] += (e - s).total_seconds() / 3600
    covv = [(z, h) for z in doc["zones"] for h in range(nh) if cov[(z, h)] < 2]
    over = [k for k, v in week.items() if v > 48]
    t1 = time.perf_counter()
    return dict(insurance=ins, coverage=covv, overload=over), t1 - t0

if __name__ == "__main__":
    t0 = time.perf_counter(); doc = json.load(open(sys.argv[1])); t1 = time.perf_counter()
    res, dt = run(doc)
    with open(sys.argv[2], "w") as f:
        json.dump({"insurance": sorted(res["insurance"]),
                   "coverage": sorted([z, h] for z, h in res["coverage"]),
                   "overload": sorted([c, w] for c, w in res["overload"])}, f)
    print(json.dumps({k: len(v) for k, v in res.items()}), f"load={t1-t0:.2f}s checks={dt:.2f}s")
