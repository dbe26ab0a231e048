"""Travel times from fire stations to communes and the SDACR response-time targets, for the
`response_time` kind (`territory.response` of the plan). Synthetic and deterministic: drawn from
their own random stream (never the roster's), so that adding them changes no other row.

Each commune has a *home* station within the target of its risk level (the station in the
commune itself, 4 min; otherwise 6 min to one minute under the target), and two more stations
of its zone beyond the target, so that whether a commune is reached in time depends on its home
station being staffed: the check's findings follow the stations' crew gaps, and nothing else."""

import random

# Risk levels of the synthetic SDACR: communes of 5,000 inhabitants or more are urban.
TARGETS = [("urbain", 12), ("rural", 20)]
TARGET = dict(TARGETS)
URBAN_FROM = 5_000
REFERENCE = "SDACR synthétique (objectifs : urbain 12 min, rural 20 min ; arrêté préfectoral)"


def risk_of(population):
    return "urbain" if population >= URBAN_FROM else "rural"


def table(seed, communes, stations, home_of=None, others=2):
    """`communes`: [(insee, population, zone)]; `stations`: [(id, insee, zone)]. Returns the rows
    (station id, insee, minutes) and each commune's home station id. `home_of` forces a commune's
    home station (insee → station id)."""
    rng = random.Random(seed * 1_000_003 + 16)
    by_zone = {}
    for sid, insee, zone in stations:
        by_zone.setdefault(zone, []).append((sid, insee))
    hosted = {insee: sid for sid, insee, _ in stations}
    rows, homes = [], {}
    for insee, population, zone in communes:
        target = TARGET[risk_of(population)]
        pool = by_zone[zone]
        home = (home_of or {}).get(insee) or hosted.get(insee) or pool[rng.randrange(len(pool))][0]
        homes[insee] = home
        rows.append((home, insee, 4 if hosted.get(insee) == home else rng.randint(6, target - 1)))
        rest = [sid for sid, _ in pool if sid != home]
        for sid in rng.sample(rest, min(others, len(rest))):
            rows.append((sid, insee, rng.randint(target + 3, target + 15)))
    return rows, homes


def plan_lines(travel_file="travel_times.csv"):
    """The `response:` block under `territory:`."""
    return (["  response:", f"    reference: \"{REFERENCE}\"", "    targets:"]
            + [f"      - {{risk: {r}, max_minutes: {m}}}" for r, m in TARGETS]
            + [f"    travel_times: {travel_file}"])


def write_table(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("unit,commune,minutes\n")
        for sid, insee, minutes in rows:
            f.write(f"{sid},{insee},{minutes}\n")
