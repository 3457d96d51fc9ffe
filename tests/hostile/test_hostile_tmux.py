"""The real app in a real terminal (tmux) with hostile names: shown literally, a click runs nothing.

`[@click=app.quit]Quit[/]` used to be rendered as a link that quits the app when clicked, and
control sequences in names reached the terminal. Here tmux is the terminal: if an escape reached
it, tmux would obey it and the literal `\\x1b[31m` would not be on its screen.
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from hostile_data import HOSTILE_NAMES, MARKUP_NAMES, PASS, TODAY, populate_hostile, shown
from support.tmux import Terminal

from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


@pytest.fixture
def terminal():
    env = dict(os.environ, TERM="xterm-256color")
    term = Terminal(env)
    yield term
    term.stop()


def click(terminal: Terminal, x: int, y: int) -> None:
    """A left click at column x, row y (0-based), as the terminal reports it (SGR mouse mode)."""
    for final in ("M", "m"):  # press, release
        terminal.type(f"\x1b[<0;{x + 1};{y + 1}{final}")


def locate(screen: str, text: str) -> tuple[int, int]:
    for y, row in enumerate(screen.splitlines()):
        if text in row:
            return row.index(text), y
    raise AssertionError(f"{text!r} is not on the terminal:\n{screen}")


def test_markup_names_shown_literally_and_a_click_runs_nothing(terminal, private_home, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    try:
        populate_hostile(Store(vault), TODAY)
    finally:
        vault.close()
    env = {
        "PRIVACY_TUI_HOME": str(private_home), "PRIVACY_TUI_PASSPHRASE": PASS, "PRIVACY_TUI_NO_KEYRING": "1",
        "PRIVACY_TUI_TODAY": TODAY.isoformat(), "PRIVACY_TUI_NO_BLINK": "1", "PYTHONPATH": REPO,
    }
    assignments = " ".join(f"{k}='{v}'" for k, v in env.items())
    # From the checkout, so that `-m privacy_tui` runs this code whatever the test's directory.
    terminal.start(f"cd '{REPO}' && env {assignments} {sys.executable} -m privacy_tui")
    screen = terminal.wait_for("Deadlines —", timeout=60)
    for name in MARKUP_NAMES:
        assert name in screen, name
    # tmux did not obey the ESC, the OSC 8 link or the C1 CSI in the names: they are on its screen as text.
    for name in ("Esc\x1b[31mRed Ltd", "\x1b]8;;https://evil.example/\x07Link\x1b]8;;\x07 Inc", "C1\x9b31m Csi AG"):
        assert shown(name)[:20] in screen, name

    terminal.keys("c")
    screen = terminal.wait_for(f"{len(HOSTILE_NAMES)} of {len(HOSTILE_NAMES)} companies", timeout=30)
    x, y = locate(screen, "[@click=app.quit]Quit[/]")
    click(terminal, x + 2, y)  # highlights the row
    click(terminal, x + 2, y)  # opens it
    # Still running: the company is open, its name in the page title.
    screen = terminal.wait_until(
        lambda s: "Categories of personal data" in s and "[@click=app.quit]Quit[/]" in s, "the company opened", timeout=30
    )
    x, y = locate(screen, "[@click=app.quit]Quit[/]")
    click(terminal, x + 2, y)  # the page title
    terminal.keys("Escape")
    screen = terminal.wait_for(f"{len(HOSTILE_NAMES)} of {len(HOSTILE_NAMES)} companies", timeout=30)
    assert "[@click=app.quit]Quit[/]" in screen
    terminal.keys("C-q")
