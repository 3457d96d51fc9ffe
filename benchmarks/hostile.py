"""Time and peak memory of the CLI against special files, hostile HTTP peers and costly documents.

    .venv/bin/python benchmarks/hostile.py [--only files|peers|documents] [--json]

Every case runs `python -m privacy_tui ...` in a fresh process (a temporary home with a vault)
and reports its wall time, peak RSS (from wait4) and exit code, against its budget: the
documented deadline of the operation + 2 s (policy fetch 15 s, directory update and DRP 30 s;
3 s for files (Python start-up and unlocking the vault with scrypt), 10 s for documents) and
300 MB. Peers are the ones of
tests/hostile/http_peers.py on 127.0.0.1, with a 1 GB gzip bomb.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "hostile"))

from hostile_files import heavy_pdf, many_pages_pdf, pdf_document, text_operators  # noqa: E402
from http_peers import HostilePeer, bomb  # noqa: E402

MB = 1024 * 1024
RSS_BUDGET_MB = 300
SLACK = 2.0
PASSPHRASE = "benchmark passphrase 4 hostile"


def run(argv: list[str], env: dict[str, str], budget: float, stdin: bytes = b"") -> dict:
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(stdin)
    proc.stdin.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    rss = usage.ru_maxrss / 1024  # KB on Linux
    return {
        "seconds": round(seconds, 2),
        "rss_mb": round(rss, 1),
        "exit": proc.returncode,
        "budget_s": budget + SLACK,
        "ok": seconds <= budget + SLACK and rss <= RSS_BUDGET_MB and proc.returncode not in (0, 1),
        "error": err.strip().splitlines()[-1][:150] if err.strip() else "",
    }


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "privacy_tui", *args]


def special_files(tmp: Path) -> dict[str, Path]:
    fifo = tmp / "fifo.json"
    os.mkfifo(fifo)
    folder = tmp / "folder.json"
    folder.mkdir()
    sock_path = tmp / "sock.json"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    sock.listen(1)
    special_files.keep = sock  # type: ignore[attr-defined]  # open for the whole run
    return {"/dev/zero": Path("/dev/zero"), "FIFO": fifo, "folder": folder, "socket": sock_path}


FILE_COMMANDS = {
    "policy analyze": ["policy", "analyze", "{}"],
    "company import-policy": ["company", "import-policy", "{}", "--yes"],
    "import json": ["import", "json", "{}"],
    "vault restore": ["vault", "restore", "{}"],
    "request edit --body-file": ["request", "edit", "r0000000", "--body-file", "{}"],
    "directory import": ["directory", "import", "{}"],
    "drp directory": ["drp", "directory", "{}"],
    "drp businesses": ["drp", "businesses", "{}"],
    "config smtp --ca-file": ["config", "smtp", "--host", "smtp.example.org", "--port", "465", "--security", "ssl",
                              "--username", "a@example.org", "--from", "a@example.org", "--ca-file", "{}"],
    "export ics": ["export", "ics", "{}"],
}


def bench_files(env: dict[str, str], tmp: Path) -> list[dict]:
    rows = []
    for kind, path in special_files(tmp).items():
        for name, argv in FILE_COMMANDS.items():
            result = run(cli(*[a.replace("{}", str(path)) for a in argv]), env, 3.0)  # start-up + scrypt
            rows.append({"case": f"{name} {kind}", **result})
    return rows


def bench_peers(env: dict[str, str], only: list[str] | None = None) -> list[dict]:
    rows = []
    for kind in ("gzip", "deflate"):
        bomb(kind, 1024 * MB)  # compressed before the clock starts: a peer answers at once
    with HostilePeer(bomb_bytes=1024 * MB) as peer:
        paths = ["/trickle-body", "/trickle-headers", "/silent", "/endless", "/gzip-bomb", "/deflate-bomb", "/garbage",
                 "/endless-header", "/chain/0", "/redirect?to=" + quote("https://10.0.0.1/", safe=""),
                 "/redirect?to=" + quote("https://169.254.169.254/", safe=""),
                 "/redirect?to=" + quote("http://example.org/", safe="")]
        users = {
            "policy analyze URL": (lambda url: cli("policy", "analyze", url), 15.0),
            "directory update": (lambda url: cli("directory", "update", "--url", url), 30.0),
            "drp directory URL": (lambda url: cli("drp", "directory", url), 30.0),
            "DrpClient.pair": (lambda url: [sys.executable, "-c", PAIR, url], 30.0),
        }
        for path in paths:
            if only and not any(path.startswith(p) for p in only):
                continue
            for name, (argv, deadline) in users.items():
                result = run(argv(peer.url(path)), env, deadline)
                rows.append({"case": f"{name} {path.split('?')[0]}{' ' + path.split('=')[1] if '=' in path else ''}", **result})
    return rows


PAIR = """
import sys
from privacy_tui.transport.drp import DrpBusiness, DrpClient, generate_agent_key
from privacy_tui.core.errors import PrivacyTuiError
try:
    with DrpClient("AGENT", generate_agent_key()) as client:
        client.pair(DrpBusiness(id="B", name="B", api_base=sys.argv[1]))
