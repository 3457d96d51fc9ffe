"""Who publishes the policy: the company's name as the policy gives it, or None.

Signals, strongest first, each scored:
- a defined term: `Acme Widgets, Inc. ("Acme", "we", "us")`;
- "X is the (data) controller", "this policy is made/provided by X", "operated by X";
- an acronym defined near the top: "made by the iCanopus Technology (ICT)";
- a copyright line: "© 2024 Acme Inc.";
- "At X, we ...", "Welcome to X", "X respects your privacy";
- the title: "X Privacy Policy", "Privacy Notice of X" (product words such as "App" trimmed);
- weakest: the site the policy calls "our website", or an e-mail domain whose name the text
  also uses as a word.
Candidates are grouped by their first word; the best group wins, and within it the legal-entity
form (with Inc., Ltd., GmbH...) is preferred. A title made only of generic words ("Business
Product & Support Privacy Notice") names nobody, and then neither does the analyzer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from privacy_tui.core.policy import domains
from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import HEADING, Doc

_SUFFIX_WORDS = (
    "inc inc. incorporated llc l.l.c. ltd ltd. limited gmbh ag sa s.a. sas s.a.s. sarl s.à.r.l. s.a.r.l. bv b.v. "
    "nv n.v. plc corp corp. corporation co co. lp l.p. llp l.l.p. pty pty. pbc oy oyj ab as a/s aps s.p.a. spa "
    "s.r.l. srl kg ohg ug k.k. pte pte. se sl s.l. sro s.r.o. kft zrt sp. ltda ltda. lda bhd sdn"
).split()
_SUFFIX = frozenset(_SUFFIX_WORDS)
_CONNECT = frozenset("& and of de der des du la le von van für fur y e".split())
_GENERIC = frozenset(
    """
    privacy policy policies notice statement company we our us you your the this these that those a an
    app apps application applications website websites web site sites online mobile platform service services
    product products business businesses support customer customers consumer consumers contact employee employees
    candidate candidates global general cookie cookies data protection personal information terms conditions
    user users member members client clients group legal section part introduction summary table contents
    california european union kingdom states united gdpr ccpa cpra uk eu us usa last updated effective date
    version home skip content menu main page & and of for in on to by at with about
    """.split()
)
_THIRD_PARTY_NAMES = frozenset(
    "google facebook meta microsoft apple amazon stripe paypal twitter linkedin instagram youtube salesforce "
    "hubspot mailchimp shopify cloudflare adobe oracle tiktok wordpress termly onetrust iubenda".split()
)
_TOKEN = re.compile(r"[\w&'’./-]+|,")
_NAMEISH = re.compile(r"^(?:[A-Z0-9À-Ý][\w&'’./-]*|[a-z]{1,3}[A-Z][\w&'’./-]*)$")

_DEFINED = re.compile(
    r"\(\s*(?:(?:hereinafter|collectively|together|jointly|individually|also)[\s,]*(?:(?:referred\s+to|known)\s+as\s*)?)?"
    r"(?:the\s+)?[\"“”'‘’«]{1,2}\s*([^\"“”'‘’»)]{1,40}?)\s*[\"“”'‘’»]{1,2}([^)]{0,120})\)",
)
_AND_AFFILIATES = re.compile(
    r"\s+(?:and|&)\s+(?:its|our|their)\s+(?:\w+\s+){0,2}(?:affiliates|subsidiaries|companies|entities|group)\s*,?\s*$"
)
_ROLE_ALIASES = frozenset({"company", "the company", "controller", "provider", "operator", "publisher", "firm"})
_ROLE_QUOTED = re.compile(r"[\"“”'‘’«]\s*(?:the\s+)?(?:company|controller|operator)\s*[\"“”'‘’»]", re.IGNORECASE)
_WE = re.compile(r"[\"“”'‘’«]\s*(?:we|us|our|ours)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,7})\s*\)")
# Patterns built with ci() run on the lower-cased text (see fast.py).
_BY = Triggered(
    r" by",
    ci(
        r"\b(?:operated|owned|provided|published|maintained|controlled|run|made|issued|offered|managed|brought to you)"
        r"\s+by\s+(?:the\s+)?"
    ),
    reach=40,
)
_ABOUT_US = re.compile(
    r"\b(?:this|our|the)\s+(?:privacy\s+)?(?:policy|notice|statement|website|web\s*site|site|apps?|application|"
    r"services?|platform|products?)\b",
    re.IGNORECASE,
)
_CONTROLLER_AFTER = Triggered(
    r"controller", ci(r"\b(?:is|acts\s+as|will\s+be|shall\s+be)\s+(?:the|a|your)\s+(?:data\s+)?controller"), reach=40
)
_CONTROLLER_BEFORE = Triggered(
    r"controller",
    ci(r"\bcontroller\s+(?:of\s+your\s+(?:personal\s+)?(?:data|information)\s+)?(?:is|will\s+be|:)\s+(?:the\s+)?"),
    reach=60,
)
_COPYRIGHT = ci(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?")
# Literal-led patterns (no leading \b) let the regex engine skip through the text; word starts
# are checked in code (`_word_start`).
_AT_WE = re.compile(r"At\s+")
# "Acme Ltd is a company registered in England", "We are Acme GmbH, ..."
_REGISTERED = Triggered(
    "company",
    ci(r"\b(?:is\s+)?an?\s+(?:(?:private|public|limited|liability)\s+){0,3}company\s+(?:registered|incorporated|organi[sz]ed|established)"),
    reach=40,
)
_WE_ARE = re.compile(r"We\s+are\s+(?:the\s+)?")
_WELCOME = re.compile(r"(?:Welcome\s+to|Thank\s+you\s+for\s+(?:choosing|using|visiting)|trust\s+in)\s+(?:the\s+)?")
_RESPECTS = re.compile(r"(?:respects|values|is\s+committed\s+to|takes\s+your\s+privacy|cares\s+about|understands\s+that)\b")
# Titles: "Acme Privacy Policy", "Acme's Privacy Notice", "Privacy Policy | Acme", "Privacy Notice of Acme".
_TITLE = re.compile(
    r"^(.*?)(?:['’]s)?\s+(?:Online\s+|Website\s+|Global\s+|Customer\s+|Consumer\s+|Data\s+)?Privacy\s+"
    r"(?:Policy|Notice|Statement)\s*(?:$|[|:–—(-])",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(r"^(?:Online\s+)?Privacy\s+(?:Policy|Notice|Statement)\s*[|–—:-]\s*(?:the\s+)?", re.IGNORECASE)
_TITLE_OF = re.compile(r"\bPrivacy\s+(?:Policy|Notice|Statement)\s+(?:of|for)\s+(?:the\s+)?", re.IGNORECASE)
# Run on the lower-cased text: group 1 is the site, in lower case.
OUR_SITE = Triggered(
    "our web|our site|our domain|our platform",
    ci(
        r"(?<![a-z])our\s+(?:web\s*site|site|domain|platform)s?\s*(?:(?:,\s*)?(?:at|is|located\s+at|available\s+at|:)\s*)?"
        r"(?:\(\s*)?((?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
    ),
    reach=120,
    before=1,
)
# The legal-entity form of a name: up to six more capitalised words, then a suffix (checked by _is_suffix).
_SUFFIX_ALTERNATION = "|".join(re.escape(w.rstrip(".")) for w in sorted(set(_SUFFIX_WORDS), key=len, reverse=True))
_LEGAL_TAIL = r"(?:,?\s+(?:[A-Z0-9&][\w&'’.-]*)){0,6}?,?\s+(?i:" + _SUFFIX_ALTERNATION + r")(?![\w])\.?"
_PRODUCT_TAIL = frozenset("app apps application website web site online mobile platform service services".split())


@dataclass(frozen=True)
class _Candidate:
    name: str
    score: float
    pos: int


def _clean_name(tokens: list[str]) -> str:
    while tokens and (tokens[0].lower() in _CONNECT or tokens[0] in (",", "The", "the") or tokens[0].lower() == "by"):
        tokens = tokens[1:]
    while tokens and (tokens[-1] == "," or tokens[-1].lower() in _CONNECT):
        tokens = tokens[:-1]
    out = ""
    for tok in tokens:
        out += tok if tok == "," or not out else " " + tok
    out = out.strip(" ,.'’\"")
    # Put back the full stop of a suffix written with one ("Inc.", "Co."), not of "GmbH." at a sentence's end.
    if tokens and tokens[-1].endswith(".") and _is_suffix(tokens[-1]) and tokens[-1].lower() in _SUFFIX:
        out += "."
    return out


def _is_suffix(tok: str) -> bool:
    low = tok.lower()
    if low not in _SUFFIX and low.rstrip(".") not in _SUFFIX:
        return False
    # "AS", "SA", "Co" are suffixes; "as", "co" are words.
    return tok[:1].isupper() or low in ("plc", "gmbh") if len(low.rstrip(".")) > 2 else (tok.isupper() or "." in tok or tok in ("Co", "Co."))


def _is_nameish(tok: str) -> bool:
    return bool(_NAMEISH.match(tok)) or _is_suffix(tok)


def _backward(text: str, end: int, floor: int = 0) -> str:
    """The name that ends at `end`: capitalised words (and a legal suffix) read backwards, not before `floor`."""
    window = text[max(floor, end - 160) : end]
    tokens = _TOKEN.findall(window)
    taken: list[str] = []
    for tok in reversed(tokens):
        low = tok.lower()
        if tok == ",":
            # A comma belongs to a name only before a legal suffix: "Acme, Inc.", "Wicresoft North America, LTD".
            if taken and _is_suffix(taken[0]):
                taken.insert(0, tok)
                continue
            break
        if tok.endswith(".") and not _is_suffix(tok) and taken:
            break  # the end of the previous sentence
        if _is_nameish(tok) or (low in _CONNECT and taken and _is_nameish(taken[0])):
            taken.insert(0, tok)
            if len(taken) > 10:
                break
            continue
        break
    return _clean_name(taken)


def _forward(text: str, start: int, ceiling: int | None = None) -> str:
    """The name that starts at `start`, read forwards up to a legal suffix or a non-name word."""
    window = text[start : min(start + 160, len(text) if ceiling is None else ceiling)]
    taken: list[str] = []
    for m in _TOKEN.finditer(window):
        tok = m.group()
        if tok == ",":
            nxt = _TOKEN.match(window, m.end() + (1 if window[m.end() : m.end() + 1] == " " else 0))
            if nxt and _is_suffix(nxt.group()):
                taken.append(tok)
                continue
            break
        if taken and window[m.start() - 1 : m.start()] not in (" ", ""):
            break
        core = tok.rstrip(".")
        if _is_nameish(tok) or _is_nameish(core) or (tok.lower() in _CONNECT and taken):
            taken.append(tok if _is_suffix(tok) else core if tok.endswith(".") and core else tok)
            if tok.endswith(".") and not _is_suffix(tok):
                break  # the end of the sentence
            if _is_suffix(tok) and len(taken) > 1:
                break  # "Acme, Inc. All rights reserved"
            if len(taken) > 8:
                break
            continue
        break
    return _clean_name(taken)


def _plausible(name: str) -> bool:
    if not name or len(name) < 2 or len(name) > 80:
        return False
    words = [w for w in re.split(r"[\s,]+", name) if w]
    if not any(c.isalpha() for c in name):
        return False
    if all(w.lower().strip(".") in _GENERIC or _is_suffix(w) for w in words):
        return False
    if words[0].lower() in _THIRD_PARTY_NAMES:
        return False
    return not re.search(r"\b(?:Commission(?:er)?|Authority|Regulation|Act|Attorney|Department|Ministry|Court)\b", name)


def _trim_product(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _PRODUCT_TAIL:
        words.pop()
    return " ".join(words)


def _has_suffix(name: str) -> bool:
    return any(_is_suffix(w) for w in re.split(r"[\s,]+", name)[1:])


def _key(name: str) -> str:
    first = re.split(r"[\s,]+", name)[0]
    return re.sub(r"[^\w]", "", first).casefold()


def find_company(doc: Doc, emails: list[str] | tuple[str, ...] = ()) -> tuple[str | None, Evidence | None]:
    text = doc.text
    found: list[_Candidate] = []

    def back(pos: int) -> str:
        return _backward(text, pos, doc.starts[doc.index_at(max(0, pos - 1))])

    def fwd(pos: int) -> str:
        return _forward(text, pos, doc.ends[doc.index_at(pos)])

    acronyms: dict[str, str] = {}

    def add(name: str, score: float, pos: int) -> None:
        name = acronyms.get(name.strip(), name.strip())
        if _plausible(name):
            found.append(_Candidate(name, score, pos))

    head_end = min(len(text), 3000)
    for m in _ACRONYM.finditer(text, 0, head_end):
        acronym = m.group(1)
        name = back(m.start())
        if name and _initials_match(acronym, name):
            # "made by the iCanopus Technology (ICT)" names the publisher; "Internet Protocol (IP)" does not.
            name_start = text.rfind(name.split()[0], max(0, m.start() - 200), m.start())
            by = re.search(r"\bby\s+(?:the\s+)?$", text[max(0, name_start - 12) : name_start], re.IGNORECASE)
            if by or _has_suffix(name):
                acronyms.setdefault(acronym, name)
                add(name, 8 if by else 6, m.start())
    for m in _DEFINED.finditer(text):
        inner = m.group(0)
        alias = m.group(1).strip()
        end = m.start()
        # "Acme Inc. and its affiliates (collectively "we")": the name is before the affiliates.
        floor = doc.starts[doc.index_at(max(0, end - 1))]
        group = _AND_AFFILIATES.search(text, max(floor, end - 120), end)
        if group:
            end = group.start()
        name = back(end)
        if not name:
            continue
        if _WE.search(inner):
            add(name, 10, m.start())
        elif alias.lower() in _ROLE_ALIASES or _ROLE_QUOTED.search(inner):
            add(name, 8, m.start())
        elif alias[:1].isupper() and _key(alias) == _key(name) and len(name) > len(alias):
            add(name, 3, m.start())  # "Acme Widgets, Inc. ("Acme")": a definition, but of whom?
    low = doc.lower
    for m in _BY.finditer(low):
        i = doc.index_at(m.start())
        sentence = text[doc.starts[i] : m.start()]
        if _ABOUT_US.search(sentence):
            add(fwd(m.end()), 7, m.start())
    for m in _CONTROLLER_AFTER.finditer(low):
        add(back(m.start()), 8, m.start())
    for m in _CONTROLLER_BEFORE.finditer(low):
        add(fwd(m.end()), 8, m.start())
    for m in _COPYRIGHT.finditer(low):
        add(fwd(m.end()), 6, m.start())
    for m in _AT_WE.finditer(text):
        if not _word_start(text, m.start()):
            continue
        name = fwd(m.end())
        if name and re.match(r",\s+we\b", text[m.end() + len(name) : m.end() + len(name) + 6]):
            add(name, 5, m.start())
    for m in _REGISTERED.finditer(low):
        end = m.start()
        while end > 0 and text[end - 1] in " \t\n,":
            end -= 1
        add(back(end), 7, m.start())
    for m in _WE_ARE.finditer(text):
        if not _word_start(text, m.start()):
            continue
        name = fwd(m.end())
        after = text[m.end() + len(name) : m.end() + len(name) + 3]
        if name and (_has_suffix(name) or after[:1] in (",", "(") or after[:2] == " (") and name.split()[0][:1].isupper():
            add(name, 6, m.start())
    for m in _WELCOME.finditer(text):
        if not _word_start(text, m.start()):
            continue
        add(_trim_product(fwd(m.end())), 4, m.start())
    for m in _RESPECTS.finditer(text):
        if not _word_start(text, m.start()):
            continue
        name = back(m.start())
        if name and not re.match(r"(?i)(?:we|it|he|she|they|this)$", name):
            add(name, 4, m.start())
    _title_candidates(doc, add)
    if found:
        _legal_mentions(text, doc.lower, {_key(c.name) for c in found}, add)

    if not found:
        name, pos = _site_fallback(doc, emails)
        if name:
            found.append(_Candidate(name, 1, pos))
    if not found:
        return None, None
    groups: dict[str, list[_Candidate]] = defaultdict(list)
    for cand in found:
        groups[_key(cand.name)].append(cand)
    best_group = max(groups.values(), key=lambda g: (sum(c.score for c in g), -min(c.pos for c in g)))
    legal = [c for c in best_group if _has_suffix(c.name)]
    pool = legal or best_group
    chosen = max(pool, key=lambda c: (c.score, -c.pos))
    return chosen.name, doc.evidence_at(chosen.pos)


def _initials_match(acronym: str, name: str) -> bool:
    words = [w for w in name.split() if w.lower() not in _CONNECT and not _is_suffix(w)]
    if not words:
        return False
    letters = "".join(c for w in words for i, c in enumerate(w) if i == 0 or c.isupper()).upper()
    initials = "".join(w[0] for w in words).upper()
    with_suffix = "".join(w[0] for w in name.split() if w.lower() not in _CONNECT).upper()  # "Northwind Traders Ltd (NTL)"
    return acronym.upper() in (letters, initials, with_suffix) or (len(acronym) >= 2 and acronym.upper() == letters[: len(acronym)])


def _title_candidates(doc: Doc, add) -> None:
    for i in range(min(len(doc), 6)):
        line = doc.clean(i)
        if len(line) > 120:
            continue
        m = _TITLE.match(line)
        if m:
            name = _trim_product(_backward(m.group(1) + " ", len(m.group(1)) + 1))
            if name:
                # How often the name recurs: a title naming the publisher names it again in the text.
                count = doc.lower.count(name.split()[0].lower(), 0, 200000)
                add(name, 4 + min(count, 5) * 0.4 + (1 if doc.kinds[i] == HEADING else 0), doc.starts[i])
        m = _TITLE_OF.search(line) or _TITLE_AFTER.match(line)
        if m:
            name = _trim_product(_forward(line, m.end()))
            if name:
                add(name, 4, doc.starts[i] + m.start())


def _word_start(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_-@./")


def _legal_mentions(text: str, lower: str, keys: set[str], add) -> None:
    # The legal-entity form of a name already found, anywhere in the text ("Acme" -> "Acme Holdings, Inc.").
    tail = re.compile(r"\w*" + _LEGAL_TAIL)
    for key in keys:
        if not key:
            continue
        # Find the word in the lower-cased text (a literal search), then read the form that follows it.
        for m in re.finditer(re.escape(key), lower):
            if not _word_start(text, m.start()):
                continue
            t = tail.match(text, m.end())
            if t is None:
                continue
            name = _clean_name(_TOKEN.findall(text[m.start() : t.end()]))
            if _key(name) == key and _has_suffix(name):
                add(name, 2, m.start())


def _site_fallback(doc: Doc, emails) -> tuple[str, int]:
    text = doc.text
    for m in OUR_SITE.finditer(doc.lower):
        host = domains.host_of(m.group(1))
        label = domains.registrable(host).split(".")[0]
        if len(label) >= 3 and not domains.is_third_party(host) and label.lower() not in _GENERIC:
            return _spelling(text, label), m.start()
    labels = list(dict.fromkeys(domains.registrable(domains.host_of(e)).split(".")[0] for e in emails))
    for label in labels[:5]:
        if len(label) < 3:
            continue
        word = re.search(r"(?<![@\w./-])(" + re.escape(label) + r")(?![\w@]|\.[a-z])", text, re.IGNORECASE)
        if word and word.group(1)[0].isupper():
            return word.group(1), word.start()
    return "", 0


def _spelling(text: str, label: str) -> str:
    """The way the text writes a domain's name as a word ("Velopack"), else the label capitalised."""
    m = re.search(r"(?<![@\w./-])(" + re.escape(label) + r")(?![\w@]|\.[a-z])", text, re.IGNORECASE)
    if m and m.group(1)[0].isupper():
        return m.group(1)
    return label[:1].upper() + label[1:]
