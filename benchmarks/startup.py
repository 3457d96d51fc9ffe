"""Start-up: process start → dashboard ready on a 10,000-request vault (key from the keyring),
against a bare Textual app that shows one widget; both measured in this run. Target: ≤ 1.3×.

Run it inside `scripts/with-keyring` (as `make bench` does) so the vault opens like a user's.
Each measurement is a fresh process run headless; "ready" means the deadline table is filled.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from busy_vault import build_vault

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10000"))
COMPANIES = 200
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TODAY = date(2026, 3, 10)

BARE = """
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

# The dashboard's kind of screen in plain Textual, no privacy-tui code and no data to read: the
# floor that any dashboard with a header, a footer of bindings, sparklines and a table pays.
WIDGETS = """
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static
class Widgets(App):
    BINDINGS = [Binding(k, "bell", k.upper()) for k in "omncipsar"] + [Binding("f1", "bell", "Help")]
    def compose(self):
        yield Header()
        with Horizontal(id="top"):
            yield Static("\\n".join(f"status {i:<8}{i:>6}" for i in range(11)), id="counts")
            with Vertical():
                for name in ("sent", "answered"):
                    with Horizontal():
                        yield Label(name)
                        yield Sparkline([1, 4, 2, 8, 5, 7, 3, 9, 4, 6, 2, 5])
        yield Static("! one reminder\\n! another reminder\\n· a third one")
        yield Label("Deadlines")
        table = DataTable(zebra_stripes=True, cursor_type="row")
        for name in ("Company", "Request", "Law", "Sent", "Due", "", "Status"):
            table.add_column(name, width=12)
        for i in range(60):
            table.add_row(f"Company {i}", "access", "UK GDPR", "3 Mar 2026", "7 Apr 2026", f"{i} days left", "sent")
        yield table
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.exit)
Widgets().run(headless=True)
"""

DASHBOARD = """
import os, sys, time
from datetime import date
from privacy_tui.ui.app import build_app
from privacy_tui.ui.screens.dashboard import DashboardScreen

T0 = float(os.environ["BENCH_T0"])
shown = DashboardScreen.on_screen_resume
def on_resume(self):
    self.app.call_after_refresh(lambda: setattr(self.app, "shown_at", time.time() - T0))
    shown(self)
DashboardScreen.on_screen_resume = on_resume
loaded = DashboardScreen.on_dashboard_loaded
def ready(self, message):
    app = self.app
    full = app.store is not None  # False while the dashboard shows the vault's summary
    def done():
        now = time.time() - T0
        if not hasattr(app, "filled_at"):
            app.filled_at = now
        if full:
            rows = self.query_one("#deadlines").row_count
            sys.stderr.write(f"{app.shown_at:.3f} {app.filled_at:.3f} {now:.3f} rows={rows} unlocked_by={app.store.vault.unlocked_by}\\n")
            app.exit()
    # Queued before the handler runs, so it fires right after the paint that shows the data
    # (ahead of the dashboard's own after-paint work, such as streaming in further rows).
    app.call_after_refresh(done)
    loaded(self, message)
DashboardScreen.on_dashboard_loaded = ready
build_app(today=date(2026, 3, 10), blink=False).run(headless=True)
"""


def measure(code: str, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    env = dict(env, BENCH_T0=repr(time.time()))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"the measured process failed:\n{proc.stderr[-2000:]}")
    return elapsed, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def main() -> int:
    # An installed package has its bytecode compiled (pip does it; Textual's is): so has ours here,
    # even under PYTHONDONTWRITEBYTECODE, or every run would also pay for compiling our modules.
    import compileall

    import privacy_tui

    compileall.compile_dir(str(Path(privacy_tui.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory(prefix="privacy-tui-bench-") as tmp:
        home = Path(tmp) / "home"
        t = time.perf_counter()
        build_vault(home, REQUESTS, COMPANIES, TODAY)
        print(f"built a vault with {REQUESTS} requests and {COMPANIES} companies in {time.perf_counter() - t:.1f} s "
              f"({(home / 'vault.ptv').stat().st_size / 1e6:.1f} MB)")
        env = dict(os.environ, PRIVACY_TUI_HOME=str(home))
        env.pop("PRIVACY_TUI_PASSPHRASE", None)
        bare, widgets, shown, filled, opened = [], [], [], [], []
        info = ""
        for _ in range(RUNS):  # interleaved, so both see the same machine load
            bare.append(measure(BARE, env)[0])
            widgets.append(measure(WIDGETS, env)[0])
            _, info = measure(DASHBOARD, env)
            first, data, full, *rest = info.split()
            shown.append(float(first))
            filled.append(float(data))
            opened.append(float(full))
            info = " ".join(rest)
    b, w, s_, f, o = (statistics.median(xs) for xs in (bare, widgets, shown, filled, opened))

    def runs(xs):
        return ", ".join(f"{x * 1000:.0f}" for x in xs)

    print(f"bare Textual app, one widget on screen:        median {b * 1000:.0f} ms  (runs: {runs(bare)})")
    print(f"plain Textual, the dashboard's widgets, no data: median {w * 1000:.0f} ms  (runs: {runs(widgets)}) -> {w / b:.2f}x")
    print(f"privacy-tui dashboard on screen (unlocked):     median {s_ * 1000:.0f} ms  (runs: {runs(shown)}) -> {s_ / b:.2f}x")
    print(f"privacy-tui dashboard with counts and deadlines ({info}, rest streams in): median {f * 1000:.0f} ms  (runs: {runs(filled)}) -> {f / b:.2f}x")
    print(f"privacy-tui full vault open behind it (every action available): median {o * 1000:.0f} ms  (runs: {runs(opened)}) -> {o / b:.2f}x")
    print("target: <= 1.3x the bare app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
