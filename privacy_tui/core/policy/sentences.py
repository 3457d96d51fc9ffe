"""Cutting a policy into units (headings, list items, sentences) with their offsets.

Real policies arrive hard-wrapped (PDF extraction, copied web pages: a line break every few
words), as one paragraph per line, or as bullet lists with the marker on its own line. Lines are
first grouped into blocks: a line break is a soft wrap unless the next line starts a bullet or a
table row, the line before was a heading, or the line before ended a sentence and the next
starts a new one. Blocks are then cut into sentences. Every unit keeps its span in the text
(offsets are never shifted) and the index of the heading it sits under.

All the work is one pass over the lines plus one regex pass per block: linear in the input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from privacy_tui.core.policy.findings import Evidence

HEADING, LIST, PROSE = "heading", "list", "prose"

_MARKERS = "-–—•·▪◦●○■□➢►✓✔*‣⁃"
_BULLET = re.compile(
    r"(?:[" + re.escape(_MARKERS) + r"](?:\s|$)|\(?(?:\d{1,2}|[ivxIVX]{1,5}|[a-zA-Z])[.)](?:\s|$)|\((?:\d{1,2}|[ivx]{1,5}|[a-z])\)\s*)"
)
_MARKER_ONLY = re.compile(r"[" + re.escape(_MARKERS) + r"]|\(?(?:\d{1,2}|[ivxIVX]{1,5}|[A-Za-z])[.)]|\((?:\d{1,2}|[ivx]{1,5}|[a-z])\)")
_NUMBERED = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[A-Z]\.)\s*")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")
_FUNCTION_END = re.compile(
    r"\b(?:a|an|the|of|to|and|or|for|with|in|on|by|your|our|as|at|from|that|is|are|be|such|any|this|these|its|their|"
    r"we|you|may|will|can|not|if|when|which|who|including|include|includes)$",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"[.!?]+[\"'”’)\]]*\s+")
_ABBREV = frozenset(
    "e.g i.e inc ltd co corp st no nos mr mrs ms dr vs etc cal civ sec art para u.s u.k a.m p.m approx incl "
    "jr sr fig vol pp ch dept est govt jan feb mar apr jun jul aug sep sept oct nov dec llc l.l.c s.a b.v n.v "
    "pty plc gmbh ave blvd rd ste bldg fl p.o viz cf resp al sa".split()
)
_WS = re.compile(r"\s+")
_MAX_UNIT = 1500
# Hard-wrapped text rarely has lines longer than this; a longer line that stops without a full
# stop is a paragraph or a table row of its own.
_WRAP_WIDTH = 110
_EVIDENCE_MAX = 400


@dataclass
class Doc:
    """The text and its units, as parallel lists (cheap to build for megabytes of text)."""

    text: str
    # The text in lower case, same length: case-blind patterns run on it without re.IGNORECASE,
    # which is several times faster in Python's regex engine.
    lower: str = ""
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)  # index of the governing heading unit, -1 if none

    def __len__(self) -> int:
        return len(self.starts)

    def index_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def raw(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def clean(self, i: int) -> str:
        return _WS.sub(" ", self.raw(i)).strip()

    def clean_lower(self, i: int) -> str:
        return _WS.sub(" ", self.lower[self.starts[i] : self.ends[i]]).strip()

    def heading_text(self, i: int) -> str:
        h = self.headings[i] if 0 <= i < len(self.headings) else -1
        return self.clean(h) if h >= 0 else ""

    def evidence(self, i: int, pos: int | None = None) -> Evidence:
        """The unit as evidence; a very long unit is cut to a window around `pos`."""
        start, end = self.starts[i], self.ends[i]
        if end - start > _EVIDENCE_MAX:
            anchor = start if pos is None else pos
            lo = max(start, anchor - _EVIDENCE_MAX // 3)
            if lo > start:
                space = self.text.find(" ", lo, anchor)
                lo = space + 1 if space != -1 else lo
            hi = min(end, lo + _EVIDENCE_MAX)
            start, end = lo, hi
        return Evidence(_WS.sub(" ", self.text[start:end]).strip(), start)

    def evidence_at(self, pos: int) -> Evidence:
        return self.evidence(self.index_at(pos), pos)


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # end of content (no newline)
    body: str  # stripped
    bullet: bool
    marker_only: bool
    table: bool


def _lines(text: str) -> list[_Line | None]:
    out: list[_Line | None] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.strip()
        if not body:
            out.append(None)
        else:
            lead = len(raw) - len(raw.lstrip())
            marker_only = len(body) <= 5 and _MARKER_ONLY.fullmatch(body) is not None
            out.append(
                _Line(
                    start=pos + lead,
                    end=pos + lead + len(body),
                    body=body,
                    bullet=marker_only or _BULLET.match(body) is not None,
                    marker_only=marker_only,
                    table="|" in body or "\t" in body,
                )
            )
        pos += len(raw) + 1
    return out


def _heading_like(line: _Line, nxt: _Line | None) -> bool:
    body = line.body
    if len(body) > 120 or line.table or line.marker_only or not any(c.isalpha() for c in body):
        return False
    numbered = _NUMBERED.match(body)
    rest = body[numbered.end():] if numbered and numbered.end() < len(body) else body
    if not rest or not (rest[0].isupper() or rest[0].isdigit()):
        return False
    if line.bullet and not (numbered and len(body) <= 90):
        return False
    if body.endswith((",", ";")) or _FUNCTION_END.search(body):
        return False
    words = rest.split()
    # "4. Disclosure of the Information." is a heading; "We do not sell data." is not.
    if body.endswith(".") and (not numbered or sum(w[:1].isupper() for w in words) < max(1, (len(words) + 1) // 2)):
        return False
    if nxt is not None and nxt.body[:1].islower():
        return False
    if body.endswith(":"):
        return len(body) <= 90
    return len(words) <= 14


def _breaks(prev: _Line, cur: _Line, prev_heading: bool, one_per_line: bool) -> bool:
    if prev.marker_only:
        return False
    if cur.bullet or cur.table or prev.table or prev_heading:
        return True
    first = cur.body[:1]
    starts_new = first.isupper() or first.isdigit() or first in "\"“'(["
    return starts_new and bool(one_per_line or len(prev.body) > _WRAP_WIDTH or _ENDS_SENTENCE.search(prev.body))


def _one_paragraph_per_line(lines: list[_Line | None]) -> bool:
    """Text whose lines are paragraphs (copied web pages), not hard-wrapped (PDFs, e-mails)."""
    bodies = [line for line in lines if line is not None]
    if not bodies:
        return False
    long_lines = sum(1 for line in bodies if len(line.body) > 160)
    return long_lines * 5 >= len(bodies)


def lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters grow when lower-cased ("İ" -> "i̇"); keep those as they are so offsets hold.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def segment(text: str) -> Doc:
    doc = Doc(text, lower_same_length(text))
    lines = _lines(text)
    blocks: list[tuple[int, int, str]] = []  # (start, end, kind of first line)
    cur_start = cur_end = -1
    cur_kind = PROSE
    prev: _Line | None = None
    prev_heading = False
    n = len(lines)
    one_per_line = _one_paragraph_per_line(lines)
    for idx, line in enumerate(lines):
        if line is None:
            if cur_start >= 0:
                blocks.append((cur_start, cur_end, cur_kind))
                cur_start = -1
            prev = None
            prev_heading = False
            continue
        nxt = lines[idx + 1] if idx + 1 < n else None
        if prev is None or _breaks(prev, line, prev_heading, one_per_line):
            if cur_start >= 0:
                blocks.append((cur_start, cur_end, cur_kind))
            cur_start, cur_end = line.start, line.end
            is_heading = _heading_like(line, nxt)
            cur_kind = HEADING if is_heading else (LIST if (line.bullet or line.table) else PROSE)
            prev_heading = is_heading
        else:
            cur_end = line.end
            if cur_kind == HEADING:
                cur_kind = PROSE
            prev_heading = False
        prev = line
    if cur_start >= 0:
        blocks.append((cur_start, cur_end, cur_kind))

    heading = -1
    for start, end, kind in blocks:
        if kind == HEADING:
            doc.starts.append(start)
            doc.ends.append(end)
            doc.kinds.append(HEADING)
            doc.headings.append(heading)
            heading = len(doc.starts) - 1
            continue
        for s, e in _sentences(text, start, end):
            doc.starts.append(s)
            doc.ends.append(e)
            frag = e - s < 80 and not _ENDS_SENTENCE.search(text[s:e].rstrip())
            doc.kinds.append(LIST if kind == LIST or frag else PROSE)
            doc.headings.append(heading)
    return doc


def _sentences(text: str, start: int, end: int):
    block = text[start:end]
    last = 0
    for m in _SPLIT.finditer(block):
        cut = m.end()
        if cut >= len(block):
            break
        nxt = block[cut]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“'([•-"):
            continue
        word_start = block.rfind(" ", last, m.start()) + 1
        token = block[word_start : m.start()].lower().lstrip("(\"'“")
        if token in _ABBREV or (len(token) == 1 and token.isalpha() and block[m.start()] == "."):
            continue
        yield from _capped(text, start + last, start + m.start() + 1)
        last = cut
    if last < len(block):
        yield from _capped(text, start + last, end)


def _capped(text: str, s: int, e: int):
    while e - s > _MAX_UNIT:
        cut = text.rfind(" ", s + _MAX_UNIT // 2, s + _MAX_UNIT)
        cut = cut if cut > s else s + _MAX_UNIT
        yield s, cut
        s = cut + 1 if text[cut:cut + 1] == " " else cut
    if e > s:
        yield s, e
