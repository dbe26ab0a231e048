#!/usr/bin/env python3
"""Independent check of the small examples (crèche, carpool, ETP), read back from their files:
the catalogue's rules for each, evaluated the simple way. Prints the findings per rule id.

    python3 Benchmarks/generate/verify_small.py Examples/creche-parentale/compliant

The YAML files are read with a tiny reader for the shapes this generator writes (block lists of
mappings with flow mappings and lists inside), not a general YAML parser."""

import csv
import math
import re
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
DIPLOMES = {"EJE", "AP", "IDE", "PSY", "PUER"}


def ep(text):
    return int(datetime.fromisoformat(text).replace(tzinfo=PARIS).timestamp())


def scalar(text):
    text = text.strip()
    if text.startswith('"'):
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def flow(text):
    """A flow mapping or list of scalars (no nesting beyond one list inside a mapping)."""
    text = text.strip()
    if text.startswith("["):
        return [scalar(x) for x in split(text[1:-1])] if text[1:-1].strip() else []
    if text.startswith("{"):
        out = {}
        for part in split(text[1:-1]):
            k, _, v = part.partition(":")
            out[k.strip()] = flow(v) if v.strip()[:1] in "[{" else scalar(v)
        return out
    return scalar(text)


def split(text):
    parts, depth, cur, quote = [], 0, "", False
    for ch in text:
        if ch == '"':
            quote = not quote
        if not quote and ch in "[{":
            depth += 1
        if not quote and ch in "]}":
            depth -= 1
        if ch == "," and depth == 0 and not quote:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur)
    return parts


def read_yaml_lists(path):
    """{top key: [records]} for `key:` followed by `  - id: …` blocks or `  - {…}` items.
    Data of the files' own (a record's `extra:`, the plan's top-level `extra:`) is read as if
    it were written beside the declared keys."""
    out = defaultdict(list)
    key = None
    cur = None
    sub = None
    lines = []
    in_extra = False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line == "extra:":
            in_extra = True
            continue
        if in_extra and line.startswith("  "):
            line = line[2:]
        else:
            in_extra = False
        lines.append(line)
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            key = line.split(":")[0]
            rest = line.partition(":")[2].strip()
            if rest:
                out[key] = flow(rest)
            continue
        if line.startswith("  - {"):
            out[key].append(flow(line[4:]))
            cur = None
        elif line.startswith("  - "):
            cur = {}
            out[key].append(cur)
            k, _, v = line[4:].partition(":")
            cur[k.strip()] = flow(v)
        elif line.startswith("      - ") and cur is not None:
            cur[sub].append(flow(line[8:]))
        elif line.startswith("    ") and cur is not None:
            k, _, v = line[4:].partition(":")
            if v.strip():
                cur[k.strip()] = flow(v)
            else:
                sub = k.strip()
                cur[sub] = []
    for records in out.values():
        for r in records if isinstance(records, list) else []:
            if isinstance(r, dict) and isinstance(r.get("extra"), dict):
                r.update(r.pop("extra"))
    return out


def d(x):
    return date.fromisoformat(str(x)) if x not in (None, "") else None


def age_on(birth, day):
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def covers(doc, a):
    """The document covers the assignment's days (day-boundary rule of the catalogue)."""
    if not doc:
        return False
    first = datetime.fromisoformat(a["start"]).date()
    last = datetime.fromtimestamp(ep(a["end"]) - 1, PARIS).date()
    f, u = d(doc.get("valid_from")), d(doc.get("valid_until"))
    return (f is None or f <= first) and (u is None or last <= u)


def report(f, warnings):
    errors = 0
    for rule in sorted(f):
        sev = "warning" if rule in warnings else "error"
        errors += sev == "error"
        print(f"{sev} {rule}: {len(f[rule])} finding(s), e.g. {', '.join(map(str, f[rule][:4]))}")
    if not f:
        print("no finding")
    return errors


def policies_cover(plan, contributors, rows, f):
    pols = plan.get("risk_cover_policies", [])
    for a in rows:
        role = contributors[a["contributor"]]["role"]
        if not any(role in p.get("covered_roles", [role]) and covers(p, a) for p in pols):
            f["risk.cover-every-hour"].append(a["id"])


