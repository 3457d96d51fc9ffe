"""Rights the policy offers: access, deletion, rectification, portability, objection, restriction,
opt_out_sale, withdraw_consent, non_discrimination.

Each right has strong phrasings that count on their own ("right to erasure", "Do Not Sell My
Personal Information", "data portability") and weak ones that count only in a sentence that
offers something to the reader ("you can delete or change your profile information", "the
ability to access your data"). A sentence that takes the right away ("you do not have the right
to withdraw it", "your right to data portability is not applicable") does not count; for
non-discrimination the negation is the right itself ("we will not discriminate against you").
"""

from __future__ import annotations

import re

from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

ORDER = (
    "access",
    "deletion",
    "rectification",
    "portability",
    "objection",
    "restriction",
    "opt_out_sale",
    "withdraw_consent",
    "non_discrimination",
)

_LABEL = r"(?:^|[-•*·▪◦●]\s*|\n\s*)"
_DATA = r"(?:(?:personal|service|account|profile|your)\s+){0,2}(?:data|information|details|records)"

_STRONG: dict = {
    "access": ci(
        r"right\s+(?:of|to)\s+(?:\w+\s+)?access|right\s+to\s+know|request\s+(?:access|a\s+copy|copies|disclosure)|"
        r"(?:obtain|get|receive|ask\s+for)\s+(?:a\s+)?cop(?:y|ies)\s+of|cop(?:y|ies)\s+of\s+(?:your|the|all)\s+(?:personal\s+)?(?:data|information)|(?:subject|data|consumer)\s+access\s+request|\baccess\s+requests?\b|"
        r"Disclosure\s+and\s+Access|right\s+to\s+learn|right\s+to\s+request\s+(?:that\s+we\s+)?disclos|"
        r"(?:^|\n)[ \t]*(?:[-•*][ \t]*)?access\s+(?:to\s+)?(?:their|your)\s+(?:personal\s+)?(?:data|information)\b|"
        r"know\s+what\s+personal\s+(?:data|information)|confirm(?:ation)?\s+(?:as\s+to\s+)?whether\s+(?:or\s+not\s+)?we\s+(?:are\s+)?process|"
        + _LABEL + r"(?:Right\s+(?:of|to)\s+)?Access\s*(?::|–|—|-\s)"
    ),
    "deletion": ci(
        r"right\s+to\s+(?:erasure|deletion|delete|be\s+forgotten|have\s+(?:\w+\s+){1,3}(?:deleted|erased))|\berasure\b|"
        r"request\s+(?:the\s+)?(?:deletion|erasure)|request\s+(?:that\s+we\s+|us\s+to\s+)?(?:delete|erase)|"
        r"deletion\s+requests?|request(?:s)?\s+to\s+delete|Right\s+to\s+Delete|" + _LABEL + r"Deletion\s*(?::|–|—|-\s)"
    ),
    "rectification": ci(
        r"rectif|right\s+to\s+(?:correct|correction|amend|update)|request\s+(?:that\s+we\s+|us\s+to\s+)?(?:correct|amend|update)|"
        r"correct\s+(?:any\s+)?inaccura|correction\s+requests?|" + _LABEL + r"Correction\s*(?::|–|—|-\s)"
    ),
    "portability": ci(r"portab|machine[- ]readable|transmit\s+(?:it|them|that\s+data|your\s+data)\s+to\s+another"),
    "objection": ci(
        r"right\s+to\s+object|object\s+to\s+(?:the\s+|our\s+|any\s+|such\s+|certain\s+)?(?:processing|use|direct\s+marketing|profiling)|"
        r"\bobjection\b|" + _LABEL + r"Object\w*\s*(?::|–|—|-\s)"
    ),
    "restriction": ci(
        r"restrict\w*\s+(?:or\s+\w+\s+(?:to\s+)?)?(?:the\s+|our\s+|how\s+we\s+|its\s+)?(?:processing|use)|right\s+to\s+restrict|restriction\s+of\s+(?:the\s+)?processing|"
        r"limit\s+(?:how\s+we\s+use|the\s+(?:use|processing))|Limit\s+the\s+Use\s+of\s+My\s+Sensitive|"
        + _LABEL + r"Restriction\s*(?::|–|—|-\s)"
    ),
    "opt_out_sale": ci(
        r"do\s+not\s+(?:sell|share)\s+(?:or\s+share\s+)?my|direct\s+us\s+not\s+to\s+(?:sell|share)|"
        r"opt[- ]?out\s+of\s+(?:the\s+|any\s+|such\s+)?(?:sale|selling|sharing|targeted\s+advertising|cross[- ]context)|"
        r"right\s+to\s+opt[- ]?out\b[^.\n]{0,80}?(?:sale|sell|shar|targeted|profiling)|"
        r"global\s+privacy\s+control|opt[- ]out\s+preference\s+signal"
    ),
    "withdraw_consent": ci(
        r"withdraw\w*\s+(?:your\s+|of\s+(?:your\s+)?|any\s+|the\s+)?consent|revok\w+\s+(?:your\s+)?consent|"
        r"consent\s+(?:\w+\s+){0,4}(?:can|may)\s+be\s+(?:withdrawn|revoked)|withdraw\s+(?:it|this|that)\s+at\s+any\s+time"
    ),
    "non_discrimination": ci(
        r"not\s+discriminate|non[- ]?discriminat|discriminat\w*\s+against\s+you|free\s+from\s+discrimination|"
        r"not\s+(?:be\s+)?retaliat"
    ),
}
_WEAK: dict = {
    "access": ci(r"\baccess\s+(?:to\s+)?(?:your|the|any)\s+" + _DATA + r"|\breview\s+(?:your|the)\s+" + _DATA),
    "deletion": ci(
        r"\bdelet(?:e|ion\s+of)\s*,?\s+(?:(?:or|and)\s+\w+\s+)?(?:your|the|any|all|some)\s+(?:\w+\s+){0,3}(?:data|information|account|profile)|"
        r"\b(?:have|get)\s+(?:your|the|it|them|this|that|such|all)\s+(?:\w+\s+){0,3}(?:deleted|erased|removed)"
    ),
    "rectification": ci(
        r"\b(?:correct|update|change|amend|edit|modify)\s*,?\s+(?:(?:or|and)\s+\w+\s+)?(?:your|the|that|any)\s+"
        r"(?:\w+\s+){0,3}(?:data|information|account\s+information|profile)|"
        r"\b(?:have|get)\s+(?:your|the|it|them|this|that|any|inaccurate|incomplete)\s+(?:\w+\s+){0,3}"
        r"(?:corrected|rectified|amended|updated|completed)"
    ),
    "restriction": ci(r"\brestrict(?:ion)?\b"),
    "portability": ci(r"\bexport\s+(?:of\s+)?(?:(?:or\s+\w+\s+of\s+)?(?:your|the|all)\s+(?:\w+\s+)?data)|request\s+export"),
}
# Every phrasing of a right contains one of its words: the patterns run only near them (fast.py).
_STRONG_WORDS = {
    "access": "access|right to know|cop|disclos|know what|confirm",
    "deletion": "eras|delet|forgotten",
    "rectification": "rectif|correct|amend|update",
    "portability": "portab|machine|transmit",
    "objection": "object",
    "restriction": "restrict|limit",
    "opt_out_sale": "sell|share|opt|global privacy|signal",
    "withdraw_consent": "withdraw|revok",
    "non_discrimination": "discriminat|retaliat",
}
_WEAK_WORDS = {
    "access": "access|review",
    "deletion": "delet|erased|removed",
    "rectification": "correct|update|change|amend|edit|modif|rectified|completed",
    "restriction": "restrict",
    "portability": "export",
}
_STRONG = {k: Triggered(_STRONG_WORDS[k], v, reach=120) for k, v in _STRONG.items()}
_WEAK = {k: Triggered(_WEAK_WORDS[k], v, reach=120) for k, v in _WEAK.items()}
# Phrasings whose capitals matter ("we do not sell" is no offer; a "Do Not Sell" link is).
_CASED: dict[str, re.Pattern[str]] = {"opt_out_sale": re.compile(r"Do\s+Not\s+Sell|Your\s+Privacy\s+Choices")}
_OFFER = re.compile(
    r"\bright|\byou\s+(?:can|may|could|are\s+(?:able|entitled)|have\s+the)|\brequest|\bentitled|ability\s+to|option\s+to|"
    r"\bchoose\b|\bwish\s+to|\bwould\s+like\s+to|\bcontact\s+us|\bwrite\s+to|\be-?mail\s+us|\bask\b",
    re.IGNORECASE,
)
_DENIED = re.compile(
    r"(?:do(?:es)?\s+not|don['’]t|doesn['’]t)\s+have\s+(?:the|a|any)\s+right|not\s+applicable|no\s+right\s+to|"
    r"rights?\s+(?:\w+\s+){0,4}(?:does|do|will)\s+not\s+apply|(?:is|are)\s+not\s+(?:available|offered|provided)|"
    r"not\s+entitled|(?:do|does)\s+not\s+offer|cannot\s+be\s+exercised",
    re.IGNORECASE,
)


def find_rights(doc: Doc) -> dict[str, Evidence]:
    text = doc.text
    found: dict[str, Evidence] = {}
    cache: dict[int, str] = {}

    def sentence(i: int) -> str:
        if i not in cache:
            cache[i] = doc.clean(i)
        return cache[i]

    for right in ORDER:
        best: tuple[int, int] | None = None
        strong = [(_STRONG[right], doc.lower)]
        if right in _CASED:
            strong.append((_CASED[right], text))
        for pattern, haystack in strong:
            for m in pattern.finditer(haystack):
                if best and m.start() >= best[0]:
                    break
                i = doc.index_at(m.start())
                if right != "non_discrimination" and _DENIED.search(sentence(i)):
                    continue
                best = (m.start(), i)
                break
        weak = _WEAK.get(right)
        if weak is not None:
            for m in weak.finditer(doc.lower):
                if best and m.start() >= best[0]:
                    break
                i = doc.index_at(m.start())
                s = sentence(i)
                if _OFFER.search(s) and not _DENIED.search(s):
                    best = (m.start(), i)
                    break
        if best is not None:
            found[right] = doc.evidence(best[1], best[0])
    return found
