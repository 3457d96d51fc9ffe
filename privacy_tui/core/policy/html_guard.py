"""Flatten pathological HTML before the parser sees it.

Building a tree costs lexbor time quadratic in nesting depth (50,000 nested `<div>` take 7 s,
a million run for minutes), and the element count drives the walk. One linear pass over the
tags, without building anything, keeps the markup's text but drops:

- every tag that would open an element deeper than MAX_DEPTH (and its matching end tag);
- every tag after the first MAX_ELEMENTS elements.

Real policy pages nest 10-40 deep and hold a few thousand elements, so they pass unchanged.
The count follows the HTML parser loosely (void elements, raw-text elements, comments, the
usual implied end tags, self-closing tags in SVG/MathML); where it differs it errs towards
counting deeper, which can only flatten, never let deep nesting through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 256
MAX_ELEMENTS = 100_000

_ANY_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>|<!--|<!|<\?")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "keygen", "frame", "basefont", "bgsound"})
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"})
# Opening one of these closes an open one of the same name nearby (<p>a<p>b, <li>, table cells).
_IMPLIED = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead",
                      "tbody", "tfoot"})
_FOREIGN = frozenset({"svg", "math"})
_NEARBY = 8


_RAW_ENDS: dict[str, re.Pattern[str]] = {}


def _raw_end(name: str) -> re.Pattern[str]:
    if name not in _RAW_ENDS:
        _RAW_ENDS[name] = re.compile(f"</{name}", re.IGNORECASE)
    return _RAW_ENDS[name]


def _pop_to(stack: list[str], name: str) -> int:
    """Close open elements down to the last `name`; returns how many svg/math were closed."""
    closed = 0
    while stack:
        top = stack.pop()
        closed += top in _FOREIGN
        if top == name:
            break
    return closed


@dataclass(frozen=True)
class Flattened:
    markup: str
    dropped_deep: int = 0  # tags dropped for depth
    dropped_many: int = 0  # tags dropped after the element cap


def flatten(markup: str, *, max_depth: int = MAX_DEPTH, max_elements: int = MAX_ELEMENTS) -> Flattened:
    """`markup` with its over-deep and surplus tags removed (replaced by a space); text is kept."""
    stack: list[str] = []
    dropped_open: dict[str, int] = {}
    foreign = 0  # open svg/math elements
    elements = deep = many = 0
    out: list[str] = []
    keep_from = 0
    pos = 0
    while True:
        match = _TAG.search(markup, pos)
        if match is None:
            break
        token = match.group(0)
        end = match.end()
        if token in ("<!--", "<!", "<?"):
            close = markup.find("-->" if token == "<!--" else ">", end)
            if close < 0:
                break  # the rest is a comment to the parser too
            pos = close + (3 if token == "<!--" else 1)
            continue
        closing = match.group(1) == "/"
        name = match.group(2).lower()
        drop = False
        if closing:
            if dropped_open.get(name):
                dropped_open[name] -= 1
                drop = True
            elif name in stack:
                foreign -= _pop_to(stack, name)
        elif name in _VOID or (foreign and token.endswith("/>")):
            pass
        else:
            elements += 1
            if name in _IMPLIED and name in stack[-_NEARBY:]:
                foreign -= _pop_to(stack, name)
            if elements > max_elements:
                # From here on every tag goes; one C-speed pass instead of this loop.
                rest = markup[match.start():]
                stripped, count = _ANY_TAG.subn(" ", rest)
                out.append(markup[keep_from:match.start()])
                out.append(stripped)
                return Flattened("".join(out), deep, many + count)
            elif len(stack) >= max_depth:
                dropped_open[name] = dropped_open.get(name, 0) + 1
                drop = True
                deep += 1
            else:
                stack.append(name)
                if name in _FOREIGN:
                    foreign += 1
        if drop:
            out.append(markup[keep_from:match.start()])
            out.append(" ")
            keep_from = end
        pos = end
        if not closing and not drop and name in _RAW:
            # Raw text: no tags inside until its end tag.
            found = _raw_end(name).search(markup, end)
            pos = len(markup) if found is None else found.start()
    if not out:
        return Flattened(markup)
    out.append(markup[keep_from:])
    return Flattened("".join(out), deep, many)


__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "Flattened", "flatten"]
