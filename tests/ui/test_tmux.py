"""The real `privacy-tui` command in a real terminal (tmux): first run, add a company, see it listed."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from support.tmux import COMMAND, Terminal

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not COMMAND.exists(), reason="needs tmux and the installed privacy-tui command"
)


@pytest.fixture
def terminal():
    env = dict(os.environ, PRIVACY_TUI_NO_KEYRING="1", TERM="xterm-256color", PRIVACY_TUI_NO_BLINK="1")
    term = Terminal(env)
    yield term
    term.stop()


def test_first_run_add_a_company_and_see_it_listed(terminal, private_home):
    home = private_home
    terminal.start(f"env PRIVACY_TUI_HOME={home} {COMMAND}")
    terminal.wait_for("Welcome to privacy-tui")
    focused = terminal.focused_input_style(0, inputs=2)  # the first passphrase field has the focus on mount
    terminal.type("correct horse battery")
    terminal.wait_for("Strong")
    terminal.keys("Tab")
    terminal.wait_for_focus(1, focused)
    terminal.type("correct horse battery")
    terminal.wait_until(lambda screen: screen.count("•" * len("correct horse battery") + " ") == 2, "both passphrases typed")
    terminal.keys("Enter")
    screen = terminal.wait_for("Your recovery key")
    assert "I have saved my recovery key: continue" in screen
    terminal.keys("Enter")  # one key: the focused button
    terminal.wait_for("Get the company directory now?")
    terminal.keys("Escape")  # later
    terminal.wait_until(lambda screen: "No requests yet" in screen and "Get the company directory" not in screen, "the dashboard")
    terminal.keys("c")
    terminal.wait_for("0 of 0 companies")
    terminal.keys("a")
    terminal.wait_for("Add a company")
    terminal.type("Terminal Test Widgets Ltd")
    terminal.wait_for("Terminal Test Widgets Ltd")  # typed text lands before the next key is sent
    terminal.keys("Tab")
    terminal.wait_for_focus(1, focused)
    terminal.type("privacy@terminal-test.example.com")
    terminal.wait_for("privacy@terminal-test.example.com")
    terminal.keys("Enter")
    terminal.wait_for("Categories of personal data")
    terminal.keys("Escape")
    screen = terminal.wait_for("1 of 1 companies")
    assert "Terminal Test Widgets Ltd" in screen
    assert "privacy@terminal-test.exam" in screen  # the column may cut the rest
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (home / "vault.lock").exists() and _locked(home):
        time.sleep(0.1)
    # The company really is in the vault the app wrote.
    env = dict(os.environ, PRIVACY_TUI_HOME=str(home), PRIVACY_TUI_PASSPHRASE="correct horse battery", PRIVACY_TUI_NO_KEYRING="1")
    out = subprocess.run([str(COMMAND), "company", "list"], capture_output=True, text=True, env=env, timeout=30)
    assert "Terminal Test Widgets Ltd" in out.stdout, out.stderr


def _locked(home: Path) -> bool:
    env = dict(os.environ, PRIVACY_TUI_HOME=str(home), PRIVACY_TUI_PASSPHRASE="correct horse battery", PRIVACY_TUI_NO_KEYRING="1")
    out = subprocess.run([str(COMMAND), "company", "list"], capture_output=True, text=True, env=env, timeout=30)
    return out.returncode != 0
