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


def national(seed, zones, stations, armed_of, gaps, weekly_slot, seeded_share=0.01):
    """The national table. `zones`: [(dep, [(insee, population)])]; `stations`: objects with id,
    insee, zone; `armed_of`: station id → set of the weekly slots it arms; `gaps`: the seeded crew
    gaps [(station, slot)]. Each commune's stations within target are its home station and, the
    most-armed first, others of its department until every weekly slot is armed by one of them
    (at most 4); two more beyond target. 1 % of the communes, drawn among those whose home
    station is not armed all week, are seeded with their home station alone within target.

    Returns the rows and two seed lists of INSEE codes: `single_station` (the drawn communes)
    and `after_gaps` (the others that are beyond target at some time: a department with no
    station armed at some hour, or a seeded crew gap at the only station within target then)."""
    rng = random.Random(seed * 1_000_003 + 17)
    every = {(d, n) for d in range(7) for n in (0, 1)}
    by_zone = {}
    for st in stations:
        by_zone.setdefault(st.zone, []).append(st)
    ranked = {z: sorted(sts, key=lambda s: (-len(armed_of[s.id]), s.index)) for z, sts in by_zone.items()}
    gap_slots = {}
    for st, slot in gaps:
        gap_slots.setdefault(st.id, []).append(slot)
    rows, single, after = [], [], []
    for dep, coms in zones:
        zone = f"dep-{dep}"
        sts = by_zone[zone]
        hosted = {}
        for st in sts:
            hosted.setdefault(st.insee, st)
        for insee, population in coms:
            target = TARGET[risk_of(population)]
            home = hosted.get(insee) or sts[rng.randrange(len(sts))]
            near = [home]
            if len(armed_of[home.id]) < 14 and rng.random() < seeded_share * 1.6:
                single.append(insee)
            else:
                covered = set(armed_of[home.id])
                for st in ranked[zone]:
                    if covered >= every or len(near) == 4:
                        break
                    if st is not home and not armed_of[st.id] <= covered:
                        near.append(st)
                        covered |= armed_of[st.id]
            # Beyond target at some time? (an hour no station within target arms, or a crew gap
            # of the only one armed then)
            covered = set().union(*(armed_of[s.id] for s in near))
            beyond = not covered >= every
            for s in near:
                for slot in gap_slots.get(s.id, ()):
                    if not any(weekly_slot(slot) in armed_of[o.id] for o in near if o is not s):
                        beyond = True
            if beyond and insee not in single:
                after.append(insee)
            for s in near:
                rows.append((s.id, insee, 4 if s is hosted.get(insee) else rng.randint(6, target - 1)))
            others = [s for s in sts if s not in near]
            for s in rng.sample(others, min(2, len(others))):
                rows.append((s.id, insee, rng.randint(target + 3, target + 15)))
    return rows, sorted(single), sorted(after)
