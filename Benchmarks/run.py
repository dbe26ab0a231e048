#!/usr/bin/env python3
"""`make bench` after the YAML loader bench: spp-check against the engines a user would pick
instead (regorus running Rego through opa-eval, plain Python), in one run, and spp-check at
national scale. Prints one table and writes it with the machine to docs/performance.md.

    python3 Benchmarks/run.py [--sizes 10k,50k,200k] [--no-national] [--no-docs]

Steps: generate the missing datasets (Benchmarks/data/, deterministic), build the release
binary, set up the peers (a venv under .build/bench-venv with opa-eval; without network regorus
is reported as not measured), then measure every command with /usr/bin/time -v (wall time, CPU
time, peak RSS), compare the violation SETS of the three engines and exit 1 on any difference.

Python 3.9+ standard library only. Exit status: 0 all measured sets agree, 1 a set differs,
2 the bench could not run (build failed, data could not be generated, a command failed)."""

import argparse, datetime as dt, json, os, platform, re, shutil, subprocess, sys, time
from zoneinfo import ZoneInfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
DATA = os.path.join(BENCH, "data")
OUT = os.path.join(BENCH, "out")
PEERS = os.path.join(BENCH, "peers")
RULES = os.path.join(BENCH, "rules")
VENV = os.environ.get("BENCH_VENV", os.path.join(ROOT, ".build", "bench-venv"))
SIZES = {"10k": 10_000, "50k": 50_000, "200k": 200_000}
CHECKS = ("insurance", "coverage", "overload")


class BenchError(Exception):
    pass


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_quiet(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


# ---- measuring ------------------------------------------------------------------------------

class Measure:
    def __init__(self, wall, user, sys_, rss_kib, status, stdout, stderr=""):
        self.wall, self.cpu, self.rss_kib, self.status, self.stdout = wall, user + sys_, rss_kib, status, stdout
        self.stderr = stderr or ""

    def phase(self, name):
        """Seconds of a phase printed by SPP_CHECK_TIMING=1 (`timing: phase NAME … N ms`), or None."""
        m = re.search(r"^timing: phase " + re.escape(name) + r".* (\d+) ms$", self.stderr, re.M)
        return int(m.group(1)) / 1000 if m else None

    @property
    def rss_mib(self):
        return self.rss_kib / 1024


def measure(name, cmd, ok=(0,), stdout_path=None, env=None):
    """Runs cmd under /usr/bin/time -v; returns a Measure. stdout goes to stdout_path or is kept;
    env adds variables to the environment."""
    os.makedirs(OUT, exist_ok=True)
    tfile = os.path.join(OUT, f"{name}.time")
    log(f"  {name}: {' '.join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd)}")
    out = open(stdout_path, "w") if stdout_path else subprocess.PIPE
    try:
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + cmd, cwd=ROOT, stdout=out,
                           stderr=subprocess.PIPE, text=True, env=dict(os.environ, **(env or {})))
    finally:
        if stdout_path:
            out.close()
    text = open(tfile).read()
    def field(label):
        m = re.search(re.escape(label) + r":\s*(.+)", text)
        if not m:
            raise BenchError(f"{name}: /usr/bin/time gave no '{label}'")
        return m.group(1).strip()
    wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    wall = 0.0
    for part in wall_text.split(":"):
        wall = wall * 60 + float(part)
    m = Measure(wall, float(field("User time (seconds)")), float(field("System time (seconds)")),
                int(field("Maximum resident set size (kbytes)")), p.returncode,
                p.stdout if not stdout_path else None, p.stderr)
    if p.returncode not in ok:
        raise BenchError(f"{name} exited {p.returncode}:\n{p.stderr[-3000:]}")
    log(f"    {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.rss_mib:.0f} MiB peak")
    return m


# ---- setup ----------------------------------------------------------------------------------

def ensure_data(sizes, national):
    gen = [sys.executable, os.path.join(BENCH, "generate", "generate.py")]
    wanted = [(f"bench-{s}", ["--seed", "1", "--peers-json"], "roster.json") for s in sizes]
    if national:
        wanted.append(("national", ["--seed", "2026"], "assignments.csv"))
    for preset, args, marker in wanted:
        out = os.path.join(DATA, preset)
        if os.path.exists(os.path.join(out, "plan.yaml")) and os.path.exists(os.path.join(out, marker)):
            continue
        log(f"generating {os.path.relpath(out, ROOT)} (same command as Benchmarks/generate/make-data.sh)")
        p = run_quiet(gen + ["--preset", preset] + args + ["--out", os.path.relpath(out, ROOT)])
        if p.returncode != 0:
            raise BenchError(f"generating {preset} failed:\n{p.stdout[-3000:]}")


