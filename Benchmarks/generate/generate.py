#!/usr/bin/env python3
"""Deterministic generator of spp-check plans and rosters (docs/data-model.md format).

    python3 Benchmarks/generate/generate.py --preset NAME --seed N --out DIR [--compliant|--violations]

Presets:
  departement   one SDIS: ~1,500 volunteers, 40 centres, 4 weeks of 12 h slots (Examples/sapeurs-pompiers)
  national      200,000 volunteers, ~7,000 centres, one week (~1 M assignment rows), seeded violations
  bench-10k, bench-50k, bench-200k
                N contributors, 8 assignments each over four weeks (the shape of
                /work/shared/bench-peers); --peers-json also writes roster.json for the peer engines
  creche        a parent-run crèche of 20 places, one month (Examples/creche-parentale)
  covoiturage   a carpool line with 6 stops, two weeks (Examples/covoiturage)
  etp           a patient-education programme with patient-intervenants, 12 weeks (Examples/patients-experts)

Python 3 standard library only; the same preset, seed and variant always give the same bytes."""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench  # noqa: E402
import fire  # noqa: E402
import small  # noqa: E402

PRESETS = ["departement", "national", "bench-10k", "bench-50k", "bench-200k", "creche",
           "covoiturage", "etp"]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--preset", required=True, choices=PRESETS)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--out", required=True, help="output folder (created)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--compliant", action="store_true", help="no violation of an error rule")
    g.add_argument("--violations", action="store_true", help="with the documented seeded violations")
    p.add_argument("--peers-json", action="store_true",
                   help="bench presets: also write roster.json in the bench-peers shape")
    args = p.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    variant = "violations" if args.violations else "compliant"
    t0 = time.perf_counter()
    rng = random.Random
    if args.preset == "departement":
        stats = fire.generate_departement(args.out, args.seed, variant, rng)
    elif args.preset == "national":
        if args.compliant:
            p.error("the national preset is declared availability with seeded violations; "
                    "use --violations or no variant flag")
        stats = fire.generate_national(args.out, args.seed, rng)
    elif args.preset.startswith("bench-"):
        n = {"bench-10k": 10_000, "bench-50k": 50_000, "bench-200k": 200_000}[args.preset]
        stats = bench.generate(args.out, args.seed, n, rng, args.peers_json)
    elif args.preset == "creche":
        stats = small.generate_creche(args.out, args.seed, variant, rng)
    elif args.preset == "covoiturage":
        stats = small.generate_carpool(args.out, args.seed, variant, rng)
    else:
        stats = small.generate_etp(args.out, args.seed, variant, rng)
    dt = time.perf_counter() - t0
    counts = ", ".join(f"{k} {v:,}" for k, v in stats.items())
    print(f"{args.preset} seed {args.seed} → {args.out}: {counts} in {dt:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