def limits(rows, f, key="contributor"):
    per = defaultdict(list)
    for a in rows:
        per[a[key]].append((ep(a["start"]), ep(a["end"])))
    for pid, items in per.items():
        items.sort()
        blocks = []
        for t0, t1 in items:
            if blocks and t0 <= blocks[-1][1]:
                blocks[-1][1] = max(blocks[-1][1], t1)
            else:
                blocks.append([t0, t1])
        if any(b[0] - a[1] < 11 * 3600 for a, b in zip(blocks, blocks[1:])) or \
                any(b[1] - b[0] > 13 * 3600 for b in blocks):
            f["risk.daily-rest"].append(pid)
        for t0, t1 in items:
            if sum(max(0, min(t0 + 7 * 86400, b) - max(t0, a)) for a, b in items) > 48 * 3600:
                f["risk.weekly-hours"].append(pid)
                break


def concentration(rows, f):
    by_unit = defaultdict(lambda: defaultdict(int))
    for a in rows:
        by_unit[a["unit"]][a["contributor"]] += ep(a["end"]) - ep(a["start"])
    for u, m in by_unit.items():
        if max(m.values()) / sum(m.values()) > 0.5:
            f["cont.concentration"].append(u)


def plan_read(folder):
    text = open(f"{folder}/plan.yaml", encoding="utf-8").read()
    plan = read_yaml_lists(f"{folder}/plan.yaml")
    m = re.search(r"period: \{start: (\S+), end: (\S+)\}", text)
    plan["p0"], plan["p1"] = d(m.group(1)), d(m.group(2))
    pols = re.findall(r"    - (\{id: .*\})", text.split("policies:")[1].split("\n", 1)[1].split("rosters:")[0]) \
        if "policies:" in text else []
    plan["risk_cover_policies"] = [flow(p) for p in pols]
    plan["text"] = text
    return plan


def common(plan, f):
    for e in plan.get("eligibility", []):
        for k in ("nationality", "origin", "religion", "sex", "sexual_orientation",
                  "political_opinion", "health", "disability"):
            if k in e:
                f["eq.no-protected-criteria"].append(e["id"])
    tariffs = [t for t in plan.get("tariffs", []) if not t.get("income_based")]
    by_per = defaultdict(set)
    for t in tariffs:
        by_per[t.get("per")].add(t["amount_eur"])
    for per, amounts in by_per.items():
        if len(amounts) > 1:
            f["eq.uniform-tariff"].append(per)
    eff_from = d(re.search(r"^effective_from: (\S+)", plan["text"], re.M).group(1))
    m = re.search(r"^effective_until: (\S+)", plan["text"], re.M)
    if eff_from > plan["p0"] or (m and d(m.group(1)) < plan["p1"] - timedelta(days=1)):
        f["adapt.plan-in-force"].append(str(eff_from))
    if not re.search(r"regimes: \[[^\]]+\]", plan["text"]):
        f["risk.regime-declared"].append("plan")


