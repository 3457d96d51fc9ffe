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


class Triggered:
    """A slow pattern run only near the places where one of a few literal words occurs.

    `words` is a "|"-separated list of plain lower-case literals (not a regex); every match of
    `full` must contain one of them. They are found with str.find, which scans at C speed and
    beats a regex alternation; `full` then runs only in windows of `reach` characters around them
    (merged where they overlap). Meant for the lower-cased text (`Doc.lower`).
    """

    def __init__(self, words: str, full: re.Pattern[str], reach: int = 240, before: int | None = None) -> None:
        self.words = tuple(w for w in words.split("|") if w)
        self.full = full
        self.reach = reach
        self.before = reach if before is None else before  # how far before a word a match may start

    def _windows(self, text: str) -> list[list[int]]:
        hits: list[tuple[int, int]] = []
        for word in self.words:
            i = text.find(word)
            while i != -1:
                hits.append((i, i + len(word)))
                i = text.find(word, i + 1)
        hits.sort()
        windows: list[list[int]] = []
        for start, end in hits:
            lo, hi = max(0, start - self.before), min(len(text), end + self.reach)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        return windows

    def finditer(self, text: str):
        last = -1
        for lo, hi in self._windows(text):
            for m in self.full.finditer(text, lo, hi):
                if m.start() > last:
                    last = m.start()
                    yield m

    def search(self, text: str):
        return next(iter(self.finditer(text)), None)
