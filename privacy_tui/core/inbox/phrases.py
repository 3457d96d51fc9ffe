"""Phrase lists compiled for speed: `\\b(?=[first letters])(?:phrase|phrase|...)`.

Classification scans every reply with a dozen alternations of 10-20 phrases. The regex engine
tries every phrase at every word start; a lookahead on the letters the phrases can start with
turns most word starts away after one character test (the wording scan of a 10,000-message
import went from ~1.5 s to a fraction of it). The letters are read from the pattern itself, so
the lookahead never refuses a word a phrase could match; when they cannot be known (a phrase
starting with \\w, or an optional first part), no lookahead is added.
"""

from __future__ import annotations

import re

try:  # the stdlib's own regex parser (public as sre_parse before 3.11)
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre

_C = _sre  # opcodes live beside the parser (re._constants is re-exported there)


def _first_of_sequence(items) -> set[int] | None:
    """Code points the sequence can start with; None when unknown (or it can match empty)."""
    found: set[int] = set()
    for op, av in items:
        if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] == 0:  # optional: it or what follows
            first = _first_of_sequence(av[2])
            if first is None:
                return None
            found |= first
            continue
        first = _first_of_op(op, av)
        return None if first is None else found | first
    return None


def _first_of_op(op, av) -> set[int] | None:
    if op is _C.LITERAL:
        return {av}
    if op is _C.IN:
        found: set[int] = set()
        for kind, value in av:
            if kind is _C.LITERAL:
                found.add(value)
            elif kind is _C.RANGE and value[1] - value[0] <= 256:
                found.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\w, \d ...), a wide range: not known
                return None
        return found
    if op is _C.BRANCH:
        found = set()
        for alternative in av[1]:
            first = _first_of_sequence(alternative)
            if first is None:
                return None
            found |= first
        return found
    if op is _C.SUBPATTERN:
        return _first_of_sequence(av[-1])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
        return _first_of_sequence(av[2])
    return None


def first_chars(regex: str, flags: int = 0) -> str | None:
    """The characters any match of `regex` starts with, as a character class body; None if unknown."""
    try:
        first = _first_of_sequence(_sre.parse(regex, flags))
    except (re.error, AttributeError, TypeError, ValueError, IndexError):  # an internal API: then only no speed-up
        return None
    if not first:
        return None
    return "".join(re.escape(chr(c)) for c in sorted(first))


def at_word_start(regex: str, flags: int = 0) -> re.Pattern[str]:
    """`\\b(?:regex)`, with a lookahead on its possible first characters when they are known."""
    first = first_chars(regex, flags)
    guard = f"(?=[{first}])" if first else ""
    return re.compile(rf"\b{guard}(?:{regex})", flags)


__all__ = ["at_word_start", "first_chars"]
