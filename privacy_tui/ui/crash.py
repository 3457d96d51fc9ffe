"""What a person sees when the app meets an unexpected error: one line, never a traceback.

Textual's default prints a traceback with the local variables of every frame, which in this app
hold decrypted vault records, letters and passphrases. Instead the app remembers the error, and
`launch` writes one line on stderr once the app has left the screen; the traceback (without
locals) comes before it only when PRIVACY_TUI_DEBUG=1 asks, and only on stderr: nothing is
written to a log file. An unexpected error inside a worker is a one-line notification in the
app (ui.workers); with PRIVACY_TUI_DEBUG=1 its traceback is printed after the app exits too.
"""

from __future__ import annotations

import os
from typing import TextIO

DEBUG_ENV = "PRIVACY_TUI_DEBUG"
KEEP = 5  # the last few worker errors are kept for the debug report, not an unbounded list

_noted: list[BaseException] = []


def debug_enabled() -> bool:
    return bool(os.environ.get(DEBUG_ENV))  # as the command line reads it (cli.main)


def crash_line(error: BaseException) -> str:
    # The exception's message is left out: it can quote data (a company name in a markup error).
    return f"error: the app stopped on an unexpected {type(error).__name__} ({DEBUG_ENV}=1 shows the details)"


def note_unexpected(error: BaseException) -> None:
    """A worker met an unexpected error (shown in the app in one line): kept for the debug report."""
    if debug_enabled():
        _noted.append(error)
        del _noted[:-KEEP]


def _print_traceback(error: BaseException, stream: TextIO) -> None:
    from rich.console import Console
    from rich.traceback import Traceback

    console = Console(file=stream, width=100, highlight=False, markup=False, emoji=False)
    console.print(Traceback.from_exception(type(error), error, error.__traceback__, show_locals=False))


def report_after_exit(crash: BaseException | None, stream: TextIO) -> None:
    """Written once the app has exited (the terminal is back to normal): with PRIVACY_TUI_DEBUG=1
    the tracebacks of the worker errors and of the crash; then the crash in one line."""
    if debug_enabled():
        for error in _noted:
            _print_traceback(error, stream)
        _noted.clear()
        if crash is not None:
            _print_traceback(crash, stream)
    if crash is not None:
        stream.write(crash_line(crash) + "\n")
    stream.flush()


__all__ = ["DEBUG_ENV", "crash_line", "debug_enabled", "note_unexpected", "report_after_exit"]
