"""The real `privacy-tui` command in a real terminal (tmux): first run, add a company, see it listed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

# The colour codes before an input's "▊" on its top border ("▊▔▔▔…").
_INPUT_TOP = re.compile(r"((?:\x1b\[[0-9;]*m)+)▊(?:\x1b\[[0-9;]*m)*▔")

REPO = Path(__file__).resolve().parent.parent
COMMAND = REPO / ".venv" / "bin" / "privacy-tui"

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not COMMAND.exists(), reason="needs tmux and the installed privacy-tui command"
)


class Terminal:
    def __init__(self, env: dict[str, str]) -> None:
        self.name = f"pt-{uuid.uuid4().hex[:8]}"
        self.socket = f"pt-test-{self.name}"
        self.env = env

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, env=self.env, timeout=10
        ).stdout

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", command)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def input_styles(self) -> list[str]:
        """The colour codes of each text input's top border, top to bottom: the focused one differs."""
        styled = self.tmux("capture-pane", "-p", "-e", "-t", self.name)
        return [m.group(1) for line in styled.splitlines() if (m := _INPUT_TOP.search(line))]

    def focused_input_style(self, index: int, inputs: int, timeout: float = 20.0) -> str:
        """Wait until input `index` of `inputs` shows the focus, and return its border colours."""
        deadline = time.monotonic() + timeout
        styles: list[str] = []
        while time.monotonic() < deadline:
            styles = self.input_styles()
            if len(styles) == inputs and sum(s == styles[index] for s in styles) == 1:
                return styles[index]
            time.sleep(0.1)
        raise AssertionError(f"input {index} never showed the focus; borders: {styles!r}")

    def wait_for_focus(self, index: int, focused_style: str, timeout: float = 20.0) -> None:
        # Keys typed after Tab before Textual has moved the focus land in the old field,
        # so wait until the terminal shows the focus on the next input.
        deadline = time.monotonic() + timeout
        styles: list[str] = []
        while time.monotonic() < deadline:
            styles = self.input_styles()
            if len(styles) > index and [i for i, s in enumerate(styles) if s == focused_style] == [index]:
                return
            time.sleep(0.1)
        raise AssertionError(f"input {index} never got the focus; borders: {styles!r}")

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        # A bounded poll of the terminal's contents: waiting on a condition, not a fixed sleep.
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear on the terminal; it shows:\n{screen}")

    def wait_until(self, condition, what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{what}: not seen on the terminal; it shows:\n{screen}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, env=self.env, timeout=10)


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
