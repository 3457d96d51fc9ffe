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

from privacy_tui.core.policy.model import Evidence
from privacy_tui.core.policy.sentences import Doc

ORDER = ("gdpr", "uk_gdpr", "ccpa", "us_state", "pipeda", "lgpd")

_RESIDENT = r"(?i:residents?|located|based|living|reside|citizens?|individuals|users|consumers|data subjects|visitors|customers)"
_US_STATES = (
    r"Virginia|Colorado|Connecticut|Utah|Texas|Oregon|Montana|Iowa|Delaware|New\s+Jersey|New\s+Hampshire|Tennessee|"
    r"Minnesota|Maryland|Indiana|Kentucky|Nebraska|Rhode\s+Island|Nevada|Florida|Washington"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    "uk_gdpr": re.compile(
        r"\bUK\s+GDPR\b|United\s+Kingdom\s+General\s+Data\s+Protection|Data\s+Protection\s+Act\s+2018|"
        r"Information\s+Commissioner['’]?s?\s+Office|\bICO\b|UK\s+data\s+protection\s+(?:law|legislation|regulation)|"
        r"(?:in|from|within)\s+the\s+(?:UK|United\s+Kingdom)\s*,?\s+(?:you|this)|"
        r"(?:UK|United\s+Kingdom)\s+" + _RESIDENT + r"|" + _RESIDENT + r"\s+(?:in|of)\s+the\s+(?:UK|United\s+Kingdom)\b",
    ),
    "gdpr": re.compile(
        r"(?<!UK\s)(?<!UK-)\bGDPR\b|(?<!Kingdom\s)(?<!UK\s)General\s+Data\s+Protection\s+Regulation|2016/679|"
        r"\bEU\s+data\s+protection\s+law|(?i:supervisory\s+authorit)|(?i:Standard\s+Contractual\s+Clauses)|"
        r"EU[-–]U\.?S\.?\s+(?:and\s+Swiss[-–]U\.?S\.?\s+)?(?:Data\s+Privacy|Privacy\s+Shield)|"
        r"(?:European\s+Economic\s+Area|\bEEA\b|European\s+Union|\bEU\b|Switzerland)[^.;:]{0,80}?\b" + _RESIDENT + r"\b|"
        r"\b" + _RESIDENT + r"\s+(?:in|of|from|within)\s+the\s+(?:European\s+Economic\s+Area|\bEEA\b|European\s+Union|\bEU\b)|"
        r"\bArt(?:icle|\.)\s*6\s*\(1\)",
    ),
    "ccpa": re.compile(
        r"\bCCPA\b|\bCPRA\b|California\s+Consumer\s+Privacy\s+Act|California\s+Privacy\s+Rights\s+Act|"
        r"California\s+" + _RESIDENT + r"|" + _RESIDENT + r"\s+of\s+(?:the\s+State\s+of\s+)?California|"
        r"Cal(?:ifornia|\.)?\s*Civ(?:il|\.)?\s*Code|§\s*1798\.1\d\d|\b1798\.1\d\d\b|Customer\s+Records\s+statute|"
        r"Shine\s+the\s+Light|Do\s+Not\s+Sell\s+(?:or\s+Share\s+)?My\s+Personal\s+Information|"
        r"California\s+Privacy\s+Protection\s+Agency|under\s+California\s+law|"
        r"(?:sell|sold)\s+(?:and/or|or|and)\s+shar\w*\s+(?:your\s+)?personal\s+information|"
        r"verify\s+or\s+maintain\s+the\s+quality\s+or\s+safety\s+of\s+a\s+service\s+or\s+device",
        re.IGNORECASE,
    ),
    "us_state": re.compile(
        r"(?:" + _US_STATES + r")\s+(?:" + _RESIDENT + r"|Consumer\s+Data\s+Protection\s+Act|Privacy\s+Act|"
        r"Consumer\s+Privacy\s+Act|Data\s+Privacy\s+Act|privacy\s+law)|"
        r"\b" + _RESIDENT + r"\s+of\s+(?:the\s+(?:State|Commonwealth)\s+of\s+)?(?:" + _US_STATES + r")\b|"
        r"\b(?:VCDPA|CTDPA|UCPA|TDPSA|OCPA|MCDPA|ICDPA|CPA\s+\(Colorado)|"
        r"(?:U\.?S\.?|United\s+States|other|certain|applicable)\s+state\s+(?:consumer\s+)?(?:data\s+)?privacy\s+laws?|"
        r"state\s+privacy\s+laws|residents\s+of\s+certain\s+(?:U\.?S\.?\s+)?states|Your\s+State\s+Privacy\s+Rights",
    ),
    "pipeda": re.compile(
        r"\bPIPEDA\b|Personal\s+Information\s+Protection\s+and\s+Electronic\s+Documents\s+Act|"
        r"Privacy\s+Commissioner\s+of\s+Canada|laws\s+of\s+Canada|Canadian\s+(?:privacy\s+)?(?:law|legislation|" + _RESIDENT + r")|"
        r"(?:in|from)\s+Canada\b[^.;]{0,60}?\b(?:you|privacy|law)|Quebec['’]?s?\s+(?:Law\s+25|privacy)|\bLaw\s+25\b",
    ),
    "lgpd": re.compile(
        r"\bLGPD\b|Lei\s+Geral\s+de\s+Prote[çc][ãa]o|Brazil(?:ian)?\s+General\s+(?:Personal\s+)?Data\s+Protection\s+Law|"
        r"\bANPD\b|Brazilian\s+" + _RESIDENT + r"|(?:in|from)\s+Brazil\b[^.;]{0,60}?\b(?:you|privacy|law)",
    ),
}
_LEGAL_BASES = re.compile(
    r"(legitimate\s+(?:business\s+)?interests?)|(performance\s+of\s+(?:a|the|our|any)\s+contract|"
    r"necessary\s+(?:for|to)\s+(?:the\s+)?perform\w*\s+(?:of\s+)?(?:a|the|our)\s+contract)|(vital\s+interests?)|"
    r"(legal\s+(?:and\s+regulatory\s+)?obligations?)|(lawful\s+bas[ie]s|legal\s+bas[ie]s\s+for\s+process)",
    re.IGNORECASE,
)


def find_regimes(doc: Doc) -> dict[str, Evidence]:
    text = doc.text
    found: dict[str, Evidence] = {}
    for regime, pattern in _PATTERNS.items():
        m = pattern.search(text)
        if m:
            found[regime] = doc.evidence_at(m.start())
    if "gdpr" not in found:
        kinds: dict[int, int] = {}
        for m in _LEGAL_BASES.finditer(text):
            kinds.setdefault(m.lastindex or 0, m.start())
        if len(kinds) >= 2 and "uk_gdpr" not in found:
            found["gdpr"] = doc.evidence_at(min(kinds.values()))
    return {r: found[r] for r in ORDER if r in found}
