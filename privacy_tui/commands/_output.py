"""The one output seam of the command line: every printer writes text, tables and JSON through here.

Stored text (company names from a directory, policy excerpts, letters, DRP replies) is data, so
nothing in it may drive the terminal: `core.text.printable` shows each control character as a
visible escape before anything reaches stdout or stderr. JSON stays exact JSON: the characters
`json.dumps` leaves raw (C1 such as U+009B, bidi overrides, U+2028) become `\\uXXXX` escapes, which
decode to the same strings.

Cheap to import (stdlib and core.text only, measured with `python -X importtime`): `remind`
runs from a daily timer, and rich.console alone takes about 40 ms to import, so the table
layout below is a few lines of its own rather than rich's (which also drops whole columns
when the terminal is narrow).
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from privacy_tui.core.text import find_control, printable


def out(*parts: Any, sep: str = " ") -> None:
    """`print` for stdout, with control characters escaped (newlines and tabs kept)."""
    sys.stdout.write(printable(sep.join(str(p) for p in parts)) + "\n")


def err(*parts: Any, sep: str = " ") -> None:
    """`print` for stderr, with control characters escaped."""
    sys.stderr.write(printable(sep.join(str(p) for p in parts)) + "\n")


def one_line(value: Any) -> str:
    """A value for one cell or one line: newlines and tabs escaped too."""
    return printable(str(value), multiline=False)


def json_text(obj: Any, *, indent: int | None = 2) -> str:
    """`obj` as JSON whose text holds no control character outside what JSON itself escapes."""
    return json_safe(json.dumps(obj, indent=indent, ensure_ascii=False, default=str))


def json_safe(text: str) -> str:
    """Escape, as `\\uXXXX`, the control characters a JSON encoder leaves raw inside strings.

    Outside strings JSON text holds only spaces and newlines, which are not escaped, so the
    result decodes to exactly the same value.
    """
    if not find_control(text, multiline=True):
        return text
    return "".join(f"\\u{ord(c):04x}" if find_control(c, multiline=True) else c for c in text)


def print_json(obj: Any) -> None:
    sys.stdout.write(json_text(obj) + "\n")


def _width() -> int | None:
    """The terminal's width; unlimited (no cutting) when stdout is a pipe or file, unless COLUMNS says."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return None


def _cells(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """`text` padded or shortened (with an ellipsis) to exactly `width` cells."""
    size = _cells(text)
    if size <= width:
        return text + " " * (width - size)
    kept, used = [], 0
    for c in text:
        w = _cells(c)
        if used + w > width - 1:
            break
        kept.append(c)
        used += w
    return "".join(kept) + "…" + " " * (width - 1 - used)


def table(
    rows: Sequence[Sequence[Any]],
    headers: Sequence[str],
    *,
    keep: Sequence[int] = (0,),
    right: Sequence[int] = (),
) -> None:
    """Print `rows` as aligned columns under `headers`, fitted to the terminal's width.

    Every cell is escaped to one line before layout, so widths are those of what is shown.
    `keep` lists the columns never shortened (ids that scripts copy); when the terminal is too
    narrow the widest other columns are shortened with an ellipsis, never below their heading.
    A pipe or file gets full lines. The heading is bold only on a terminal, never with NO_COLOR.
    """
    cells = [[one_line("" if cell is None else cell) for cell in row] for row in rows]
    count = len(headers)
    cells = [row + [""] * (count - len(row)) for row in cells]
    widths = [max([_cells(h)] + [_cells(row[i]) for row in cells]) for i, h in enumerate(headers)]
    floors = [w if i in keep else min(w, max(_cells(headers[i]), 6)) for i, w in enumerate(widths)]
    limit = _width()
    if limit is not None:
        excess = sum(widths) + 2 * (count - 1) - limit
        while excess > 0:
            room = [i for i in range(count) if widths[i] > floors[i]]
            if not room:
                break
            widest = max(room, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1

    def line(row: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            fitted = _fit(cell, widths[i])
            if i in right:
                fitted = fitted.rstrip()
                fitted = " " * (widths[i] - _cells(fitted)) + fitted
            parts.append(fitted)
        return "  ".join(parts).rstrip()

    head = line([one_line(h) for h in headers])
    if sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
        head = f"\x1b[1m{head}\x1b[0m"
    sys.stdout.write("\n".join([head] + [line(row) for row in cells]) + "\n")


__all__ = ["err", "json_safe", "json_text", "one_line", "out", "print_json", "table"]