def creche(folder):
    plan = plan_read(folder)
    roster = read_yaml_lists(f"{folder}/roster.yaml")
    people = {c["id"]: c for c in roster["contributors"]}
    rows = list(csv.DictReader(open(f"{folder}/assignments.csv", encoding="utf-8")))
    att = list(csv.DictReader(open(f"{folder}/attendance.csv", encoding="utf-8")))
    unit = plan["units"][0]
    f = defaultdict(list)
    common(plan, f)
    policies_cover(plan, people, rows, f)
    limits(rows, f)
    concentration(rows, f)
    for r in att:
        if int(r["walking"]) < 0 or int(r["non_walking"]) < 0:
            f["data.negative"].append(r["id"])
    for r in att:
        t0, t1 = ep(r["start"]), ep(r["end"])
        w, nw = int(r["walking"]), int(r["non_walking"])
        here = [a for a in rows if ep(a["start"]) <= t0 and ep(a["end"]) >= t1]
        if r["outing"] == "false":
            adults = sum(1 for a in here if a["counts_in_ratio"] == "true" and a["kind"] != "outing")
            need = math.ceil(nw / 5 + w / 8 - 1e-9) if unit["ratio_mode"] == "5-8" else math.ceil((w + nw) / 6)
            if w + nw > 0:
                need = max(need, 2)
            if adults < need:
                f["cp.staff-ratio"].append(f"{r['id']} {r['start']} {adults}/{need}")
            if w + nw >= 1 and adults < 2:
                f["cp.two-adults"].append(r["id"])
            if w + nw > unit["capacity"] * 1.15:
                f["cp.overbooking"].append(r["id"])
        else:
            adults = sum(1 for a in here if a["counts_in_ratio"] == "true" and a["kind"] == "outing")
            if adults < max(2, math.ceil((w + nw) / 5)):
                f["cp.outing-ratio"].append(r["id"])
    # Management continuity over opening hours (07:30–18:30 on open days).
    days = sorted({r["start"][:10] for r in att})
    for day in days:
        for k in range(22):
            s = datetime.fromisoformat(day + "T07:30") + timedelta(minutes=30 * k)
            t0 = ep(s.isoformat())
            here = [a for a in rows if ep(a["start"]) <= t0 < ep(a["end"])]
            if not any(a["position"] in ("direction", "diplome") for a in here):
                f["cp.management-continuity"].append(s.isoformat())
            if len(here) < 2:
                f["cont.plan-staffing"].append(s.isoformat())
    total = dip = 0
    for a in rows:
        if a["counts_in_ratio"] != "true":
            continue
        h = ep(a["end"]) - ep(a["start"])
        total += h
        quals = {q["code"] for q in people[a["contributor"]].get("qualifications", [])}
        if quals & DIPLOMES:
            dip += h
    print(f"diplômés share of professional hours: {dip / 3600:.0f} / {total / 3600:.0f} h = {dip / total:.1%}")
    if dip / total < 0.40:
        f["cp.diplome-share"].append(f"{dip / total:.1%}")
    for a in rows:
        c = people[a["contributor"]]
        bg = c.get("background_check")
        first = datetime.fromisoformat(a["start"]).date()
        if not (bg and bg.get("type") == "honorabilite" and covers(bg, a)
                and add_years(d(bg["valid_from"]), 3) >= first):
            f["cp.honorability"].append(a["id"])
        if c["role"] not in ("parent", "professional") or (c["role"] == "parent" and a["counts_in_ratio"] == "true"):
            f["cp.only-parents-or-staff"].append(a["id"])
    if unit["capacity"] > 24:
        f["cp.parent-run-capacity"].append(unit["id"])
    # Duty quota per family and full Monday-based week inside the period.
    p0, p1 = plan["p0"], plan["p1"]
    monday = p0 + timedelta(days=(7 - p0.weekday()) % 7)
    fam_hours = defaultdict(float)
    for a in rows:
        if a["kind"] == "permanence_parent":
            fam = people[a["contributor"]].get("family")
            s = datetime.fromisoformat(a["start"]).date()
            wk = s - timedelta(days=s.weekday())
            fam_hours[(fam, wk)] += (ep(a["end"]) - ep(a["start"])) / 3600
    families = {c.get("family") for c in people.values() if c["role"] == "parent"}
    while monday + timedelta(days=7) <= p1:
        for fam in families:
            if fam_hours[(fam, monday)] < 4:
                f["cp.parent-duty-quota"].append(f"{fam} {monday}")
        monday += timedelta(days=7)
    return report(f, {"cp.parent-duty-quota", "cp.management-continuity", "risk.daily-rest",
                      "risk.weekly-hours", "cont.concentration"})


def add_years(x, n):
    try:
        return x.replace(year=x.year + n)
    except ValueError:
        return x.replace(year=x.year + n, day=28)


def in_windows(ts, windows, holidays):
    t = datetime.fromisoformat(ts)
    if t.weekday() >= 5 or t.date() in holidays:
        return False
    hm = t.strftime("%H:%M")
    return any(a <= hm < b for a, b in windows)


