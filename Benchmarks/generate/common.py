"""Shared helpers of the data generator: local time with daylight saving, CSV and YAML writing,
synthetic names. Python 3 standard library only; everything is deterministic from the seed."""

import csv
import json
import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def epoch(local: datetime) -> int:
    """Seconds since 1970 of a naive local time read in Europe/Paris (first occurrence in the
    autumn overlap, as docs/data-model.md says)."""
    return int(local.replace(tzinfo=PARIS, fold=0).timestamp())


def stamp(local: datetime) -> str:
    """`2026-10-24T19:00` — a local time without offset, the roster's usual form."""
    return local.strftime("%Y-%m-%dT%H:%M")


def days(start: date, end: date):
    """The dates of the half-open range [start, end)."""
    d = start
    while d < end:
        yield d
        d += timedelta(days=1)


def age_on(birth: date, day: date) -> int:
    """Completed years at `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def french_holidays(year: int) -> set:
    """The eleven French public holidays of `year` (Easter by the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = ((h + l - 7 * m + 114) % 31) + 1
    easter = date(year, month, day)
    return {date(year, 1, 1), easter + timedelta(days=1), date(year, 5, 1), date(year, 5, 8),
            easter + timedelta(days=39), easter + timedelta(days=50), date(year, 7, 14),
            date(year, 8, 15), date(year, 11, 1), date(year, 11, 11), date(year, 12, 25)}


class Slot:
    """One roster slot of local wall-clock times, with its real (DST-aware) bounds."""
    __slots__ = ("index", "start", "end", "s", "e", "t0", "t1", "day", "weekday", "daytime")

    def __init__(self, index, start: datetime, end: datetime):
        self.index = index
        self.start, self.end = start, end
        self.s, self.e = stamp(start), stamp(end)
        self.t0, self.t1 = epoch(start), epoch(end)
        self.day = start.date()
        self.weekday = start.weekday()
        self.daytime = start.hour < 12

    @property
    def hours(self) -> float:
        return (self.t1 - self.t0) / 3600

    @property
    def weekday_daytime(self) -> bool:
        return self.daytime and self.weekday < 5


def twelve_hour_slots(start: date, end: date):
    """07:00–19:00 and 19:00–07:00 slots covering the period [start 00:00, end 00:00): the first
    is the night before `start` (19:00 → 07:00), the last the night that ends on `end`, so both
    straddle a bound of the period."""
    out = []
    eve = datetime(start.year, start.month, start.day) - timedelta(hours=5)
    out.append(Slot(0, eve, eve + timedelta(hours=12)))
    for d in days(start, end):
        base = datetime(d.year, d.month, d.day)
        out.append(Slot(len(out), base + timedelta(hours=7), base + timedelta(hours=19)))
        out.append(Slot(len(out), base + timedelta(hours=19), base + timedelta(hours=31)))
    return out


def q(text) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def write_csv(path: str, header, rows) -> int:
    """Writes a comma-separated file with a header; returns the number of data rows."""
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)
            n += 1
    return n


# The last line of every example plan: it names the plan's JSON Schema for YAML editors
# (yaml-language-server; docs/editors.md). Last, so that the seeded line numbers do not move.
PLAN_SCHEMA_LINE = "\n# yaml-language-server: $schema=../../../schemas/plan.schema.json\n"


def write_text(path: str, text: str):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def iso(d) -> str:
    return "" if d is None else d.isoformat()


# Synthetic commune names: French-sounding, built from parts, never a claim about a real place.
_PREFIX = ["Saint-", "", "", "", "", "", "Villers-", "Mont-", "Neuvy-", "Saint-Août-", "Vic-"]
_ROOT = ["Aubrac", "Bellegarde", "Chassenay", "Dompierre", "Ecueillé", "Fontgombault", "Gargilly",
         "Heugnes", "Ivoy", "Jeu", "Lignerolles", "Mérigny", "Nohant", "Orsennes", "Pellevoisin",
         "Rosnay", "Sassierges", "Tranzault", "Urciers", "Vatan", "Valmont", "Brenne", "Cluis",
         "Sarzay", "Lourouer", "Montgivray", "Briantes", "Chassignolles", "Pouligny", "Rivarennes",
         "Thenay", "Velles", "Arthon", "Buxières", "Crozon", "Feusines", "Lacs", "Mosnay", "Néret",
         "Sazeray"]
_SUFFIX = ["", "", "", "-sur-Indre", "-sur-Creuse", "-en-Brenne", "-le-Château", "-les-Bois",
           "-d'Arnon", "-sur-Bouzanne", "-la-Forêt", "-le-Vieux"]


def commune_names(rng, count: int):
    seen, out = set(), []
    while len(out) < count:
        name = rng.choice(_PREFIX) + rng.choice(_ROOT) + rng.choice(_SUFFIX)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


GRADES = ["sapeur", "caporal", "caporal-chef", "sergent", "sergent-chef", "adjudant",
          "adjudant-chef", "lieutenant", "capitaine", "commandant"]
RANK = {g: i for i, g in enumerate(GRADES)}
SERGENT, ADJUDANT, LIEUTENANT = RANK["sergent"], RANK["adjudant"], RANK["lieutenant"]


def draw_grade(rng) -> str:
    """Sapeurs ~45 %, caporaux ~28 %, sous-officiers ~20 %, officiers ~7 % (DOMAIN 3.1 and the
    2001 Sénat survey: ≈ 7 % officers, ≈ 14 % NCOs among SPV; NCOs raised so that every station
    can field a chef d'agrès)."""
    x = rng.random()
    for limit, grade in ((0.45, "sapeur"), (0.60, "caporal"), (0.73, "caporal-chef"),
                         (0.83, "sergent"), (0.88, "sergent-chef"), (0.91, "adjudant"),
                         (0.93, "adjudant-chef"), (0.97, "lieutenant"), (0.99, "capitaine")):
        if x < limit:
            return grade
    return "commandant"


WARNING_RULES = {"spv.fpt-crew", "spv.fpt-chef-agres", "spv.b2-freshness", "spv.fmpa", "spv.astreinte-weeks", "risk.weekly-hours", "risk.daily-rest",
                 "cont.staffing-resilience", "cont.concentration", "eq.zone-disparity",
                 "cp.management-continuity", "cp.parent-duty-quota", "cl.service-window",
                 "cl.fallback-share", "eq.income-tariff-cap", "eq.digital-accessibility", "eq.non-digital-channel",
                 "cp.inclusive-referent", "cp.childcare-coverage", "cp.admission-criteria-published", "cl.stop-pmr", "cp.psu-scale"}


def write_expected(folder: str, table, also=()):
    """`expected.json` beside a violations README: each seeded case with its rule id, the
    rule's catalogue severity and the file:line places of the README, for end-to-end tests;
    `also`: the other findings the seeds cause, each with `because` (the seed's `what`)."""
    import re
    cases = []
    for rule, what, where in table:
        places = []
        for m in re.finditer(r"([A-Za-z_]+\.(?:csv|yaml)):(\d+(?:–\d+)?(?:, \d+)*)", where):
            for part in m.group(2).split(", "):
                lo, _, hi = part.partition("–")
                for line in range(int(lo), int(hi or lo) + 1):
                    places.append({"file": m.group(1), "line": line})
        cases.append({"rule": rule, "severity": "warning" if rule in WARNING_RULES else "error",
                      "what": what, "where": places})
    doc = {"seeded": cases}
    if also:
        doc["also"] = list(also)
    with open(f"{folder}/expected.json", "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
