"""The three small examples: a parent-run crèche (20 places, one month), a carpool line (7 stops,
two weeks) and a patient-education (ETP) programme (12 weeks), each compliant or with the seeded
violations of DOMAIN.md 3.2–3.4. Figures: DOMAIN.md 3.2 (ratio 1:5 non-walkers + 1:8 walkers,
≥ 2 adults, outings 1:5, ≥ 40 % diplômés, a half-day of duty per family and week), 3.3 (windows
06:30–09:00 / 16:00–19:00, guarantee 10 min, ~70 requests a weekday, mean wait ~4 min) and 3.4
(coordinator + ≥ 2 professions, ≥ 40 h of ETP training, patient-intervenants)."""

import json
import math
import re
from datetime import date, datetime, timedelta
from fractions import Fraction

from common import PLAN_SCHEMA_LINE, WARNING_RULES, add_years, french_holidays, iso, q, write_csv, write_text


class Doc:
    """Lines of a file being written, with the line number of marked records."""

    def __init__(self):
        self.lines = []
        self.marks = {}
        self.extras = []

    def add(self, text, mark=None):
        if text.startswith("  - ") or not text.startswith(" "):
            self.flush()
        if mark is not None:
            self.marks[mark] = len(self.lines) + 1
        self.lines.append(text)

    def extra(self, key, value, mark=None):
        """A key of the current roster record that the data model does not know: spp-check
        fails closed on unknown keys, so these are written under the record's `extra:`."""
        self.extras.append((key, value, mark))

    def flush(self):
        if self.extras:
            self.lines.append("    extra:")
            for key, value, mark in self.extras:
                if mark is not None:
                    self.marks[mark] = len(self.lines) + 1
                self.lines.append(f"      {key}: {value}")
            self.extras = []

    def text(self):
        self.flush()
        return "\n".join(self.lines) + "\n"


def t(d: date, hhmm: str) -> str:
    return f"{d.isoformat()}T{hhmm}"


def readme(path, title, intro, cmd, variant, seeds, notes=(), withdrawn=(), also=()):
    """The README of an example; for violations also `expected.json`. A seed is (rule, what,
    where) or (rule, what, where, what in expected.json) when the JSON words it otherwise; a
    withdrawn seed (rule, what, why) is kept in expected.json under `withdrawn` (the README
    says why in `notes`). `also`: the other findings at warning or error the seeds cause, each
    (rule, what, where, because, subject or None), as a README table and under `also`."""
    lines = [f"# {title} ({variant})", ""] + intro + ["", "Regenerate (deterministic):", "",
                                                       "```sh", cmd, "```", ""]
    if variant == "compliant":
        lines += notes
    else:
        lines += ["## Seeded violations", "", "Same service as `../compliant`, with these changes.", "",
                  "| rule id | what is wrong | where |", "|---|---|---|"]
        for rule, what, where, *_ in seeds:
            lines.append(f"| `{rule}` | {what} | {where} |")
        write_small_expected(path.rsplit("/", 1)[0], seeds, withdrawn, also)
        lines += ["", "## Other findings these seeds cause", ""]
        if also:
            lines += ["Besides the seeds, spp-check reports these findings at warning or error, each a",
                      "consequence of a seed (listed under `also` in `expected.json`).", "",
                      "| rule id | finding | because | where |", "|---|---|---|---|"]
            for rule, what, where, because, _ in also:
                lines.append(f"| `{rule}` | {what} | {because} | {where} |")
        else:
            lines += ["None at warning or error: each finding of spp-check at those severities is one of",
                      "the seeds above (`also` is empty in `expected.json`)."]
        lines += [""] + list(notes)
    write_text(path, "\n".join(lines) + "\n")


def places(where):
    """The {file, line} places of a README `where` cell ("roster.yaml:12, 23; a.csv:5–7")."""
    out = []
    for m in re.finditer(r"([A-Za-z_]+\.(?:csv|yaml)):(\d+(?:–\d+)?(?:, \d+)*)", where):
        for part in m.group(2).split(", "):
            lo, _, hi = part.partition("–")
            for line in range(int(lo), int(hi or lo) + 1):
                out.append({"file": m.group(1), "line": line})
    return out


