"""Copying text for the user to paste: the system clipboard when there is one, else the terminal's (OSC 52).

Only a system clipboard tool can confirm the copy. OSC 52 asks the terminal to copy and gets no
answer: many terminals do it, tmux only with `set-clipboard on`, some not at all. So the words
returned say exactly which was done, for the screen to show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

TIMEOUT = 3.0  # seconds for a clipboard tool to take the text
MAX_CHARS = 1_000_000  # a letter is a few kB; never hand a runaway text to a terminal


def _system_tools() -> list[list[str]]:
    tools = []
    if sys.platform == "darwin":
        tools.append(["pbcopy"])
    if os.environ.get("WAYLAND_DISPLAY"):
        tools.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        tools += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return [t for t in tools if shutil.which(t[0])]


def copy_text(app, text: str) -> tuple[bool, str]:
    """Copy `text`; (sure, words): sure only when a system clipboard took it."""
    if len(text) > MAX_CHARS:
        return False, "Not copied: the text is too long for the clipboard; select it on the screen instead."
    app.copy_to_clipboard(text)  # the app's own clipboard (paste inside the app) and OSC 52 to the terminal
    for tool in _system_tools():
        try:
            done = subprocess.run(tool, input=text.encode("utf-8"), timeout=TIMEOUT, check=False,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return True, "Copied to the clipboard."
    if getattr(app, "_driver", None) is None or getattr(app, "is_headless", False):
        return False, "Not copied: no clipboard is reachable from here; select the text on the screen instead."
    hint = " (in tmux: set -g set-clipboard on)" if os.environ.get("TMUX") else ""
    return False, ("Sent to the terminal's clipboard (OSC 52); if pasting gives nothing, your terminal does not "
                   f"allow it{hint}: select the text on the screen instead.")
