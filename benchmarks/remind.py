"""`privacy-tui remind --json` on a 10,000-request vault (key from the keyring), against `python -c pass`.

Both are measured in this run, as fresh processes, interleaved so they see the same machine
load; the figure is the median of several runs. Target: remind ≤ 300 ms.

Run it inside `scripts/with-keyring` so the vault opens like a user's:
    scripts/with-keyring .venv/bin/python benchmarks/remind.py
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from busy_vault import build_vault

REQUESTS = 10_000
COMPANIES = 200
RUNS = 7
TODAY = date(2026, 3, 10)


# Where the time goes, in one fresh process: the same steps `remind --json` takes, timed one by one.
PHASES = """
import gc, json, sys, time
t0 = time.perf_counter()
gc.disable()
marks = []
def mark(name):
    marks.append((name, time.perf_counter()))
from privacy_tui.cli import build_parser
build_parser("remind")
mark("imports + argument parser")
from privacy_tui.commands.remind import _reader
with _reader(False) as store:
    mark("summary open (header, key via Secret Service, decrypt, decode)")
    from datetime import date
    from privacy_tui.commands.remind import _request_records
    from privacy_tui.services.reminders import compute_reminders
    items = compute_reminders(_request_records(store), store.companies(), date.fromisoformat(sys.argv[1]), 7)
    mark("compute reminders")
    import orjson
    orjson.dumps([r.to_json() for r in items])
    mark("JSON output")
prev = t0
out = []
for name, t in marks:
    out.append(f"{name}={(t - prev) * 1000:.1f}")
    prev = t
sys.stderr.write(";".join(out))
"""


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    return time.perf_counter() - start, proc


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="privacy-tui-bench-") as tmp:
        home = Path(tmp) / "home"
        t = time.perf_counter()
        build_vault(home, REQUESTS, COMPANIES, TODAY)
        print(f"built a vault with {REQUESTS} requests and {COMPANIES} companies in {time.perf_counter() - t:.1f} s "
              f"({(home / 'vault.ptv').stat().st_size / 1e6:.1f} MB)")
        env = dict(os.environ, PRIVACY_TUI_HOME=str(home))
        env.pop("PRIVACY_TUI_PASSPHRASE", None)  # the key must come from the keyring
        remind = [sys.executable, "-m", "privacy_tui", "remind", "--json", "--today", TODAY.isoformat()]
        bare_cmd = [sys.executable, "-c", "pass"]
        bare, timed = [], []
        summary = {}
        for _ in range(RUNS):
            bare.append(measure(bare_cmd, env)[0])
            elapsed, proc = measure(remind, env)
            if proc.returncode not in (0, 10):
                sys.exit(f"remind failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
            summary = json.loads(proc.stdout)["counts"]
            timed.append(elapsed)
        phases: dict[str, list[float]] = {}
        for _ in range(RUNS):
            _, proc = measure([sys.executable, "-c", PHASES, TODAY.isoformat()], env)
            if proc.returncode != 0:
                sys.exit(f"the phase breakdown failed:\n{proc.stderr[-2000:]}")
            for part in proc.stderr.strip().splitlines()[-1].split(";"):
                name, value = part.rsplit("=", 1)
                phases.setdefault(name, []).append(float(value))
    b, r = statistics.median(bare), statistics.median(timed)

    def runs(xs):
        return ", ".join(f"{x * 1000:.0f}" for x in xs)

    print(f"python -c pass:                      median {b * 1000:.0f} ms  (runs: {runs(bare)})")
    print(f"privacy-tui remind --json (keyring): median {r * 1000:.0f} ms  (runs: {runs(timed)}) -> {r / b:.1f}x python -c pass")
    print(f"reminders found: {summary}")
    print("where the time goes (median of the same steps in a fresh process, after interpreter start-up):")
    for name, values in phases.items():
        print(f"  {name:<42} {statistics.median(values):6.0f} ms")
    print(f"target: <= 300 ms -> {'met' if r <= 0.300 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
