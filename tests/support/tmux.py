"""A real terminal (tmux) running a command, for the tests that drive the installed `privacy-tui`."""

from __future__ import annotations

import re
import subprocess
import time
import uuid

from support.paths import REPO

COMMAND = REPO / ".venv" / "bin" / "privacy-tui"

# The colour codes before an input's "▊" on its top border ("▊▔▔▔…").
_INPUT_TOP = re.compile(r"((?:\x1b\[[0-9;]*m)+)▊(?:\x1b\[[0-9;]*m)*▔")


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
