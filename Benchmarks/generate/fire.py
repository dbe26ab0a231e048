"""Sapeurs-pompiers volontaires: the `departement` example (about 1,500 SPV, 40 stations, four
weeks of 12-hour guards and on-call slots, compliant or with seeded violations) and the `national`
benchmark (200,000 SPV, ~7,000 stations, one week, about 1 M assignment rows).

Figures from /work/shared/DOMAIN.md 3.1 (crew of 3 on a VSAV with a chef d'agrès ≥ sergent, 12 h
slots 07:00–19:00 / 19:00–07:00, 69 % employees, 9 % double status, 6 % SSSM, age limits
60/65/68/70, medical visit every 4 years before 45 and every 2 years after)."""

import math
from datetime import date, datetime, timedelta

import travel
from common import (PLAN_SCHEMA_LINE, ADJUDANT, GRADES, LIEUTENANT, RANK, SERGENT, add_years, age_on,
                    commune_names, days, draw_grade, iso, q, twelve_hour_slots, write_csv,
                    write_expected, write_text)

CONTRIBUTOR_HEADER = [
    "id", "role", "status", "birth_date", "grade", "residence_insee", "home_to_unit_minutes",
    "units", "engagement_start", "employment", "medical_valid_from", "medical_valid_until",
    "medical_fit", "background_check_type", "background_check_valid_from",
    "background_check_valid_until", "licence_category", "licence_valid_from",
    "licence_valid_until", "specialty", "age_limit_extension"]
ASSIGNMENT_HEADER = ["id", "contributor", "unit", "position", "start", "end", "kind", "engine",
                     "source", "engagement", "reach_minutes"]
QUALIFICATION_HEADER = ["contributor", "code", "hours", "obtained", "valid_until"]

POSITION_ORDER = {"chef_agres": 0, "conducteur": 1, "equipier": 2, "isp": 3}
ENGINE_ORDER = {"VSAV": 0, "FPT": 1, "VLI": 2}


class SPV:
    __slots__ = ("id", "role", "birth", "grade", "insee", "home", "unit", "engaged", "employment",
                 "med_from", "med_until", "med_fit", "bg_type", "bg_from", "lic_cat", "lic_from",
                 "lic_until", "specialty", "extension", "quals", "fi", "can_chef", "can_drive",
                 "minor", "line")

    def row(self):
        return [self.id, self.role, "volunteer", iso(self.birth), self.grade, self.insee,
                str(self.home), self.unit, iso(self.engaged), self.employment,
                iso(self.med_from), iso(self.med_until),
                "" if self.med_fit is None else ("true" if self.med_fit else "false"),
                self.bg_type or "", iso(self.bg_from), "", self.lic_cat or "",
                iso(self.lic_from), iso(self.lic_until), self.specialty or "",
                "yes" if self.extension else "no"]

    @property
    def rank(self):
        return RANK[self.grade]


