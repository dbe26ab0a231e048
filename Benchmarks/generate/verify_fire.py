#!/usr/bin/env python3
"""Independent check of a firefighter example folder, read back from its files (not from the
generator's memory): the catalogue's sapeurs-pompiers, continuity and risk-coverage rules,
evaluated the simple way. Prints the findings per rule id; exit 1 when an error rule fails and
--expect-clean is given.

    python3 Benchmarks/generate/verify_fire.py Examples/sapeurs-pompiers/compliant --expect-clean
    python3 Benchmarks/generate/verify_fire.py Examples/sapeurs-pompiers/violations

It reads only the parts of plan.yaml this generator writes (period, stations, policies), with
regular expressions: it is a self-check of generated data, not a YAML reader.

Engagement (docs/data-model.md): a row's `engagement` column, else implied (`source:
declared_availability` is availability, `kind: astreinte` on call, anything else duty). Declared
availability is no obligation: it never counts for a crew, for working time or for the per-row
checks. Working time counts duty only (on-call time too with --on-call-counts, the open question
of CJEU C-518/15 Matzak vs C-214/20 MG): the 48 h limit is an average over the period the data
covers (directive 2003/88 art. 6 and 16(b)), and daily rest is 11 h between blocks, a block
longer than 13 h being lawful when it lasts at most 24 h and the rest after it is at least as
long (art. 17(3)(c)(iii), compensatory rest)."""

import csv
import re
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
GRADES = ["sapeur", "caporal", "caporal-chef", "sergent", "sergent-chef", "adjudant",
          "adjudant-chef", "lieutenant", "capitaine", "commandant"]
RANK = {g: i for i, g in enumerate(GRADES)}
WARNINGS = {"spv.fpt-crew", "spv.fpt-chef-agres", "spv.b2-freshness", "risk.weekly-hours",
            "risk.daily-rest", "cont.concentration", "eq.zone-disparity"}


def ep(text):
    return int(datetime.fromisoformat(text).replace(tzinfo=PARIS).timestamp())


def d(text):
    return date.fromisoformat(text) if text else None


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def add_months(day, months):
    y, m = divmod(day.month - 1 + months, 12)
    y, m = day.year + y, m + 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(day.day, last))


def medical_due(birth, engaged, visit):
    """Arrêté of 10 April 2025, art. 12: two years after the initial visit (on or before
    engagement), then 4 years (+3 months) until 45, the reinforced visit before 46, 2 years
    (+3 months) from 45."""
    if engaged and visit <= engaged:
        return add_months(visit, 24)
    if age_on(birth, visit) >= 45:
        return add_months(visit, 27)
    return min(add_months(visit, 51), add_months(birth, 46 * 12))


