"""The EU General Data Protection Regulation: the rights, the month, and where it reaches.

Sources checked (2026):
- GDPR: Regulation (EU) 2016/679 Art. 12(3); periods per Regulation (EEC, Euratom) No 1182/71
  Art. 3 (a period in months ends on the same date; if that date does not exist, on the last day
  of the month; a period ending on a Saturday, Sunday or public holiday ends on the next working day).
- EU GDPR clocks: Art. 12(6) and EDPB Guidelines 01/2022 on the right of access (v2.1),
  section 5.3 (identity information), recital 63 (asking the person to specify does not extend
  the month); Art. 78(2) (a remedy when the authority does not inform within three months).
- Reach: Art. 3(1) (processing in the context of an establishment in the Union, whoever and
  wherever the person is) and Art. 3(2) (a company outside the Union offering goods or services
  to, or monitoring, people in the Union). The supervisory authority is that of the country
  (Art. 77), found in the directory's authority list.
"""

from __future__ import annotations

from privacy_tui.core.events import NO_EFFECT, RESTART
from privacy_tui.core.laws.base import RESIDENT, ClockRule, DeadlineRule, Law, Mention, Period, Reason, Regime, ro
from privacy_tui.core.laws.places import country_name

GDPR_TYPES = {
    "access": "Article 15",
    "deletion": "Article 17",
    "rectification": "Article 16",
    "portability": "Article 20",
    "restriction": "Article 18",
    "objection": "Article 21",
    "withdraw_consent": "Article 7(3)",
}

# Art. 12(3): "without undue delay and in any event within one month of receipt of the request.
# That period may be extended by two further months where necessary ... The controller shall
# inform the data subject of any such extension within one month of receipt".
GDPR_RULE = DeadlineRule(
    response=Period(1, "months"),
    extension=Period(2, "months"),
    acknowledgement=None,  # GDPR has no acknowledgement duty
    citation="Article 12(3)",
)

EU_EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)

GDPR = Regime(
    key="gdpr",
    name="EU General Data Protection Regulation",
    short="GDPR",
    jurisdiction="European Union and EEA",
    country="EU",
    law_citation="Regulation (EU) 2016/679 (General Data Protection Regulation)",
    request_types=ro({k: f"{v} GDPR" for k, v in GDPR_TYPES.items()}),
    rule=DeadlineRule(GDPR_RULE.response, GDPR_RULE.extension, None, "Article 12(3) GDPR"),
    regulators=(),
    regulator_by_country=True,  # Art. 77: the supervisory authority of residence, work or infringement
    roll_forward=True,  # Regulation 1182/71 Art. 3(4)
    clock=ro({
        # Art. 12(6) lets the controller ask for what it needs to confirm identity where it has
        # reasonable doubts; EDPB Guidelines 01/2022 on the right of access (v2.1), section 5.3
        # "Timing for the provision of access": the month is counted from receipt of that information.
        "id_requested": ClockRule(RESTART, "Article 12(6) GDPR; EDPB Guidelines 01/2022, section 5.3",
                                  "the month runs from your answer to the identity request"),
        # Recital 63: the controller may ask the person to specify the request; nothing in
        # Art. 12(3) stops or extends the month for that, so it runs on from receipt.
        "clarification_requested": ClockRule(NO_EFFECT, "Article 12(3) and recital 63 GDPR",
                                             "asking you to specify the request does not extend the month"),
    }),
    # Art. 78(2): a court remedy if the authority does not inform you within three months of
    # lodging the complaint; the GDPR sets no time limit for the complaint itself.
    authority_answer=Period(3, "months"),
    authority_answer_citation="Article 78(2) GDPR",
    extension_condition="the company must tell you of the extension, with reasons, within the first month",
    identity_hint=(
        "Usually your name and the email address or account the company knows you by. "
        "The company may ask for more only if it has reasonable doubts about who you are (Article 12(6) GDPR)."
    ),
)

# A policy names the GDPR, its regulator or its residents. A mere mention of a place ("we store
# data in the European Union") does not count.
MENTION = Mention(
    pattern=(
        r"(?<!uk\s)(?<!uk-)\bgdpr\b|(?<!kingdom\s)(?<!uk\s)general\s+data\s+protection\s+regulation|2016/679|"
        r"\b(?:eu|european)\s+data\s+protection\s+law|\beu\s+representative|\bart(?:icle|\.)\s*27\b|supervisory\s+authorit|standard\s+contractual\s+clauses|"
        r"\beu[-–]u\.?s\.?\s+(?:and\s+swiss[-–]u\.?s\.?\s+)?(?:data\s+privacy|privacy\s+shield)|"
        r"\b(?:european\s+economic\s+area|eea|european\s+union|eu|switzerland)\b[^.;:]{0,80}?\b" + RESIDENT + r"\b|"
        r"\b" + RESIDENT + r"\s+(?:in|of|from|within)\s+the\s+(?:european\s+economic\s+area|eea|european\s+union|eu)\b|"
        r"\bart(?:icle|\.)\s*6\s*\(1\)"
    ),
    triggers="gdpr|general data protection|2016/679|eu|eea|european|switzerland|supervisory|standard contractual|"
    "article|art.",
)
# GDPR is also inferred from its vocabulary: a policy that lists two or more of Art. 6's legal
# bases (legitimate interests, performance of a contract, vital interests, legal obligation) is a
# GDPR notice (see core/policy/law_mentions.py). Group 4, "legal obligations", is everyday US
# wording and counts only beside two real legal bases.
LEGAL_BASES_TRIGGERS = r"legitimate|perform|vital|legal|lawful"
LEGAL_BASES = (
    r"(legitimate\s+(?:business\s+)?interests?)|(performance\s+of\s+(?:a|the|our|any)\s+contract|"
    r"necessary\s+(?:for|to)\s+(?:the\s+)?perform\w*\s+(?:of\s+)?(?:a|the|our)\s+contract)|(vital\s+interests?)|"
    r"(legal\s+(?:and\s+regulatory\s+)?obligations?)|(lawful\s+bas[ie]s|legal\s+bas[ie]s\s+for\s+process)"
)


def _establishment(cc: str, sub: str) -> Reason | None:
    if cc not in EU_EEA:
        return None
    return "gdpr", (f"GDPR: the company is established in {country_name(cc)}, in the EU/EEA, so the GDPR covers "
                    "its processing whoever and wherever you are (Article 3(1) GDPR)")


def _residence(pc: str, ps: str, company_regimes: frozenset[str]) -> Reason | None:
    if pc not in EU_EEA:
        return None
    aimed = "; its privacy notice addresses people in the EU" if "gdpr" in company_regimes else ""
    return "gdpr", (f"GDPR: you live in {country_name(pc)}, in the EU/EEA, and the GDPR covers a company "
                    f"outside the EU that offers you goods or services there or monitors your behaviour "
                    f"there (Article 3(2) GDPR){aimed}")


LAW = Law(
    key="gdpr",
    label="GDPR (EU)",
    regimes=(GDPR,),
    mention=MENTION,
    # Directory records offered to everyone ("all") are kept for GDPR requests.
    directory_countries=frozenset({"all"} | {c.lower() for c in EU_EEA}),
    establishment=_establishment,
    established_in="the EU/EEA",
    residence=_residence,
)

__all__ = ["EU_EEA", "GDPR", "GDPR_RULE", "GDPR_TYPES", "LAW", "LEGAL_BASES", "LEGAL_BASES_TRIGGERS", "MENTION"]
