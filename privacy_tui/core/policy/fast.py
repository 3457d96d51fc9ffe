"""Case-blind patterns without re.IGNORECASE.

Python's regex engine runs several times slower with IGNORECASE; the analyzer keeps a lower-case
copy of the text (`Doc.lower`, same length, same offsets) and compiles its case-blind patterns in
lower case instead. `ci()` lower-cases a pattern's literal letters, leaving escapes (\\S, \\W, \\B)
and group names alone.
"""

from __future__ import annotations

import re


def lower_pattern(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P<", i):
            close = pattern.index(">", i)
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


def ci(pattern: str) -> re.Pattern[str]:
    """Compile `pattern` to run on lower-cased text as if it were case-insensitive."""
    return re.compile(lower_pattern(pattern))
