"""Helpers shared by command modules: JSON output, dates, the --today clock, subcommands, confirmations."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from privacy_tui.core.errors import UserError


def print_json(obj: Any) -> None:
    from privacy_tui.commands._output import print_json as write_json

    write_json(obj)


def print_fields(data: dict[str, Any], as_json: bool, width: int) -> None:
    """A settings-like record: JSON with --json, else one aligned `key value` line a field."""
    from privacy_tui.commands._output import out

    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        out(f"{key:<{width}} {', '.join(value) if isinstance(value, list) else value}")


def parse_date(text: str, what: str = "date") -> date:
    from privacy_tui.core.dates import parse_date as parse

    return parse(text, what)


def today(args: Any) -> date:
    value = getattr(args, "today", None)
    return parse_date(value, "--today") if value else date.today()


def subcommands(parser, dest: str, metavar: str = "ACTION"):
    """The parser's subcommands; given none, the command prints its help and exits 0."""
    actions = parser.add_subparsers(dest=dest, metavar=metavar)

    def bare(args) -> int:
        parser.print_help()
        return 0

    parser.set_defaults(handler=bare)
    return actions


def add_today(parser) -> None:
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="pretend today is this date (for scripts and tests)")


def confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def new_passphrase(*, twice: bool = True) -> str:
    """A new passphrase from PRIVACY_TUI_PASSPHRASE or the terminal (asked twice)."""
    import getpass
    import os

    env = os.environ.get("PRIVACY_TUI_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError("no passphrase: run in a terminal or set PRIVACY_TUI_PASSPHRASE")
    first = getpass.getpass("New passphrase: ")
    if len(first) < 8:
        raise UserError("the passphrase must be at least 8 characters")
    if twice and getpass.getpass("Repeat passphrase: ") != first:
        raise UserError("the two passphrases differ; nothing was changed")
    return first


def refuse_line_breaks(args) -> None:
    """Command-line values are one line each (the CLI contract): a CR or LF is almost always a
    quoting mistake in a script. Multi-line addresses and notes are entered in the app."""
    from privacy_tui.core.errors import UserError

    for key, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and ("\r" in item or "\n" in item):
                label = key if key in ("name", "id") else f"--{key.replace('_', '-')}"
                raise UserError(f"{label} must be on one line (it contains a line break)")
