"""What the policy says it collects: CCPA categories (A-L) and the data items behind them.

Two sources, combined:

1. Category tables and lists ("Identifiers | real name, email address | YES", "Geolocation data.
   Physical location or movements.", "• Professional or employment-related information."). A row
   is a category label at the start of a line or list item (after an optional "A.", "Category A:",
   bullet or cell bar) and runs to the next row. Its status is its first YES/NO cell; a NO row is
   not collected and vetoes that letter everywhere. Rows without any status take the sense of the
   sentence that introduces them ("we have collected the following categories" -> collected; "we
   have disclosed..." -> not evidence of collection); a table whose header has a "Collected"
   column but whose rows carry no values says nothing. Items named inside a row are filed under
   the row's letter.

2. Data items named in prose and lists, mapped to their taxonomy category: "we collect your name,
   email address and IP address" -> A; "passwords" -> L; "purchase history" -> D. A mention counts
   in a sentence about collecting or using data, or as an entry of a list that is not introduced
   as something the publisher does not collect; never when negated in its clause ("we will never
   disclose your Social Security number"), in a definition, or, for everyday words (name, address,
   location...), unless it is a list entry or follows "your".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence, FoundItem
from privacy_tui.core.policy.lexicon import GENERIC, item_lexicon, lookup, normalize_match
from privacy_tui.core.policy.sentences import HEADING, LIST, Doc
from privacy_tui.core.taxonomy import ITEMS, LETTERS

_LABELS = {
    "A": r"(?:Personal\s+)?Identifiers|Identifying\s+information",
    "B": r"(?:Personal\s+information\s+(?:categories\s+)?(?:listed|described|as\s+defined|defined)\s+in\s+(?:the\s+)?)?"
    r"California\s+Customer\s+Records?(?:\s+statute)?(?:\s+personal\s+information(?:\s+categories)?)?|"
    r"Customer\s+Records\s+(?:statute|information)|Personal\s+information\s+categories\s+listed|"
    r"Personal\s+information\s+(?:described|listed)\s+in\s+Cal(?:\.|ifornia)\s+Civ",
    "C": r"(?:Characteristics\s+of\s+)?protected\s+classifications?(?:\s+characteristics)?|Protected\s+characteristics|"
    r"Demographic\s+information",
    "D": r"Commercial\s+information|Commercial\s+data|Transaction(?:al)?\s+information",
    "E": r"Biometric\s+(?:information|data|identifiers)",
    "F": r"Internet\s+(?:or\s+other\s+)?(?:similar\s+)?(?:electronic\s+)?network\s+activity(?:\s+information)?|"
    r"Internet\s+(?:or\s+other\s+electronic\s+network\s+)?activity(?:\s+information)?|Network\s+activity(?:\s+information)?|"
    r"Online\s+activity",
    "G": r"(?:Precise\s+)?Geolocation(?:\s+(?:data|information))?|Location\s+(?:data|information)",
    "H": r"Sensory\s+(?:data|information)|Audio,?\s+(?:electronic,?\s+)?(?:visual|sensory)(?:,?\s+(?:thermal|olfactory|or\s+similar|visual)[\w\s,]*)?|"
    r"Audio\s*/\s*visual(?:\s+information)?|Audio\s+(?:or|and)\s+visual\s+information",
    "I": r"Professional\s+or\s+employment[-\s]related\s+information|Employment[-\s]related\s+information|"
    r"Professional\s+information|Employment\s+information|Professional\s+or\s+employment\s+information",
    "J": r"(?:Non[-\s]?public\s+)?Education(?:al)?\s+information|Education\s+records",
    "K": r"Inferences(?:\s+drawn(?:\s+from[\w\s]{0,40})?)?|Profile\s+inferences",
    "L": r"Sensitive\s+personal\s+(?:information|data)|Special\s+categor(?:y|ies)\s+of\s+personal\s+data",
}
_LABEL = Triggered(
    # Every label contains one of these words; the label pattern runs only around them (fast.py).
    r"identif|customer record|categories listed|in cal|protected|demographic|commercial|transaction|biometric|network|"
    r"internet|online activity|geolocation|location|sensory|audio|professional|employment|education|inference|"
    r"sensitive|special categor",
    ci(r"(?<![\w-])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _LABELS.items()) + ")"),
    reach=120,
)
# Labels that are everyday words in prose count only at the start of a row.
_ROW_ONLY = frozenset({"A", "K"})
_ROW_PREFIX = re.compile(
    r"[ \t]*(?:[-–—•·▪◦●*|][ \t]*)?(?:(?:Category|Cat\.)[ \t]+[A-La-l][ \t]*[.):\-–—]?[ \t]*|\(?[A-La-l]\)[ \t]*|[A-La-l]\.[ \t]*|"
    r"\d{1,2}[.)][ \t]*)?(?:[-–—:|][ \t]*)?$"
)
_YES = frozenset({"yes", "y", "✓", "✔", "☑", "✅", "x", "collected", "yes*"})
_NO = frozenset({"no", "n", "✗", "✘", "☐", "❌", "not collected", "none", "no*"})
_INLINE_STATUS = re.compile(r"(?<![\w/])(YES|NO)(?![\w/])")
_LABELLED_STATUS = re.compile(r"\bcollected\s*[:?]?\s*[-–—]?\s*(yes|no)\b", re.IGNORECASE)
_COLLECTED_COLUMN = re.compile(r"(?:\||\t)[ \t]*Collected\b|\bCollected[ \t]*\??[ \t]*(?:\||\t)", re.IGNORECASE)

_COLLECT = ci(
    r"\bcollect|\bgather|\bobtain|\breceiv|\bwe\s+(?:may\s+)?(?:hold|process|store|record|request|ask\s+for)|"
    r"\byou\s+(?:may\s+)?(?:provide|give|submit|enter|share|upload)|\bprovided?\s+(?:to\s+)?(?:us|by\s+you)|"
    r"information\s+(?:we|that\s+we)\s+(?:have|hold|process)|we\s+(?:may\s+)?have\s+collected"
)
_DISCLOSE = ci(r"\bdisclos|\bsold\b|\bsell\b|\bselling\b|\bshared?\b|\bsharing\b|\btransferr?")
_PROCESS = ci(
    r"\bcollect|\bgather|\bobtain|\breceiv|\bprocess|\bstor(?:e|ed|ing|age)\b|\bretain|\brecord|\bhold|\buse[ds]?\b|\busing\b|"
    r"\blog(?:s|ged)?\b|\btrack|\bmaintain|\banaly[sz]|\bverif|\bshar(?:e|ed|ing)\b|\bdisclos|\btransfer|\bsell|\bsold\b|"
    r"\bsubmit|\bprovid|\benter|\bupload|\bask\s+(?:you\s+)?for|\brequir|\binclud|\bsuch\s+as|\be\.g\.|\bconsist|\bcontain|"
    r"\bcompris|\bfollowing|\blike\b|\bmay\s+have|\bwe\s+have|\bderive|\binfer|\baccess(?:ed)?\s+by\s+us"
)
_NOT_COLLECT = re.compile(r"\b(?:not|never|don['’]t|doesn['’]t)\s+(?:\w+\s+){0,2}collect")
# Clause boundaries for the scope of a negation, and the negation words (lower-case text).
_BREAK_RE = re.compile(r"[.;:!?()\[\]]| but | however| except| other than| unless")
_NEGATION_LOW = re.compile(
    r"\b(?:not|never|no|don['’]t|doesn['’]t|won['’]t|didn['’]t|cannot|can['’]t|without|nor|neither)\b"
)
_NOT_COLLECTED = re.compile(r"\b(?:is|are|will|was|were)\s+not\s+(?:be\s+)?(?:collected|processed|stored|requested)")
_DEFINITION = ci(
    r"\bmeans\b|\bis\s+defined\s+as\b|\brefers\s+to\b|\bdefinition\b|personal\s+(?:data|information)\s+(?:is|are|includes?)\s+(?:any\s+)?information"
)
_POSSESSIVE = ci(
    r"(?:\byour|\buser['’]?s|\bcustomer['’]?s|\bconsumer['’]?s|\bindividual['’]?s|\bvisitor['’]?s|\bmember['’]?s|"
    r"\bhis\s+or\s+her|\btheir|\bdevice['’]?s|\bthe\s+user['’]?s)\s+(?:\w+\s+)?$"
)
_LIST_BEFORE = ci(r"(?:^|[,;:(/•·▪*–—-]|\band|\bor|\bas|\bincluding|\bincludes?|\bi\.e\.|\be\.g\.|&)\s*$")
_CHANNEL = ci(r"\b(?:by|via|through|over|per|an?|the|our|us|send)\s+$")


@dataclass
class Categories:
    letters: tuple[str, ...]
    evidence: dict[str, Evidence]
    items: tuple[FoundItem, ...]


@dataclass
class _Row:
    letter: str
    start: int
    end: int
    status: str | None  # "yes" | "no" | None


def _row_status(text: str, start: int, end: int) -> str | None:
    span = text[start:end]
    for cell in re.split(r"[|\t\n]", span)[1:] if re.search(r"[|\t\n]", span) else []:
        value = cell.strip().strip(".:").strip().lower()
        if value in _YES:
            return "yes"
        if value in _NO:
            return "no"
    m = _INLINE_STATUS.search(span) or _LABELLED_STATUS.search(span)
    if m:
        return "yes" if m.group(1).lower() == "yes" else "no"
    return None


def _rows(doc: Doc, labels: list[re.Match[str]]) -> list[_Row]:
    text = doc.text
    starts: list[tuple[str, int]] = []
    for m in labels:
        # A row label sits at most a few characters ("A. ", "| ", "Category C: ") after a line start.
        newline = text.rfind("\n", max(0, m.start() - 40), m.start())
        if newline == -1 and m.start() > 40:
            continue
        line_start = newline + 1
        if _ROW_PREFIX.match(text, line_start, m.start()) is None:
            continue
        # A row label is a heading of its row, not the subject of a sentence ("Identifiers such as...").
        after = text[m.end() : m.end() + 3]
        if after[:1] not in ("", ".", ":", "|", "\t", "\n", " ", ",", "(", "–", "—", "-", ";", "*"):
            continue
        starts.append((m.lastgroup or "", m.start()))
    rows: list[_Row] = []
    for k, (letter, start) in enumerate(starts):
        limit = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        blank = text.find("\n\n", start, start + 1200)
        end = min(limit, blank if blank != -1 else len(text), start + 1200)
        rows.append(_Row(letter, start, end, _row_status(text, start, end)))
    return rows


def _tables(text: str, rows: list[_Row]) -> list[list[_Row]]:
    """Rows that follow each other with nothing but layout between them form one table or list."""
    groups: list[list[_Row]] = []
    for row in rows:
        gap = text[groups[-1][-1].end : row.start] if groups else ""
        joined = not re.search(r"[A-Za-z]{2}", gap) and row.start - groups[-1][-1].end < 400 if groups else False
        if joined and row.letter not in {r.letter for r in groups[-1]}:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _intro_sense(doc: Doc, pos: int) -> str | None:
    """'collect' / 'other' / None from the sentences and heading just before a table or list."""
    i = doc.index_at(pos)
    if doc.starts[i] >= pos and i > 0:
        i -= 1
    for j in range(i, max(-1, i - 4), -1):
        sentence = doc.clean_lower(j)
        if _COLLECT.search(sentence):
            return "no" if _NOT_COLLECT.search(sentence) else "collect"
        if _DISCLOSE.search(sentence):
            return "other"
    heading = doc.heading_text(i).lower()
    if _COLLECT.search(heading):
        return "collect"
    if _DISCLOSE.search(heading):
        return "other"
    return None


class _Clauses:
    """Where a unit's clauses break, and where its negations stand, found once per unit."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[list[int], list[int], list[int]]] = {}

    def negated(self, doc: Doc, i: int, pos: int, end: int) -> bool:
        """A negation in the mention's clause: "we do not collect your X", "X is not collected"."""
        if i not in self.cache:
            lo, hi = doc.starts[i], doc.ends[i]
            self.cache[i] = (
                [m.start() for m in _BREAK_RE.finditer(doc.lower, lo, hi)],
                [m.start() for m in _NEGATION_LOW.finditer(doc.lower, lo, hi)],
                [m.start() for m in _NOT_COLLECTED.finditer(doc.lower, lo, hi)],
            )
        breaks, negations, not_collected = self.cache[i]
        # The clause around the mention, and no more than 200 characters before or 60 after it.
        k = bisect_right(breaks, pos - 1)
        clause_lo = max(breaks[k - 1] if k else doc.starts[i], pos - 200)
        j = bisect_right(breaks, end - 1)
        clause_hi = min(breaks[j] if j < len(breaks) else doc.ends[i], end + 60)
        n = bisect_right(negations, clause_lo - 1)
        if n < len(negations) and negations[n] < pos:
            return True
        c = bisect_right(not_collected, end - 1)
        return c < len(not_collected) and not_collected[c] < clause_hi


