#!/usr/bin/env python3
"""Compares spp-check's findings on the national set with the violations the generator seeded
(issue 12's measure): findings per rule and severity, each seed kind found or missed, and the
ratio of findings at warning or error to seeds. Exit 1 when a seed is missed or the ratio is
above --max-ratio (1.5).

    .build/release/spp-check check Benchmarks/data/national/plan.yaml --format json=/tmp/nat.json --fail-on never
    python3 Benchmarks/generate/check_national.py Benchmarks/data/national /tmp/nat.json

A seed kind of seeded.json names its rule; its ids are contributor ids (the first word of each
id) except `weekday_daytime_gaps`, whose ids are `centre start` and are matched against the
finding's message (`centre cis-01-005, Tue 2026-10-20 07:00–19:00 : …`). The response-time
kinds (`response_single_station`, `response_after_gaps`) list INSEE codes, matched against the
subject of spv.response-time findings (`commune:01042`)."""

import argparse
import collections
import json
import re
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folder", help="the national set (with seeded.json)")
    p.add_argument("report", help="spp-check's JSON report on it")
    p.add_argument("--max-ratio", type=float, default=1.5)
    args = p.parse_args()
    seeded = json.load(open(f"{args.folder}/seeded.json", encoding="utf-8"))
    findings = [f for f in json.load(open(args.report, encoding="utf-8"))["findings"]
                if f["outcome"] != "pass"]
    per_rule = collections.Counter((f["rule"], f["severity"], f["outcome"]) for f in findings)
    for (rule, severity, outcome), n in sorted(per_rule.items()):
        print(f"{rule:30s} {severity:8s} {outcome:13s} {n:8,d}")
    counted = sum(1 for f in findings if f["severity"] in ("warning", "error"))
    total_seeds = sum(v["count"] for v in seeded.values())
    missed_any = False
    by_rule = collections.defaultdict(list)
    for f in findings:
        by_rule[f["rule"]].append(f)
    for kind, v in seeded.items():
        found = set()
        for f in by_rule.get(v["rule"], ()):
            if kind == "weekday_daytime_gaps":
                m = re.search(r"(cis-\S+), \w+ (\d{4}-\d\d-\d\d) (\d\d:\d\d)", f["message"])
                if m:
                    found.add(f"{m.group(1)} {m.group(2)}T{m.group(3)}")
            else:
                found.add(f["subject"].split(":", 1)[-1])
        keys = v["ids"] if kind == "weekday_daytime_gaps" else [i.split(" ")[0] for i in v["ids"]]
        missed = [i for i in keys if i not in found]
        missed_any |= bool(missed)
        print(f"seeded {kind}: {v['count']:,} for {v['rule']}, missed {len(missed)}"
              + (f" (e.g. {', '.join(missed[:3])})" if missed else ""))
    ratio = counted / total_seeds if total_seeds else float("inf")
    print(f"findings at warning or error: {counted:,}; seeds: {total_seeds:,}; ratio {ratio:.2f} "
          f"(at most {args.max_ratio})")
    if missed_any or ratio > args.max_ratio:
        sys.exit(1)


if __name__ == "__main__":
    main()
