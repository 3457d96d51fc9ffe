"""The UK GDPR and the Data Protection Act 2018.

Sources checked (2026):
- UK GDPR: Art. 12A UK GDPR as inserted by the Data (Use and Access) Act 2025 s.76 (in force
  5 February 2026, SI 2026/82 reg. 2): one month from "the relevant time" (the latest of receipt,
  receipt of identity information asked for under Art. 12(6), payment of a fee), extendable by
  two months with notice within that month; the days from a request for information identifying
  what the request is about to its answer do not count (worded as DPA 2018 s.54(3C), its Part 3
  twin, on legislation.gov.uk). DPA 2018 s.164A (2025 Act s.103, in force 19 June 2026, SI
  2026/82 reg. 3): complaints to the controller first, acknowledged within 30 days. ICO guidance
  "How long do we have to comply?" (day of receipt is day one; corresponding calendar date next
  month; last day of the month when there is none; next working day after a weekend or bank
  holiday) and "What to expect" (complain to the ICO within three months of the last contact).
- Reach: UK GDPR Art. 3(1)-(2), worded as the GDPR's for the United Kingdom.
"""

from __future__ import annotations

from privacy_tui.core.events import PAUSE, RESTART
from privacy_tui.core.laws.base import (
    RESIDENT,
    ClockRule,
    ComplaintWindow,
    DeadlineRule,
    Law,
    Mention,
    Period,
    Regime,
    Regulator,
    Where,
    ro,
)
from privacy_tui.core.laws.gdpr import GDPR_RULE, GDPR_TYPES

ICO = Regulator(
    name="Information Commissioner's Office",
    country="GB",
    email="",  # complaints go through the web form
    webform="https://ico.org.uk/make-a-complaint/data-protection-complaints/personal-information-complaint/",
    address="Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, United Kingdom",
    website="https://ico.org.uk",
)

UK_GDPR = Regime(
    key="uk_gdpr",
    name="UK General Data Protection Regulation and Data Protection Act 2018",
    short="UK GDPR",
    jurisdiction="United Kingdom",
    country="GB",
    law_citation="UK GDPR (retained Regulation (EU) 2016/679) and the Data Protection Act 2018",
    request_types=ro({k: f"{v} UK GDPR" for k, v in GDPR_TYPES.items()}),
    # Art. 12A UK GDPR (inserted by the Data (Use and Access) Act 2025 s.76, in force 5 Feb 2026,
    # SI 2026/82): "the applicable time period" is one month "beginning with the relevant time",
    # extendable by two further months with notice within that month (12A(3)-(4)).
    rule=DeadlineRule(GDPR_RULE.response, GDPR_RULE.extension, None, "Article 12A UK GDPR"),
    regulators=(ICO,),
    clock=ro({
        # 12A(2): the relevant time is the latest of receipt of the request, receipt of the
        # information asked for under Art. 12(6) (identity) and payment of any fee.
        "id_requested": ClockRule(RESTART, "Article 12A(2)(b) UK GDPR",
                                  "the month begins when the company receives your identity information"),
        # 12A(5)-(6) ("stop the clock", worded as DPA 2018 s.54(3C) for law enforcement): the days
        # from the day the controller asks for further information to identify what the request
        # is about, to the day it receives it, do not count.
        "clarification_requested": ClockRule(PAUSE, "Article 12A UK GDPR (stop the clock)",
                                             "the days from the company's question to your answer do not count"),
        # 12A(2)(c): "when the fee (if any) charged in connection with the request ... is paid". A
        # fee is allowed only for manifestly unfounded or excessive requests (Art 12(5)) or further
        # copies (Art 15(3)). Same wording as DPA 2018 s.54(3)(c) for Part 3, read on
        # legislation.gov.uk/ukpga/2018/12/section/54; the ICO's right-of-access guidance ("within
        # one month of receipt of ... a fee") agrees.
        "fee_requested": ClockRule(RESTART, "Article 12A(2)(c) UK GDPR",
                                   "the month begins when the company receives your payment of the fee"),
    }),
    # DPA 2018 s.164A (inserted by the 2025 Act s.103, in force 19 June 2026): a complaint to the
    # controller first; it must acknowledge within 30 days.
    complaint_to_controller=Period(30, "calendar_days"),
    complaint_to_controller_since="2026-06-19",  # SI 2026/82 reg. 3
    # DPA 2018 s.166(1)-(2): the Tribunal may order the Commissioner to act if it does not tell the
    # complainant of progress or the outcome within three months of receiving the complaint.
    authority_answer=Period(3, "months"),
    authority_answer_citation="Data Protection Act 2018 s.166",
    # ICO, "What to expect when you make a complaint": complain to the organisation first, follow
    # up after 30 days without an answer, then complain to the ICO "within three months of your
    # last contact with the organisation" (a practice, not a statutory limit).
    complaint_window=ComplaintWindow(Period(3, "months"), "last_contact",
                                     "ico.org.uk/make-a-complaint/data-protection-complaints/what-to-expect"),
    roll_forward=True,  # ICO guidance: "you have until the next working day"
    holiday_country="GB",
    default_subdivision="ENG",  # England and Wales share bank holidays; Scotland (SCT) and Northern Ireland (NIR) differ
    extension_condition="the company must tell you of the extension, with reasons, within the first month",
    identity_hint=(
        "Usually your name and the email address or account the company knows you by. "
        "The company may ask for ID only if it has reasonable doubts about who you are."
    ),
)

MENTION = Mention(
    pattern=(
        r"\buk\s+gdpr\b|united\s+kingdom\s+general\s+data\s+protection|data\s+protection\s+act\s+2018|"
        r"information\s+commissioner['’]?s?\s+office|data\s+protection\s+act\s+1998|"
        r"privacy\s+and\s+electronic\s+communications\s+regulations|\buk\s+data\s+protection\s+(?:law|legislation|regulation)|"
        r"\b(?:in|from|within)\s+the\s+(?:uk|united\s+kingdom)\s*,?\s+(?:you|this)\b|"
        r"\b(?:uk|united\s+kingdom)\s+" + RESIDENT + r"|\b" + RESIDENT + r"\s+(?:in|of)\s+the\s+(?:uk|united\s+kingdom)\b"
    ),
    triggers=r"uk|united kingdom|data protection act|commissioner|electronic communications",
    cased=r"\bICO\b",
    cased_triggers="ICO",
    cased_reach=4,
)


_GB = frozenset({"GB"})
LAW = Law(
    key="uk_gdpr",
    label="UK GDPR",
    regimes=(UK_GDPR,),
    mention=MENTION,
    directory_countries=frozenset({"gb"}),
    establishment=Where("uk_gdpr", _GB, "UK GDPR: the company is established in the United Kingdom, so the UK GDPR "
                        "covers its processing whoever and wherever you are (Article 3(1) UK GDPR)"),
    established_in="the UK",
    residence=Where("uk_gdpr", _GB, "UK GDPR: you live in the United Kingdom, and the UK GDPR covers a company outside "
                    "the UK that offers you goods or services there or monitors your behaviour there "
                    "(Article 3(2) UK GDPR)"),
)

__all__ = ["ICO", "LAW", "MENTION", "UK_GDPR"]