def build():
    log("building release binaries (swift build -c release --product spp-check)")
    p = run_quiet(["swift", "build", "-c", "release", "--product", "spp-check"])
    if p.returncode != 0:
        raise BenchError("release build failed:\n" + p.stdout[-5000:])
    binpath = run_quiet(["swift", "build", "-c", "release", "--show-bin-path"]).stdout.strip().splitlines()[-1]
    return os.path.join(binpath, "spp-check")


def venv_python():
    """The venv's python with opa-eval importable, or None (then regorus is not measured)."""
    py = os.path.join(VENV, "bin", "python")
    if os.path.exists(py) and run_quiet([py, "-c", "import opa_eval"]).returncode == 0:
        return py
    log(f"setting up {os.path.relpath(VENV, ROOT)} with opa-eval (regorus) from PyPI")
    p = run_quiet([sys.executable, "-m", "venv", VENV])
    if p.returncode == 0:
        p = run_quiet([py, "-m", "pip", "install", "--quiet", "opa-eval"], timeout=600)
    if p.returncode != 0 or run_quiet([py, "-c", "import opa_eval"]).returncode != 0:
        log("pip install opa-eval failed (no network?): regorus is NOT measured\n" + p.stdout[-1500:])
        return None
    return py


def rule_files(spp):
    """The rule files for the three checks: peer-checks.yaml (a) always; peer-coverage.yaml (b)
    and peer-overload.yaml (c) when spp-check accepts them. Returns (files, missing): missing
    maps a check spp-check cannot run to why."""
    files, missing = [os.path.join(RULES, "peer-checks.yaml")], {}

    def accepted(name):
        path = os.path.join(RULES, name)
        if not os.path.exists(path):
            return False, f"no Benchmarks/rules/{name}"
        p = run_quiet([spp, "lint", path])
        if p.returncode == 0:
            return True, ""
        first = next((l for l in p.stdout.splitlines() if "error" in l), p.stdout.strip()[:200])
        return False, f"Benchmarks/rules/{name} is not accepted ({first.strip().replace(ROOT + '/', '')})"

    for check, name in (("coverage", "peer-coverage.yaml"), ("overload", "peer-overload.yaml")):
        ok, why = accepted(name)
        if ok:
            files.append(os.path.join(RULES, name))
        else:
            missing[check] = why
    return files, missing


# ---- violation sets -------------------------------------------------------------------------

