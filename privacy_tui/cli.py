"""The `privacy-tui` command line.

Command groups live in `privacy_tui.commands`, one module each, discovered at start-up; each
exposes `register(subparsers)`. With no arguments the Textual app opens.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import pkgutil
import sys

from privacy_tui import __version__
from privacy_tui.core.errors import PrivacyTuiError


def _one_line(message: str) -> str:
    from privacy_tui.core.text import printable

    return printable(message, multiline=False)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit code 2, as the contract requires."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # The message may quote what was typed: shown with control characters escaped, on one line.
        sys.stderr.write(f"error: {_one_line(message)} (see `{self.prog} --help`)\n")
        raise SystemExit(2)


# Top-level commands whose module is not named after them.
_MODULE_OF = {"export": "transfer", "import": "transfer"}


def build_parser(command: str | None = None) -> Parser:
    """The parser; with `command`, only that command's module is imported (fast start for scripts)."""
    parser = Parser(
        prog="privacy-tui",
        description="Log who holds your personal data, send data-rights requests, track every deadline.",
    )
    parser.add_argument("--version", action="version", version=f"privacy-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    import privacy_tui.commands as commands

    names = sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))
    wanted = _MODULE_OF.get(command or "", command)
    if wanted in names:
        names = [wanted]
    for name in names:
        importlib.import_module(f"privacy_tui.commands.{name}").register(sub)
    return parser


def run_app() -> int:
    try:
        from privacy_tui.ui.launch import launch
    except ImportError:  # the app is not installed in this build: show the commands instead
        build_parser().print_help()
        return 0
    return launch()


# The disk or file system failed under us: the vault and its files are the ones at stake.
_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS}


def describe_os_error(exc: OSError) -> str:
    from privacy_tui.core.text import printable

    name = exc.filename
    name = os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name or "")
    where = f": {printable(name, multiline=False)}" if name else ""
    return f"{exc.strerror or type(exc).__name__}{where}"


def os_error_exit_code(exc: OSError) -> int:
    import socket
    import ssl

    if isinstance(exc, (ConnectionError, TimeoutError, socket.gaierror, ssl.SSLError)):
        return 4
    return 3 if exc.errno in _DISK_ERRNOS else 2


def check_argv(argv: list[str]) -> None:
    """Python decodes argv with surrogateescape: bytes that are not UTF-8 arrive as lone
    surrogates, which would fail much later (writing the vault, printing). Refuse them here."""
    from privacy_tui.core.errors import UserError

    for position, arg in enumerate(argv, 1):
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            raw = os.fsencode(arg)
            raise UserError(f"argument {position} is not valid UTF-8 ({raw!r}); the command line must be UTF-8 text")
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            raise UserError(f"argument {position} holds an unpaired surrogate ({ascii(arg)}); it cannot be stored")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        check_argv(argv)
        if not argv:
            return run_app()
        first = argv[0] if not argv[0].startswith("-") else None
        parser = build_parser(first)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return 0
        return int(handler(args) or 0)
    except PrivacyTuiError as exc:
        sys.stderr.write(f"error: {_one_line(str(exc))}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a safety net: the code that knows the context reports it better
        if os.environ.get("PRIVACY_TUI_DEBUG"):
            raise
        sys.stderr.write(f"error: {describe_os_error(exc)}\n")
        return os_error_exit_code(exc)
    except Exception as exc:  # never a traceback for the user; PRIVACY_TUI_DEBUG=1 shows it
        if os.environ.get("PRIVACY_TUI_DEBUG"):
            raise
        sys.stderr.write(f"error: unexpected {type(exc).__name__}: {_one_line(str(exc))} (rerun with PRIVACY_TUI_DEBUG=1 for details)\n")
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