def find_categories(doc: Doc) -> Categories:
    text = doc.text
    evidence: dict[str, Evidence] = {}
    letters: set[str] = set()
    vetoed: set[str] = set()
    items: dict[str, FoundItem] = {}
    row_spans: list[tuple[int, int, str | None]] = []  # (start, end, letter if collected else None)

    labels = list(_LABEL.finditer(doc.lower))
    for table in _tables(text, _rows(doc, labels)):
        has_status = any(r.status for r in table)
        header = text[max(0, table[0].start - 400) : table[0].start]
        if has_status:
            senses = {id(r): r.status for r in table}
        elif _COLLECTED_COLUMN.search(header):
            senses = {id(r): None for r in table}  # the values of the "Collected" column are missing
        else:
            intro = _intro_sense(doc, table[0].start)
            sense = "yes" if intro in ("collect", None) else None
            senses = {id(r): sense for r in table}
        for row in table:
            status = senses[id(row)]
            if status == "no":
                vetoed.add(row.letter)
            row_spans.append((row.start, row.end, row.letter if status == "yes" else None))
            if status == "yes" and row.letter not in evidence:
                letters.add(row.letter)
                # The row itself is the evidence: its label, its examples and its YES.
                row_text = re.sub(r"\s+", " ", text[row.start : min(row.end, row.start + 400)]).strip(" |")
                evidence[row.letter] = Evidence(row_text, row.start)
            elif status == "yes":
                letters.add(row.letter)

    row_spans.sort(key=lambda span: span[0])
    clauses = _Clauses()

    # Category labels used in prose ("we collect commercial information and geolocation data").
    for m in labels:
        letter = m.lastgroup or ""
        if letter in _ROW_ONLY or letter in letters or _in_rows(row_spans, m.start()) is not False:
            continue
        i = doc.index_at(m.start())
        sentence = doc.clean_lower(i)
        if _COLLECT.search(sentence) and not clauses.negated(doc, i, m.start(), m.end()) and not _DEFINITION.search(sentence):
            letters.add(letter)
            evidence.setdefault(letter, doc.evidence(i, m.start()))

    pattern, phrases = item_lexicon()
    unit_cache: dict[int, tuple[str, bool, bool, str | None]] = {}
    list_cache: dict[int, bool] = {}
    last_accept: dict[int, int] = {}
    for m in pattern.finditer(doc.lower):
        key = lookup(m.group(1), phrases)
        if key is None:
            continue
        pos, end = m.start(), m.end()
        row = _in_rows(row_spans, pos)
        if row is not False:
            if row is not None:
                _add_item(items, key, row, doc, pos)
            continue
        i = doc.index_at(pos)
        if i not in unit_cache:
            sentence = doc.clean_lower(i)
            listy = doc.kinds[i] in (LIST, HEADING)
            unit_cache[i] = (
                sentence,
                bool(_PROCESS.search(sentence)),
                bool(_DEFINITION.search(sentence)),
                _intro_sense(doc, doc.starts[i]) if listy else None,
            )
        sentence, processes, definition, intro = unit_cache[i]
        if definition or clauses.negated(doc, i, pos, end):
            continue
        listy = doc.kinds[i] in (LIST, HEADING)
        if not processes and not (listy and intro != "no"):
            continue
        if normalize_match(m.group(1)) in GENERIC:
            before = doc.lower[max(doc.starts[i], pos - 40) : pos]
            near = last_accept.get(i, -100) >= pos - 30
            if _CHANNEL.search(before) and not _POSSESSIVE.search(before):
                continue
            bullet_of_its_own = listy and len(sentence) - len(m.group(0)) <= 12
            if not (
                bullet_of_its_own
                or _POSSESSIVE.search(before)
                or (_LIST_BEFORE.search(before) and (near or _cached_list(list_cache, text, doc, i)))
            ):
                continue
        last_accept[i] = end
        _add_item(items, key, ITEMS[key].category, doc, pos)

    found_items = tuple(it for it in items.values() if it.category not in vetoed)
    for it in found_items:
        letters.add(it.category)
        evidence.setdefault(it.category, it.evidence)
    final = tuple(letter for letter in LETTERS if letter in letters and letter not in vetoed)
    return Categories(final, {k: evidence[k] for k in final}, found_items)


def _cached_list(cache: dict[int, bool], text: str, doc: Doc, i: int) -> bool:
    if i not in cache:
        cache[i] = _list_of_items(text, doc, i)
    return cache[i]


def _list_of_items(text: str, doc: Doc, i: int) -> bool:
    """A unit that names two or more data items: a list, where everyday words are items too."""
    pattern, phrases = item_lexicon()
    count = 0
    for m in pattern.finditer(doc.lower, doc.starts[i], doc.ends[i]):
        if lookup(m.group(1), phrases):
            count += 1
            if count >= 2:
                return True
    return False


def _in_rows(spans: list[tuple[int, int, str | None]], pos: int):
    """False outside every table row; else the row's letter if collected, None if not (spans sorted)."""
    k = bisect_right(spans, (pos, float("inf"), "")) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return spans[k][2]
    return False


def _add_item(items: dict[str, FoundItem], key: str, letter: str, doc: Doc, pos: int) -> None:
    if key not in items:
        items[key] = FoundItem(key, letter, doc.evidence_at(pos))
