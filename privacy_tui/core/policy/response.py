"""How many days the policy promises for answering a request.

A promise is a period ("within 45 days", "within one month of receipt", "no later than thirty (30)
days", "10 business days") governed by a verb of answering a request (respond, reply, answer,
process, fulfil, complete, comply, handle, action) that comes before it in the same sentence with
nothing about notices, changes, retention, cookies or extensions in between. So a 30-day notice of
policy changes, a retention period, a cookie lifetime or "up to 90 days" of extension are not
response deadlines.

Units: days as stated (business or working days keep their number: the policy's own figure is
what the user can quote back), weeks x 7, months x 30 ("one month" = 30). When a policy promises
several periods (45 days for California, 30 for everyone), the shortest general promise wins:
it is the one the user can hold the company to.
"""

from __future__ import annotations

import re

from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "forty five": 45, "sixty": 60, "ninety": 90, "twenty-one": 21, "twenty one": 21,
    "twenty-eight": 28, "thirty-one": 31,
}
_NUMBER = (
    r"(?:\d{1,3}|forty[- ]five|twenty[- ]one|twenty[- ]eight|thirty[- ]one|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty|sixty|ninety|an?)"
)
_PERIOD = Triggered("day|week|month", ci(
    r"\b(?:within|in|no\s+later\s+than|not\s+later\s+than|no\s+more\s+than|not\s+more\s+than|before|inside|under|by)\s+"
    r"(?:a\s+(?:maximum|period)\s+of\s+|the\s+(?:next|following)\s+|approximately\s+|about\s+|up\s+to\s+)?"
    r"(" + _NUMBER + r")(?:\s*\(\s*(\d{1,3}|" + _NUMBER + r")\s*\))?\s+"
    r"(?:(calendar|business|working|bank)\s+)?(days?|weeks?|months?)\b"
), reach=90)  # every period ends in day(s), week(s) or month(s): look only around those words
_VERB = re.compile(
    r"\b(?:respond\w*|response|reply|replies|answer\w*|process(?:ed|ing)?|fulfil\w*|complet\w+|comply|complied|handle[ds]?|"
    r"action(?:ed)?|resolv\w+|address(?:ed)?\s+your\s+request|provide\s+(?:you\s+with\s+)?(?:the|a|your)\s+(?:information|copy|data))",
    re.IGNORECASE,
)
_REQUEST = re.compile(r"request|inquir|enquir|demand|rights|question|complaint|application", re.IGNORECASE)
_BLOCK = re.compile(
    r"\b(?:notice|notif\w*|chang\w*|modif\w*|amend\w*|retain\w*|retention|stor(?:e|ed|age)|cookie\w*|expir\w*|"
    r"extend\w*|extension|additional|further|more\s+time|refund\w*|cancel\w*|terminat\w*|breach\w*|delet\w*\s+(?:from\s+)?backups?|"
    r"inactiv\w*|trial|billing|invoice|payment|acknowledg\w*|confirm\w*\s+(?:the\s+)?receipt)\b",
    re.IGNORECASE,
)
_OPT_OUT = re.compile(r"opt[- ]?out|do\s+not\s+sell|unsubscrib|marketing|limit\s+the\s+use", re.IGNORECASE)
_EXTENSION = re.compile(r"\b(?:extend\w*|extension|additional|further|more\s+time|up\s+to\s+(?:an?\s+)?(?:additional|further))\b", re.IGNORECASE)


def _amount(word: str, digits: str | None) -> int | None:
    # "thirty (30) days" and "45 (forty-five) days": the figure in digits wins either way.
    if digits and digits.isdigit():
        return int(digits)
    word = word.lower().replace("  ", " ")
    if word.isdigit():
        return int(word)
    return _WORDS.get(word) or _WORDS.get(word.replace("-", " "))


def find_response_days(doc: Doc) -> tuple[int | None, Evidence | None]:
    text = doc.text
    candidates: list[tuple[int, int, int, int]] = []  # (special, days, pos, unit)
    for m in _PERIOD.finditer(doc.lower):
        i = doc.index_at(m.start())
        start = doc.starts[i]
        before = text[max(start, m.start() - 220) : m.start()]
        verbs = list(_VERB.finditer(before))
        if not verbs:
            continue
        between = before[verbs[-1].start() :]
        if _BLOCK.search(between):
            continue
        sentence = text[start : doc.ends[i]]
        # The request is often named in the sentence before ("Email us to exercise your rights. We
        # will respond within 30 days.") or in the heading ("Response timing").
        context = sentence + " " + (doc.clean(i - 1) if i > 0 else "") + " " + doc.heading_text(i)
        if not _REQUEST.search(context):
            continue
        # "If we need more time (up to 90 days)...": the extension, not the promise.
        if _EXTENSION.search(text[max(start, m.start() - 60) : m.end()]):
            continue
        if re.search(r"\bhours?\b", m.group(0), re.IGNORECASE):
            continue
        amount = _amount(m.group(1), m.group(2))
        if not amount:
            continue
        unit = m.group(4).lower()
        days = amount * 7 if unit.startswith("week") else amount * 30 if unit.startswith("month") else amount
        if 1 <= days <= 180:
            # Opt-outs and unsubscribes have their own, shorter clocks; they are not the answer to a request.
            special = 1 if _OPT_OUT.search(sentence) else 0
            candidates.append((special, days, m.start(), i))
    if not candidates:
        return None, None
    _, days, pos, unit = min(candidates)
    return days, doc.evidence(unit, pos)
