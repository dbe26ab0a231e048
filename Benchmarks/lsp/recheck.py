#!/usr/bin/env python3
"""How long `spp-check lsp` takes to re-check a plan after one edit of its roster.

Opens Examples/sapeurs-pompiers/compliant/plan.yaml and its assignments roster in the release
server (no debounce: `initializationOptions.debounceMs = 0`), then types one edit of the roster
N times (alternating two versions of one row) and measures, for each, the wall time from sending
`didChange` to the answer of a request sent right after it: the server handles messages in order,
so that answer comes once the plan has been re-checked and every file's diagnostics published.
Prints the median and the extremes, and the server's CPU time (user + system, from /proc) per
re-check, steadier than wall time on a shared machine. See docs/performance.md. Standard library only.

    python3 Benchmarks/lsp/recheck.py [--runs 30] [--binary .build/release/spp-check]
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "Examples/sapeurs-pompiers/compliant"


class Client:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.published = 0

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send(dict(id=self.next_id, method=method, params=params))
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics":
                self.published += 1
            elif m.get("id") == self.next_id:
                return m

    def notify(self, method, params):
        self.send(dict(method=method, params=params))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--binary", default=str(ROOT / ".build/release/spp-check"))
    args = ap.parse_args()
    c = Client(args.binary)
    c.request("initialize", dict(rootUri=ROOT.as_uri(), capabilities={}, initializationOptions=dict(debounceMs=0)))
    c.notify("initialized", {})
    plan = EXAMPLE / "plan.yaml"
    roster = EXAMPLE / "assignments.csv"
    text = roster.read_text()
    first = text.splitlines()[1]
    edited = text.replace(first, first.replace("T07:00,", "T06:59,", 1), 1)
    assert edited != text
    start = time.perf_counter()
    c.notify("textDocument/didOpen", dict(textDocument=dict(uri=plan.as_uri(), languageId="yaml", version=1, text=plan.read_text())))
    c.request("spp/ping", {})
    opened = time.perf_counter() - start
    c.notify("textDocument/didOpen", dict(textDocument=dict(uri=roster.as_uri(), languageId="csv", version=1, text=text)))
    c.request("spp/ping", {})
    def cpu_seconds():
        fields = pathlib.Path(f"/proc/{c.p.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    cpu_before = cpu_seconds()
    times = []
    for i in range(args.runs):
        version = i + 2
        start = time.perf_counter()
        c.notify("textDocument/didChange", dict(textDocument=dict(uri=roster.as_uri(), version=version),
                                                contentChanges=[dict(text=edited if i % 2 == 0 else text)]))
        c.request("spp/ping", {})
        times.append(time.perf_counter() - start)
    cpu = (cpu_seconds() - cpu_before) / args.runs
    c.request("shutdown", None)
    c.notify("exit", None)
    c.p.wait(timeout=10)
    ms = sorted(t * 1000 for t in times)
    print(f"first check on opening the plan: {opened * 1000:.0f} ms")
    print(f"re-check after one roster edit ({args.runs} edits): median {statistics.median(ms):.0f} ms, "
          f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms; server CPU time {cpu * 1000:.0f} ms per re-check; "
          f"{c.published} publishDiagnostics received")
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
