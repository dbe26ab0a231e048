#!/usr/bin/env python3
"""run_regorus.py for the benchmark: evaluates checks.rego (unchanged) in regorus through opa-eval,
with one added entry point that returns the three violation sets at once, and writes them as JSON.
usage: regorus_sets.py checks.rego ROSTER.json SETS.json
Prints compile, read and evaluate() times. SETS.json has the shape checks_sets.py writes."""
import json, os, sys, tempfile, time
import opa_eval

ENTRY = """
# added by Benchmarks/peers/regorus_sets.py: the three sets in one query
all_violations := {"insurance": insurance_violations, "coverage": coverage_violations, "overload": overload_violations}
"""

pol, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
with open(pol, encoding="utf-8") as f:
    text = f.read() + ENTRY
fd, combined = tempfile.mkstemp(suffix=".rego")
with os.fdopen(fd, "w", encoding="utf-8") as f:
    f.write(text)
try:
    t0 = time.perf_counter(); ev = opa_eval.OpaEval(combined, query="data.roster.all_violations"); t1 = time.perf_counter()
    data = open(path, encoding="utf-8").read(); t2 = time.perf_counter()
    result = ev.evaluate(data); t3 = time.perf_counter()
finally:
    os.unlink(combined)
sets = json.loads(result)
# opa-eval returns the query's value (a list of results for some versions): unwrap to the object.
while isinstance(sets, list) and len(sets) == 1 and isinstance(sets[0], (dict, list)):
    sets = sets[0]
for key in ("result", "expressions", "value"):
    if isinstance(sets, dict) and key in sets and "insurance" not in sets:
        sets = sets[key]
        while isinstance(sets, list) and len(sets) == 1:
            sets = sets[0]
with open(out, "w") as f:
    json.dump({k: sorted(sets[k]) for k in ("insurance", "coverage", "overload")}, f)
print(json.dumps({k: len(sets[k]) for k in ("insurance", "coverage", "overload")}),
      f"compile={t1-t0:.3f}s read={t2-t1:.2f}s evaluate={t3-t2:.2f}s input_MB={len(data)/1e6:.1f}")
