"""What a person sees when the app meets an unexpected error: one line, never a traceback.

Textual's default prints a traceback with the local variables of every frame, which in this app
hold decrypted vault records, letters and passphrases. Instead the app remembers the error, and
`launch` writes one line on stderr once the app has left the screen; the traceback (without
locals) comes before it only when PRIVACY_TUI_DEBUG=1 asks, and only on stderr: nothing is
written to a log file.
"""

from __future__ import annotations

import os
from typing import TextIO

DEBUG_ENV = "PRIVACY_TUI_DEBUG"


def debug_enabled() -> bool:
    return bool(os.environ.get(DEBUG_ENV))  # as the command line reads it (cli.main)


def crash_line(error: BaseException) -> str:
    # The exception's message is left out: it can quote data (a company name in a markup error).
    return f"error: the app stopped on an unexpected {type(error).__name__} ({DEBUG_ENV}=1 shows the details)"


def report_crash(error: BaseException, stream: TextIO) -> None:
    """Written after the app has exited (the terminal is back to normal)."""
    if debug_enabled():
        from rich.console import Console
        from rich.traceback import Traceback

        console = Console(file=stream, width=100, highlight=False, markup=False, emoji=False)
        console.print(Traceback.from_exception(type(error), error, error.__traceback__, show_locals=False))
    stream.write(crash_line(error) + "\n")
    stream.flush()


__all__ = ["DEBUG_ENV", "crash_line", "debug_enabled", "report_crash"]
