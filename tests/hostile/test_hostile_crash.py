"""An unexpected error in the app: one line on stderr, exit 1, no traceback, no locals.

The app runs in a child process (the real `launch()` entry point) with a screen that raises; the
error message quotes data and a local variable holds a secret, as a real crash would.
"""

from __future__ import annotations

import re
import subprocess
import sys

from support.cli import cli_env
from support.paths import REPO

SCRIPT = """
from privacy_tui.vault.paths import paths
from privacy_tui.ui import app as app_module
from privacy_tui.ui import launch

class Boom(app_module.PrivacyApp):
    CSS_PATH = app_module.__file__.replace("app.py", "app.tcss")

    def on_mount(self):
        secret_local = "SECRET-LOCAL-VALUE"
        raise KeyError("[/] Closer Ltd " + secret_local)

app_module.build_app = lambda: Boom(paths=paths())
raise SystemExit(launch.launch())
"""


# Textual drives the terminal through stderr when stdout is not one: its own mode switches
# (CSI ... and OSC ... BEL) are not what the person reads once the app has gone.
_TERMINAL_MODES = re.compile(r"\x1b\[[?<>=0-9;$]*[A-Za-z~]|\x1b\][^\x07]*\x07")


def run_crashing_app(**env: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=cli_env(**env), stdin=subprocess.DEVNULL, cwd=REPO,
        capture_output=True, text=True, timeout=120,
    )
    return proc.returncode, _TERMINAL_MODES.sub("", proc.stdout), _TERMINAL_MODES.sub("", proc.stderr)


def test_crash_shows_one_line_and_exits_1():
    rc, out, err = run_crashing_app()
    assert rc == 1
    assert err.splitlines() == ["error: the app stopped on an unexpected KeyError (PRIVACY_TUI_DEBUG=1 shows the details)"], err
    for leak in ("Traceback", "SECRET-LOCAL-VALUE", "Closer Ltd", "secret_local"):
        assert leak not in err and leak not in out


def test_debug_shows_the_traceback_without_locals():
    rc, out, err = run_crashing_app(PRIVACY_TUI_DEBUG="1")
    assert rc == 1
    assert "Traceback" in err and "KeyError" in err
    assert err.splitlines()[-1].startswith("error: the app stopped on an unexpected KeyError")
    # The frames are shown, their local variables are not (the message itself quotes the value once).
    assert "secret_local =" not in err and err.count("SECRET-LOCAL-VALUE") == 1


def test_worker_errors_are_one_line_in_the_app_and_tracebacks_only_with_debug(monkeypatch):
    import io

    from privacy_tui.ui.crash import report_after_exit
    from privacy_tui.ui.workers import failure

    def boom():
        raise ValueError("[/] Closer Ltd")

    for debug in ("", "1"):
        monkeypatch.setenv("PRIVACY_TUI_DEBUG", debug)
        try:
            boom()
        except ValueError as exc:
            failed = failure("load the thing", exc)
        assert failed.reason == "unexpected ValueError: [/] Closer Ltd"  # shown as text (ui.safe)
        out = io.StringIO()
        report_after_exit(None, out)
        if debug:
            assert "Traceback" in out.getvalue() and "in boom" in out.getvalue()
        else:
            assert out.getvalue() == ""