except PrivacyTuiError as exc:
    print("error:", exc, file=sys.stderr)
    sys.exit(exc.exit_code)
"""


def bench_documents(env: dict[str, str], tmp: Path) -> list[dict]:
    docs = {
        "PDF, one page drawing 8 MB": ("heavy.pdf", heavy_pdf()),
        "PDF, 3,000 pages sharing 1 MB": ("many.pdf", many_pages_pdf(3000)),
        "PDF, 900 KB of text operators": ("ops.pdf", pdf_document(text_operators(900 * 1024))),
        "PDF, 999 pages sharing 1.5 KB": ("pages.pdf", pdf_document(text_operators(1500), 999)),
        "HTML, 1 M nested <div> (5 MB)": ("nested.html", b"<html><body>" + b"<div>" * 1_000_000 + b"Privacy</body></html>"),
        "HTML, 1.2 M unclosed <p> (5 MB)": ("p.html", b"<html><body>" + b"<p>x " * 1_000_000),
    }
    rows = []
    for name, (file_name, data) in docs.items():
        path = tmp / file_name
        path.write_bytes(data)
        result = run(cli("policy", "analyze", str(path)), env, 10.0)
        result["ok"] = result["ok"] or (result["exit"] == 0 and result["seconds"] <= result["budget_s"])
        rows.append({"case": f"{name} ({len(data) // 1024:,} KB file)", **result})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("files", "peers", "documents"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--peer", action="append", metavar="PATH", help="only these peer paths (e.g. /gzip-bomb)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pt-hostile-") as name:
        tmp = Path(name)
        env = dict(os.environ, PRIVACY_TUI_HOME=str(tmp / "home"), PRIVACY_TUI_PASSPHRASE=PASSPHRASE,
                   PRIVACY_TUI_NO_KEYRING="1", PYTHONPATH=str(REPO))
        subprocess.run(cli("init"), env=env, check=True, capture_output=True)
        rows: list[dict] = []
        if args.only in (None, "files"):
            rows += bench_files(env, tmp)
        if args.only in (None, "documents"):
            rows += bench_documents(env, tmp)
        if args.only in (None, "peers"):
            rows += bench_peers(env, args.peer)
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        width = max(len(r["case"]) for r in rows)
        print(f"{'case':<{width}}  {'time s':>7} {'budget':>7} {'RSS MB':>7} exit  ok  error")
        for r in rows:
            print(f"{r['case']:<{width}}  {r['seconds']:>7.2f} {r['budget_s']:>7.1f} {r['rss_mb']:>7.1f} {r['exit']:>4}  "
                  f"{'yes' if r['ok'] else 'NO ':>3}  {r['error'][:90]}")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