def carpool(folder):
    from common import french_holidays
    plan = plan_read(folder)
    roster = read_yaml_lists(f"{folder}/roster.yaml")
    people = {c["id"]: c for c in roster["contributors"]}
    rows = list(csv.DictReader(open(f"{folder}/assignments.csv", encoding="utf-8")))
    reqs = list(csv.DictReader(open(f"{folder}/carpool_requests.csv", encoding="utf-8")))
    f = defaultdict(list)
    common(plan, f)
    policies_cover(plan, people, rows, f)
    concentration(rows, f)  # no working-time limits: a driver's window is their own commute
    hol = french_holidays(2026)
    windows = [("06:30", "09:00"), ("16:00", "19:00")]
    line = plan["units"][0]
    fb = line.get("fallback") or {}
    if fb.get("mode") not in ("taxi", "vtc") or fb.get("max_delay_minutes", 999) > 20 or not fb.get("provider"):
        f["cl.departure-guarantee"].append(line["id"])
    for s in line["stops"]:
        if not any(c["kind"] in ("phone", "sms", "button", "desk") and ("stops" not in c or s in c["stops"])
                   for c in plan["access_channels"]):
            f["cl.stop-channel"].append(s)
    for a in rows:
        if not in_windows(a["start"], windows, hol) or not in_windows(
                (datetime.fromisoformat(a["end"]) - timedelta(minutes=1)).isoformat(), windows, hol):
            f["data.availability-outside-window"].append(a["id"])
    for r in reqs:
        if not in_windows(r["requested_at"], windows, hol):
            f["cl.service-window"].append(r["id"])
        if r["fulfilled_by"] == "driver":
            pick = ep(r["picked_at"])
            if not any(a["contributor"] == r["driver"] and ep(a["start"]) <= pick <= ep(a["end"]) for a in rows):
                f["data.driver-not-available"].append(r["id"])
    share = sum(r["fulfilled_by"] == "fallback" for r in reqs) / len(reqs)
    if share > 0.10:
        f["cl.fallback-share"].append(f"{share:.1%}")
    for a in rows:
        c = people[a["contributor"]]
        first = datetime.fromisoformat(a["start"]).date()
        if age_on(d(c["birth_date"]), first) < 18:
            f["cl.driver-age"].append(a["id"])
        lic = c.get("licence")
        if not (lic and lic.get("category") in ("B", "BE", "C", "D") and lic.get("valid_until") and covers(lic, a)):
            f["cl.driver-licence"].append(a["id"])
        if not covers(c.get("insurance"), a):
            f["cl.driver-insurance"].append(a["id"])
    for c in people.values():
        if c["allowance_eur"] > c["distance_km"] * 0.5:
            f["cl.no-profit"].append(c["id"])
    return report(f, {"cl.service-window", "cl.fallback-share", "risk.daily-rest",
                      "risk.weekly-hours", "cont.concentration"})


def etp(folder):
    plan = plan_read(folder)
    roster = read_yaml_lists(f"{folder}/roster.yaml")
    people = {c["id"]: c for c in roster["contributors"]}
    rows = roster["assignments"]
    f = defaultdict(list)
    common(plan, f)
    policies_cover(plan, people, rows, f)
    limits(rows, f)
    concentration(rows, f)
    team = [c for c in people.values() if c["role"] in ("professional", "coordinator") and c.get("profession")]
    health = {c["profession"] for c in team}
    if len(health) < 2:
        f["pe.team-professions"].append(sorted(health))
    coord = [c for c in people.values() if c["role"] == "coordinator"]
    if not (any(c.get("profession") == "medecin" for c in coord) or any(c.get("profession") == "medecin" for c in team)):
        f["pe.physician"].append("team")
    for a in rows:
        c = people[a["contributor"]]
        first = datetime.fromisoformat(str(a["start"])).date()
        if not any(q["code"] == "ETP40" and q["hours"] >= 40 and d(q["obtained"]) <= first
                   for q in c.get("qualifications", [])):
            f["pe.etp-training"].append(a["id"])
    for c in people.values():
        if c["role"] in ("coordinator", "professional", "patient_intervenant") and not c.get("charter_signed"):
            f["pe.charter-signed"].append(c["id"])
        if c["role"] == "patient_intervenant" and not (
                c["status"] == "volunteer" or (c["status"] == "paid_cosp" and c.get("urssaf_affiliation") == "yes")):
            f["pe.patient-status"].append(c["id"])
    declared = plan["declarations"][-1]["coordinator"]
    for a in rows:
        if a["position"] == "coordinator" and a["contributor"] != declared:
            f["pe.coordinator-declared"].append(a["id"])
    ev = plan.get("evaluations") or {}
    p1 = plan["p1"]
    if not ev.get("quadrennial") or add_years(d(ev["quadrennial"]), 4) < p1:
        f["pe.evaluation"].append("quadrennial")
    if not ev.get("annual") or add_years(d(ev["annual"]), 1) < p1:
        f["pe.evaluation"].append("annual")
    return report(f, {"risk.daily-rest", "risk.weekly-hours", "cont.concentration"})


def main():
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    folder = sys.argv[1]
    kind = re.search(r"^kind: (\S+)", open(f"{folder}/plan.yaml", encoding="utf-8").read(), re.M).group(1)
    errors = {"parental_creche": creche, "carpool_line": carpool, "etp_programme": etp}[kind](folder)
    if "--expect-clean" in sys.argv and errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
