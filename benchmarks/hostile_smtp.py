"""Hostile SMTP peers on 127.0.0.1 against one send with a 5 s total deadline: time and peak RSS.

Each case runs in a fresh process (so its peak RSS is its own) with the peers of
tests/support/smtp_peers.py. Target (issue 10): every case ends within the deadline + 2 s and under
300 MB. Run: .venv/bin/python benchmarks/hostile_smtp.py
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEADLINE = 5.0

CASES = {
    "trickling greeting": 'greeting=trickle(b"220 " + b"slow" * 500 + b"\\r\\n")',
    "endless 220- continuation": 'greeting=endless(b"220-" + b"x" * 70 + b"\\r\\n")',
    "endless line without newline": 'greeting=endless(b"x" * 1000)',
    "trickled TLS handshake": 'greeting=trickle(b"\\x16\\x03\\x03\\x40\\x00" + b"\\x02" * 5000)',
    "trickling reply after DATA": 'after_data=trickle(b"250 " + b"o" * 500 + b"\\r\\n")',
    "binary garbage after DATA": 'after_data=reply(b"\\x00\\xff\\xfe garbage\\r\\n")',
    "20,000-character reply after DATA": 'after_data=reply(b"500 " + b"L" * 20000 + b"\\r\\n")',
    "299 after DATA": 'after_data=reply(b"299 odd\\r\\n")',
    "disconnect after DATA": "after_data=hang_up",
}

PROBE = """
import json, resource, sys, time
sys.path.insert(0, {tests!r})
from support.smtp_peers import endless, hang_up, reply, start_peer, trickle
from privacy_tui.transport.smtp import SmtpSendError, send_message
from privacy_tui.transport.message import make_message

peer = start_peer({case})
extra = {{"security": "ssl", "host": "localhost"}} if "x16" in {case!r} else {{}}
msg = make_message(from_addr="zoe@example.org", to=["privacy@acme.example"], subject="Access", body="Hello\\n")
start = time.monotonic()
try:
    send_message(peer.settings(timeout={deadline}, **extra), "", msg)
    outcome = "sent"
except SmtpSendError as exc:
    outcome = f"{{exc.stage}}{{' maybe delivered' if exc.maybe_delivered else ''}}"
elapsed = time.monotonic() - start
peer.stop()
print(json.dumps({{"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "outcome": outcome}}))
"""


def main() -> int:
    worst = 0.0
    print(f"{'case':<36} {'outcome':<26} {'seconds':>8} {'peak RSS':>9}")
    for name, case in CASES.items():
        code = PROBE.format(tests=str(REPO / "tests"), case=case, deadline=DEADLINE)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                              env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, timeout=120)
        if done.returncode != 0:
            print(f"{name}: failed\n{done.stderr}")
            return 1
        r = json.loads(done.stdout)
        worst = max(worst, r["seconds"])
        print(f"{name:<36} {r['outcome']:<26} {r['seconds']:>7.2f}s {r['rss_mb']:>7.1f} MB")
    print(f"worst: {worst:.2f} s against a {DEADLINE:g} s deadline (target: under {DEADLINE + 2:g} s)")
    return 0 if worst < DEADLINE + 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