def spp_sets(report_path, period_start, zone_name, coverage_on, overload_on):
    """Violation sets from spp-check's JSON findings, in the peers' shape."""
    report = json.load(open(report_path))
    tz = ZoneInfo(zone_name)
    p0 = dt.datetime.fromisoformat(period_start).replace(tzinfo=tz)
    sets = {"insurance": set()}
    if coverage_on:
        sets["coverage"] = set()
    if overload_on:
        sets["overload"] = set()
    for f in report["findings"]:
        msg = f["message"]
        if f["rule"] == "peer.insurance":
            m = re.match(r"insurance (\S+) ", msg)
            sets["insurance"].add(m.group(1) if m else f"? {f['subject']} {f['outcome']}")
        elif f["rule"] == "peer.coverage" and coverage_on:
            # A finding is a maximal run of short hour slots (`granularity: 1h`): its start and
            # end are slot boundaries, so it holds the hours (end - start) / 1 h from its start.
            m = re.match(r"coverage U(\S+) (\S+) (\S+) ", msg)
            if not m:
                sets["coverage"].add(("?", msg))
                continue
            zone = "Z" + m.group(1)
            s0 = (dt.datetime.fromisoformat(m.group(2).replace("Z", "+00:00")) - p0).total_seconds()
            s1 = (dt.datetime.fromisoformat(m.group(3).replace("Z", "+00:00")) - p0).total_seconds()
            if s0 % 3600 or s1 % 3600:
                sets["coverage"].add(("? not on hour slots", msg))
                continue
            for h in range(int(s0 // 3600), int(s1 // 3600)):
                sets["coverage"].add((zone, h))
        elif f["rule"] == "peer.overload" and overload_on:
            m = re.match(r"overload (\S+) (\d{4}-\d{2}-\d{2}) ", msg)
            if m:
                days = (dt.date.fromisoformat(m.group(2)) - dt.date(1970, 1, 1)).days
                sets["overload"].add((m.group(1), (days + 3) // 7))
            else:
                sets["overload"].add(("?", msg))
    return sets


def plan_period(plan):
    """(period start, time zone) of a generated bench plan, from its text (no YAML library)."""
    text = open(plan).read()
    m = re.search(r"^period: \{start: (\d{4}-\d{2}-\d{2})", text, re.M)
    z = re.search(r"^time_zone: (\S+)", text, re.M)
    if not m or not z:
        raise BenchError(f"{plan}: no 'period: {{start: ...}}' or 'time_zone:' line")
    return m.group(1), z.group(1)


def peer_sets(path):
    raw = json.load(open(path))
    return {"insurance": set(raw["insurance"]),
            "coverage": {tuple(x) for x in raw["coverage"]},
            "overload": {tuple(x) for x in raw["overload"]}}


def compare(sets_by_engine):
    """For each check, the engines that have it and whether their sets are equal."""
    out = {}
    for check in CHECKS:
        have = {e: s[check] for e, s in sets_by_engine.items() if s is not None and check in s}
        if len(have) < 2:
            out[check] = (sorted(have), None, "")
            continue
        engines = sorted(have)
        ref = have[engines[0]]
        diffs = []
        for e in engines[1:]:
            if have[e] != ref:
                only_ref, only_e = sorted(ref - have[e])[:3], sorted(have[e] - ref)[:3]
                diffs.append(f"{engines[0]} vs {e}: {len(ref - have[e])} only in {engines[0]} {only_ref}, "
                             f"{len(have[e] - ref)} only in {e} {only_e}")
        out[check] = (engines, not diffs, "; ".join(diffs))
    return out


# ---- the machine ----------------------------------------------------------------------------

def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    swift = run_quiet(["swift", "--version"]).stdout.strip().splitlines()
    return {"nproc": os.cpu_count(), "cpu": model, "memory": mem, "os": platform.platform(),
            "python": platform.python_version(), "swift": swift[0] if swift else "?"}


def loadavg():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


# ---- main -----------------------------------------------------------------------------------

def fmt_s(m):
    return "—" if m is None else f"{m.wall:.2f}"


def fmt_cpu(m):
    return "—" if m is None else f"{m.cpu:.2f}"


def fmt_mib(m):
    return "—" if m is None else f"{m.rss_mib:,.0f}"


def ratio(a, b):
    return "—" if a is None or b is None or a.wall == 0 else f"{b.wall / a.wall:.1f}×"


def both(a, b):
    return f"{b.wall / a.wall:.1f}× wall, {b.cpu / a.cpu:.1f}× CPU"


def cpu_ratio(a, b):
    return "—" if a is None or b is None or a.cpu == 0 else f"{b.cpu / a.cpu:.1f}×"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "10k,50k,200k"))
    ap.add_argument("--no-national", action="store_true")
    ap.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    ap.add_argument("--spp", help="measure this spp-check binary instead of building one (a branch's, for a preview)")
    args = ap.parse_args()
    sizes = [s for s in args.sizes.split(",") if s]
    for s in sizes:
        if s not in SIZES:
            raise BenchError(f"unknown size '{s}'; use {', '.join(SIZES)}")
    if not os.path.exists("/usr/bin/time"):
        raise BenchError("/usr/bin/time is missing: apt-get install time (make bench does it as root)")

    started = time.time()
    load_start = loadavg()
    ensure_data(sizes, not args.no_national)
    spp = args.spp or build()
    py = venv_python()
    files, spp_missing = rule_files(spp)
    rules_args = [a for f in files for a in ("--rules", f)]
    coverage_on = "coverage" not in spp_missing
    overload_on = "overload" not in spp_missing

    rows, comparisons, failed, broken = {}, {}, False, False
    for s in sizes:
        d = os.path.join(DATA, f"bench-{s}")
        plan, roster = os.path.join(d, "plan.yaml"), os.path.join(d, "roster.json")
        log(f"== bench-{s}")
        r = {"load": None, "spp": None, "error": None}
        sets = {}
        try:
            r["load"] = measure(f"{s}-spp-load", [spp, "inspect", plan, "--as", "plan"], stdout_path=os.devnull)
            report = os.path.join(OUT, f"{s}-spp-check.json")
            r["spp"] = measure(f"{s}-spp-check", [spp, "check", plan] + rules_args + ["--format", "json", "--fail-on", "never"],
                               stdout_path=report)
            period_start, zone_name = plan_period(plan)
            sets["spp-check"] = spp_sets(report, period_start, zone_name, coverage_on, overload_on)
        except BenchError as e:
            # Go on with the peers; the run ends with status 2.
            lines = [l for l in str(e).splitlines() if ": error: " in l]
            r["error"] = (lines[0] if lines else str(e).splitlines()[0]).replace(ROOT + "/", "")
            log(f"  spp-check could not run on bench-{s}: {r['error']}")
            broken = True
        r["rego"] = None
        if py:
            rego_out = os.path.join(OUT, f"{s}-regorus-sets.json")
            r["rego"] = measure(f"{s}-regorus", [py, os.path.join(PEERS, "regorus_sets.py"), os.path.join(PEERS, "checks.rego"),
                                                roster, rego_out])
            sets["regorus"] = peer_sets(rego_out)
        py_out = os.path.join(OUT, f"{s}-python-sets.json")
        r["python"] = measure(f"{s}-python", [sys.executable, os.path.join(PEERS, "checks_sets.py"), roster, py_out])
        sets["python"] = peer_sets(py_out)
        r["sizes"] = {e: {c: len(v) for c, v in st.items()} for e, st in sets.items()}
        comparisons[s] = compare(sets)
        for check, (engines, same, diff) in comparisons[s].items():
            if same is False:
                failed = True
                log(f"  DIFFERENT {check} sets at {s}: {diff}")
        rows[s] = r

    national = None
    if not args.no_national:
        d = os.path.join(DATA, "national")
        plan = os.path.join(d, "plan.yaml")
        csvs = [os.path.join(d, f) for f in ("contributors.csv", "assignments.csv", "qualifications.csv")]
        log("== national")
        national = {"csv_bytes": sum(os.path.getsize(f) for f in csvs),
                    "plan_bytes": os.path.getsize(plan)}
        national["load"] = measure("national-spp-load", [spp, "inspect", plan, "--as", "plan"], stdout_path=os.devnull)
        pyc = measure("national-python-csv", [sys.executable, os.path.join(BENCH, "load", "python_csv.py")] + csvs)
        national["python_csv"] = pyc
        national["python_csv_out"] = json.loads(pyc.stdout)
        report = os.path.join(OUT, "national-check.json")
        # SPP_CHECK_TIMING=1: the check prints how long each phase took (evaluation alone).
        national["check"] = measure("national-check", [spp, "check", plan, "--format", "json", "--fail-on", "never"],
                                    stdout_path=report, env={"SPP_CHECK_TIMING": "1"})
        rep = json.load(open(report))
        national["packs"] = rep["run"]["rule_packs"]
        national["rules"] = rep["run"]["rules_evaluated"]
        national["findings"] = rep["summary"]["findings"]

    text = render(rows, comparisons, national, spp_missing, py is not None, machine(),
                  load_start, loadavg(), time.time() - started)
    print(text)
    if not args.no_docs:
        write_docs(text)
        log("wrote docs/performance.md (commit it by hand after a real run)")
    if broken:
        log("FAIL: spp-check could not run on some dataset (see the table)")
        return 2
    if failed:
        log("FAIL: the engines' violation sets differ (see the table)")
        return 1
    return 0


def render(rows, comparisons, national, spp_missing, rego_on, mach, load_start, load_end, elapsed):
    L = []
    L.append(f"Machine: {mach['nproc']} cores, {mach['cpu']}, {mach['memory']} RAM; {mach['os']}; "
             f"{mach['swift']}; Python {mach['python']}.")
    L.append(f"Run: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {elapsed / 60:.1f} min in all; "
             f"load average {load_start} at the start, {load_end} at the end (other processes share the cores: "
             f"wall times are inflated by that much; CPU time is steadier).")
    L.append("")
    L.append("### The three shared checks (insurance, coverage, overload), load included")
    L.append("")
    L.append("Contributors × 8 twelve-hour assignments over four weeks (2025-06-02 → 06-30), one station per 50 "
             "contributors. Whole-process wall time (s), CPU time user+sys (s), peak RSS (MiB).")
    L.append("")
    L.append("| contributors | spp-check load (inspect) | spp-check check | regorus (opa-eval) | plain Python | regorus ÷ spp-check (wall · CPU) | Python ÷ spp-check (wall · CPU) |")
    L.append("|---|---|---|---|---|---|---|")
    for s, r in rows.items():
        cell = lambda m: "not measured" if m is None else f"{fmt_s(m)} s · {fmt_cpu(m)} s CPU · {fmt_mib(m)} MiB"
        L.append(f"| {SIZES[s]:,} | {cell(r['load'])} | {cell(r['spp'])} | {cell(r['rego'])} | {cell(r['python'])} | "
                 f"{ratio(r['spp'], r['rego'])} · {cpu_ratio(r['spp'], r['rego'])} | {ratio(r['spp'], r['python'])} · {cpu_ratio(r['spp'], r['python'])} |")
    if "10k" in rows and "200k" in rows:
        sc = lambda k: ("—" if rows["10k"][k] is None or rows["200k"][k] is None
                        else f"{rows['200k'][k].wall / rows['10k'][k].wall:.1f}")
        sc = lambda k: ("—" if rows["10k"][k] is None or rows["200k"][k] is None
                        else f"{rows['200k'][k].wall / rows['10k'][k].wall:.1f} · {rows['200k'][k].cpu / rows['10k'][k].cpu:.1f}")
        L.append(f"| scaling 200k ÷ 10k (wall · CPU) | {sc('load')} | {sc('spp')} | {sc('rego')} | {sc('python')} | | |")
    L.append("")
    L.append("Violation sets (sizes per engine; = when every engine that has the check gives the same set):")
    L.append("")
    L.append("| contributors | check | spp-check | regorus | Python | sets |")
    L.append("|---|---|---|---|---|---|")
    for s, r in rows.items():
        for check in CHECKS:
            engines, same, diff = comparisons[s][check]
            n = lambda e: str(r["sizes"][e][check]) if e in r["sizes"] and check in r["sizes"][e] else "—"
            verdict = ("identical" if same else f"DIFFERENT: {diff}") if same is not None else "not compared"
            L.append(f"| {SIZES[s]:,} | {check} | {n('spp-check')} | {n('regorus')} | {n('python')} | {verdict} |")
    L.append("")
    for s, r in rows.items():
        if r["error"]:
            L.append(f"spp-check could not run on {SIZES[s]:,} contributors: `{r['error']}`.")
    if not rego_on:
        L.append("regorus was NOT measured: `pip install opa-eval` failed (no network?).")
    for check, why in spp_missing.items():
        L.append(f"spp-check cannot run check ({check}): {why}. Its time above leaves that check out.")
    if national:
        n = national
        load, pyc, chk = n["load"], n["python_csv"], n["check"]
        mb = n["csv_bytes"] / 1e6
        L.append("")
        counts = n["python_csv_out"].get("rows", {})
        L.append(f"### National dataset ({counts.get('contributors.csv', 0):,} contributors, "
                 f"{counts.get('assignments.csv', 0):,} assignments, {counts.get('qualifications.csv', 0):,} qualifications)")
        L.append("")
        L.append(f"CSV rosters {mb:.0f} MB (contributors, assignments, qualifications) + plan.yaml "
                 f"{n['plan_bytes'] / 1e6:.1f} MB.")
        L.append("")
        L.append("| what | wall s | CPU s | peak MiB | MB/s (CSV bytes ÷ wall) |")
        L.append("|---|---|---|---|---|")
        L.append(f"| spp-check load alone (`inspect`, plan + 3 CSV files, typed and checked) | {fmt_s(load)} | {fmt_cpu(load)} | {fmt_mib(load)} | {mb / load.wall:.0f} |")
        L.append(f"| Python `csv.reader`, same 3 CSV files, rows counted only (in-script {pyc_s(n)} s) | {fmt_s(pyc)} | {fmt_cpu(pyc)} | {fmt_mib(pyc)} | {mb / pyc.wall:.0f} |")
        L.append(f"| spp-check check, standard packs ({', '.join(n['packs']) or 'none loaded'}; {n['rules']} rules; {n['findings']} findings) | {fmt_s(chk)} | {fmt_cpu(chk)} | {fmt_mib(chk)} | |")
        L.append("")
        L.append(f"spp-check load ÷ Python csv: {load.wall / pyc.wall:.2f}× the time (wall), {load.cpu / pyc.cpu:.2f}× (CPU). "
                 + (f"Evaluation alone ≈ check − load = {chk.wall - load.wall:.2f} s wall, {chk.cpu - load.cpu:.2f} s CPU."
                    if n["rules"] else "No rule ran, so check ≈ load (the difference is noise)."))
        phases = [(name, chk.phase(name)) for name in ("load", "evaluate", "gather", "report")]
        if all(v is not None for _, v in phases):
            L.append("")
            L.append("Phases of the check, wall time (`SPP_CHECK_TIMING=1`): "
                     + ", ".join(f"{name} {v:.2f} s" for name, v in phases) + ".")
    L.append("")
    L.append("### Targets (issues 4, 5, 7)")
    L.append("")
    L.extend(targets(rows, national, spp_missing))
    return "\n".join(L) + "\n"


def pyc_s(n):
    return n["python_csv_out"].get("seconds", "?")


def verdict(ok):
    return "met" if ok else "NOT met"


def targets(rows, national, spp_missing):
    T = []
    notes = []
    ran = [c for c in CHECKS if c not in spp_missing]
    if spp_missing:
        notes.append("spp-check ran " + ", ".join(ran) + " only")
    note = f" ({'; '.join(notes)})" if notes else ""
    r = rows.get("200k")
    if r and r["spp"] is None:
        T.append(f"- 200k: spp-check could not run ({r['error']}): no figure against regorus or Python")
    elif r:
        if r["rego"]:
            T.append(f"- 200k, three checks, spp-check ≥ 50× faster than regorus: {both(r['spp'], r['rego'])} — "
                     f"{verdict(r['rego'].wall / r['spp'].wall >= 50)}{note}")
        else:
            T.append("- 200k, spp-check ≥ 50× faster than regorus: not measured (regorus not installed)")
        T.append(f"- 200k, three checks, spp-check ≥ 5× faster than plain Python: {both(r['spp'], r['python'])} — "
                 f"{verdict(r['python'].wall / r['spp'].wall >= 5)}{note}")
    if "10k" in rows and "200k" in rows and rows["10k"]["spp"] and rows["200k"]["spp"]:
        a, b = rows["10k"]["spp"], rows["200k"]["spp"]
        T.append(f"- scaling time@200k ÷ time@10k < 25: {b.wall / a.wall:.1f} wall, {b.cpu / a.cpu:.1f} CPU — {verdict(b.wall / a.wall < 25)}")
    if national:
        c, l, p = national["check"], national["load"], national["python_csv"]
        T.append(f"- national, full standard packs < 15 s and < 4 GiB: {c.wall:.1f} s, {c.rss_mib / 1024:.2f} GiB — "
                 f"{verdict(c.wall < 15 and c.rss_mib < 4096)}" + ("" if national["rules"] else " (no rule ran: no standard pack yet)"))
        e = c.phase("evaluate")
        if e is not None:
            T.append(f"- national, evaluation after loading < 5 s: {e:.1f} s wall — {verdict(e < 5)}")
        T.append(f"- national load faster than Python's csv and < 2 GiB: {l.wall:.1f} s vs {p.wall:.1f} s, "
                 f"{l.rss_mib / 1024:.2f} GiB — {verdict(l.wall < p.wall and l.rss_mib < 2048)}")
    return T


def write_docs(table):
    path = os.path.join(ROOT, "docs", "performance.md")
    head = open(path).read().split("<!-- bench:start -->")[0] if os.path.exists(path) else DOC_HEAD
    with open(path, "w") as f:
        f.write(head.rstrip("\n") + "\n\n<!-- bench:start -->\n" + table + "<!-- bench:end -->\n")


DOC_HEAD = "# Performance\n"

if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        log(f"bench: error: {e}")
        sys.exit(2)