def main():
    folder = sys.argv[1]
    plan = open(f"{folder}/plan.yaml", encoding="utf-8").read()
    m = re.search(r"period: \{start: (\S+), end: (\S+)\}", plan)
    p0, p1 = date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
    t_start = int(datetime(p0.year, p0.month, p0.day, tzinfo=PARIS).timestamp())
    t_end = int(datetime(p1.year, p1.month, p1.day, tzinfo=PARIS).timestamp())
    stations = {}
    for sm in re.finditer(r"  - id: (\S+)\n    kind: station\n(?:    .*\n)*?    extra: \{engines: \[([^\]]*)\]\}\n"
                          r"    staffing:\n      - \{min: (\d+)\}\n      - \{position: chef_agres, min: (\d+)\}\n"
                          r"      - \{position: conducteur, min: (\d+)\}", plan):
        stations[sm.group(1)] = ([e.strip() for e in sm.group(2).split(",")],
                                 int(sm.group(3)), int(sm.group(4)), int(sm.group(5)))
    zone_of = dict(re.findall(r"  - id: (\S+)\n    kind: station\n    name: .*\n    zone: (\S+)", plan))
    pol = re.search(r"covered_roles: \[([^\]]*)\], valid_from: (\S+), valid_until: (\S+)\}", plan)
    pol_roles = [r.strip() for r in pol.group(1).split(",")]
    pol_from, pol_until = d(pol.group(2)), d(pol.group(3))
    regimes = re.search(r"  regimes: \[([^\]]*)\]", plan).group(1)
    f_plan = []
    if "spv_loi_91_1389" not in regimes:
        f_plan.append(("spv.statutory-cover", regimes))
    max_reach = int(re.search(r"max_reach_minutes: (\d+)", plan).group(1))
    people = {r["id"]: r for r in csv.DictReader(open(f"{folder}/contributors.csv", encoding="utf-8"))}
    quals = defaultdict(list)
    for r in csv.DictReader(open(f"{folder}/qualifications.csv", encoding="utf-8")):
        quals[r["contributor"]].append(r)
    rows = list(csv.DictReader(open(f"{folder}/assignments.csv", encoding="utf-8")))
    for r in rows:
        if not r.get("engagement"):
            r["engagement"] = ("availability" if r.get("source") == "declared_availability" else
                               "on_call" if r["kind"] == "astreinte" else "duty")
    declared = [r for r in rows if r["engagement"] == "availability"]
    rows = [r for r in rows if r["engagement"] != "availability"]
    counted = ("duty", "on_call") if "--on-call-counts" in sys.argv else ("duty",)
    f = defaultdict(list)
    for rule, what in f_plan:
        f[rule].append(what)
    # Per assignment.
    per_person = defaultdict(list)
    for r in rows:
        c = people[r["contributor"]]
        t0, t1 = ep(r["start"]), ep(r["end"])
        r["t0"], r["t1"] = t0, t1
        first = datetime.fromisoformat(r["start"]).date()
        last = datetime.fromtimestamp(t1 - 1, PARIS).date()
        if r["engagement"] in counted:
            per_person[c["id"]].append((t0, t1, r["id"]))
        mf, mu = d(c["medical_valid_from"]), d(c["medical_valid_until"])
        if not (mu and (mf is None or mf <= first) and last <= mu and c["medical_fit"] == "true"):
            f["spv.medical-fitness"].append(r["id"])
        elif mf and last > medical_due(d(c["birth_date"]), d(c["engagement_start"]), mf):
            f["spv.medical-periodicity"].append(r["id"])
        fi = [q for q in quals[c["id"]] if q["code"] == "FI"]
        if not any(d(q["obtained"]) <= first for q in fi):
            f["spv.initial-training"].append(r["id"])
        if r["position"] == "conducteur":
            ok = c["licence_valid_until"] and d(c["licence_valid_from"]) <= first and last <= d(c["licence_valid_until"])
            ok = ok and c["licence_category"] in (["C", "C1", "CE"] if r["engine"] == "FPT" else ["B", "C", "C1", "CE"])
            if not ok:
                f["spv.driver-licence"].append(r["id"])
        birth = d(c["birth_date"])
        age = age_on(birth, first)
        spec = c["specialty"]
        if spec in ("sssm_medecin", "sssm_pharmacien"):
            lo, hi = 16, 70
        elif spec in ("sssm_infirmier", "sssm_veterinaire"):
            lo, hi = 16, 68
        elif c["age_limit_extension"] == "yes":
            lo, hi = 16, 65
        elif RANK[c["grade"]] >= RANK["lieutenant"]:
            lo, hi = 21, 60
        else:
            lo, hi = 16, 60
        if not (lo <= age < hi):
            f["spv.age-limit"].append(r["id"])
        reach = int(r["reach_minutes"]) if r.get("reach_minutes") else max_reach
        if r["engagement"] == "on_call" and int(c["home_to_unit_minutes"]) > min(reach, max_reach):
            f["spv.on-call-reach"].append(r["id"])
        if c["role"] not in pol_roles or first < pol_from or last > pol_until:
            f["risk.cover-every-hour"].append(r["id"])
    for c in people.values():
        if c["role"] in ("spv", "spp_spv_double"):
            bf, eng = d(c["background_check_valid_from"]), d(c["engagement_start"])
            if not (c["background_check_type"] == "B2" and bf and bf <= eng):
                f["spv.b2-at-engagement"].append(c["id"])
            elif (eng - bf).days > 92:  # three months: SDIS practice, not the CSI
                f["spv.b2-freshness"].append(c["id"])
    # Limits: rest between merged blocks (art. 17 derogation for a block of up to 24 h followed by
    # rest at least as long), average weekly hours over the period the data covers.
    weeks = (t_end - t_start) / (7 * 86400)
    for pid, items in per_person.items():
        items.sort()
        blocks = []
        for t0, t1, _ in items:
            if blocks and t0 <= blocks[-1][1]:
                blocks[-1][1] = max(blocks[-1][1], t1)
            else:
                blocks.append([t0, t1])
        for i, a in enumerate(blocks):
            rest = blocks[i + 1][0] - a[1] if i + 1 < len(blocks) else None
            length = a[1] - a[0]
            if rest is not None and rest < 11 * 3600:
                f["risk.daily-rest"].append(pid)
            elif length > 13 * 3600 and (length > 24 * 3600 or (rest is not None and rest < length)):
                f["risk.daily-rest"].append(pid)
        inside = sum(max(0, min(t_end, b) - max(t_start, a)) for a, b, _ in items)
        if inside / 3600 / weeks > 48:
            f["risk.weekly-hours"].append(pid)
    # Coverage per station: sweep every boundary instant inside the period.
    by_station = defaultdict(list)
    for r in rows:
        by_station[r["unit"]].append(r)
    hours_by_zone = defaultdict(float)
    for sid, (engines, need_total, need_chef, need_drv) in stations.items():
        rs = by_station[sid]
        cuts = sorted({t_start, t_end} | {r["t0"] for r in rs if t_start < r["t0"] < t_end}
                      | {r["t1"] for r in rs if t_start < r["t1"] < t_end})
        for a, b in zip(cuts, cuts[1:]):
            live = [r for r in rs if r["t0"] <= a and r["t1"] >= b]
            vsav = [r for r in live if r["engine"] == "VSAV"]
            label = f"{sid}@{datetime.fromtimestamp(a, PARIS):%Y-%m-%dT%H:%M}"
            if len(vsav) < 3:
                f["spv.vsav-crew"].append(label)
            if not any(r["position"] == "chef_agres" and RANK[people[r["contributor"]]["grade"]] >= RANK["sergent"] for r in vsav):
                f["spv.vsav-chef-agres"].append(label)
            if not any(r["position"] == "conducteur" for r in vsav):
                f["spv.vsav-driver"].append(label)
            if "FPT" in engines and sum(r["engine"] == "FPT" for r in live) < 4:
                f["spv.fpt-crew"].append(label)
            if "FPT" in engines and not any(r["engine"] == "FPT" and r["position"] == "chef_agres" and
                                            RANK[people[r["contributor"]]["grade"]] >= RANK["adjudant"] for r in live):
                f["spv.fpt-chef-agres"].append(label)
            if len(live) < need_total or sum(r["position"] == "chef_agres" for r in live) < need_chef \
                    or sum(r["position"] == "conducteur" for r in live) < need_drv:
                f["cont.plan-staffing"].append(label)
        served = defaultdict(float)
        for r in rs:
            served[r["contributor"]] += r["t1"] - r["t0"]
        total = sum(served.values())
        if total and max(served.values()) / total > 0.5:
            f["cont.concentration"].append(sid)
        hours_by_zone[zone_of[sid]] += total / 3600
    pops = defaultdict(int)
    for zm in re.finditer(r"    - id: (\S+)\n      name: .*\n      communes:\n((?:        - .*\n)+)", plan):
        pops[zm.group(1)] = sum(int(x) for x in re.findall(r"population: (\d+)", zm.group(2)))
    measure = {z: hours_by_zone[z] / pops[z] * 1000 for z in pops}
    ratio = max(measure.values()) / min(measure.values())
    print(f"eq.zone-disparity: served hours per 1,000 inhabitants {', '.join(f'{z} {v:.0f}' for z, v in measure.items())}; max/min {ratio:.2f}")
    if ratio > 5:
        f["eq.zone-disparity"].append(f"{ratio:.2f}")
    errors = 0
    for rule in sorted(f):
        sev = "warning" if rule in WARNINGS else "error"
        errors += sev == "error"
        items = f[rule]
        print(f"{sev} {rule}: {len(items)} finding(s), e.g. {', '.join(map(str, items[:4]))}")
    if not f:
        print("no finding")
    if "--expect-clean" in sys.argv and errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
