"""Error messages from the services name command lines; in the app they point to the key or screen instead.

The services speak for both shells, and the command line is the one that needs a command to type.
Here each `privacy-tui …` command quoted in a message becomes the place in the app that does the same.
"""

from __future__ import annotations

import re

DIRECTORY = "the directory import (F3, or “Import directory” in the F2 menu)"
PLACES = {
    ("directory", "import"): DIRECTORY,
    ("directory", "update"): DIRECTORY,
    ("company", "edit"): "the company form (c for Companies, then e on the company)",
    ("company", "add"): "the company form (c for Companies, then a)",
    ("config", "smtp"): "Settings › Email (SMTP) (s on the dashboard)",
    ("profile", "set"): "Settings › Profile (s on the dashboard)",
    ("request", "edit"): "the letter on the request's screen (ctrl+s saves it)",
    ("request", "new"): "the new-request wizard (n on the dashboard)",
    ("drp", ""): "Settings › DRP agent (F2 menu “DRP agent”)",
    ("remind", ""): "the reminders (F2 menu “Reminders”)",
    ("vault", "restore"): "Settings › Vault › Restore",
    ("vault", "backup"): "Settings › Vault › Back up",
    ("vault", "passwd"): "Settings › Vault › Change the passphrase",
}
COMMAND = re.compile(r"(?:\b(run|with|use) )?`privacy-tui ([a-z-]+)(?: ([a-z-]+))?[^`]*`")
VERB = {"run": "open ", "with": "in ", "use": "use "}
# Command-line options named in messages, and what the app offers instead.
OPTIONS = (
    ("use --via copy", "choose “copy” when sending"),
    ("pass --authority SLUG", "pick the authority when drafting the complaint"),
    ("(use --force to overwrite)", "(choose another name, or delete it first)"),
)


def _place(match: re.Match) -> str:
    verb, command, sub = match.group(1), match.group(2), match.group(3) or ""
    place = PLACES.get((command, sub)) or PLACES.get((command, ""))
    if place is None:
        return match.group(0)  # a command line with no screen of its own: keep it as it is
    return VERB.get(verb or "", "") + place


def in_app(reason: str) -> str:
    """`reason` with each quoted command line replaced by where the app does the same."""
    text = COMMAND.sub(_place, reason)
    for place in set(PLACES.values()):
        text = text.replace(f"{place} or {place}", place)  # "import PATH or update" is one screen here
    for option, instead in OPTIONS:
        text = text.replace(option, instead)
    return text
