"""Which privacy laws the policy invokes: gdpr, uk_gdpr, ccpa, us_state, pipeda, lgpd.

A law counts when the policy names it, names its regulator, or addresses its residents ("If you
are a California resident", "individuals in the EEA"). GDPR is also inferred from its vocabulary:
a policy that lists two or more of Art. 6's legal bases (legitimate interests, performance of a
contract, vital interests, legal obligation) is a GDPR notice, or a UK GDPR one when it speaks
of the UK and not of the EU. A mere mention of a place ("we store data in the European Union")
does not count.
"""

from __future__ import annotations

import re

from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

ORDER = ("gdpr", "uk_gdpr", "ccpa", "us_state", "pipeda", "lgpd")

_RESIDENT = r"(?:residents?|located|based|living|reside|citizens?|individuals|users|consumers|data\s+subjects|visitors|customers)"
_US_STATES = (
    r"virginia|colorado|connecticut|utah|texas|oregon|montana|iowa|delaware|new\s+jersey|new\s+hampshire|tennessee|"
    r"minnesota|maryland|indiana|kentucky|nebraska|rhode\s+island|nevada|florida|washington"
)

# All patterns run on the lower-cased text (see fast.py), except the acronyms in _CASED.
_PATTERNS: dict[str, re.Pattern[str] | Triggered] = {
    "uk_gdpr": ci(
        r"\buk\s+gdpr\b|united\s+kingdom\s+general\s+data\s+protection|data\s+protection\s+act\s+2018|"
        r"information\s+commissioner['’]?s?\s+office|data\s+protection\s+act\s+1998|"
        r"privacy\s+and\s+electronic\s+communications\s+regulations|\buk\s+data\s+protection\s+(?:law|legislation|regulation)|"
        r"\b(?:in|from|within)\s+the\s+(?:uk|united\s+kingdom)\s*,?\s+(?:you|this)\b|"
        r"\b(?:uk|united\s+kingdom)\s+" + _RESIDENT + r"|\b" + _RESIDENT + r"\s+(?:in|of)\s+the\s+(?:uk|united\s+kingdom)\b"
    ),
    "gdpr": ci(
        r"(?<!uk\s)(?<!uk-)\bgdpr\b|(?<!kingdom\s)(?<!uk\s)general\s+data\s+protection\s+regulation|2016/679|"
        r"\b(?:eu|european)\s+data\s+protection\s+law|\beu\s+representative|\bart(?:icle|\.)\s*27\b|supervisory\s+authorit|standard\s+contractual\s+clauses|"
        r"\beu[-–]u\.?s\.?\s+(?:and\s+swiss[-–]u\.?s\.?\s+)?(?:data\s+privacy|privacy\s+shield)|"
        r"\b(?:european\s+economic\s+area|eea|european\s+union|eu|switzerland)\b[^.;:]{0,80}?\b" + _RESIDENT + r"\b|"
        r"\b" + _RESIDENT + r"\s+(?:in|of|from|within)\s+the\s+(?:european\s+economic\s+area|eea|european\s+union|eu)\b|"
        r"\bart(?:icle|\.)\s*6\s*\(1\)"
    ),
    "ccpa": ci(
        r"\bccpa\b|\bcpra\b|california\s+consumer\s+privacy\s+act|california\s+privacy\s+rights\s+act|"
        r"\bcalifornia\s+" + _RESIDENT + r"|\b" + _RESIDENT + r"\s+of\s+(?:the\s+state\s+of\s+)?california|"
        r"\bcal(?:ifornia|\.)?\s*civ(?:il|\.)?\s*code|§\s*1798\.1\d\d|\b1798\.1\d\d\b|customer\s+records\s+statute|"
        r"shine\s+the\s+light|do\s+not\s+sell\s+(?:or\s+share\s+)?my\s+personal\s+information|"
        r"california\s+privacy\s+protection\s+agency|under\s+california\s+law|"
        r"\b(?:sell|sold)\s+(?:and/or|or|and)\s+shar\w*\s+(?:your\s+)?personal\s+information|"
        r"verify\s+or\s+maintain\s+the\s+quality\s+or\s+safety\s+of\s+a\s+service\s+or\s+device"
    ),
    "us_state": ci(
        r"\b(?:" + _US_STATES + r")\s+(?:" + _RESIDENT + r"|consumer\s+data\s+protection\s+act|privacy\s+act|"
        r"consumer\s+privacy\s+act|data\s+privacy\s+act|privacy\s+law)|"
        r"\b" + _RESIDENT + r"\s+of\s+(?:the\s+(?:state|commonwealth)\s+of\s+)?(?:" + _US_STATES + r")\b|"
        r"\b(?:vcdpa|ctdpa|ucpa|tdpsa|ocpa|mcdpa|icdpa)\b|\bcpa\s+\(colorado|"
        r"\b(?:u\.?s\.?|united\s+states|other|certain|applicable|your)\s+state\s+(?:consumer\s+)?(?:data\s+)?(?:privacy|protection)\s+laws?|"
        r"\bstate\s+privacy\s+laws|residents\s+of\s+certain\s+(?:u\.?s\.?\s+)?states|your\s+state\s+privacy\s+rights|"
        r"\bstate\s+of\s+residence\s+in\s+the\s+(?:us|u\.s\.|united\s+states)|"
        r"\b(?:california|" + _US_STATES + r"),\s+(?:" + _US_STATES + r")\b"
    ),
    "pipeda": ci(
        r"\bpipeda\b|personal\s+information\s+protection\s+and\s+electronic\s+documents\s+act|"
        r"privacy\s+commissioner\s+of\s+canada|laws\s+of\s+canada|\bcanadian\s+(?:privacy\s+)?(?:law|legislation|" + _RESIDENT + r")|"
        r"\b" + _RESIDENT + r"\s+(?:in|of)\s+canada\b|\bif\s+you\s+are\s+(?:located\s+|based\s+)?in\s+canada\b|"
        r"quebec['’]?s?\s+(?:law\s+25|privacy)|\blaw\s+25\b"
    ),
    "lgpd": ci(
        r"\blgpd\b|lei\s+geral\s+de\s+prote[çc][ãa]o|brazil(?:ian)?\s+general\s+(?:personal\s+)?data\s+protection\s+law|"
        r"\banpd\b|\bbrazilian\s+" + _RESIDENT + r"|\b" + _RESIDENT + r"\s+(?:in|of)\s+brazil\b|"
        r"\bif\s+you\s+are\s+(?:located\s+|based\s+)?in\s+brazil\b"
    ),
}
# Every match of a regime's pattern contains one of these words: the patterns run only near them.
_TRIGGERS = {
    "uk_gdpr": r"uk|united kingdom|data protection act|commissioner|electronic communications",
    "gdpr": "gdpr|general data protection|2016/679|eu|eea|european|switzerland|supervisory|standard contractual|"
    "article|art.",
    "ccpa": "ccpa|cpra|california|cal.|cal |1798|customer records|shine the light|do not sell|sell|sold|verify or maintain",
    "us_state": r"virginia|colorado|connecticut|utah|texas|oregon|montana|iowa|delaware|jersey|hampshire|tennessee|"
    r"minnesota|maryland|indiana|kentucky|nebraska|rhode|nevada|florida|washington|dpa|ucpa|ocpa|cpa|state privacy|"
    r"state consumer|state data|certain states|certain u|state of residence",
    "pipeda": r"pipeda|electronic documents|canada|canadian|quebec|law 25",
    "lgpd": r"lgpd|lei geral|brazil|anpd",
}
_PATTERNS = {k: Triggered(_TRIGGERS[k], v) for k, v in _PATTERNS.items()}
# Acronyms that are words in lower case.
_CASED: dict[str, Triggered] = {"uk_gdpr": Triggered("ICO", re.compile(r"\bICO\b"), reach=4)}
_LEGAL_BASES = Triggered(r"legitimate|perform|vital|legal|lawful", ci(
    r"(legitimate\s+(?:business\s+)?interests?)|(performance\s+of\s+(?:a|the|our|any)\s+contract|"
    r"necessary\s+(?:for|to)\s+(?:the\s+)?perform\w*\s+(?:of\s+)?(?:a|the|our)\s+contract)|(vital\s+interests?)|"
    r"(legal\s+(?:and\s+regulatory\s+)?obligations?)|(lawful\s+bas[ie]s|legal\s+bas[ie]s\s+for\s+process)"
))


def find_regimes(doc: Doc) -> dict[str, Evidence]:
    text = doc.text
    found: dict[str, Evidence] = {}
    for regime, pattern in _PATTERNS.items():
        positions = [m.start() for m in (pattern.search(doc.lower), _CASED[regime].search(text) if regime in _CASED else None) if m]
        if positions:
            found[regime] = doc.evidence_at(min(positions))
    if "gdpr" not in found:
        kinds: dict[int, int] = {}
        for m in _LEGAL_BASES.finditer(doc.lower):
            kinds.setdefault(m.lastindex or 0, m.start())
        # "legal obligations" alone is everyday US wording: it counts only beside two real legal bases.
        strong = [k for k in kinds if k != 4]
        if len(strong) >= 2 and "uk_gdpr" not in found:
            found["gdpr"] = doc.evidence_at(min(kinds.values()))
    return {r: found[r] for r in ORDER if r in found}