def add_months(d: date, months: int) -> date:
    """`d` plus whole months, the day clamped to the month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    last = (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)).day
    return date(y, m, min(d.day, last))


def medical_due(c, visit: date) -> date:
    """The last day the maintenance visit after `visit` may wait (arrêté of 10 April 2025, art.
    12, as spv.medical-periodicity reads it): two years after the initial visit (a visit on or
    before engagement); then 4 years (+3 months) until 45, the reinforced visit before the 46th
    birthday, and 2 years (+3 months) from 45."""
    if c.engaged is not None and visit <= c.engaged:
        return add_months(visit, 24)
    if age_on(c.birth, visit) >= 45:
        return add_months(visit, 27)
    return min(add_months(visit, 51), add_months(c.birth, 46 * 12))


def date_medical(c, visit: date, ref: date, end: date):
    """Moves a drawn visit date, without a new random draw, so that the periodicity holds to
    `end` plus a month: after engagement rather than the initial visit, and at 45 or later for
    who turns 46 before."""
    margin = end + timedelta(days=31)
    if medical_due(c, visit) < margin and age_on(c.birth, visit) < 45:
        at45 = add_years(c.birth, 45)
        if age_on(c.birth, at45) < 45:  # born on 29 February
            at45 += timedelta(days=1)
        if at45 <= ref - timedelta(days=1):
            visit = max(visit, at45)
    if medical_due(c, visit) < margin and visit <= c.engaged:
        visit = c.engaged + (ref - c.engaged) // 2 if c.engaged < ref - timedelta(days=31) else c.engaged
    return visit


def make_spv(rng, ident, unit, insee, home, ref: date, end: date):
    """One volunteer whose documents are valid over [ref, end) unless a seed changes them."""
    c = SPV()
    c.id, c.unit, c.insee, c.home = ident, unit, insee, home
    c.role = "spp_spv_double" if rng.random() < 0.09 else "spv"
    c.specialty = ""
    x = rng.random()
    if x < 0.06:
        c.specialty = rng.choices(["sssm_infirmier", "sssm_medecin", "sssm_pharmacien",
                                   "sssm_veterinaire"], [70, 20, 6, 4])[0]
    c.extension = False
    x = rng.random()
    limit = add_years(end, -60)  # born after this: still under 60 on the period's last day
    if x < 0.005:
        age = 16 + rng.random() * 1.6
        c.birth = ref - timedelta(days=int(age * 365.25))
    elif x < 0.025:
        c.extension = True
        c.birth = add_years(ref, -60) - timedelta(days=rng.randrange(30, 4 * 365))
    else:
        age = 18 + rng.random() * 27 if rng.random() < 0.75 else 45 + rng.random() * 14.5
        c.birth = ref - timedelta(days=int(age * 365.25))
        if c.birth <= limit:
            c.birth = limit + timedelta(days=rng.randrange(1, 200))
    age = age_on(c.birth, ref)
    c.minor = age < 18
    c.grade = draw_grade(rng)
    if age < 22 and RANK[c.grade] > RANK["caporal"]:
        c.grade = "caporal" if age >= 19 else "sapeur"
    if age < 25 and RANK[c.grade] >= LIEUTENANT:
        c.grade = "sergent"
    if c.minor:
        c.grade = "sapeur"
    c.employment = rng.choices(["employee", "self_employed", "student", "job_seeker", "retired"],
                               [69, 13, 10, 5, 3])[0]
    if age < 20 and c.employment == "retired":
        c.employment = "student"
    # Tenure: mean about 7 years, never before 16.
    tenure = min(rng.expovariate(1 / 7.5), age - 16 + 0.0)
    c.engaged = ref - timedelta(days=int(tenure * 365.25) + rng.randrange(20, 200))
    sixteen = add_years(c.birth, 16)
    if c.engaged < sixteen:
        c.engaged = sixteen + timedelta(days=rng.randrange(0, 60))
        if c.engaged >= ref:
            c.engaged = ref - timedelta(days=30)
    c.bg_type, c.bg_from = "B2", c.engaged - timedelta(days=rng.randrange(7, 85))
    # Medical fitness (arrêté 10 Apr 2025): every 4 years before 45, every 2 years after.
    # The visit is dated so that the arrêté's periodicity (medical_due) also holds over the period.
    years = 4 if age < 45 else 2
    c.med_from = date_medical(c, ref - timedelta(days=rng.randrange(30, years * 365 - 60)), ref, end)
    c.med_until, c.med_fit = min(add_years(c.med_from, years), medical_due(c, c.med_from)), True
    c.quals = []
    fi = c.engaged + timedelta(days=rng.randrange(240, 720))
    c.fi = fi if fi < ref else None
    if c.fi:
        c.quals.append(("FI", "232", c.fi, None))
    c.can_drive = False
    c.lic_cat = None
    c.lic_from = c.lic_until = None
    if age >= 18 and rng.random() < 0.88:
        issued = add_years(c.birth, 18) + timedelta(days=rng.randrange(0, 5 * 365))
        if issued >= ref:
            issued = ref - timedelta(days=90)
        c.lic_cat, c.lic_from = "B", issued
        c.lic_until = add_years(issued, 15)
        if c.lic_until <= end + timedelta(days=30):
            c.lic_from = ref - timedelta(days=rng.randrange(30, 14 * 365))
            c.lic_until = add_years(c.lic_from, 15)
        if c.fi and not c.specialty and rng.random() < 0.5:
            c.can_drive = True
            if rng.random() < 0.6:
                c.lic_cat = "C"
                c.lic_from = ref - timedelta(days=rng.randrange(30, 4 * 365))
                c.lic_until = add_years(c.lic_from, 5)
            got = max(c.fi, c.lic_from) + timedelta(days=rng.randrange(30, 400))
            if got >= ref:
                got = ref - timedelta(days=10)
            c.quals.append(("COD1", "35", got, None))
    c.can_chef = False
    if c.fi and not c.specialty and c.rank >= SERGENT:
        promote_chef(rng, c, ref)
    if c.fi:
        c.quals.append(("FMPA", str(rng.choice([24, 32, 40, 40, 48, 56])),
                        date(ref.year - 1, rng.randrange(9, 13), rng.randrange(1, 28)),
                        date(ref.year, 12, 31)))
    return c


def promote_chef(rng, c, ref):
    if c.rank < SERGENT:
        c.grade = "sergent"
    c.can_chef = True
    got = c.fi + timedelta(days=rng.randrange(365, 5 * 365))
    if got >= ref:
        got = ref - timedelta(days=rng.randrange(15, 200))
    c.quals.append(("CA1E", "70", max(got, c.fi), None))


def make_driver(rng, c, ref, end, heavy):
    """Gives `c` a driving qualification and a valid licence (C when `heavy`)."""
    if not c.can_drive:
        c.can_drive = True
        got = c.fi + timedelta(days=rng.randrange(30, 400))
        if got >= ref:
            got = ref - timedelta(days=10)
        c.quals.append(("COD1", "35", got, None))
    if heavy or c.lic_cat is None:
        c.lic_cat = "C" if heavy else "B"
        c.lic_from = ref - timedelta(days=rng.randrange(30, 4 * 365))
        c.lic_until = add_years(c.lic_from, 5 if heavy else 15)


# ----------------------------------------------------------------------------------------------
# Territory and stations of the département
# ----------------------------------------------------------------------------------------------

class Station:
    __slots__ = ("id", "name", "zone", "insee", "size", "tier", "engines", "members",
                 "fallback", "line", "index")


def build_departement(rng):
    """Four groupements, 240 synthetic communes (codes 36001–36240, names invented), 40 stations:
    3 mixed centres with 2 VSAV + FPT (garde postée), 9 centres with VSAV + FPT, 28 small centres
    with one VSAV (astreinte)."""
    zones = [("gpt-nord", "Groupement Nord"), ("gpt-est", "Groupement Est"),
             ("gpt-sud", "Groupement Sud"), ("gpt-ouest", "Groupement Ouest")]
    names = commune_names(rng, 240)
    communes = []
    for i in range(240):
        zone = zones[i % 4][0]
        pop = int(math.exp(rng.gauss(math.log(420), 0.85)))
        communes.append({"insee": f"36{i + 1:03d}", "name": names[i], "population": max(pop, 40),
                         "zone": zone})
    # The prefecture and the sub-prefectures.
    communes[0]["population"], communes[1]["population"] = 43079, 11012
    communes[2]["population"], communes[3]["population"] = 9102, 6734
    stations = []
    by_zone = {z: sorted([c for c in communes if c["zone"] == z], key=lambda c: -c["population"])
               for z, _ in zones}
    tiers = {"gpt-nord": ["large", "medium", "medium"] + ["small"] * 7,
             "gpt-est": ["large", "medium", "medium"] + ["small"] * 7,
             "gpt-sud": ["large", "medium", "medium"] + ["small"] * 7,
             "gpt-ouest": ["medium"] * 3 + ["small"] * 7}
    for z, _ in zones:
        for k, tier in enumerate(tiers[z]):
            com = by_zone[z][k]
            s = Station()
            s.zone, s.insee, s.tier = z, com["insee"], tier
            s.name = "CIS " + com["name"]
            s.id = "cis-" + slug(com["name"])
            s.engines = {"large": ["VSAV", "VSAV", "FPT"], "medium": ["VSAV", "FPT"],
                         "small": ["VSAV"]}[tier]
            s.size = {"large": rng.randrange(100, 116), "medium": rng.randrange(42, 56),
                      "small": rng.randrange(22, 31)}[tier]
            s.members = []
            stations.append(s)
    for i, s in enumerate(stations):
        s.index = i
        same = [t for t in stations if t.zone == s.zone and t is not s]
        bigger = [t for t in same if t.tier != "small"] or same
        s.fallback = bigger[(i * 7) % len(bigger)].id
    return zones, communes, stations


def slug(name):
    out = []
    for ch in name.lower():
        ch = {"é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a", "â": "a", "î": "i", "ï": "i",
              "ô": "o", "û": "u", "ù": "u", "ç": "c"}.get(ch, ch)
        out.append(ch if ch.isalnum() else "-")
    s = "".join(out)
    while "--" in s:
        s = s.replace("--", "-")
    return s.strip("-")


def crew_positions(station, slot, rng):
    """(position, engine, required) for one slot: each VSAV = chef d'agrès + conducteur +
    équipier; each FPT in degraded mode = chef + conducteur + 2 équipiers; sometimes a spare."""
    out = []
    for engine in station.engines:
        if engine == "VSAV":
            out += [("chef_agres", "VSAV", True), ("conducteur", "VSAV", True),
                    ("equipier", "VSAV", True)]
        else:
            out += [("chef_agres", "FPT", True), ("conducteur", "FPT", True),
                    ("equipier", "FPT", True), ("equipier", "FPT", True)]
    spare = 0.15 if slot.weekday_daytime else 0.35
    if rng.random() < spare:
        out.append(("equipier", "VSAV", False))
    return out


def slot_kind(station, slot):
    if station.tier == "large":
        return "garde"
    if station.tier == "medium" and slot.weekday_daytime:
        return "garde"
    return "astreinte"


class Roster:
    """Assignments as tuples (contributor, station, slot, position, engine, kind), with per-person
    slot lists for the limits."""

    def __init__(self):
        self.rows = []
        self.taken = {}

    def can_take(self, c, slot, slots, end_date_of):
        t = self.taken.get(c.id, ())
        if slot.index in t or (slot.index - 1) in t or (slot.index + 1) in t:
            return False  # overlap, or no 11 h rest (adjacent 12 h slots)
        lo, hi = slot.index - 13, slot.index + 13
        near = [i for i in t if lo <= i <= hi]
        if near:
            # Every 14-slot window holding this slot stays within 48 real hours.
            for first in range(max(lo, 0), slot.index + 1):
                last = first + 13
                total = slot.hours + sum(slots[i].hours for i in near if first <= i <= last)
                if total > 48:
                    return False
        last_day = end_date_of(slot)
        if c.med_until is not None and c.med_until < last_day:
            return False
        if c.med_from is not None and c.med_from > slot.day:
            return False
        age_limit = 70 if c.specialty in ("sssm_medecin", "sssm_pharmacien") else (
            68 if c.specialty in ("sssm_infirmier", "sssm_veterinaire") else (
                65 if c.extension else 60))
        if age_on(c.birth, slot.day) >= age_limit:
            return False
        return True

    def add(self, c, station, slot, position, engine, kind):
        self.rows.append([c, station, slot, position, engine, kind])
        self.taken.setdefault(c.id, set()).add(slot.index)


def last_day(slot):
    return (slot.end - timedelta(seconds=1)).date()


def schedule_departement(rng, stations, slots):
    roster = Roster()
    for st in stations:
        for attempt in range(30):
            trial = Roster()
            trial.taken = {k: set(v) for k, v in roster.taken.items()}
            if schedule_station(rng, st, slots, trial):
                roster.rows += trial.rows
                roster.taken = trial.taken
                break
        else:
            raise RuntimeError(f"cannot staff {st.id} after 30 attempts")
    return roster


def schedule_station(rng, st, slots, roster):
    """Greedy, least-loaded first; False when a required seat cannot be filled."""
    load = {}
    if True:
        crew = [c for c in st.members if c.fi and not c.specialty]
        sssm = [c for c in st.members if c.fi and c.specialty]
        for slot in slots:
            kind = slot_kind(st, slot)
            used = set()
            for position, engine, required in crew_positions(st, slot, rng):
                best, best_cost = None, None
                for c in crew:
                    if c.id in used or not eligible(c, position, engine, kind, st):
                        continue
                    if not roster.can_take(c, slot, slots, last_day):
                        continue
                    cost = load.get(c.id, 0) + rng.random() * 0.9
                    if slot.weekday_daytime and c.employment == "employee":
                        cost += 1.5
                    if position != "chef_agres" and c.can_chef:
                        cost += 10  # keep the chefs for the chef's seat
                    if position == "equipier" and c.can_drive:
                        cost += 4
                    if best_cost is None or cost < best_cost:
                        best, best_cost = c, cost
                if best is None:
                    if required:
                        return False
                    continue
                used.add(best.id)
                load[best.id] = load.get(best.id, 0) + 1
                roster.add(best, st, slot, position, engine, kind)
        # SSSM nurses and physicians: a few on-call slots on the VLI of the larger centres.
        if st.tier != "small":
            for c in sssm:
                want = rng.randrange(2, 6)
                order = list(slots)
                rng.shuffle(order)
                for slot in order:
                    if want == 0:
                        break
                    if roster.can_take(c, slot, slots, last_day):
                        roster.add(c, st, slot, "isp", "VLI", "astreinte")
                        want -= 1
    return True


def eligible(c, position, engine, kind, st):
    if kind == "astreinte" and c.home > 8:
        return False
    if c.minor and position != "equipier":
        return False
    if position == "chef_agres":  # an FPT has two teams: its chef d'agrès is adjudant or above
        return c.can_chef and (engine == "VSAV" or c.rank >= ADJUDANT)
    if position == "conducteur":
        return c.can_drive and (engine == "VSAV" or c.lic_cat == "C")
    return True


def populate(rng, stations, communes, ref, end, prefix="spv"):
    by_zone = {}
    for com in communes:
        by_zone.setdefault(com["zone"], []).append(com["insee"])
    n = 0
    for st in stations:
        for _ in range(st.size):
            n += 1
            home_insee = st.insee if rng.random() < 0.6 else rng.choice(by_zone[st.zone])
            if st.tier == "large":
                home = rng.randrange(2, 22)
            else:
                home = rng.randrange(1, 9)
            st.members.append(make_spv(rng, f"{prefix}-{n:05d}", st.id, home_insee, home, ref, end))
        crew = [c for c in st.members if c.fi and not c.specialty and not c.minor]
        # Enough chefs d'agrès (≥ sergent) and drivers for every slot at ≤ 2.5 slots a week each.
        chef_seats = len(st.engines) * 56
        need_chefs = math.ceil(chef_seats / 9)
        need_drivers = math.ceil(chef_seats / 9)
        need_heavy = math.ceil(56 / 8) if "FPT" in st.engines else 0
        pool = [c for c in crew if not c.can_chef and age_on(c.birth, ref) >= 22]
        pool.sort(key=lambda c: (-c.rank, c.id))
        while sum(c.can_chef for c in crew) < need_chefs and pool:
            promote_chef(rng, pool.pop(0), ref)
        if "FPT" in st.engines:  # FPT chefs d'agrès: adjudant or above, ≤ 2 FPT slots a week each
            sergeants = sorted((c for c in crew if c.can_chef and c.rank < ADJUDANT),
                               key=lambda c: (-c.rank, c.birth, c.id))
            while sum(c.can_chef and c.rank >= ADJUDANT for c in crew) < math.ceil(56 / 6) and sergeants:
                sergeants.pop(0).grade = "adjudant"
        heavy = [c for c in crew if c.can_drive and c.lic_cat == "C" and not c.can_chef]
        others = [c for c in crew if not c.can_chef and not (c.can_drive and c.lic_cat == "C")]
        rng.shuffle(others)
        while len(heavy) < need_heavy and others:
            c = others.pop()
            make_driver(rng, c, ref, end, True)
            heavy.append(c)
        drivers = [c for c in crew if c.can_drive and not c.can_chef]
        others = [c for c in crew if not c.can_drive and not c.can_chef]
        rng.shuffle(others)
        while len(drivers) < need_drivers and others:
            c = others.pop()
            make_driver(rng, c, ref, end, False)
            drivers.append(c)
        for c in st.members:
            if c.specialty and st.tier != "small":
                c.home = min(c.home, 8)


# ----------------------------------------------------------------------------------------------
# Checking the compliant roster (the generator's self-check; mirrors the catalogue's error rules)
# ----------------------------------------------------------------------------------------------

def self_check(stations, slots, rows, policy_until):
    problems = []
    by_station_slot = {}
    per_person = {}
    for c, st, slot, position, engine, kind in rows:
        by_station_slot.setdefault((st.id, slot.index), []).append((c, position, engine))
        per_person.setdefault(c.id, []).append((slot.t0, slot.t1, slot, c))
        ld = last_day(slot)
        if c.med_until is None or c.med_until < ld or not c.med_fit or c.med_from > slot.day \
                or medical_due(c, c.med_from) < ld:
            problems.append(f"medical {c.id} {slot.s}")
        if c.fi is None or c.fi > slot.day:
            problems.append(f"initial training {c.id} {slot.s}")
        age = age_on(c.birth, slot.day)
        lim = 70 if c.specialty in ("sssm_medecin", "sssm_pharmacien") else (
            68 if c.specialty in ("sssm_infirmier", "sssm_veterinaire") else (
                65 if c.extension else 60))
        low = 21 if c.rank >= LIEUTENANT else 16
        if not (low <= age < lim):
            problems.append(f"age {c.id} {age} {slot.s}")
        if kind == "astreinte" and c.home > 8:
            problems.append(f"reach {c.id}")
        if position == "conducteur":
            ok = c.lic_until is not None and c.lic_from <= slot.day and ld <= c.lic_until
            ok = ok and (c.lic_cat in ("C",) if engine == "FPT" else c.lic_cat in ("B", "C"))
            if not ok:
                problems.append(f"licence {c.id} {slot.s}")
        if ld > policy_until:
            problems.append(f"policy {slot.s}")
        if not (c.bg_type == "B2" and c.bg_from <= c.engaged and (c.engaged - c.bg_from).days <= 92):
            problems.append(f"b2 {c.id}")
    for st in stations:
        for slot in slots:
            crew = by_station_slot.get((st.id, slot.index), [])
            vsav = [x for x in crew if x[2] == "VSAV"]
            if len(vsav) < 3 * st.engines.count("VSAV"):
                problems.append(f"vsav crew {st.id} {slot.s}")
            if not any(p == "chef_agres" and c.rank >= SERGENT for c, p, e in vsav):
                problems.append(f"chef {st.id} {slot.s}")
            if not any(p == "conducteur" for c, p, e in vsav):
                problems.append(f"driver {st.id} {slot.s}")
            if "FPT" in st.engines and sum(1 for x in crew if x[2] == "FPT") < 4:
                problems.append(f"fpt {st.id} {slot.s}")
            if "FPT" in st.engines and not any(p == "chef_agres" and e == "FPT" and c.rank >= ADJUDANT
                                               for c, p, e in crew):
                problems.append(f"fpt chef {st.id} {slot.s}")
            need = plan_staffing(st)
            if len(crew) < need[0] or sum(p == "chef_agres" for c, p, e in crew) < need[1] or \
                    sum(p == "conducteur" for c, p, e in crew) < need[2]:
                problems.append(f"plan staffing {st.id} {slot.s}")
    for pid, items in per_person.items():
        items.sort(key=lambda x: x[0])
        for a, b in zip(items, items[1:]):
            if b[0] - a[1] < 11 * 3600:
                problems.append(f"rest {pid} {a[2].s}")
        for i, (t0, t1, _, _) in enumerate(items):
            for w0, w1 in ((t0, t0 + 168 * 3600), (t1 - 168 * 3600, t1)):
                total = sum(max(0, min(w1, b1) - max(w0, b0)) for b0, b1, _, _ in items)
                if total > 48 * 3600:
                    problems.append(f"48h {pid}")
    return problems


def plan_staffing(st):
    """(min total, min chefs, min drivers) the plan promises for the station."""
    n_vsav, fpt = st.engines.count("VSAV"), "FPT" in st.engines
    return (3 * n_vsav + (4 if fpt else 0), n_vsav + fpt, n_vsav + fpt)


# ----------------------------------------------------------------------------------------------
# Writing a département
# ----------------------------------------------------------------------------------------------

def write_plan(path, header, stations, zones, communes, period, policy_until, extra_params="",
               regimes="spv_loi_91_1389"):
    lines = [f"# {header}",
             "id: sdis-36-synthetique",
             "name: \"SDIS de l'Indre (synthétique) — gardes et astreintes des CIS\"",
             "kind: fire_rescue",
             "operator: {name: \"SDIS 36 (synthétique)\", legal_form: sdis}",
             "version: 4",
             "effective_from: 2026-01-01",
             "effective_until: 2026-12-31",
             f"period: {{start: {period[0].isoformat()}, end: {period[1].isoformat()}}}",
             "time_zone: Europe/Paris",
             "public_holidays: france",
             "opening_hours: 24/7",
             "territory:",
             "  cog_vintage: 2024",
             "  zones:"]
    for zid, zname in zones:
        lines += [f"    - id: {zid}", f"      name: {q(zname)}", "      communes:"]
        for com in communes:
            if com["zone"] == zid:
                com["line"] = len(lines) + 1
                lines.append(f"        - {{insee: {q(com['insee'])}, name: {q(com['name'])}, "
                             f"population: {com['population']}, risk: {travel.risk_of(com['population'])}}}")
    lines += travel.plan_lines()
    lines.append("units:")
    for st in stations:
        total, chefs, drivers = plan_staffing(st)
        st.line = len(lines) + 1
        lines += [f"  - id: {st.id}",
                  "    kind: station",
                  f"    name: {q(st.name)}",
                  f"    zone: {st.zone}",
                  f"    commune: {q(st.insee)}",
                  f"    capacity: {len(st.engines)}",
                  "    opening_hours: 24/7",
                  f"    extra: {{engines: [{', '.join(st.engines)}]}}",
                  "    staffing:",
                  f"      - {{min: {total}}}",
                  f"      - {{position: chef_agres, min: {chefs}}}",
                  f"      - {{position: conducteur, min: {drivers}}}",
                  f"    fallback: {{mode: neighbour_unit, unit: {st.fallback}, max_delay_minutes: 20}}"]
    lines += ["tariffs:",
              "  - {category: everyone, amount_eur: 0, per: intervention, income_based: false}",
              "access_channels:",
              "  - {kind: phone, description: \"18 / 112\", hours: 24/7, cost_eur: 0}",
              "  - {kind: sms, description: \"114 (personnes sourdes ou malentendantes)\", hours: 24/7, cost_eur: 0}",
              "eligibility:",
              "  - {id: everyone, description: \"toute personne présente sur le territoire\"}",
              "risk_cover:",
              f"  regimes: [{regimes}]",
              "  policies:",
              f"    - {{id: SMACL-SDIS36-2026, insurer: SMACL Assurances, type: accident, covered_roles: [spv, spp_spv_double], valid_from: 2026-01-01, valid_until: {policy_until.isoformat()}}}",
              "params:",
              "  spv.on-call-reach: {max_reach_minutes: 8}",
              "  # The SDIS averages guard hours over 4 weeks, within the 4 months of directive 2003/88 art. 16(b).",
              "  risk.weekly-hours: {reference_weeks: 4}"]
    if extra_params:
        lines.append(extra_params)
    lines += ["rosters:",
              "  - {path: contributors.csv, extra_columns: [specialty, age_limit_extension]}",
              "  - assignments.csv",
              "  - {path: qualifications.csv, kind: qualifications}",
              ""]
    write_text(path, "\n".join(lines) + PLAN_SCHEMA_LINE)
    return lines


def write_roster(out, people, rows):
    """Writes the three CSV files; returns {contributor id: line} and {row index: line}."""
    people = sorted(people, key=lambda c: c.id)
    c_line = {}
    for i, c in enumerate(people):
        c_line[c.id] = i + 2
    write_csv(f"{out}/contributors.csv", CONTRIBUTOR_HEADER, (c.row() for c in people))
    order = sorted(range(len(rows)), key=lambda i: (rows[i][2].t0, rows[i][1].index,
                                                      ENGINE_ORDER[rows[i][4]],
                                                      POSITION_ORDER[rows[i][3]], rows[i][0].id))
    a_line = {}
    out_rows = []
    for n, i in enumerate(order):
        c, st, slot, position, engine, kind = rows[i]
        a_line[i] = n + 2
        out_rows.append([f"a-{n + 1:06d}", c.id, st.id, position, slot.s, slot.e, kind, engine,
                         "plan", "on_call" if kind == "astreinte" else "duty",
                         "8" if kind == "astreinte" else ""])
    write_csv(f"{out}/assignments.csv", ASSIGNMENT_HEADER, out_rows)
    qrows = []
    q_line = {}
    for c in people:
        for code, hours, got, until in c.quals:
            q_line[(c.id, code)] = len(qrows) + 2
            qrows.append([c.id, code, hours, iso(got), iso(until)])
    write_csv(f"{out}/qualifications.csv", QUALIFICATION_HEADER, qrows)
    return c_line, a_line, q_line, out_rows


def generate_departement(out, seed, variant, rng_factory):
    rng = rng_factory(seed)
    ref, end = date(2026, 10, 5), date(2026, 11, 2)
    zones, communes, stations = build_departement(rng)
    populate(rng, stations, communes, ref, end)
    add_compliant_edge_cases(rng, stations, ref)
    slots = twelve_hour_slots(ref, end)
    roster = schedule_departement(rng, stations, slots)
    people = [c for st in stations for c in st.members]
    policy_until = date(2026, 12, 31)
    problems = self_check(stations, slots, roster.rows, policy_until)
    if problems:
        raise RuntimeError("compliant roster fails its self-check: " + "; ".join(problems[:10]))
    seeds = []
    if variant == "violations":
        policy_until = date(2026, 10, 31)
        seeds = seed_departement(rng_factory(seed + 1), stations, slots, roster, people, ref)
    cmd = f"python3 Benchmarks/generate/generate.py --preset departement --seed {seed} --{variant} --out {out}"
    regimes = "spv_loi_91_1389"
    if variant == "violations":
        # A plan copied from a partner association's template: the statutory regime is missing.
        regimes = "association_rc"
        seeds.append({"rule": "spv.statutory-cover",
                      "what": "the plan declares only `association_rc`, not the statutory regime `spv_loi_91_1389` of the volunteers",
                      "where": [("regimes", None)]})
    plan_lines = write_plan(f"{out}/plan.yaml", "Generated by: " + cmd, stations, zones, communes,
                            (ref, end), policy_until, regimes=regimes)
    # The SDACR's travel-time table: each commune's home station within target, two beyond.
    travel_rows, home_of = travel.table(seed, [(c["insee"], c["population"], c["zone"]) for c in communes],
                                        [(st.id, st.insee, st.zone) for st in stations])
    travel.write_table(f"{out}/travel_times.csv", travel_rows)
    c_line, a_line, q_line, out_rows = write_roster(out, people, roster.rows)
    st_line = {st.id: st.line for st in stations}
    policy_line = next(i + 1 for i, l in enumerate(plan_lines) if "SMACL-SDIS36-2026" in l)
    regimes_line = next(i + 1 for i, l in enumerate(plan_lines) if l.startswith("  regimes:"))
    table = []
    for s in seeds:
        where = []
        for kind, key in s["where"]:
            if kind == "contributor":
                where.append(f"contributors.csv:{c_line[key]}")
            elif kind == "assignment":
                where.append(f"assignments.csv:{a_line[key]} ({out_rows[a_line[key] - 2][0]})")
            elif kind == "station":
                where.append(f"plan.yaml:{st_line[key]} ({key})")
            elif kind == "qualification":
                where.append(f"qualifications.csv:{q_line[key]}")
            elif kind == "policy":
                where.append(f"plan.yaml:{policy_line}")
            elif kind == "regimes":
                where.append(f"plan.yaml:{regimes_line}, 2")
            elif kind == "first-of":
                line = min(a_line[i] for i in key)
                where.append(f"assignments.csv:{line} (first uncovered, {out_rows[line - 2][0]})")
        table.append((s["rule"], s["what"], "; ".join(where)))
    stats = {"contributors": len(people), "assignments": len(roster.rows), "stations": len(stations),
             "communes": len(communes), "qualifications": sum(len(c.quals) for c in people)}
    also = []
    gaps = {}
    if variant == "violations":
        # What the seeds cause besides their own finding, computed from the written roster:
        # a crew seed that leaves the plan's own staffing short (cont.plan-staffing, at the
        # requirement it breaks); the on-call seed's other on-call assignments (one finding each);
        # a lapsed medical document, which spv.medical-periodicity (a validity rule over the same
        # document) also finds.
        for s, (rule, what, _) in zip(seeds, table):
            if "slot" in s:
                st, slot = s["slot"]
                live = [r for r in out_rows if r[2] == st.id and r[4] == slot.s]
                people_of = lambda pos: {r[1] for r in live if pos is None or r[3] == pos}  # noqa: E731
                total, chefs, drivers = plan_staffing(st)
                for offset, pos, need, label in ((9, None, total, "total"), (10, "chef_agres", chefs, "chef_agres"),
                                                 (11, "conducteur", drivers, "conducteur")):
                    if len(people_of(pos)) < need:
                        also.append({"rule": "cont.plan-staffing", "severity": "error",
                                     "what": f"the plan's staffing minimum ({label}) of {st.id} on {slot.s}",
                                     "because": what,
                                     "where": [{"file": "plan.yaml", "line": st_line[st.id] + offset}]})
                if any(len(people_of(pos)) < need for pos, need in ((None, total), ("chef_agres", chefs), ("conducteur", drivers))):
                    gaps.setdefault(st.id, []).append((slot, what))
            if "person" in s:
                lines = [n + 2 for n, r in enumerate(out_rows) if r[1] == s["person"] and r[6] == "astreinte"]
                for line in lines[1:]:
                    also.append({"rule": "spv.on-call-reach", "severity": "error",
                                 "what": f"{s['person']}'s on-call assignment {out_rows[line - 2][0]} (one finding per assignment)",
                                 "because": what, "where": [{"file": "assignments.csv", "line": line}]})
            if rule == "spv.medical-fitness" and "ends" in what:
                line = next(a_line[k] for kind, k in s["where"] if kind == "assignment")
                also.append({"rule": "spv.medical-periodicity", "severity": "error",
                             "what": "the same lapsed medical document, read by the periodicity rule",
                             "because": what, "where": [{"file": "assignments.csv", "line": line}]})
        # spv.response-time: the communes whose home station is below its staffing minimum wait
        # for a station beyond their SDACR target for the time of the gap. Each such commune is a
        # seed (its first gap); its other gaps are listed under `also`.
        for sid in sorted(gaps):
            for com in communes:
                if home_of[com["insee"]] != sid:
                    continue
                risk = travel.risk_of(com["population"])
                first, *rest = gaps[sid]
                table.append(("spv.response-time",
                              f"commune {com['insee']} ({com['population']} inhabitants, {risk}) beyond the {travel.TARGET[risk]} min target on {first[0].s}: its home station {sid} is below its staffing minimum",
                              f"plan.yaml:{com['line']}"))
                for slot, why in rest:
                    also.append({"rule": "spv.response-time", "severity": "error",
                                 "what": f"commune {com['insee']} beyond target on {slot.s} (another gap of {sid})",
                                 "because": why, "where": [{"file": "plan.yaml", "line": com["line"]}]})
        write_expected(out, table, also)
    write_readme_departement(out, cmd, variant, stats, table, stations, also)
    return stats


def add_compliant_edge_cases(rng, stations, ref):
    """People at the edge of a rule but inside it, so that a rule off by one shows up as a
    finding on the compliant variant."""
    large = [s for s in stations if s.tier == "large"]
    # An SSSM nurse of 66 (limit 68) and an SSSM physician of 69 (limit 70), on the VLI.
    nurse = next(c for c in large[0].members if c.specialty == "sssm_infirmier" and c.fi)
    nurse.birth = date(1960, 3, 14)
    doc = next(c for s in large for c in s.members if c.specialty == "sssm_medecin" and c.fi)
    doc.birth = date(1957, 6, 2)
    for c in (nurse, doc):
        c.med_from = ref - timedelta(days=200)
        c.med_until = add_years(c.med_from, 2)
    # A volunteer whose 60th birthday is the day after the period (2026-11-02): 59 on every
    # assignment start date.
    small = [s for s in stations if s.tier == "small"]
    c = next(c for c in small[0].members if c.fi and not c.specialty and not c.can_chef
             and not c.extension)
    c.birth = date(1966, 11, 2)
    c.med_from = ref - timedelta(days=300)
    c.med_until = add_years(c.med_from, 2)
    # A medical fitness that ends on 2026-10-20: the scheduler must stop at the 07:00–19:00 slot
    # of that day (the night after would need 2026-10-21).
    # The visit of 2022-10-20 is a maintenance visit (after engagement) at under 45, and the holder
    # is under 46 on 2026-10-20: the arrêté's periodicity also runs to that day.
    c2 = next(c for c in small[1].members if c.fi and not c.specialty and not c.can_chef
              and not c.can_drive and c.engaged < date(2022, 10, 20)
              and age_on(c.birth, date(2022, 10, 20)) < 45 and add_years(c.birth, 46) > date(2026, 10, 20))
    c2.med_from = date(2022, 10, 20)
    c2.med_until = date(2026, 10, 20)


def seed_departement(rng, stations, slots, roster, people, ref):
    """Seeds one or a few cases per rule; returns the README rows (resolved to lines later)."""
    seeds = []
    rows = roster.rows
    index_of = {}
    for i, r in enumerate(rows):
        index_of.setdefault(r[0].id, []).append(i)
    by_slot = {}
    for i, r in enumerate(rows):
        by_slot.setdefault((r[1].id, r[2].index), []).append(i)
    used_people = set()

    def person(pred):
        cands = [c for c in people if c.id in index_of and c.id not in used_people and pred(c)]
        cands.sort(key=lambda c: c.id)
        c = rng.choice(cands)
        used_people.add(c.id)
        return c

    def first_of(c):
        return min(index_of[c.id], key=lambda i: rows[i][2].t0)

    def rows_of(c, after=None):
        return [i for i in index_of[c.id] if after is None or rows[i][2].day >= after]

    # spv.medical-fitness: a visit that expires mid-period; an unfit verdict.
    for until in (date(2026, 10, 14), date(2026, 10, 22)):
        c = person(lambda c: not c.specialty and any(last_day(rows[i][2]) > until for i in index_of[c.id]))
        c.med_until = until
        late = sorted((i for i in rows_of(c) if last_day(rows[i][2]) > until), key=lambda i: rows[i][2].t0)
        seeds.append({"rule": "spv.medical-fitness",
                      "what": f"medical fitness of {c.id} ends {until} but {len(late)} assignment(s) follow",
                      "where": [("contributor", c.id), ("assignment", late[0])]})
    c = person(lambda c: not c.specialty)
    c.med_fit = False
    seeds.append({"rule": "spv.medical-fitness",
                  "what": f"{c.id} was found unfit (medical_fit false) yet is on the roster",
                  "where": [("contributor", c.id), ("assignment", first_of(c))]})
    # spv.age-limit: 61 without extension; an SSSM nurse of 68; 65 with the extension.
    def recent_visit(c):  # a visit dated for the new age: only the age rule fires
        c.med_from = ref - timedelta(days=100)
        c.med_until = add_years(c.med_from, 2)

    c = person(lambda c: not c.specialty and not c.extension and c.rank < LIEUTENANT)
    c.birth = date(1965, 2, 11)
    recent_visit(c)
    seeds.append({"rule": "spv.age-limit", "what": f"{c.id} is 61 (limit 60, no extension)",
                  "where": [("contributor", c.id), ("assignment", first_of(c))]})
    c = person(lambda c: c.specialty == "sssm_infirmier")
    c.birth = date(1958, 1, 20)
    recent_visit(c)
    seeds.append({"rule": "spv.age-limit", "what": f"SSSM nurse {c.id} is 68 (limit 68)",
                  "where": [("contributor", c.id), ("assignment", first_of(c))]})
    c = person(lambda c: c.extension)
    c.birth = date(1961, 8, 30)
    recent_visit(c)
    seeds.append({"rule": "spv.age-limit", "what": f"{c.id} is 65 (limit 65 with extension)",
                  "where": [("contributor", c.id), ("assignment", first_of(c))]})
    # spv.vsav-crew: weekday-daytime slots at two small centres with 2 of 3 on the VSAV.
    small = [s for s in stations if s.tier == "small"]
    to_drop = []
    for st in (small[3], small[11]):
        picked = [s for s in slots if s.weekday_daytime][2:20:4]
        for slot in picked:
            crew = by_slot[(st.id, slot.index)]
            eq = [i for i in crew if rows[i][3] == "equipier"]
            to_drop += eq
            seeds.append({"rule": "spv.vsav-crew",
                          "what": f"{st.id} {slot.s}–{slot.e[11:]}: 2 of 3 on the VSAV (équipier missing; also cont.plan-staffing)",
                          "where": [("station", st.id)], "slot": (st, slot)})
    # spv.vsav-chef-agres: a caporal in the chef d'agrès seat, the sergent as équipier.
    st = small[5]
    slot = slots[30]
    crew = by_slot[(st.id, slot.index)]
    chef = next(i for i in crew if rows[i][3] == "chef_agres")
    eq = next(i for i in crew if rows[i][3] == "equipier" and rows[i][0].rank < SERGENT)
    rows[chef][3], rows[eq][3] = "equipier", "chef_agres"
    seeds.append({"rule": "spv.vsav-chef-agres",
                  "what": f"{st.id} {slot.s}: chef d'agrès {rows[eq][0].id} is {rows[eq][0].grade} (< sergent)",
                  "where": [("assignment", eq), ("station", st.id)]})
    # spv.vsav-driver: no conducteur on one night.
    st = small[7]
    slot = slots[41]
    crew = by_slot[(st.id, slot.index)]
    drv = next(i for i in crew if rows[i][3] == "conducteur")
    rows[drv][3] = "equipier"
    seeds.append({"rule": "spv.vsav-driver",
                  "what": f"{st.id} {slot.s}: no conducteur on the VSAV (also cont.plan-staffing)",
                  "where": [("assignment", drv), ("station", st.id)], "slot": (st, slot)})
    # spv.fpt-crew (warning): one FPT crew of 3.
    medium = [s for s in stations if s.tier == "medium"]
    st = medium[2]
    slot = slots[17]
    crew = by_slot[(st.id, slot.index)]
    fpt_eq = next(i for i in crew if rows[i][4] == "FPT" and rows[i][3] == "equipier")
    to_drop.append(fpt_eq)
    seeds.append({"rule": "spv.fpt-crew",
                  "what": f"{st.id} {slot.s}: FPT crew of 3 (degraded minimum 4)",
                  "where": [("station", st.id)], "slot": (st, slot)})
    # spv.on-call-reach: lives 15 minutes from the centre.
    c = person(lambda c: any(rows[i][5] == "astreinte" for i in index_of[c.id]))
    c.home = 15
    first = next(i for i in index_of[c.id] if rows[i][5] == "astreinte")
    seeds.append({"rule": "spv.on-call-reach",
                  "what": f"{c.id} lives 15 min from the centre and is on call (max 8)",
                  "where": [("contributor", c.id), ("assignment", first)], "person": c.id})
    # spv.b2-at-engagement: B2 extract 8 months before engagement; no B2 at all.
    c = person(lambda c: True)
    c.bg_from = c.engaged - timedelta(days=240)
    seeds.append({"rule": "spv.b2-freshness",
                  "what": f"{c.id}: B2 extract issued 240 days before engagement (the SDIS practice is 3 months; the CSI R723-6 3° condition itself, a B2 extract before engagement, holds, so spv.b2-at-engagement passes)",
                  "where": [("contributor", c.id)]})
    c = person(lambda c: True)
    c.bg_type, c.bg_from = None, None
    seeds.append({"rule": "spv.b2-at-engagement",
                  "what": f"{c.id}: no background check recorded",
                  "where": [("contributor", c.id)]})
    # spv.initial-training: formation initiale obtained after the first guard.
    c = person(lambda c: not c.can_chef and not c.can_drive and not c.specialty)
    first_day = min(rows[i][2].day for i in index_of[c.id])
    got = first_day + timedelta(days=5)
    c.fi = got
    c.quals = [(code, h, (got if code == "FI" else o), u) for code, h, o, u in c.quals]
    seeds.append({"rule": "spv.initial-training",
                  "what": f"{c.id}: FI obtained {got}, after the guard of {first_day}",
                  "where": [("qualification", (c.id, "FI")), ("assignment", min(index_of[c.id], key=lambda i: rows[i][2].t0))]})
    # spv.driver-licence: a licence that lapses mid-period; a B licence on the FPT.
    c = person(lambda c: any(rows[i][3] == "conducteur" and last_day(rows[i][2]) > date(2026, 10, 12)
                             for i in index_of[c.id]))
    c.lic_until = date(2026, 10, 12)
    late = next(i for i in sorted(index_of[c.id], key=lambda i: rows[i][2].t0)
                if rows[i][3] == "conducteur" and last_day(rows[i][2]) > date(2026, 10, 12))
    seeds.append({"rule": "spv.driver-licence",
                  "what": f"{c.id} drives after the licence expired on 2026-10-12",
                  "where": [("contributor", c.id), ("assignment", late)]})
    c = person(lambda c: any(rows[i][3] == "conducteur" and rows[i][4] == "FPT" for i in index_of[c.id]))
    c.lic_cat = "B"
    fpt = next(i for i in sorted(index_of[c.id], key=lambda i: rows[i][2].t0)
               if rows[i][3] == "conducteur" and rows[i][4] == "FPT")
    seeds.append({"rule": "spv.driver-licence",
                  "what": f"{c.id} drives the FPT with a B licence (C needed)",
                  "where": [("contributor", c.id), ("assignment", fpt)]})
    # Working time counts duty (garde), not on-call time (the engine's default): both seeds are
    # guards at a mixed centre, where every slot is garde postée.
    large = [s for s in stations if s.tier == "large"]

    def spare(st):
        return next(c for c in st.members if c.fi and not c.specialty and c.id not in used_people
                    and c.id in index_of and not c.minor)

    # risk.weekly-hours (warning): about 60 h of guard a week for four weeks, against an average of
    # 48 h (every slot a spare équipier, never two adjacent slots: the rest between stays 12 h).
    st = large[1]
    c = spare(st)
    used_people.add(c.id)
    mine = set(roster.taken[c.id])
    added = []
    for k in range(len(slots)):
        if len(mine) >= 20:
            break
        if k in mine or k - 1 in mine or k + 1 in mine:
            continue
        mine.add(k)
        rows.append([c, st, slots[k], "equipier", "VSAV", "garde"])
        added.append(len(rows) - 1)
    total = sum(slots[k].hours for k in mine)
    weeks = ((slots[-1].day - slots[1].day).days + 1) / 7  # the checking period
    seeds.append({"rule": "risk.weekly-hours",
                  "what": f"{c.id}: {total:.0f} h of guard (garde) in the {weeks:.0f} weeks of the period, {total / weeks:.0f} h a week on average (max 48 on average over the plan's 4-week reference period; {len(added)} extra guards)",
                  "where": [("contributor", c.id), ("assignment", added[0])]})
    # risk.daily-rest (warning): a guard followed by the next slot's guard (a 24 h block) and
    # another guard 12 h later: the art. 17 derogation needs compensatory rest at least as long
    # as the 24 h guard.
    st = large[2]
    pick = None
    for c in sorted((c for c in st.members if c.fi and not c.specialty and c.id not in used_people
                     and c.id in index_of and not c.minor), key=lambda c: c.id):
        mine = roster.taken[c.id]
        for k in sorted(mine):
            if k + 3 in mine and k + 1 not in mine and k + 2 not in mine and \
                    sum(slots[i].hours for i in mine if k - 10 <= i <= k + 13) + slots[k + 1].hours <= 48:
                pick = (c, k)
                break
        if pick:
            break
    c, k = pick
    used_people.add(c.id)
    rows.append([c, st, slots[k + 1], "equipier", "VSAV", "garde"])
    seeds.append({"rule": "risk.daily-rest",
                  "what": f"{c.id}: guard {slots[k].s}→{slots[k + 1].e} (24 h) and again at {slots[k + 3].s}, after 12 h of rest (compensatory rest must last 24 h)",
                  "where": [("assignment", len(rows) - 1), ("contributor", c.id)]})
    # risk.cover-every-hour: the accident policy lapses on 2026-10-31, the period ends 11-02.
    uncovered = [i for i in range(len(rows)) if last_day(rows[i][2]) > date(2026, 10, 31)]
    seeds.append({"rule": "risk.cover-every-hour",
                  "what": "accident policy valid_until 2026-10-31: assignments that reach 1 November (Toussaint) and the night to 2 November are uncovered",
                  "where": [("policy", None), ("first-of", uncovered)]})
    # Drop the removed rows last (indices above stay valid until now).
    keep = [r for i, r in enumerate(rows) if i not in set(to_drop)]
    # Re-map seed row indices after the drop.
    shift = {}
    j = 0
    dropped = set(to_drop)
    for i in range(len(rows)):
        if i in dropped:
            continue
        shift[i] = j
        j += 1
    for s in seeds:
        s["where"] = [(k, shift[v]) if k == "assignment" else
                      ("first-of", [shift[i] for i in v if i in shift]) if k == "first-of" else (k, v)
                      for k, v in s["where"]]
    rows[:] = keep
    return seeds


def write_readme_departement(out, cmd, variant, stats, table, stations, also=()):
    tiers = {t: sum(1 for s in stations if s.tier == t) for t in ("large", "medium", "small")}
    lines = [
        f"# Sapeurs-pompiers volontaires — one département ({variant})",
        "",
        "A synthetic *service départemental d'incendie et de secours* modelled on a rural département",
        "(Indre, 36: about 1,000–1,500 volunteers in 40–80 centres, DOMAIN.md 3.1 medium case). Commune",
        "codes follow the INSEE format (36001–36240) but commune names and populations are invented.",
        "",
        f"- {stats['stations']} centres (CIS): {tiers['large']} mixed centres with 2 VSAV + 1 FPT in *garde postée*,",
        f"  {tiers['medium']} centres with VSAV + FPT (garde on weekdays 07:00–19:00, astreinte otherwise),",
        f"  {tiers['small']} small centres with one VSAV on *astreinte*; 4 groupements, {stats['communes']} communes.",
        f"- {stats['contributors']} volunteers (`contributors.csv`: 9 % double status SPP/SPV, 6 % SSSM, 69 %",
        "  employees, ages 16–69 (SSSM up to 69), grades sapeur → commandant), their trainings in `qualifications.csv`",
        f"  ({stats['qualifications']} rows: FI, COD1, CA1E, FMPA).",
        f"- {stats['assignments']} assignments (`assignments.csv`) over four weeks, 2026-10-05 → 2026-11-02,",
        "  in 12-hour slots 07:00–19:00 and 19:00–07:00. The period crosses the end of summer time:",
        "  the night 2026-10-24T19:00 → 2026-10-25T07:00 lasts **13 hours**; 1 November (Toussaint) is a",
        "  public holiday.",
        "- Every slot of every centre: a VSAV crew of 3 (chef d'agrès ≥ sergent holding CA1E,",
        "  conducteur holding COD1 and a licence, équipier); FPT crews of 4 (degraded mode) with a",
        "  C licence at the wheel; SSSM nurses and physicians on call on the VLI of the larger centres.",
        "- Each assignment says what it commits its volunteer to (`engagement`, docs/data-model.md):",
        "  `duty` for a *garde postée* (`kind: garde`), `on_call` for an *astreinte* (`kind: astreinte`)",
        "  with `reach_minutes: 8`, the SDIS reach time (DOMAIN C-03). The roster holds no declared",
        "  availability (`engagement: availability`): every row is a seat the plan counts on. Working-",
        "  time rules count duty (on-call time only when their parameter says so).",
        "",
        "Regenerate (deterministic):",
        "",
        "```sh",
        cmd,
        "```",
        ""]
    if variant == "compliant":
        lines += [
            "## Why it is compliant",
            "",
            "The generator schedules every slot and then re-checks its own roster against the",
            "catalogue's error rules before writing (it refuses to write a failing roster): crews,",
            "chefs d'agrès ≥ sergent, drivers with a valid licence (C on the FPT), medical fitness,",
            "initial training and licences valid over the *whole* of each assignment, ages inside",
            "their band (16/21 → 60, 65 with extension, 68 SSSM nurses, 70 SSSM physicians), on-call",
            "volunteers ≤ 8 min from their centre, B2 extract ≤ 92 days before engagement, ≥ 11 h",
            "between two assignments of one person and ≤ 48 h in any rolling 7 days (real hours:",
            "the 13-hour night counts 13) — limits the roster keeps for guards and on-call alike,",
            "though working-time rules count guards (`duty`) only unless their parameter says",
            "otherwise; the plan averages weekly hours over 4 weeks (`reference_weeks: 4`).",
            "",
            "Edge cases kept on purpose (each must *not* be a finding):",
            "",
            "- an SSSM nurse aged 66 (limit 68) and an SSSM physician aged 69 (limit 70) on the VLI;",
            "- a volunteer born 1966-11-02: 60 the day after the period, 59 on every assignment;",
            "- a medical fitness valid until 2026-10-20 whose holder's last slot is the 07:00–19:00",
            "  of that day (a night from the 20th to the 21st would not be covered);",
            "- four 12-hour slots within 7 days that include the 13-hour DST night are avoided, since",
            "  they would make 49 h;",
            "- the 13-hour DST night is exactly the longest block `risk.daily-rest` allows (13 h), and",
            "  the first and last slots straddle the period's bounds (2026-10-04T19:00 → 10-05T07:00 and",
            "  2026-11-01T19:00 → 11-02T07:00): only their part inside the period counts for coverage.",
            ""]
    else:
        lines += [
            "## Seeded violations",
            "",
            "Same département and roster as `../compliant` (same seed), with these changes. Rows",
            "dropped from the compliant roster leave a gap that no line shows: the station's line in",
            "plan.yaml and the slot are given instead.",
            "",
            "| rule id | what is wrong | where |",
            "|---|---|---|"]
        for rule, what, where in table:
            lines.append(f"| `{rule}` | {what} | {where} |")
        from collections import Counter
        counts = Counter(a["rule"] for a in also)
        lines += ["",
                  "Rules marked warning in the catalogue (`spv.fpt-crew`, `spv.fpt-chef-agres`,",
                  "`spv.b2-freshness`, `risk.weekly-hours`, `risk.daily-rest`) give warnings, the",
                  "others errors. The two working-time seeds are guards (`engagement: duty`) at a mixed",
                  "centre, since on-call time does not count by default: one volunteer serves 60 h of",
                  "guard a week on average over the four weeks, the plan's reference period",
                  "(`risk.weekly-hours: {reference_weeks: 4}`, within the four months of art. 16(b)),",
                  "where the limit is an average of 48 h; another serves a 24 h guard and is back 12 h",
                  "later (the art. 17 derogation allows a 24 h guard only with compensatory rest at least",
                  "as long).",
                  "",
                  "## Other findings the seeds cause",
                  "",
                  f"{len(also)} more findings follow from the seeds; `expected.json` lists each under",
                  "`also`, with its place and the seed it comes from:",
                  "",
                  f"- `cont.plan-staffing` ({counts['cont.plan-staffing']}): each crew seed that leaves the",
                  "  plan's own staffing minimum short at that station and slot (the équipiers removed, the",
                  "  missing conducteur); the FPT crew of 3 keeps the station's total, which counts a spare;",
                  f"- `spv.on-call-reach` ({counts['spv.on-call-reach']}): the far-living volunteer's other",
                  "  on-call assignments, one finding each;",
                  f"- `spv.medical-periodicity` ({counts['spv.medical-periodicity']}): the two medical",
                  "  documents that lapse mid-period, which the periodicity rule reads too (it is a validity",
                  "  rule over the same document).",
                  "",
                  "The generator dates every medical visit by the periodicity of the arrêté of 10 April",
                  "2025 (art. 12: two years after the initial visit, then four years until 45, the",
                  "reinforced visit before 46, two years after) and gives FPT crews a chef d'agrès of",
                  "adjudant or above (a two-team engine): neither rule finds anything else here or in",
                  "`../compliant`.",
                  ""]
    write_text(f"{out}/README.md", "\n".join(lines))


# ----------------------------------------------------------------------------------------------
# National scale
# ----------------------------------------------------------------------------------------------

DEPARTMENTS = ([f"{i:02d}" for i in range(1, 20)] + ["2A", "2B"] +
               [f"{i:02d}" for i in range(21, 96)] + ["971", "972", "973", "974", "976"])


WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def weekly_slot(slot):
    """(weekday 0–6, 0 day / 1 night) of a 12 h slot: 07:00 starts a day slot, 19:00 a night."""
    return slot.start.weekday(), 0 if slot.start.hour == 7 else 1


def opening_hours_of(armed):
    """OSM opening hours for a set of (weekday, 0 day / 1 night) weekly slots; days with the same
    pattern are listed together (`Mo,Th 19:00-07:00; Sa,Su 07:00-31:00`)."""
    if len(armed) == 14:
        return "24/7"
    if not armed:
        return "off"
    text = {(True, False): "07:00-19:00", (False, True): "19:00-07:00", (True, True): "07:00-31:00"}
    groups = {}
    for d in range(7):
        key = ((d, 0) in armed, (d, 1) in armed)
        if key != (False, False):
            groups.setdefault(key, []).append(WEEKDAYS[d])
    parts = sorted((WEEKDAYS.index(days_[0]), ",".join(days_) + " " + text[key])
                   for key, days_ in groups.items())
    return "; ".join(p for _, p in parts)


def ensure_leaders(rng, st, ref, end):
    """An SDIS gives every centre at least two chefs d'agrès and two drivers (C licence where the
    centre has an FPT), promoting its most senior trained adults (DOMAIN C-01)."""
    crew = [c for c in st.members if c.fi and not c.specialty and not c.minor]
    pool = sorted((c for c in crew if not c.can_chef and age_on(c.birth, ref) >= 22),
                  key=lambda c: (-c.rank, c.id))
    need = max(2 * len(st.engines), round(0.25 * len(crew)))
    while sum(c.can_chef for c in crew) < need and pool:
        promote_chef(rng, pool.pop(0), ref)
    if "FPT" in st.engines:  # FPT chefs: adjudant or above (two-team engine), ~12 % of the crew
        sergeants = sorted((c for c in crew if c.can_chef and c.rank < ADJUDANT),
                           key=lambda c: (-c.rank, c.birth, c.id))
        while sum(c.can_chef and c.rank >= ADJUDANT for c in crew) < max(2, round(0.12 * len(crew))) \
                and sergeants:
            sergeants.pop(0).grade = "adjudant"
    heavy = "FPT" in st.engines
    others = [c for c in crew if not c.can_chef and not c.can_drive]
    rng.shuffle(others)
    need = max(2 * len(st.engines), round(0.3 * len(crew)))
    while sum(c.can_drive for c in crew if not c.can_chef) < need and others:
        make_driver(rng, others.pop(), ref, end, heavy and rng.random() < 0.6)
    if heavy:
        drivers = [c for c in crew if c.can_drive and not c.can_chef and c.lic_cat != "C"]
        while sum(c.can_drive and c.lic_cat == "C" for c in crew) < need // 2 and drivers:
            make_driver(rng, drivers.pop(), ref, end, True)


def seat_slot(rng, st, k, slots, declared, seated_at, hours, max_hours=48.0):
    """Seats the full crew of slot k from the volunteers declared in it (VSAV: chef d'agrès,
    conducteur, équipier; FPT in degraded mode: chef, conducteur with a C licence, two
    équipiers), least-loaded first, refusing anyone seated in an adjacent slot (rest) or who would
    pass `max_hours` of duty in the week. Returns [(person, position, engine)] or None."""
    slot = slots[k]
    h = slot.hours

    def free(c):
        mine = seated_at.get(c.id)
        if mine and ((k - 1) in mine or (k + 1) in mine or k in mine):
            return False
        return hours.get(c.id, 0.0) + h <= max_hours

    cands = [c for c in declared if free(c)]
    if len(cands) < 3 * st.engines.count("VSAV") + (4 if "FPT" in st.engines else 0):
        return None
    jitter = {c.id: rng.random() for c in cands}
    used = set()
    seats = []

    def pick(ok, cost):
        best, bc = None, None
        for c in cands:
            if c.id in used or not ok(c):
                continue
            x = cost(c) + hours.get(c.id, 0.0) / 12 + jitter[c.id]
            if bc is None or x < bc:
                best, bc = c, x
        if best is not None:
            used.add(best.id)
        return best

    adult = lambda c: not c.minor  # noqa: E731
    for engine in st.engines:  # chefs first: the scarcest seat
        if engine == "FPT":  # two teams: chef d'agrès tout engin, adjudant or above
            c = pick(lambda c: c.can_chef and c.rank >= ADJUDANT and adult(c), lambda c: 0)
        else:
            c = pick(lambda c: c.can_chef and adult(c), lambda c: c.rank / 20)
        if c is None:
            return None
        seats.append((c, "chef_agres", engine))
    for engine in sorted(st.engines, key=lambda e: e != "FPT"):
        heavy = engine == "FPT"
        c = pick(lambda c: c.can_drive and adult(c) and (not heavy or c.lic_cat == "C"),
                 lambda c: (3 if c.can_chef else 0) + (0 if heavy or c.lic_cat != "C" else 1))
        if c is None:
            return None
        seats.append((c, "conducteur", engine))
    for engine in st.engines:
        for _ in range(2 if engine == "FPT" else 1):
            c = pick(lambda c: True, lambda c: (3 if c.can_chef else 0) + (2 if c.can_drive else 0))
            if c is None:
                return None
            seats.append((c, "equipier", engine))
    return seats


def generate_national(out, seed, rng_factory, spv_total=200_000, stations_total=7_000):
    """Declared availability, then the plan each centre can keep: from each centre-slot's declared
    volunteers the crew is seated as duty (garde, large centres) or on call (astreinte, the
    others); the declared volunteers not seated stay as availability. A centre promises, in its
    `opening_hours`, the weekly slots it can arm (the others go to its `fallback` neighbour).
    Then the documented violations are seeded and listed in seeded.json."""
    rng = rng_factory(seed)
    ref, end = date(2026, 10, 19), date(2026, 10, 26)
    slots = twelve_hour_slots(ref, end)
    # Department populations (68 M in all, Lozère-like 80 k to Nord-like 2.6 M) and SPV shares:
    # rural departments have more volunteers per inhabitant.
    pops = [math.exp(rng.gauss(math.log(520_000), 0.75)) for _ in DEPARTMENTS]
    scale = 68_000_000 / sum(pops)
    pops = [max(76_000, int(p * scale)) for p in pops]
    weight = [p ** 0.62 for p in pops]
    w_sum = sum(weight)
    spv_per = [int(spv_total * w / w_sum) for w in weight]
    spv_per[0] += spv_total - sum(spv_per)
    st_per = [max(8, round(stations_total * w / w_sum)) for w in weight]
    # Communes: ~34,900, each department's population split log-normally.
    communes_per = [max(60, int(34_900 * p / 68_000_000 * 0.35 + 345 * 0.65)) for p in pops]
    zones = []
    station_list = []
    for d, dep in enumerate(DEPARTMENTS):
        n_com = communes_per[d] if len(dep) == 2 else min(communes_per[d], 99)
        raw = [math.exp(rng.gauss(0, 1.6)) for _ in range(n_com)]
        s = sum(raw)
        coms = []
        for k in range(n_com):
            code = (f"{dep}{k + 1:03d}" if len(dep) == 2 else f"{dep}{k + 1:02d}")
            coms.append((code, max(20, int(pops[d] * raw[k] / s))))
        coms.sort(key=lambda c: -c[1])
        zones.append((dep, coms))
        # Station sizes: log-normal, median ~20 (DOMAIN 3.1), scaled to the department's SPV.
        n_st = min(st_per[d], len(coms))
        sizes = [math.exp(rng.gauss(math.log(20), 0.7)) for _ in range(n_st)]
        f = spv_per[d] / sum(sizes)
        sizes = [max(4, int(x * f)) for x in sizes]
        sizes[0] += spv_per[d] - sum(sizes)
        if sizes[0] < 4:
            sizes[0] = 4
        sizes.sort(reverse=True)
        for k, size in enumerate(sizes):
            st = Station()
            st.id = f"cis-{dep}-{k + 1:03d}"
            st.name = f"CIS {dep}-{k + 1:03d}"
            st.zone = f"dep-{dep}"
            st.insee = coms[k % len(coms)][0]
            st.size = size
            st.tier = "large" if size >= 60 else ("medium" if size >= 25 else "small")
            st.engines = {"large": ["VSAV", "VSAV", "FPT"], "medium": ["VSAV", "FPT"],
                          "small": ["VSAV"]}[st.tier]
            st.members = []
            st.index = len(station_list)
            station_list.append(st)
    # Contributors.
    people = []
    n = 0
    for st in station_list:
        for _ in range(st.size):
            n += 1
            home = rng.randrange(1, 9) if st.tier != "large" else rng.randrange(2, 22)
            c = make_spv(rng, f"spv-{n:06d}", st.id, st.insee, home, ref, end)
            st.members.append(c)
            people.append(c)
        ensure_leaders(rng, st, ref, end)
    # Declared availability: each trained SPV ≈ 1/3 of the week's slots (5.5 of the 15 slots
    # from the night before the period to the last night), weekday days about half as often
    # (DOMAIN 3.1: daytime weekday availability ~40–50 % of night/weekend).
    day_factor = 0.5
    n_day = sum(1 for s in slots if s.weekday_daytime)
    x = 5.5 / (len(slots) - n_day + n_day * day_factor)
    p_slot = [x * (day_factor if s.weekday_daytime else 1.0) for s in slots]
    rnd = rng.random
    # Seat the crews; the night before the period (slot 0) and the last night (slot 14) are the
    # same weekly slot (Sunday 19:00–07:00): a centre promises it only if it arms both.
    order = sorted(range(len(slots)), key=lambda k: (not slots[k].weekday_daytime, k))
    plan_rows = []  # (person, station, slot, position, engine, engagement) in station/slot order
    armed_of = {}
    for st in station_list:
        declared = [[] for _ in slots]
        for c in st.members:
            if c.fi is None:
                continue
            for k in range(len(slots)):
                if rnd() < p_slot[k]:
                    declared[k].append(c)
        seated_at, hours, crews = {}, {}, {}
        for k in order:
            seats = seat_slot(rng, st, k, slots, declared[k], seated_at, hours)
            if seats is None:
                continue
            crews[k] = seats
            for c, _, _ in seats:
                seated_at.setdefault(c.id, set()).add(k)
                hours[c.id] = hours.get(c.id, 0.0) + slots[k].hours
        if (0 in crews) != (14 in crews):
            del crews[0 if 0 in crews else 14]  # its crew stays declared: availability rows
        armed_of[st.id] = {weekly_slot(slots[k]) for k in crews}
        engagement = "duty" if st.tier == "large" else "on_call"
        for k, slot in enumerate(slots):
            seats = crews.get(k, [])
            on = {c.id for c, _, _ in seats}
            for c, position, engine in sorted(seats, key=lambda s: (ENGINE_ORDER[s[2]], POSITION_ORDER[s[1]], s[0].id)):
                plan_rows.append([c, st, slot, position, engine, engagement])
            for c in declared[k]:
                if c.id not in on:
                    best = "chef_agres" if c.can_chef else ("conducteur" if c.can_drive else "equipier")
                    plan_rows.append([c, st, slot, best, "", "availability"])
    # Fallbacks: a centre's fallback is the most-armed other centre of its department (armed 24/7
    # where the department has one; the largest first among equals).
    by_zone = {}
    for st in station_list:
        by_zone.setdefault(st.zone, []).append(st)
    for zone, sts in by_zone.items():
        ranked = sorted(sts, key=lambda s: (-len(armed_of[s.id]), s.index))
        for st in sts:
            st.fallback = next((s.id for s in ranked if s is not st), st.id)
    # Seeds (DOMAIN 3.1 rates): medical visit overdue 3 %, over the age limit 1 %, B2 too old at
    # engagement 0.5 % of the volunteers; 3 % of the promised weekday-daytime slots of one-VSAV
    # centres short of the VSAV's third crew member; 100 rest overloads. Medical and age seeds are
    # chosen among volunteers on duty or on call, so that each one shows in an assignment the
    # rules read; each seed is found by one rule (seeded.json names it).
    seeds = {"medical_overdue": [], "over_age": [], "b2_late": [], "weekday_daytime_gaps": [],
             "rest_overloads": []}
    srng = rng_factory(seed + 1)
    promised_days = [(st, slot) for st in station_list for slot in slots
                     if slot.weekday_daytime and weekly_slot(slot) in armed_of[st.id]
                     and st.engines.count("VSAV") == 1]
    gaps = srng.sample(promised_days, round(0.03 * len(promised_days)))
    gap_keys = {(st.id, slot.index) for st, slot in gaps}
    rows = []
    for r in plan_rows:
        c, st, slot, position, engine, eng = r
        if (st.id, slot.index) in gap_keys:
            # The VSAV équipier did not come and nobody else declared: 2 of 3 on the VSAV.
            if eng == "availability" or (position == "equipier" and engine == "VSAV"):
                continue
        rows.append(r)
    first_seat = {}
    for c, st, slot, position, engine, eng in rows:
        if eng != "availability":
            first_seat.setdefault(c.id, slot)
    seated_people = [c for c in people if c.id in first_seat]
    taken = set()
    pool = [c for c in seated_people if age_on(c.birth, ref) >= 25]
    for c in srng.sample(pool, round(0.03 * len(people))):
        # The maintenance visit is overdue by the arrêté's periodicity (4 years + 3 months before
        # 45, 2 years + 3 months after, before the first seat), while the valid_until on file
        # still runs: spv.medical-periodicity finds it, spv.medical-fitness (which trusts the
        # date on file) does not — one finding per seed.
        last = min(last_day(first_seat[c.id]), end - timedelta(days=1))
        visit = add_months(last, -51) - timedelta(days=srng.randrange(1, 200))
        if age_on(c.birth, visit) >= 45:
            visit = add_months(last, -27) - timedelta(days=srng.randrange(1, 200))
        while medical_due(c, visit) >= last:
            visit -= timedelta(days=100)
        c.med_from = visit
        c.med_until = end + timedelta(days=srng.randrange(30, 400))
        taken.add(c.id)
        seeds["medical_overdue"].append(c.id)
    pool = [c for c in seated_people if c.id not in taken and not c.specialty and not c.extension
            and c.rank < LIEUTENANT]
    for c in srng.sample(pool, round(0.01 * len(people))):
        c.birth = add_years(ref, -61) - timedelta(days=srng.randrange(0, 3 * 365))
        c.med_from = ref - timedelta(days=srng.randrange(30, 600))  # dated for that age
        c.med_until = add_years(c.med_from, 2)
        taken.add(c.id)
        seeds["over_age"].append(c.id)
    pool = [c for c in people if c.id not in taken]
    for c in srng.sample(pool, round(0.005 * len(people))):
        c.bg_from = c.engaged - timedelta(days=srng.randrange(120, 365))
        seeds["b2_late"].append(c.id)
    for key in ("medical_overdue", "over_age", "b2_late"):
        seeds[key].sort()
    # A few rest overloads (DOMAIN 3.1 "some SPV with > 48 h", here the daily rest): volunteers of
    # the large centres who serve a guard, are kept on for the next slot (a 24 h guard) and are
    # back 12 h later, where the art. 17 derogation needs compensatory rest of 24 h.
    duty_at = {}
    for c, st, slot, position, engine, eng in rows:
        if eng == "duty":
            duty_at.setdefault(c.id, (c, st, set()))[2].add(slot.index)
    cands = []
    for cid in sorted(duty_at):
        c, st, mine = duty_at[cid]
        if cid in taken or len(mine) > 2:
            continue
        for k in sorted(mine):
            if k + 3 in mine and k + 1 not in mine and k + 2 not in mine:
                cands.append((c, st, k))
                break
    extra = {}
    for c, st, k in srng.sample(cands, min(len(cands), 100)):
        extra[(st.id, k + 1)] = extra.get((st.id, k + 1), []) + [c]
        seeds["rest_overloads"].append(f"{c.id} {slots[k].s}")
    seeds["rest_overloads"].sort()
    if extra:
        rows = [r for r in rows
                if not (r[5] == "availability" and any(x is r[0] for x in extra.get((r[1].id, r[2].index), ())))]
        by_id = {st.id: st for st in station_list}
        for (sid, k), extra_people in sorted(extra.items()):
            rows += [[x, by_id[sid], slots[k], "equipier", "VSAV", "duty"]
                     for x in sorted(extra_people, key=lambda x: x.id)]
        rows.sort(key=lambda r: (r[1].index, r[2].index))  # stable: each extra guard ends its slot
    seeds["weekday_daytime_gaps"] = sorted(f"{st.id} {slot.s}" for st, slot in gaps)
    # The SDACR's travel-time table (own random stream): see travel.national.
    travel_rows, single, after = travel.national(seed, zones, station_list, armed_of, gaps, weekly_slot)
    travel.write_table(f"{out}/travel_times.csv", travel_rows)
    seeds["response_single_station"] = single
    seeds["response_after_gaps"] = after
    stats = write_national(out, seed, zones, station_list, armed_of, people, rows, slots, ref,
                           end, seeds)
    stats.update({"contributors": len(people), "assignments": len(rows),
                  "stations": len(station_list), "communes": sum(len(c) for _, c in zones)})
    return stats


def write_national(out, seed, zones, stations, armed_of, people, rows, slots, ref, end, seeds):
    import json
    lines = [f"# Generated by: python3 Benchmarks/generate/generate.py --preset national --seed {seed} --out {out}",
             "id: spv-france-synthetique",
             "name: \"Sapeurs-pompiers volontaires — France (synthétique, une semaine)\"",
             "kind: fire_rescue",
             "operator: {name: \"SDIS (synthétique)\", legal_form: sdis}",
             "version: 1",
             "effective_from: 2026-01-01",
             "effective_until: 2026-12-31",
             f"period: {{start: {ref.isoformat()}, end: {end.isoformat()}}}",
             "time_zone: Europe/Paris",
             "public_holidays: france",
             "opening_hours: 24/7",
             "territory:",
             "  cog_vintage: 2024",
             "  zones:"]
    for dep, coms in zones:
        lines += [f"    - id: dep-{dep}", f"      name: \"Département {dep}\"", "      communes:"]
        lines += [f"        - {{insee: \"{code}\", population: {pop}, risk: {travel.risk_of(pop)}}}" for code, pop in coms]
    lines += travel.plan_lines()
    lines += ["units:",
              "  # Each centre's opening_hours are the weekly 12 h slots it can arm from its volunteers'",
              "  # declared availability (its règlement opérationnel); in the others its fallback answers."]
    for st in stations:
        total, chefs, drivers = plan_staffing(st)
        hours = opening_hours_of(armed_of[st.id])
        lines.append(f"  - {{id: {st.id}, kind: station, zone: {st.zone}, commune: \"{st.insee}\", "
                     f"capacity: {len(st.engines)}, opening_hours: \"{hours}\", extra: {{engines: [{', '.join(st.engines)}]}}, "
                     f"staffing: [{{min: {total}}}, {{position: chef_agres, min: {chefs}}}, "
                     f"{{position: conducteur, min: {drivers}}}], "
                     f"fallback: {{mode: neighbour_unit, unit: {st.fallback}, max_delay_minutes: 20}}}}")
    lines += ["tariffs:",
              "  - {category: everyone, amount_eur: 0, per: intervention, income_based: false}",
              "access_channels:",
              "  - {kind: phone, description: \"18 / 112\", hours: 24/7, cost_eur: 0}",
              "risk_cover:",
              "  regimes: [spv_loi_91_1389]",
              "  policies:",
              "    - {id: SDIS-ACC-2026, type: accident, covered_roles: [spv, spp_spv_double], valid_from: 2026-01-01, valid_until: 2026-12-31}",
              "params:",
              "  spv.on-call-reach: {max_reach_minutes: 8}",
              "rosters:",
              "  - {path: contributors.csv, extra_columns: [specialty, age_limit_extension]}",
              "  - assignments.csv",
              "  - {path: qualifications.csv, kind: qualifications}",
              ""]
    write_text(f"{out}/plan.yaml", "\n".join(lines))
    write_csv(f"{out}/contributors.csv", CONTRIBUTOR_HEADER, (c.row() for c in people))
    per_eng = {"duty": 0, "on_call": 0, "availability": 0}
    hours_of = {}
    served = {}

    def arows():
        n = 0
        for c, st, slot, position, engine, eng in rows:
            n += 1
            per_eng[eng] += 1
            if eng == "availability":
                yield (f"a-{n:07d}", c.id, st.id, position, slot.s, slot.e, "disponibilite", "VSAV",
                       "declared_availability", "availability", "")
                continue
            hours_of[c.id] = hours_of.get(c.id, 0.0) + slot.hours
            served[st.zone] = served.get(st.zone, 0.0) + slot.hours
            kind = "garde" if eng == "duty" else "astreinte"
            yield (f"a-{n:07d}", c.id, st.id, position, slot.s, slot.e, kind, engine, "plan", eng,
                   "8" if eng == "on_call" else "")
    write_csv(f"{out}/assignments.csv", ASSIGNMENT_HEADER, arows())
    write_csv(f"{out}/qualifications.csv", QUALIFICATION_HEADER,
              ([c.id, code, hours, iso(got), iso(until)] for c in people
               for code, hours, got, until in c.quals))
    rule_of = {"medical_overdue": ("spv.medical-periodicity", []),
               "over_age": ("spv.age-limit", []),
               "b2_late": ("spv.b2-freshness", []),
               "weekday_daytime_gaps": ("spv.vsav-crew", ["cont.plan-staffing"]),
               "rest_overloads": ("risk.daily-rest", []),
               "response_single_station": ("spv.response-time", []),
               "response_after_gaps": ("spv.response-time", [])}
    summary = {k: {"rule": rule_of[k][0],
                   "severity": "warning" if k in ("rest_overloads", "b2_late") else "error",
                   "also": rule_of[k][1],
                   "count": len(v), "ids": v} for k, v in seeds.items()}
    write_text(f"{out}/seeded.json", json.dumps(summary, indent=1) + "\n")
    full = sum(1 for st in stations if len(armed_of[st.id]) == 14)
    none = sum(1 for st in stations if not armed_of[st.id])
    loads = sorted(hours_of.values())
    pop_of = {f"dep-{dep}": sum(p for _, p in coms) for dep, coms in zones}
    per1000 = [served.get(z, 0.0) / pop_of[z] * 1000 for z in pop_of]
    return {"duty rows": per_eng["duty"], "on-call rows": per_eng["on_call"],
            "availability rows": per_eng["availability"], "centres armed 24/7": full,
            "centres never armed": none,
            "armed centre-slots": sum(len(a) for a in armed_of.values()),
            "people on duty or call": len(loads),
            "median hours": int(loads[len(loads) // 2]) if loads else 0,
            "zone served-hours ratio x100": int(100 * max(per1000) / max(min(per1000), 1e-9)),
            "seeded": sum(len(v) for v in seeds.values())}