def write_small_expected(folder, seeds, withdrawn=(), also=()):
    """`expected.json` of a small violations example (the shape of common.write_expected):
    `seeded` cases, the `also` findings they cause (same shape, with `because` and, when the
    place alone is ambiguous, `subject`), then the `withdrawn` seeds with why."""
    cases = [{"rule": rule, "severity": "warning" if rule in WARNING_RULES else "error",
              "what": rest[0] if rest else what, "where": places(where)}
             for rule, what, where, *rest in seeds]
    doc = {"seeded": cases, "also": []}
    for rule, what, where, because, subject in also:
        case = {"rule": rule, "severity": "warning" if rule in WARNING_RULES else "error", "what": what}
        if subject:
            case["subject"] = subject
        case["where"] = places(where)
        case["because"] = because
        doc["also"].append(case)
    if withdrawn:
        doc["withdrawn"] = [{"rule": rule, "what": what, "why": why} for rule, what, why in withdrawn]
    with open(f"{folder}/expected.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


# ==============================================================================================
# Crèche parentale
# ==============================================================================================

PROS = [  # id, name for the README, qualification, position, shift, days (0 = Monday)
    ("pro-01", "EJE, responsable technique", "EJE", "direction", ("09:00", "17:00"), range(5)),
    ("pro-02", "auxiliaire de puériculture", "AP", "diplome", ("07:30", "15:00"), range(5)),
    ("pro-03", "auxiliaire de puériculture", "AP", "diplome", ("11:00", "18:30"), range(5)),
    ("pro-04", "CAP accompagnant éducatif petite enfance", "CAP-AEPE", "qualifie", ("07:30", "15:00"), range(5)),
    ("pro-05", "CAP accompagnant éducatif petite enfance", "CAP-AEPE", "qualifie", ("11:00", "18:30"), range(5)),
    ("pro-06", "CAP AEPE, temps partiel", "CAP-AEPE", "qualifie", ("09:00", "17:00"), (0, 1, 3)),
]
# Children present per 30-minute slot from 07:30 (total, non-walkers); never more than the
# ratio 1:5 + 1:8 allows with the professionals on site (see the README).
PRESENCE = [(3, 1), (7, 2), (10, 3), (10, 3), (14, 5), (18, 6), (18, 6), (18, 6), (18, 6),
            (18, 6), (18, 6), (18, 6), (18, 6), (18, 6), (18, 6), (18, 6), (18, 6), (18, 6),
            (14, 5), (10, 3), (6, 2), (3, 1)]
OUTING_DAYS = (1, 3)  # Tuesday and Thursday, 11:00–12:00, 8 walkers with pro-03 and pro-05


# Seeds withdrawn after the law was re-read: the data stays as it was (pro-03 a CAP AEPE), it is
# lawful. expected.json keeps them under `withdrawn`, the README says why.
CRECHE_WITHDRAWN = [(
    "cp.diplome-share",
    "pro-03 holds a CAP AEPE, not the AP diploma: diplômés work 36 % of the professional hours of March (≥ 40 %); also cp.management-continuity (warning) 17:00–18:30",
    "not a violation under CSP R2324-42: the 40 % is of the monthly reference workforce (the presence the staffing ratio requires, R2324-43 I), not of hours worked. March needs 489.3 h of presence (slot by slot, 1:5 non-walkers + 1:8 walkers); the diplômés pro-01 (EJE) and pro-02 (AP) work 341 h = 70 % of it. The 36 % was of the 947.5 h worked, swollen by non-qualified staff above the need. The generator should seed a real shortfall (diplômés under 40 % of the ratio's need).")]
CRECHE_WITHDRAWN_NOTES = [
    "## Withdrawn after the law was re-read (issue 12, item 4)",
    "",
    "- `cp.diplome-share` — \"pro-03 holds a CAP AEPE, not the AP diploma: diplômés work 36 % of the",
    "  professional hours of March\": not a violation. CSP R2324-42 asks for diplômés at 40 % of the",
    "  *effectif mensuel de référence* (R2324-43 I: the presence the staffing ratio requires), not of",
    "  the hours worked. March needs 489.3 h of presence (1:5 non-walkers + 1:8 walkers, slot by",
    "  slot); pro-01 (EJE) and pro-02 (AP) work 341 h, 70 % of it. The 36 % was of 947.5 h worked,",
    "  swollen by non-qualified staff above the need — the lawful case the rule used to flag. The",
    "  `cp.management-continuity` warnings of 17:00–18:30 went too: in a parent-run crèche a",
    "  qualified (R2324-42 2°) professional holds the continuity of management (R2324-50-1).",
    "  The generator should seed a real shortfall (diplômés under 40 % of the ratio's need).",
]


def slot_times(d):
    base = datetime(d.year, d.month, d.day, 7, 30)
    return [(base + timedelta(minutes=30 * k), base + timedelta(minutes=30 * (k + 1)))
            for k in range(22)]


def generate_creche(out, seed, variant, rng_factory):
    rng = rng_factory(seed)
    viol = variant == "violations"
    p0, p1 = date(2026, 3, 1), date(2026, 4, 1)
    holidays = french_holidays(2026)
    open_days = [p0 + timedelta(days=k) for k in range((p1 - p0).days)
                 if (p0 + timedelta(days=k)).weekday() < 5 and p0 + timedelta(days=k) not in holidays]
    cmd = f"python3 Benchmarks/generate/generate.py --preset creche --seed {seed} --{variant} --out {out}"
    seeds = []
    touched = {}  # (day, "HH:MM" of a 30-minute slot) -> the seed (rule) that changes that slot

    # ---- plan.yaml
    plan = Doc()
    plan.add(f"# Generated by: {cmd}")
    for line in [
        "id: creche-parentale-les-ptits-loups",
        "name: \"Crèche parentale Les P'tits Loups\"",
        "kind: parental_creche",
        "operator: {name: \"Association Les P'tits Loups (synthétique)\", legal_form: association}",
        "version: 3",
        "effective_from: 2025-09-01",
        "effective_until: 2026-08-31",
        "period: {start: 2026-03-01, end: 2026-04-01}",
        "time_zone: Europe/Paris",
        "public_holidays: france",
        "opening_hours: \"Mo-Fr 07:30-18:30; PH off; Aug off\"",
    ]:
        plan.add(line)
    # Data of the service's own read by the equality rules (synthetic figures): the cost of an
    # hour of care (loi 98-657 art. 147), the places guaranteed to families in an insertion
    # pathway (CASF L214-7) and the hours of the health and inclusive care referent (R2324-39).
    plan.add("extra:")
    plan.add("  cost_per_user_eur: {hour: 11.20}")
    if viol:
        plan.add("  insertion_places: 0", mark="insertion")
        seeds.append(("cp.insertion-places",
                      "no place guaranteed to families in an insertion pathway for 20 places (one per tranche of 20 required)",
                      "plan.yaml:{insertion}, 2"))
    else:
        plan.add("  insertion_places: 1")
    plan.add("  inclusive_referent: {hours_per_year: 20, least_hours_per_quarter: 5}")
    for line in [
        "territory:",
        "  cog_vintage: 2024",
        "  zones:",
        "    - id: grenoble-ile-verte",
        "      name: \"Grenoble, secteur Île Verte\"",
        "      communes:",
        "        - {insee: \"38185\", name: Grenoble, population: 156000}",
        "      extra: {children_under_3: 4680, childcare_places: 2950}",
        "units:",
        "  - id: section-ptits-loups",
        "    kind: creche_section",
        "    name: \"Section unique (10 semaines – 3 ans)\"",
        "    zone: grenoble-ile-verte",
        "    commune: \"38185\"",
        "    capacity: 20",
        "    ratio_mode: \"5-8\"",
        "    staffing:",
        "      - {min: 2}",
        "    fallback: {mode: replacement_staff, provider: \"Pool de remplacement du réseau ACEPP\", max_delay_minutes: 120}",
        "tariffs:",
    ]:
        plan.add(line)
    # The PSU scale as the operating rules publish it: the hourly tariff at the floor and at the
    # ceiling of monthly resources, by number of dependent children (2025 figures: floor
    # 801.00 €, ceiling 7,000 €; effort rates 0.0619 %, 0.0516 %, 0.0413 %, 0.0310 %).
    for children, floor, ceiling in ((1, "0.50", "4.33"), (2, "0.41", "3.61"), (3, "0.33", "2.89"), (4, "0.25", "2.17")):
        plan.add(f"  - {{category: psu-{children}-plancher, amount_eur: {floor}, per: hour, income_based: true, extra: {{children: {children}, monthly_income_eur: 801}}}}")
        if viol and children == 1:
            plan.add(f"  - {{category: psu-{children}-plafond, amount_eur: 4.50, per: hour, income_based: true, extra: {{children: {children}, monthly_income_eur: 7000}}}}",
                     mark="psu")
            seeds.append(("cp.psu-scale",
                          "the hourly tariff of a one-child family at the resources ceiling is 4.50 €; the 2025 PSU scale gives 7,000 € × 0.0619 % = 4.33 €",
                          "plan.yaml:{psu}"))
        else:
            plan.add(f"  - {{category: psu-{children}-plafond, amount_eur: {ceiling}, per: hour, income_based: true, extra: {{children: {children}, monthly_income_eur: 7000}}}}")
    for line in [
        "access_channels:",
        "  - {kind: desk, description: \"dossier de pré-inscription à la crèche\", hours: \"Mo-Fr 08:30-17:30; PH off\", cost_eur: 0}",
        "  - {kind: phone, description: \"04 76 00 00 00 (permanence de l'association)\", hours: \"Mo-Fr 09:00-12:00; PH off\", cost_eur: 0}",
        "  - {kind: web, description: \"formulaire de pré-inscription en ligne\", hours: 24/7, cost_eur: 0, extra: {accessibility_statement: \"https://lesptitsloups.example/accessibilite\", rgaa_rate: 82}}",
        "eligibility:",
        "  - {id: age, description: \"enfants de 10 semaines à 3 ans\", max_age: 3, extra: {published_in: \"règlement de fonctionnement, art. 3\"}}",
    ]:
        plan.add(line)
    if viol:
        plan.add("  - {id: priorite-nationale, description: \"priorité aux familles de nationalité française\", extra: {nationality: FR, published_in: \"règlement de fonctionnement, art. 4\"}}",
                 mark="nationality")
        seeds.append(("eq.no-protected-criteria",
                      "an admission criterion uses nationality", "plan.yaml:{nationality}"))
    plan.add("  - {id: commission, description: \"commission d'admission, critères publiés (date de demande, fratrie)\", zones: [grenoble-ile-verte], extra: {published_in: \"règlement de fonctionnement, art. 4 (affiché et en ligne)\"}}")
    for line in [
        "risk_cover:",
        "  regimes: [association_rc, at_mp_voluntary_L743_2]",
        "  policies:",
        "    - {id: MAIF-RAQVAM-ASSO-2026, insurer: MAIF, type: rc, covered_roles: [parent, professional], valid_from: 2026-01-01, valid_until: 2026-12-31}",
        "    - {id: CPAM-38-AT-BENEVOLES-2026, insurer: CPAM de l'Isère, type: accident, covered_roles: [parent], valid_from: 2026-01-01, valid_until: 2026-12-31}",
        "rosters:",
        "  - {path: roster.yaml, kind: roster}",
        "  - assignments.csv",
        "  - attendance.csv",
    ]:
        plan.add(line)

    # ---- contributors (roster.yaml)
    roster = Doc()
    roster.add(f"# Generated by: {cmd}")
    roster.add("contributors:")
    pros = [list(p) for p in PROS]
    if viol:
        pros[2][2], pros[2][3] = "CAP-AEPE", "qualifie"
        pros[2][1] = "CAP AEPE (remplace une auxiliaire de puériculture partie en février)"
    for k, (pid, label, qual, position, shift, wd) in enumerate(pros):
        birth = date(1975 + (k * 7) % 24, 1 + (k * 5) % 12, 3 + k * 4)
        roster.add(f"  - id: {pid}", mark=pid)
        roster.add("    role: professional")
        roster.add("    status: employee")
        roster.add(f"    birth_date: {iso(birth)}")
        roster.add("    units: [section-ptits-loups]")
        roster.extra("job", q(label))
        issued = date(2025, 9, 8) + timedelta(days=9 * k)
        roster.add(f"    background_check: {{type: honorabilite, valid_from: {iso(issued)}, valid_until: {iso(add_years(issued, 3))}}}")
        hours = {"EJE": 1800, "AP": 1540, "CAP-AEPE": 600}[qual]
        roster.add("    qualifications:")
        roster.add(f"      - {{code: {qual}, hours: {hours}, obtained: {iso(date(2008 + k, 6, 30))}}}", mark=("qual", pid))
        roster.add(f"      - {{code: PSC1, hours: 7, obtained: {iso(date(2024, 5, 4 + k))}}}")
    families = [f"fam-{k + 1:02d}" for k in range(20)]
    parents = []
    for k, fam in enumerate(families):
        pid = f"par-{k + 1:02d}"
        parents.append(pid)
        birth = date(1984 + k % 9, 1 + (k * 7) % 12, 1 + (k * 3) % 27)
        roster.add(f"  - id: {pid}", mark=pid)
        roster.add("    role: parent")
        roster.add("    status: volunteer")
        roster.add(f"    birth_date: {iso(birth)}")
        roster.add("    units: [section-ptits-loups]")
        roster.extra("family", fam)
        roster.extra("children_enrolled", 1 + (k % 7 == 0))
        issued = date(2025, 9, 1) + timedelta(days=5 * k)
        if viol and pid == "par-07":
            roster.add("    background_check: {type: honorabilite, valid_from: 2022-11-15}", mark="old-cert")
            seeds.append(("cp.honorability",
                          "par-07's honorability certificate was issued 2022-11-15: more than 3 years before every duty of March 2026",
                          "roster.yaml:{old-cert}, {par-07}; assignments.csv:{first-par-07}"))
        else:
            roster.add(f"    background_check: {{type: honorabilite, valid_from: {iso(issued)}, valid_until: {iso(add_years(issued, 3))}}}")
        if k % 3 == 0:
            roster.add("    qualifications:")
            roster.add(f"      - {{code: PSC1, hours: 7, obtained: {iso(date(2023, 10, 7 + k % 20))}}}")
    if viol:
        roster.add("  - id: gp-01", mark="gp-01")
        roster.add("    role: grandparent")
        roster.add("    status: volunteer")
        roster.add("    birth_date: 1954-06-21")
        roster.add("    units: [section-ptits-loups]")
        roster.extra("family", "fam-05")
        roster.add("    background_check: {type: honorabilite, valid_from: 2025-12-01, valid_until: 2028-12-01}")

    # ---- assignments.csv
    arows = []
    amark = {}

    def assign(cid, position, d, start, end, kind, counts, mark=None):
        if mark is not None:
            amark[mark] = len(arows) + 2
        amark.setdefault(f"first-{cid}", len(arows) + 2)
        arows.append([f"s-{len(arows) + 1:04d}", cid, "section-ptits-loups", position, t(d, start),
                      t(d, end), kind, "true" if counts else "false", "false", "plan"])

    # Parent duty: two parents each half-day (08:00–12:00 and 14:00–18:00); in each Monday-based
    # week every family serves exactly once (weeks cut by the period still rotate).
    half_days = [(d, h) for d in open_days for h in (("08:00", "12:00"), ("14:00", "18:00"))]
    week_of = {}
    for d, h in half_days:
        week_of.setdefault(d - timedelta(days=d.weekday()), []).append((d, h))
    parent_duty = []
    for monday, slots in sorted(week_of.items()):
        order = families[:]
        rng.shuffle(order)
        i = 0
        for d, h in slots:
            for _ in range(2):
                parent_duty.append((parents[families.index(order[i % 20])], d, h))
                i += 1
    skipped = None
    for d in open_days:
        for pid, label, qual, position, shift, wd in pros:
            if d.weekday() not in wd:
                continue
            start, end = shift
            if viol and pid == "pro-04" and d == date(2026, 3, 9):
                assign(pid, position, d, "08:00", end, "shift_professional", True, mark="late")
                for s, _ in slot_times(d):
                    if start <= s.strftime("%H:%M") < "08:00":
                        touched[(d, s.strftime("%H:%M"))] = "cp.two-adults"
                seeds.append(("cp.two-adults",
                              "Monday 2026-03-09 07:30–08:00: pro-04 starts at 08:00, one adult with 3 children (also cp.staff-ratio, cont.plan-staffing)",
                              "assignments.csv:{late}; attendance.csv:{mon9}; plan.yaml:{unit}"))
                continue
            if pid in ("pro-03", "pro-05") and d.weekday() in OUTING_DAYS:
                assign(pid, position, d, "11:00", "12:00", "outing", True,
                       mark=f"outing-{d.isoformat()}" if pid == "pro-03" else None)
                assign(pid, position, d, "12:00", end, "shift_professional", True)
                continue
            assign(pid, position, d, start, end, "shift_professional", True)
        for pid, dd, (hs, he) in parent_duty:
            if dd != d:
                continue
            if viol and pid == "par-12" and date(2026, 3, 16) <= d <= date(2026, 3, 20) and skipped is None:
                skipped = d
                seeds.append(("cp.parent-duty-quota",
                              f"family fam-12 (par-12) does no duty in the week of 2026-03-16 (its half-day of {d} was left to the other parent) — warning",
                              "roster.yaml:{par-12}"))
                continue
            assign(pid, "parent", d, hs, he, "permanence_parent", False)
        if viol and d == date(2026, 3, 18):
            assign("gp-01", "parent", d, "14:00", "18:00", "permanence_parent", False, mark="gp")
            seeds.append(("cp.only-parents-or-staff",
                          "gp-01, a grandparent, takes a parent's duty (only parents and staff may take part in care; also risk.cover-every-hour: the policies cover parents and professionals only)",
                          "assignments.csv:{gp}; roster.yaml:{gp-01}"))
    write_csv(f"{out}/assignments.csv",
              ["id", "contributor", "unit", "position", "start", "end", "kind", "counts_in_ratio",
               "requested_by_administration", "source"], arows)

    # ---- attendance.csv
    att = []
    tmark = {}
    for d in open_days:
        for k, (s, e) in enumerate(slot_times(d)):
            total, nw = PRESENCE[k]
            # Day-to-day variation: a child or two absent now and then.
            drop = rng.choice((0, 0, 0, 1, 2)) if total >= 10 else 0
            total -= drop
            nw = min(nw, total)
            outing = 0
            if d.weekday() in OUTING_DAYS and s.hour == 11:
                outing = 8
                if viol and d == date(2026, 3, 19):
                    outing = 11
            mark = None
            if viol and d == date(2026, 3, 13) and s.hour in (15, 16) and (s.hour, s.minute) != (16, 30):
                total, nw = 20, 8
                mark = ("friday", s.strftime("%H:%M"))
                touched[(d, s.strftime("%H:%M"))] = "cp.staff-ratio"
            if viol and d == date(2026, 3, 25) and (s.hour, s.minute) == (10, 0):
                total, nw = 24, 8
                mark = "over"
                touched[(d, s.strftime("%H:%M"))] = "cp.overbooking"
            if d == date(2026, 3, 9) and k == 0:
                tmark["mon9"] = len(att) + 2
            if mark is not None:
                tmark[mark] = len(att) + 2
            att.append([f"att-{len(att) + 1:04d}", "section-ptits-loups", s.strftime("%Y-%m-%dT%H:%M"),
                        e.strftime("%Y-%m-%dT%H:%M"), str(total - nw - outing), str(nw), "false"])
            if outing:
                if viol and outing == 11 and s.minute == 0:
                    tmark["outing11"] = len(att) + 2
                att.append([f"att-{len(att) + 1:04d}", "section-ptits-loups", s.strftime("%Y-%m-%dT%H:%M"),
                            e.strftime("%Y-%m-%dT%H:%M"), str(outing), "0", "true"])
    if viol:
        seeds.append(("cp.staff-ratio",
                      "Friday 2026-03-13 15:00–16:30: 8 non-walkers + 12 walkers need ⌈8/5 + 12/8⌉ = 4 adults, 3 professionals on site",
                      "attendance.csv:{('friday', '15:00')}–{('friday', '16:00')}; plan.yaml:{unit}"))
        seeds.append(("cp.outing-ratio",
                      "Thursday 2026-03-19 11:00–12:00: outing of 11 children with 2 adults (1:5 needs 3)",
                      "attendance.csv:{outing11}; assignments.csv:{outing-2026-03-19}; plan.yaml:{unit}"))
        seeds.append(("cp.overbooking",
                      "Wednesday 2026-03-25 10:00–10:30: 24 children present for 20 places (max 115 % = 23; also cp.staff-ratio)",
                      "attendance.csv:{over}"))
    write_csv(f"{out}/attendance.csv",
              ["id", "unit", "start", "end", "walking", "non_walking", "outing"], att)
    write_text(f"{out}/plan.yaml", plan.text() + PLAN_SCHEMA_LINE)
    write_text(f"{out}/roster.yaml", roster.text())

    marks = {**{f"{k}": v for k, v in plan.marks.items()}}
    where_map = {"unit": next(i + 1 for i, l in enumerate(plan.lines) if l == "  - id: section-ptits-loups")}
    where_map.update({str(k): v for k, v in plan.marks.items()})
    where_map.update({str(k): v for k, v in roster.marks.items()})
    where_map.update({str(k): v for k, v in amark.items()})
    where_map.update({str(k): v for k, v in tmark.items()})
    where_map["staffing"] = next(i + 1 for i, l in enumerate(plan.lines) if l == "      - {min: 2}")
    table = [(r, w, fill(where, where_map), *rest) for r, w, where, *rest in seeds]
    also = [(r, w, fill(where, where_map), *rest)
            for r, w, where, *rest in creche_consequences(plan, roster, arows, att, touched)]
    if also and not viol:
        raise SystemExit(f"creche: the compliant variant fails {also[0][0]}: {also[0][1]}")
    intro = [
        "A parent-run crèche (*crèche parentale*, CSP R2324-50: at most 24 places) of **20 places**",
        "in Grenoble, run by an association; one section of children from 10 weeks to 3 years.",
        "Checking period: **March 2026** (22 open days; summer time starts on Sunday 29 March, the",
        "crèche is closed that day).",
        "",
        "- `plan.yaml` — opening hours `Mo-Fr 07:30-18:30; PH off; Aug off`, ratio mode `5-8`,",
        "  staffing floor of 2, the CNAF PSU hourly tariffs at the floor and the ceiling of resources",
        "  for 1 to 4 children, the cost of an hour of care, one place guaranteed to families in an",
        "  insertion pathway, the health and inclusive care referent's hours, childcare places of the",
        "  zone, published admission criteria, the online form's RGAA statement, association",
        "  civil-liability policy and voluntary AT/MP cover for the parents (CSS L743-2).",
        "- `roster.yaml` — 6 professionals (1 EJE responsable technique, 2 auxiliaires de",
        "  puériculture, 3 CAP AEPE, one part-time) and 20 families' duty parents, each with an",
        "  honorability certificate (décret 2024-643) and their qualifications.",
        "- `assignments.csv` — professional shifts (7.5–8 h), outings (Tuesday and Thursday",
        "  11:00–12:00, 8 walkers, 2 professionals), parent duty half-days (08:00–12:00, 14:00–18:00,",
        "  two parents each, one half-day per family and week; parents `counts_in_ratio: false`).",
        "- `attendance.csv` — children present per 30-minute slot (walking / non-walking), outings",
        "  in separate rows with `outing: true`.",
    ]
    notes = [
        "## Why it is compliant",
        "",
        "Professionals on site: 07:30–09:00 two, 09:00–11:00 three, 11:00–15:00 five, 15:00–17:00",
        "three, 17:00–18:30 two (plus pro-06 on Monday, Tuesday, Thursday 09:00–17:00). The most",
        "children present at each time need, with ⌈non-walkers/5 + walkers/8⌉ and never fewer than",
        "2: 07:30–09:30 ≤ 10 children (3 + 7) → 2; 09:30–10:00 14 (5 + 9) → 3; 10:00–16:30 18",
        "(6 + 12) → 3; 16:30–17:00 14 → 3; 17:00–18:30 ≤ 10 → 2. During outings (11:00–12:00) three",
        "professionals stay with ≤ 10 children (6 + 4 → 2) and two go out with 8 walkers",
        "(⌈8/5⌉ = 2). Diplômés (EJE, AP) work 506 of 948 professional hours in March (53 %). Every",
        "certificate was issued after 2025-09-01 and is valid 3 years; every family serves 4 h in",
        "each full week of the period.",
        "",
        "Equality (issue 16): each hourly tariff is the 2025 PSU scale to the cent — 801.00 € of",
        "resources × 0.0619 % = 0.4958 → 0.50 € for one child, 7,000 € × 0.0619 % = 4.333 → 4.33 €,",
        "and 0.41/3.61, 0.33/2.89, 0.25/2.17 € for 2, 3 and 4 children (`cp.psu-scale`); the",
        "highest, 4.33 €, is under the cost of 11.20 € an hour (`eq.income-tariff-cap`); 20 places",
        "need one place guaranteed to families in an insertion pathway, the plan gives one",
        "(`cp.insertion-places`); a small crèche (13–24 places) needs its referent 20 h a year",
        "including 4 a quarter, the plan gives 20 and 5 (`cp.inclusive-referent`); the zone has",
        "2,950 places for 4,680 children under three, 63.0 per 100, over 60 % of the national 58.8",
        "(`cp.childcare-coverage`, synthetic figures); both admission criteria say where they are",
        "published; the online form states an RGAA rate of 82 %, and a desk and a phone line are",
        "there for those who do not use it (`eq.digital-accessibility`, `eq.non-digital-channel`).",
        "",
    ]
    readme(f"{out}/README.md", "Crèche parentale Les P'tits Loups", intro, cmd, variant, table, notes if not viol else [
        "`cp.parent-duty-quota` is a warning in the catalogue, the others errors.", "", ""]
        + CRECHE_WITHDRAWN_NOTES, withdrawn=CRECHE_WITHDRAWN, also=also)
    return {"contributors": len(pros) + len(parents) + viol, "assignments": len(arows),
            "attendance": len(att)}


def creche_consequences(plan, roster, arows, att, touched):
    """The findings besides the seeds that the seeded crèche data gives, each as (rule, what,
    where, because, subject): read back from the rows written, slot by slot, and charged to the
    seed that changed the slot (`touched`); a shortfall no seed explains is a defect of the
    generator and stops it. Section ratio as the compliant README states it: ⌈non-walkers/5 +
    walkers/8⌉ professionals in the section (shifts, not those out on an outing), at least 2;
    the plan's staffing floor (2) counts everyone assigned to the unit."""
    def on_site(start, end, kinds):
        return [r for r in arows if r[6] in kinds and r[4] <= start and end <= r[5]]
    shortfalls = {"cp.staff-ratio": [], "cont.plan-staffing": []}
    for line, row in enumerate(att, start=2):
        if row[6] != "false":
            continue
        start, end, walking, non_walking = row[2], row[3], int(row[4]), int(row[5])
        pros = len(on_site(start, end, ("shift_professional",)))
        need = max(2, math.ceil(Fraction(non_walking, 5) + Fraction(walking, 8)))
        present = len(on_site(start, end, ("shift_professional", "outing", "permanence_parent")))
        day, hhmm = date.fromisoformat(start[:10]), start[11:]
        for rule, short, text in (
                ("cp.staff-ratio", pros < need,
                 f"{pros} professional(s) with {non_walking} non-walkers + {walking} walkers, "
                 f"⌈{non_walking}/5 + {walking}/8⌉ (at least 2) = {need} needed"),
                ("cont.plan-staffing", present < 2, f"{present} present, the plan's staffing requires 2")):
            if not short:
                continue
            cause = touched.get((day, hhmm))
            if cause is None:
                raise SystemExit(f"creche: {rule} fails on {start} and no seed explains it")
            last = shortfalls[rule][-1] if shortfalls[rule] else None
            if last and last["cause"] == cause and last["end"] == start and last["text"] == text:
                last["end"], last["lines"] = end, last["lines"] + [line]
            else:
                shortfalls[rule].append({"cause": cause, "start": start, "end": end, "text": text, "lines": [line]})
    because = {
        "cp.two-adults": "seed `cp.two-adults`: pro-04 starts at 08:00, so one professional opens the section",
        "cp.overbooking": "seed `cp.overbooking`: the children over capacity need one more professional than are on site",
    }
    out = []
    for rule, spans in shortfalls.items():
        for sp in spans:
            if sp["cause"] == rule:
                continue  # the seed itself
            day = date.fromisoformat(sp["start"][:10])
            rows = sorted(set(sp["lines"]))
            att_where = "attendance.csv:" + (str(rows[0]) if len(rows) == 1 else f"{rows[0]}–{rows[-1]}")
            plan_where = "plan.yaml:{staffing}" if rule == "cont.plan-staffing" else "plan.yaml:{unit}"
            extra = "; assignments.csv:{late}" if sp["cause"] == "cp.two-adults" else ""
            out.append((rule, f"{day:%A} {day} {sp['start'][11:]}–{sp['end'][11:]}: {sp['text']}",
                        f"{plan_where}; {att_where}{extra}", because[sp["cause"]], None))
    # Contributors on duty whose role no policy of the plan covers.
    covered = {r.strip() for l in plan.lines for m in re.finditer(r"covered_roles: \[([^\]]*)\]", l)
               for r in m.group(1).split(",")}
    role_of, current = {}, None
    for l in roster.lines:
        if l.startswith("  - id: "):
            current = l[8:]
        elif l.startswith("    role: "):
            role_of[current] = l[10:]
    for cid in sorted({r[1] for r in arows if role_of[r[1]] not in covered}):
        first = next(i for i, r in enumerate(arows, start=2) if r[1] == cid)
        out.append(("risk.cover-every-hour",
                    f"no policy covers {cid} ({role_of[cid]}) on duty: the policies cover {', '.join(sorted(covered))}",
                    f"assignments.csv:{first}; roster.yaml:{{{cid}}}",
                    f"seed `cp.only-parents-or-staff`: a {role_of[cid]} takes a duty the association's policies do not cover",
                    f"contributor:{cid}"))
    return out


def fill(where, lines):
    """Replaces each `{key}` of `where` by the line recorded for that mark (str of the key)."""
    def one(m):
        if m.group(1) not in lines:
            raise KeyError(f"no line recorded for {m.group(1)}")
        return str(lines[m.group(1)])
    return re.sub(r"\{([^{}]+)\}", one, where)


# ==============================================================================================
# Carpool line
# ==============================================================================================

STOPS = [("38053-C-001", "Bourgoin-Jallieu gare", "38053"),
         ("38193-C-001", "L'Isle-d'Abeau centre", "38193"),
         ("38553-C-001", "Villefontaine Saint-Bonnet", "38553"),
         ("38449-C-001", "Saint-Quentin-Fallavier parc d'activités", "38449"),
         ("69299-C-001", "Aéroport Lyon-Saint-Exupéry", "69299"),
         ("69290-C-001", "Saint-Priest Parc technologique", "69290"),
         ("69388-C-001", "Lyon Mermoz-Pinel", "69388")]
KM = [0, 6, 11, 19, 28, 38, 45]  # along the axis from Bourgoin


# What the law re-read (issue 12, item 4) changed in the carpool example's findings.
CARPOOL_LAW_NOTES = [
    "## Findings changed by the law re-read (issue 12, item 4)",
    "",
    "- `cl.driver-age` no longer fires for drv-25 (17): since 1 January 2024 the B licence and solo",
    "  driving start at 17 (code de la route R221-5, décret 2023-1214); 18 would be the operator's own",
    "  terms (`params: {cl.driver-age: {min_age: 18}}`). drv-25's seed is now `cl.driver-licence`.",
    "- `risk.cosp-requested` (info, here and in `../compliant`): the plan relies on `cosp_no_fault`",
    "  and no availability records a request of the administration (`requested_by_administration:",
    "  false`); the no-fault regime of occasional collaborators then rests on the authority's",
    "  acceptance of the driver's help, which the plan should record.",
]


def generate_carpool(out, seed, variant, rng_factory):
    rng = rng_factory(seed)
    viol = variant == "violations"
    p0, p1 = date(2026, 4, 27), date(2026, 5, 11)
    holidays = french_holidays(2026)
    open_days = [p0 + timedelta(days=k) for k in range((p1 - p0).days)
                 if (p0 + timedelta(days=k)).weekday() < 5 and p0 + timedelta(days=k) not in holidays]
    cmd = f"python3 Benchmarks/generate/generate.py --preset covoiturage --seed {seed} --{variant} --out {out}"
    seeds = []
    plan = Doc()
    plan.add(f"# Generated by: {cmd}")
    for line in [
        "id: covoiturage-nord-isere-l1",
        "name: \"Ligne de covoiturage L1 Bourgoin-Jallieu ↔ Lyon Mermoz\"",
        "kind: carpool_line",
        "operator: {name: \"Syndicat des mobilités Nord-Isère (synthétique)\", legal_form: aom}",
        "version: 2",
    ]:
        plan.add(line)
    if viol:
        plan.add("effective_from: 2026-05-04", mark="effective")
        seeds.append(("adapt.plan-in-force", "version 2 of the line's plan takes effect on 2026-05-04, a week into the checked period (2026-04-27 → 05-11): the first week is checked against terms not yet in force",
                      "plan.yaml:{effective}, 2"))
    else:
        plan.add("effective_from: 2026-01-05")
    for line in [
        "effective_until: 2026-12-31",
        "period: {start: 2026-04-27, end: 2026-05-11}",
        "time_zone: Europe/Paris",
        "public_holidays: france",
        "opening_hours: \"Mo-Fr 06:30-09:00,16:00-19:00; PH off\"",
        "territory:",
        "  cog_vintage: 2024",
        "  zones:",
        "    - id: axe-a43",
        "      name: \"Axe A43 Nord-Isère – Lyon Est\"",
        "      communes:",
        "        - {insee: \"38053\", name: Bourgoin-Jallieu, population: 29000}",
        "        - {insee: \"38193\", name: L'Isle-d'Abeau, population: 16500}",
        "        - {insee: \"38553\", name: Villefontaine, population: 19000}",
        "        - {insee: \"38449\", name: Saint-Quentin-Fallavier, population: 6300}",
        "        - {insee: \"69299\", name: Colombier-Saugnieu, population: 2800}",
        "        - {insee: \"69290\", name: Saint-Priest, population: 48000}",
        "        - {insee: \"69388\", name: Lyon 8e Arrondissement, population: 86000}",
        "units:",
        "  - id: line-l1",
        "    kind: line",
        "    name: \"L1 Bourgoin ↔ Lyon\"",
        "    zone: axe-a43",
        "    commune: \"38053\"",
        "    opening_hours: \"Mo-Fr 06:30-09:00,16:00-19:00; PH off\"",
        "    stops: [" + ", ".join(s for s, _, _ in STOPS) + "]",
    ]:
        plan.add(line)
    # Places reserved for people with reduced mobility at each stop, as the BNLC field nbre_pmr.
    pmr = {stop: (0 if viol and stop == "38193-C-001" else 1 + k % 2) for k, (stop, _, _) in enumerate(STOPS)}
    plan.add("    extra:")
    plan.add("      nbre_pmr: {" + ", ".join(f"{stop}: {n}" for stop, n in pmr.items()) + "}", mark="pmr")
    if viol:
        seeds.append(("cl.stop-pmr", "stop 38193-C-001 (L'Isle-d'Abeau centre) has no place for people with reduced mobility (BNLC nbre_pmr 0)",
                      "plan.yaml:{pmr}, {unit}"))
    if viol:
        plan.add("    fallback: {mode: taxi, max_delay_minutes: 30, provider: \"Taxis Nord-Isère (convention)\"}", mark="fallback")
        seeds.append(("cl.departure-guarantee", "the line's fallback taxi starts after 30 min (max 20; the line promised 10)",
                      "plan.yaml:{fallback}, {unit}"))
    else:
        plan.add("    fallback: {mode: taxi, max_delay_minutes: 10, provider: \"Taxis Nord-Isère (convention)\"}")
    plan.add("tariffs:")
    plan.add("  - {category: everyone, amount_eur: 0, per: trip, income_based: false}")
    if viol:
        plan.add("  - {category: non_resident, amount_eur: 1.5, per: trip, income_based: false}", mark="fare")
        seeds.append(("eq.uniform-tariff", "passengers living outside the territory pay 1.50 € a trip, residents ride free",
                      "plan.yaml:{fare}, 2"))
    plan.add("access_channels:")
    plan.add("  - {kind: app, description: \"application de la ligne (demande de trajet en temps réel)\", hours: \"Mo-Fr 06:30-09:00,16:00-19:00; PH off\", cost_eur: 0, extra: {accessibility_statement: \"https://ligne-l1.example/accessibilite\", rgaa_rate: 76}}")
    if viol:
        phone_stops = [s for s, _, _ in STOPS if s != "38449-C-001"]
        plan.add("  - {kind: phone, description: \"0 800 000 001 (numéro vert)\", hours: \"Mo-Fr 06:30-09:00,16:00-19:00; PH off\", cost_eur: 0, extra: {stops: ["
                 + ", ".join(phone_stops) + "]}}", mark="phone")
        seeds.append(("cl.stop-channel", "stop 38449-C-001 (Saint-Quentin-Fallavier) can only be requested with the app: the phone line does not serve it and it has no button",
                      "plan.yaml:{phone}, {unit}"))
    else:
        plan.add("  - {kind: phone, description: \"0 800 000 001 (numéro vert)\", hours: \"Mo-Fr 06:30-09:00,16:00-19:00; PH off\", cost_eur: 0}")
    plan.add("  - {kind: button, description: \"borne à bouton-poussoir à l'arrêt\", cost_eur: 0, extra: {stops: [38053-C-001, 38553-C-001, 69290-C-001]}}")
    for line in [
        "eligibility:",
        "  - {id: everyone, description: \"tout passager de 16 ans ou plus; avant 16 ans accompagné\", min_age: 16}",
        "risk_cover:",
        "  regimes: [cosp_no_fault]",
        "  policies:",
        "    - {id: RC-EXPLOITANT-2026-L1, insurer: SMACL Assurances, type: rc, covered_roles: [driver, passenger], valid_from: 2026-01-01, valid_until: 2026-12-31}",
        "params:",
        "  cl.departure-guarantee: {max_delay_minutes: 10}",
        "rosters:",
        "  - {path: roster.yaml, kind: contributors}",
        "  - assignments.csv",
        "  - carpool_requests.csv",
    ]:
        plan.add(line)
    if viol:
        # The plan's own promise is 10; the violation is the 30-minute fallback above.
        pass

    # ---- drivers
    n_drivers = 48
    drivers = []
    for k in range(n_drivers):
        did = f"drv-{k + 1:02d}"
        home = rng.randrange(0, 4)  # Isère side
        work = rng.randrange(4, 7)
        am_min = 6 * 60 + 35 + 5 * rng.randrange(0, 22)  # 06:35 … 08:20
        pm_min = 16 * 60 + 5 + 5 * rng.randrange(0, 28)  # 16:05 … 18:20
        am = f"{am_min // 60:02d}:{am_min % 60:02d}"
        pm = f"{pm_min // 60:02d}:{pm_min % 60:02d}"
        days = sorted(rng.sample(range(5), rng.randrange(2, 6)))
        drivers.append({"id": did, "home": home, "work": work, "am": am, "pm": pm, "days": days,
                        "birth": date(1966 + rng.randrange(0, 38), rng.randrange(1, 13), rng.randrange(1, 28))})
    # ---- availability windows (assignments)
    arows, amark = [], {}
    trips = {d["id"]: [] for d in drivers}
    for day in open_days:
        for d in drivers:
            if day.weekday() not in d["days"]:
                continue
            for start, home_first, close in ((d["am"], True, "09:00"), (d["pm"], False, "19:00")):
                s = datetime.combine(day, datetime.strptime(start, "%H:%M").time())
                length = KM[d["work"]] - KM[d["home"]]
                e = s + timedelta(minutes=10 + int(length * 1.1))
                end_of_window = datetime.combine(day, datetime.strptime(close, "%H:%M").time())
                if e > end_of_window:  # a driver's window never leaves the line's hours
                    s, e = s - (e - end_of_window), end_of_window
                amark.setdefault(f"first-{d['id']}", len(arows) + 2)
                if day.month == 5:
                    amark.setdefault(f"may-{d['id']}", len(arows) + 2)
                arows.append([f"av-{len(arows) + 1:04d}", d["id"], "line-l1", "driver",
                              s.strftime("%Y-%m-%dT%H:%M"), e.strftime("%Y-%m-%dT%H:%M"),
                              "driver_availability", "false", "plan"])
                trips[d["id"]].append((s, e, home_first, len(arows) + 1))
    # ---- requests
    rrows, rmark = [], {}
    passengers = {d["id"]: 0 for d in drivers}
    for day in open_days:
        n_req = rng.randrange(55, 86)
        for _ in range(n_req):
            morning = rng.random() < 0.7
            if morning:
                at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=6 * 60 + 35 + rng.randrange(0, 140))
                stop = rng.choice([0, 0, 1, 1, 2, 2, 3])
            else:
                at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=16 * 60 + 5 + rng.randrange(0, 170))
                stop = rng.choice([4, 5, 5, 6, 6, 6])
            wait = rng.expovariate(1 / 3.5)
            pick = at + timedelta(minutes=max(1, round(wait)))
            cand = [d for d in drivers if any(s <= pick <= e for s, e, _, _ in trips[d["id"]])]
            if wait <= 10 and cand:
                d = rng.choice(cand)
                passengers[d["id"]] += 1
                rrows.append([f"r-{len(rrows) + 1:04d}", "line-l1", STOPS[stop][0], at.strftime("%Y-%m-%dT%H:%M"),
                              pick.strftime("%Y-%m-%dT%H:%M"), "driver", d["id"]])
            else:
                taxi = at + timedelta(minutes=10 + rng.randrange(6, 15))
                rrows.append([f"r-{len(rrows) + 1:04d}", "line-l1", STOPS[stop][0], at.strftime("%Y-%m-%dT%H:%M"),
                              taxi.strftime("%Y-%m-%dT%H:%M"), "fallback", ""])
    rrows.sort(key=lambda r: r[3])
    for i, r in enumerate(rrows):
        r[0] = f"r-{i + 1:04d}"
    if viol:
        late = datetime(2026, 5, 5, 23, 30)
        rrows.append([f"r-{len(rrows) + 1:04d}", "line-l1", "69388-C-001", late.strftime("%Y-%m-%dT%H:%M"),
                      (late + timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M"), "driver", "drv-03"])
        passengers["drv-03"] += 1
        rmark["late"] = len(rrows) + 1
        seeds.append(("cl.service-window", "a trip requested and served on Tuesday 2026-05-05 at 23:30, outside the line's windows (warning)",
                      "carpool_requests.csv:{late}"))
    # ---- contributors (roster.yaml, after the trips so allowances are known)
    roster = Doc()
    roster.add(f"# Generated by: {cmd}")
    roster.add("contributors:")
    for d in drivers:
        n_trips = len(trips[d["id"]])
        km = n_trips * (KM[d["work"]] - KM[d["home"]])
        allowance = 2 * passengers[d["id"]] + 1 * n_trips  # 1 € a committed trip + 2 € a passenger
        birth = d["birth"]
        # Credit-card licences are valid 15 years; every one was issued or renewed since 2013.
        lic_from = date(max(birth.year + 18, 2013) + rng.randrange(0, 8), rng.randrange(1, 13), rng.randrange(1, 28))
        if lic_from > date(2026, 3, 1):
            lic_from = date(2025, rng.randrange(1, 13), rng.randrange(1, 28))
        lic_until = add_years(lic_from, 15)
        ins_from = date(2026, rng.randrange(1, 4), 1)
        ins_until = add_years(ins_from, 1) - timedelta(days=1)
        mark_lic = mark_ins = None
        if viol and d["id"] == "drv-12":
            lic_until = date(2026, 4, 30)
            lic_from = add_years(lic_until, -15)
            mark_lic = "lic"
        if viol and d["id"] == "drv-19":
            ins_from, ins_until = date(2025, 4, 1), date(2026, 3, 31)
            mark_ins = "ins"
        if viol and d["id"] == "drv-07":
            km, allowance = 120, 180
            mark_allow = "allow"
        else:
            mark_allow = None
        if viol and d["id"] == "drv-25":
            birth = date(2008, 11, 3)
            lic_from = lic_until = None
        roster.add(f"  - id: {d['id']}", mark=d["id"])
        roster.add("    role: driver")
        roster.add("    status: volunteer")
        roster.add(f"    birth_date: {iso(birth)}", mark="birth" if viol and d["id"] == "drv-25" else None)
        roster.add("    units: [line-l1]")
        roster.extra("home_stop", STOPS[d['home']][0])
        roster.add(f"    residence_insee: \"{STOPS[d['home']][2]}\"")
        if lic_from is not None:
            roster.add(f"    licence: {{category: B, valid_from: {iso(lic_from)}, valid_until: {iso(lic_until)}}}", mark=mark_lic)
        else:
            roster.add("    licence: {category: B1-conduite-accompagnee}")
        roster.add(f"    insurance: {{policy: AUTO-{1000 + int(d['id'][4:]) * 37}, valid_from: {iso(ins_from)}, valid_until: {iso(ins_until)}}}", mark=mark_ins)
        roster.extra("distance_km", km, mark=mark_allow)
        roster.extra("allowance_eur", allowance)
    if viol:
        seeds += [
            ("cl.driver-licence", "drv-12's licence expired on 2026-04-30; they drive on the May days of the period",
             "roster.yaml:{lic}, {drv-12}; assignments.csv:{may-drv-12}"),
            ("cl.driver-insurance", "drv-19's car insurance ended on 2026-03-31, before the period",
             "roster.yaml:{ins}, {drv-19}; assignments.csv:{first-drv-19}"),
            ("cl.no-profit", "drv-07 was paid 180 € for 120 km (ceiling 0.50 €/km = 60 €)",
             "roster.yaml:{allow}, {drv-07}"),
            # At 17 the age is lawful since 2024 (R221-5, décret 2023-1214): the seed is the licence.
            ("cl.driver-licence", "drv-25 is 17 (born 2008-11-03), learning under *conduite accompagnée* (no B licence), yet offers rides alone; at 17 the age itself is lawful since 1 Jan 2024 (code de la route R221-5, décret 2023-1214), so `cl.driver-age` no longer fires — the missing licence is the violation",
             "roster.yaml:{birth}, {drv-25}; assignments.csv:{first-drv-25}",
             "drv-25 is 17 (born 2008-11-03) and holds no B licence (category B1-conduite-accompagnee: learning under conduite accompagnée), yet offers rides alone. Age alone is lawful since 1 Jan 2024 (R221-5, décret 2023-1214: B licence and solo driving at 17), so cl.driver-age no longer fires; the missing licence is the violation"),
        ]
    write_text(f"{out}/plan.yaml", plan.text() + PLAN_SCHEMA_LINE)
    write_text(f"{out}/roster.yaml", roster.text())
    write_csv(f"{out}/assignments.csv", ["id", "contributor", "unit", "position", "start", "end", "kind",
                                         "requested_by_administration", "source"], arows)
    write_csv(f"{out}/carpool_requests.csv", ["id", "line", "stop", "requested_at", "picked_at",
                                              "fulfilled_by", "driver"], rrows)
    where_map = {str(k): v for m in (plan.marks, roster.marks, rmark, amark) for k, v in m.items()}
    where_map["unit"] = next(i + 1 for i, l in enumerate(plan.lines) if l == "  - id: line-l1")
    table = [(r, w, fill(where, where_map), *rest) for r, w, where, *rest in seeds]
    fallback_share = sum(r[5] == "fallback" for r in rrows) / len(rrows)
    intro = [
        "A carpool line (*ligne de covoiturage*, Ecov model) along the A43 from Bourgoin-Jallieu",
        "to Lyon Mermoz with **7 stops** (BNLC ids `INSEE-C-NNN`), run for an AOM. Passengers ask",
        "for a ride (app, free phone number, push-button terminal) and a registered driver passing",
        "by picks them up; if none comes within **10 minutes** a partner taxi takes them, at the",
        "operator's cost. Windows `Mo-Fr 06:30-09:00,16:00-19:00; PH off`.",
        "Checking period: 2026-04-27 → 2026-05-11 (two weeks; Friday 1 May and Friday 8 May are",
        "public holidays: no service).",
        "",
        f"- `roster.yaml` — {n_drivers} drivers with licence, car insurance, allowance and distance of",
        "  the period (extras `allowance_eur`, `distance_km`, `home_stop`).",
        f"- `assignments.csv` — {len(arows)} driver availability windows (morning and evening commutes).",
        f"- `carpool_requests.csv` — {len(rrows)} requests: {fallback_share:.1%} served by the fallback taxi,",
        "  the rest by a driver available at pick-up time.",
    ]
    notes = ["## Why it is compliant", "",
             "Every stop has a phone channel (and three have a button); the only tariff is free for",
             "everyone; the fallback is a taxi within 10 minutes; every driver is an adult with a B",
             "licence and car insurance valid over every availability window; allowances (1 € a",
             "committed trip + 2 € a passenger) stay far under 0.50 €/km; every request is inside the",
             "windows; the fallback share is under 10 %.", "",
             "Every stop has one or two places for people with reduced mobility (the BNLC field",
             "`nbre_pmr`, under the line's `extra`: `cl.stop-pmr`), and the app states an RGAA",
             "conformity rate of 76 % (`eq.digital-accessibility`).", "",
             "## Findings at info level", "",
             "spp-check reports one `info` finding, `risk.cosp-requested`: the plan relies on",
             "`cosp_no_fault` (the no-fault regime of occasional collaborators of the public service)",
             "and no availability records a request of the administration",
             "(`requested_by_administration: false`); that regime then rests on the authority's",
             "acceptance of the drivers' help, which the plan should record. It is information, not a",
             "breach: it blocks nothing.", ""]
    readme(f"{out}/README.md", "Covoiturage — ligne L1 Nord-Isère ↔ Lyon", intro, cmd, variant, table,
           notes if not viol else ["`cl.service-window` is a warning in the catalogue, the others errors.", "", ""]
           + CARPOOL_LAW_NOTES)
    return {"drivers": n_drivers + 0, "assignments": len(arows), "requests": len(rrows)}


# ==============================================================================================
# Patient education programme (ETP) with patient-intervenants
# ==============================================================================================

def generate_etp(out, seed, variant, rng_factory):
    rng = rng_factory(seed)
    viol = variant == "violations"
    p0, p1 = date(2026, 1, 5), date(2026, 3, 30)
    holidays = french_holidays(2026)
    cmd = f"python3 Benchmarks/generate/generate.py --preset etp --seed {seed} --{variant} --out {out}"
    seeds = []
    # id, role, status, profession, ETP hours, charter, label
    team = [
        ("etp-01", "coordinator", "employee", "medecin", 42, True, "diabétologue, coordinatrice"),
        ("etp-02", "professional", "employee", "infirmier", 40, True, "infirmière d'éducation"),
        ("etp-03", "professional", "employee", "infirmier", 40, True, "infirmier"),
        ("etp-04", "professional", "employee", "dieteticien", 40, True, "diététicienne"),
        ("etp-05", "professional", "employee", "pharmacien", 40, True, "pharmacien hospitalier"),
        ("etp-06", "professional", "employee", "enseignant_apa", 40, True, "enseignant en activité physique adaptée"),
        ("etp-07", "patient_intervenant", "volunteer", None, 60, True, "patient-intervenant bénévole (association de patients)"),
        ("etp-08", "patient_intervenant", "paid_cosp", None, 120, True, "patiente-intervenante rémunérée (DU Université des patients)"),
    ]
    if viol:
        team = [
            ("etp-09", "coordinator", "employee", "infirmier", 40, True, "cadre de santé infirmière, nouvelle coordinatrice"),
            ("etp-02", "professional", "employee", "infirmier", 40, True, "infirmière d'éducation"),
            ("etp-03", "professional", "employee", "infirmier", 40, True, "infirmier"),
            ("etp-10", "professional", "employee", "infirmier", 40, False, "infirmière (remplace la diététicienne)"),
            ("etp-07", "patient_intervenant", "volunteer", None, 30, True, "patient-intervenant bénévole (association de patients)"),
            ("etp-08", "patient_intervenant", "paid_cosp", None, 120, True, "patiente-intervenante rémunérée (DU Université des patients)"),
        ]
    plan = Doc()
    plan.add(f"# Generated by: {cmd}")
    for line in [
        "id: etp-diabete-type-2-chu-chambery",
        "name: \"Programme ETP « Vivre avec un diabète de type 2 »\"",
        "kind: etp_programme",
        "operator: {name: \"Centre hospitalier de Chambéry (synthétique)\", legal_form: hospital}",
        "version: 5",
        "effective_from: 2021-03-15",
        "period: {start: 2026-01-05, end: 2026-03-30}",
        "time_zone: Europe/Paris",
        "public_holidays: france",
        "opening_hours: \"Mo-Fr 09:00-17:00; PH off\"",
        "territory:",
        "  cog_vintage: 2024",
        "  zones:",
        "    - id: bassin-chamberien",
        "      name: \"Bassin chambérien\"",
        "      communes:",
        "        - {insee: \"73065\", name: Chambéry, population: 60000}",
        "        - {insee: \"73179\", name: La Motte-Servolex, population: 12000}",
        "units:",
        "  - id: prog-dt2",
        "    kind: programme",
        "    name: \"Éducation thérapeutique — diabète de type 2 (adultes)\"",
        "    zone: bassin-chamberien",
        "    commune: \"73065\"",
        "    capacity: 10",
        "tariffs:",
        "  - {category: patient, amount_eur: 0, per: session, income_based: false}",
        "access_channels:",
        "  - {kind: phone, description: \"secrétariat ETP\", hours: \"Mo-Fr 09:00-17:00; PH off\", cost_eur: 0}",
        "  - {kind: desk, description: \"orientation par le médecin traitant ou le service\", cost_eur: 0}",
        "eligibility:",
        "  - {id: dt2, description: \"adultes atteints d'un diabète de type 2, sur orientation médicale\", min_age: 18}",
        "risk_cover:",
        "  regimes: [cosp_affiliated_L311_3_21, association_rc]",
        "  policies:",
        "    - {id: RELYENS-RC-HOSP-2026, insurer: Relyens, type: rc, covered_roles: [coordinator, professional, patient_intervenant], valid_from: 2026-01-01, valid_until: 2026-12-31}",
        "extra:",
        "  declarations:",
        "    - {authority: ARS, date: 2021-03-15, ref: ARS-ARA-ETP-2021-0457, coordinator: etp-01}",
    ]:
        plan.add(line)
    if viol:
        plan.add("  evaluations: {annual: 2025-12-09}", mark="eval")
        seeds.append(("pe.evaluation", "no quadrennial evaluation recorded: the programme was declared on 2021-03-15, its 4-year evaluation was due by 2025-03-15",
                      "plan.yaml:{eval}, 2"))
    else:
        plan.add("  evaluations: {annual: 2025-12-09, quadrennial: 2025-02-20}")
    plan.add("rosters:")
    plan.add("  - {path: roster.yaml, kind: roster}")

    roster = Doc()
    roster.add(f"# Generated by: {cmd}")
    roster.add("contributors:")
    for k, (cid, role, status, prof, hours, charter, label) in enumerate(team):
        roster.add(f"  - id: {cid}", mark=cid)
        roster.add(f"    role: {role}")
        roster.add(f"    status: {status}")
        roster.add(f"    birth_date: {iso(date(1962 + (k * 5) % 30, 1 + (k * 4) % 12, 2 + k * 3))}")
        roster.add("    units: [prog-dt2]")
        roster.extra("job", q(label))
        if prof:
            roster.extra("profession", prof, mark=("prof", cid))
        if role == "patient_intervenant":
            roster.extra("urssaf_affiliation", 'no' if viol and cid == 'etp-08' else ('yes' if status == 'paid_cosp' else 'no'),
                         mark=("urssaf", cid))
            roster.extra("association", "\"Association des diabétiques de Savoie\"")
        if charter:
            roster.extra("charter_signed", iso(date(2024, 9, 2) + timedelta(days=11 * k)))
        roster.add("    qualifications:")
        roster.add(f"      - {{code: ETP40, hours: {hours}, obtained: {iso(date(2019 + k % 5, 3 + k % 8, 10 + k))}}}",
                   mark=("etp", cid))
    if viol:
        seeds += [
            ("pe.team-professions", "the team's health professionals are all nurses (etp-09, etp-02, etp-03, etp-10): one profession, 2 needed",
             "roster.yaml:{('prof', 'etp-09')}, {('prof', 'etp-02')}, {('prof', 'etp-03')}, {('prof', 'etp-10')}; plan.yaml:{unit}"),
            ("pe.physician", "the coordinator is not a physician and no physician is in the team",
             "roster.yaml:{('prof', 'etp-09')}; plan.yaml:{unit}"),
            ("pe.etp-training", "patient-intervenant etp-07 holds 30 h of ETP training (40 h required)",
             "roster.yaml:{('etp', 'etp-07')}, {first-etp-07}"),
            ("pe.patient-status", "etp-08 is paid (paid_cosp) with no régime général affiliation",
             "roster.yaml:{('urssaf', 'etp-08')}, {etp-08}"),
            ("pe.charter-signed", "etp-10 has not signed the charte d'engagement",
             "roster.yaml:{etp-10}"),
        ]
    # Sessions: Tuesday 14:00–16:30 collective workshop (a professional + a patient-intervenant,
    # rotating), Thursday 09:30–12:00 individual educational diagnoses (a nurse), first Monday of
    # the month 12:30–13:30 team coordination meeting (coordinator + two).
    roster.add("assignments:")
    pros = [m[0] for m in team if m[1] == "professional"]
    nurses = [m[0] for m in team if m[3] == "infirmier"]
    patients = [m[0] for m in team if m[1] == "patient_intervenant"]
    coord = team[0][0]
    n = 0
    d = p0
    rot = 0
    coord_sessions = []  # (id, roster line) of the sessions the coordinator coordinates
    first_session = {}
    while d < p1:
        if d in holidays:
            d += timedelta(days=1)
            continue
        entries = []
        if d.weekday() == 1:
            entries = [(pros[rot % len(pros)], "intervenant", "14:00", "16:30"),
                       (patients[rot % len(patients)], "intervenant", "14:00", "16:30")]
            rot += 1
        elif d.weekday() == 3:
            entries = [(nurses[rot % len(nurses)], "intervenant", "09:30", "12:00")]
        elif d.weekday() == 0 and d.day <= 7:
            entries = [(coord, "coordinator", "12:30", "13:30"),
                       (pros[(rot + 1) % len(pros)], "intervenant", "12:30", "13:30"),
                       (patients[(rot + 1) % len(patients)], "intervenant", "12:30", "13:30")]
        for cid, pos, s, e in entries:
            n += 1
            mark = None
            if pos == "coordinator":
                mark = "coord" if not coord_sessions else None
                coord_sessions.append((f"ses-{n:03d}", len(roster.lines) + 1))
            if f"first-{cid}" not in first_session:
                first_session[f"first-{cid}"] = len(roster.lines) + 1
            roster.add(f"  - {{id: ses-{n:03d}, contributor: {cid}, unit: prog-dt2, position: {pos}, "
                       f"start: {t(d, s)}, end: {t(d, e)}, kind: etp_session, requested_by_administration: true}}",
                       mark=mark)
        d += timedelta(days=1)
    if viol:
        seeds.append(("pe.coordinator-declared", "sessions are coordinated by etp-09, but the latest ARS declaration names etp-01 (change of coordinator not notified)",
                      "roster.yaml:{coord}; plan.yaml:" + str(next(i + 1 for i, l in enumerate(plan.lines) if "coordinator: etp-01" in l))))
    write_text(f"{out}/plan.yaml", plan.text() + PLAN_SCHEMA_LINE)
    write_text(f"{out}/roster.yaml", roster.text())
    where_map = {str(k): v for m in (plan.marks, roster.marks, first_session) for k, v in m.items()}
    where_map["unit"] = next(i + 1 for i, l in enumerate(plan.lines) if l == "  - id: prog-dt2")
    table = [(r, w, fill(where, where_map), *rest) for r, w, where, *rest in seeds]
    # The undeclared coordinator's seed is found at their first session; each later session they
    # coordinate is one more pe.coordinator-declared finding.
    also = [("pe.coordinator-declared",
             f"etp-09 coordinates session {sid} too, while the latest ARS declaration names etp-01",
             f"roster.yaml:{line}",
             "seed `pe.coordinator-declared`: one finding per session the undeclared coordinator coordinates",
             f"assignment:{sid}") for sid, line in coord_sessions[1:]] if viol else []
    intro = [
        "A therapeutic patient education programme (*éducation thérapeutique du patient*, CSP",
        "L1161-2) for adults with type 2 diabetes at a hospital, declared to the ARS in 2021, with",
        "two patient-intervenants (one volunteer from a patients' association, one paid as an",
        "occasional collaborator of the public service and affiliated to the régime général).",
        "Checking period: 2026-01-05 → 2026-03-30 (12 weeks).",
        "",
        "- `plan.yaml` — the programme (unit `prog-dt2`), its ARS declaration and evaluations",
        "  (extras `declarations`, `evaluations`), risk cover (hospital RC policy, COSP affiliation).",
        "- `roster.yaml` — the team (extras `profession`, `charter_signed`, `urssaf_affiliation`),",
        "  their ETP training (`ETP40` with hours), and the sessions: Tuesday collective workshops",
        "  (a professional + a patient-intervenant), Thursday individual educational diagnoses, a",
        "  monthly coordination meeting.",
    ]
    notes = ["## Why it is compliant", "",
             "Coordinator a physician, named in the ARS declaration; four health professions in the",
             "team (physician, nurse, dietitian, pharmacist) plus an APA teacher; everyone holds ≥ 40 h",
             "of ETP training obtained before the period and signed the charter; the paid",
             "patient-intervenant is affiliated; annual (2025-12-09) and quadrennial (2025-02-20)",
             "evaluations are recent enough.", ""]
    readme(f"{out}/README.md", "Patients-experts — programme ETP diabète de type 2", intro, cmd, variant,
           table, notes if not viol else [], also=also)
    return {"contributors": len(team), "sessions": n}
