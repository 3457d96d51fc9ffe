"""Privacy regimes as data: which rights each law gives, its deadlines, and where complaints go.

Every rule carries the source it was checked against in a comment beside it. Deadline
arithmetic lives in `deadlines.py`; this module only says *what* the law is.

Sources checked (2026):
- GDPR: Regulation (EU) 2016/679 Art. 12(3); periods per Regulation (EEC, Euratom) No 1182/71
  Art. 3 (a period in months ends on the same date; if that date does not exist, on the last day
  of the month; a period ending on a Saturday, Sunday or public holiday ends on the next working day).
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
- CCPA: Cal. Civ. Code §1798.100 ff.; 11 CCR §7021(a)-(b) (10 business days to confirm, 45
  calendar days to respond, one extension to 90 days in total with notice); §7026(f) and §7027(g)
  (opt-out of sale/sharing and limit requests honoured within 15 business days).
- US states: each statute's response section, cited per regime below (45 days + one 45-day
  extension notified within the first 45 days; Iowa: 90 days + 45).
- PIPEDA: S.C. 2000, c. 5, s. 8(3) (30 days), s. 8(4)(a) (extension of up to 30 days), s. 8(5)
  (no answer in time is a deemed refusal), s. 11(3) (a complaint about a refusal within six
  months of the refusal or of the expiry of the time limit); Interpretation Act R.S.C. 1985
  c. I-21 s. 26 and s. 35 (a time limit ending on a holiday, Sundays included, runs to the next
  day that is not a holiday; the federal list applies in every province: see interpretation_act.py).
- EU GDPR clocks: Art. 12(6) and EDPB Guidelines 01/2022 on the right of access (v2.1),
  section 5.3 (identity information), recital 63 (asking the person to specify does not extend
  the month); Art. 78(2) (a remedy when the authority does not inform within three months).
- LGPD: Lei 13.709/2018 Art. 18 and Art. 19 II (full access report within 15 days); Código Civil
  Art. 132 §1 (a period ending on a holiday runs to the next business day); Resolução CD/ANPD
  nº 2/2022 art. 14 (small processing agents: double time limits for data subjects' requests).
- US state appeals: each statute's appeal subsection, cited in _APPEALS (Va. Code §59.1-577(C):
  60 days, then the Attorney General's contact); Utah Code §13-61-203 and the CCPA have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

from privacy_tui.core.errors import UserError
from privacy_tui.core.events import ASKS, CLOCK_EFFECTS, NO_EFFECT, PAUSE, RESTART

UNITS = ("months", "calendar_days", "business_days")


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # one of UNITS

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown period unit {self.unit!r}")

    def describe(self) -> str:
        if self.unit == "months":
            return "one month" if self.amount == 1 else f"{_number_word(self.amount)} months"
        word = "calendar" if self.unit == "calendar_days" else "business"
        return f"{self.amount} {word} days"


@dataclass(frozen=True)
class DeadlineRule:
    """How long the company has: the response period, an optional extension, an optional acknowledgement."""

    response: Period
    extension: Period | None = None  # *additional* time, same unit as response
    acknowledgement: Period | None = None
    citation: str = ""  # where the rule is written
    note: str = ""  # said in the explanation, e.g. when the law's period is for access only


@dataclass(frozen=True)
class ClockRule:
    """What one of the company's asks (an `core.events.ASKS` kind) does to the law's clock."""

    effect: str  # core.events NO_EFFECT | PAUSE | RESTART
    citation: str
    words: str = ""  # said in the deadline explanation

    def __post_init__(self) -> None:
        if self.effect not in CLOCK_EFFECTS:
            raise ValueError(f"unknown clock effect {self.effect!r}")


@dataclass(frozen=True)
class AppealRule:
    """A statutory appeal to the business after it refused (US state laws)."""

    citation: str
    decision: Period  # time the business has to decide the appeal
    extension: Period | None = None
    authority: str = ""  # who takes the complaint after a denied appeal (the Attorney General)
    refused_contact: str = ""  # how to reach it: its complaint form, email or website
    source: str = ""  # what of the statute's text was read to check this rule, or that none was found


@dataclass(frozen=True)
class ComplaintWindow:
    """The time within which the regulator expects a complaint, counted from `counted_from`."""

    period: Period
    counted_from: str  # "last_contact" | "refusal" (refusal or deemed refusal)
    citation: str
    strict: bool = False  # a statutory limit, not a guideline the regulator may relax


@dataclass(frozen=True)
class Regulator:
    name: str
    country: str  # ISO 3166-1 alpha-2
    email: str = ""  # empty when the authority only takes web forms
    webform: str = ""
    address: str = ""
    website: str = ""
    subdivision: str = ""  # US state for attorneys general


@dataclass(frozen=True)
class Regime:
    key: str
    name: str
    short: str
    jurisdiction: str
    request_types: Mapping[str, str]  # request type -> legal basis citation
    rule: DeadlineRule
    regulators: tuple[Regulator, ...] = ()
    identity_hint: str = ""
    country: str = ""  # where the law protects people: ISO code, or "EU" for the EU/EEA
    subdivision: str = ""  # US state code for state laws
    type_rules: Mapping[str, DeadlineRule] = field(default_factory=dict)  # overrides per type
    regulator_by_country: bool = False  # GDPR: the supervisory authority of the country
    # Deadlines on a non-working day move to the next working day (GDPR, PIPEDA, LGPD); the
    # US laws count plain calendar days and say nothing of moving them.
    roll_forward: bool = False
    rest_days: tuple[int, ...] = (5, 6)  # weekdays (Mon=0) that are not working days for roll_forward
    holiday_country: str = ""  # fixed holiday calendar (CCPA: California); else the company's country
    holiday_subdivision: str = ""
    default_subdivision: str = ""  # used when the company's country matches holiday country but no subdivision given
    # What each ask from the company does to the clock (core.events.ASKS kinds); a kind not
    # listed has no effect: the period runs on from receipt.
    clock: Mapping[str, ClockRule] = field(default_factory=dict)
    law_citation: str = ""  # the Act itself
    extension_condition: str = ""  # what the company must do to use the extension
    appeal: AppealRule | None = None  # a statutory appeal to the business, where the law gives one
    no_appeal_reason: str = ""  # said when `escalate --to appeal` is refused
    complaint_window: ComplaintWindow | None = None
    # The time the authority has to tell the complainant of progress or the outcome, after which a
    # court remedy opens (GDPR Art. 78(2); UK: DPA 2018 s.166), and where that is written.
    authority_answer: Period | None = None
    authority_answer_citation: str = ""
    complaint_to_controller: Period | None = None  # UK DPA 2018 s.164A: acknowledge within 30 days
    complaint_to_controller_since: str = ""  # ISO date the duty came into force
    # Small processing agents have double time limits (LGPD; ANPD Resolution CD/ANPD 2/2022 art. 14).
    small_agent_factor: int = 1
    small_agent_citation: str = ""
    # Request types for which the company may not demand identity verification (an id_requested on
    # one of them is a ground for complaint at once), with the rule.
    no_verification: Mapping[str, str] = field(default_factory=dict)

    def clock_rule(self, ask: str) -> ClockRule:
        return self.clock.get(ask) or ClockRule(NO_EFFECT, self.rule.citation)

    @property
    def restart_on_info(self) -> bool:
        """The identity answer starts the period afresh (kept for the letters' wording)."""
        return self.clock_rule("id_requested").effect == RESTART

    @property
    def restart_citation(self) -> str:
        return self.clock_rule("id_requested").citation

    def rule_for(self, request_type: str) -> DeadlineRule:
        return self.type_rules.get(request_type, self.rule)

    def basis(self, request_type: str) -> str:
        """The legal basis citation for a request type; UserError if the law does not give it."""
        try:
            return self.request_types[request_type]
        except KeyError:
            offered = ", ".join(self.request_types)
            raise UserError(
                f"{self.short} has no {request_type!r} request; it offers: {offered}"
            ) from None


def _number_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 6: "six"}.get(n, str(n))


def _ro(d: Mapping) -> Mapping:
    return MappingProxyType(dict(d))


# --- GDPR and UK GDPR -------------------------------------------------------------------------

_GDPR_TYPES = {
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
_GDPR_RULE = DeadlineRule(
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
    request_types=_ro({k: f"{v} GDPR" for k, v in _GDPR_TYPES.items()}),
    rule=DeadlineRule(_GDPR_RULE.response, _GDPR_RULE.extension, None, "Article 12(3) GDPR"),
    regulators=(),
    regulator_by_country=True,  # Art. 77: the supervisory authority of residence, work or infringement
    roll_forward=True,  # Regulation 1182/71 Art. 3(4)
    clock=_ro({
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
    request_types=_ro({k: f"{v} UK GDPR" for k, v in _GDPR_TYPES.items()}),
    # Art. 12A UK GDPR (inserted by the Data (Use and Access) Act 2025 s.76, in force 5 Feb 2026,
    # SI 2026/82): "the applicable time period" is one month "beginning with the relevant time",
    # extendable by two further months with notice within that month (12A(3)-(4)).
    rule=DeadlineRule(_GDPR_RULE.response, _GDPR_RULE.extension, None, "Article 12A UK GDPR"),
    regulators=(ICO,),
    clock=_ro({
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

# --- California -------------------------------------------------------------------------------

CPPA = Regulator(
    name="California Privacy Protection Agency",
    country="US",
    subdivision="CA",
    email="",  # complaints through the web form
    webform="https://cppa.ca.gov/webapplications/complaint",
    website="https://cppa.ca.gov",
)
CA_AG = Regulator(
    name="California Attorney General (California Department of Justice)",
    country="US",
    subdivision="CA",
    webform="https://oag.ca.gov/contact/consumer-complaint-against-business-or-company",
    website="https://oag.ca.gov/privacy/ccpa",
)

CCPA = Regime(
    key="ccpa",
    name="California Consumer Privacy Act, as amended by the California Privacy Rights Act",
    short="CCPA",
    jurisdiction="California, United States",
    country="US",
    subdivision="CA",
    law_citation="California Civil Code §1798.100 et seq. and 11 CCR §7000 et seq.",
    request_types=_ro(
        {
            "access": "Cal. Civ. Code §§1798.110 and 1798.115",
            "deletion": "Cal. Civ. Code §1798.105",
            "rectification": "Cal. Civ. Code §1798.106",
            "opt_out_sale": "Cal. Civ. Code §1798.120",
            "limit_sensitive": "Cal. Civ. Code §1798.121",
        }
    ),
    # 11 CCR §7021(a): confirm receipt within 10 business days; (b): respond within 45 calendar
    # days of receipt "regardless of time required to verify the request"; one extension of up
    # to 45 more days, "a maximum total of 90 calendar days", with notice and reasons.
    rule=DeadlineRule(
        response=Period(45, "calendar_days"),
        extension=Period(45, "calendar_days"),
        acknowledgement=Period(10, "business_days"),
        citation="11 CCR §7021",
    ),
    type_rules=_ro(
        {
            # §7026(f)(1): stop selling/sharing "no later than 15 business days from the date
            # the business receives the request"; §7027(g)(1): the same for limit requests.
            # §7021 (acknowledgement, extension) covers only know/delete/correct requests.
            "opt_out_sale": DeadlineRule(Period(15, "business_days"), None, None, "11 CCR §7026(f)"),
            "limit_sensitive": DeadlineRule(Period(15, "business_days"), None, None, "11 CCR §7027(g)"),
        }
    ),
    regulators=(CPPA, CA_AG),
    # No roll-forward: §7021(b) counts "calendar days" to "a maximum total of 90 calendar days
    # from the day the request is received"; the issue's own example (received 2026-11-22, due
    # 2027-01-06, extended 2027-02-20, a Saturday) keeps the plain calendar date. We state the
    # earliest date the business can be late, which is what the consumer needs.
    roll_forward=False,
    holiday_country="US",
    holiday_subdivision="CA",  # business days: Monday-Friday except California state holidays
    # §7021(b): the 45 days run from receipt "regardless of time required to verify the request".
    clock=_ro({k: ClockRule(NO_EFFECT, "11 CCR §7021(b)", "the 45 days run from receipt, regardless of the time needed to verify")
               for k in ASKS}),
    no_appeal_reason=(
        "the CCPA gives no appeal to the business: complain to the California Privacy Protection Agency "
        "or the Attorney General instead (--to regulator)"
    ),
    # §7026(d): a business shall not require a verifiable consumer request for an opt-out of
    # sale/sharing; §7027: likewise for a request to limit the use of sensitive personal information.
    no_verification=_ro({"opt_out_sale": "11 CCR §7026(d)", "limit_sensitive": "11 CCR §7027"}),
    extension_condition="the business must tell you, with reasons, within the first 45 days (11 CCR §7021(b))",
    identity_hint=(
        "Your name and the email address or account the business knows you by; the business must verify "
        "requests to know, delete or correct (11 CCR §7060 and following). Opt-out and limit requests need no verification."
    ),
)

# --- other US states ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    code: str
    key: str
    name: str
    short: str
    act: str
    rights: Mapping[str, str]  # type -> section
    response: str  # section holding the 45 (+45) day rule
    ag_name: str
    ag_website: str
    ag_webform: str = ""
    ag_email: str = ""
    days: int = 45
    extra_days: int = 45


_STATES: tuple[_State, ...] = (
    # Va. Code §59.1-577(A) rights; (B)(1) 45 days, "extended once by 45 additional days".
    _State("VA", "us_va", "Virginia Consumer Data Protection Act", "VCDPA", "Va. Code §59.1-575 et seq.",
           {"access": "Va. Code §59.1-577(A)(1)", "rectification": "Va. Code §59.1-577(A)(2)",
            "deletion": "Va. Code §59.1-577(A)(3)", "portability": "Va. Code §59.1-577(A)(4)",
            "opt_out_sale": "Va. Code §59.1-577(A)(5)"},
           "Va. Code §59.1-577(B)(1)", "Office of the Attorney General of Virginia", "https://www.oag.state.va.us",
           ag_webform="https://www.oag.state.va.us/consumer-protection/index.php/file-a-complaint"),
    # C.R.S. §6-1-1306(1)(a)-(e) rights; (2)(a) 45 days + 45.
    _State("CO", "us_co", "Colorado Privacy Act", "CPA", "C.R.S. §6-1-1301 et seq.",
           {"opt_out_sale": "C.R.S. §6-1-1306(1)(a)", "access": "C.R.S. §6-1-1306(1)(b)",
            "rectification": "C.R.S. §6-1-1306(1)(c)", "deletion": "C.R.S. §6-1-1306(1)(d)",
            "portability": "C.R.S. §6-1-1306(1)(e)"},
           "C.R.S. §6-1-1306(2)", "Colorado Attorney General", "https://coag.gov"),
    # Conn. Gen. Stat. §42-518: rights and the 45 + 45 day response.
    _State("CT", "us_ct", "Connecticut Data Privacy Act", "CTDPA", "Conn. Gen. Stat. §42-515 et seq.",
           {"access": "Conn. Gen. Stat. §42-518(a)(1)", "rectification": "Conn. Gen. Stat. §42-518(a)(2)",
            "deletion": "Conn. Gen. Stat. §42-518(a)(3)", "portability": "Conn. Gen. Stat. §42-518(a)(4)",
            "opt_out_sale": "Conn. Gen. Stat. §42-518(a)(5)"},
           "Conn. Gen. Stat. §42-518", "Connecticut Attorney General", "https://portal.ct.gov/ag"),
    # Utah Code §13-61-201 rights (correction (4) added by ch. 468, 2025, in force 1 July 2026);
    # §13-61-203(2)(a)-(b): 45 days, "may extend once ... by an additional 45 days". Utah DOES allow an extension.
    _State("UT", "us_ut", "Utah Consumer Privacy Act", "UCPA", "Utah Code §13-61-101 et seq.",
           {"access": "Utah Code §13-61-201(1)", "deletion": "Utah Code §13-61-201(2)",
            "portability": "Utah Code §13-61-201(3)", "rectification": "Utah Code §13-61-201(4)",
            "opt_out_sale": "Utah Code §13-61-201(5)"},
           "Utah Code §13-61-203(2)", "Utah Attorney General and Division of Consumer Protection",
           "https://attorneygeneral.utah.gov"),
    # Tex. Bus. & Com. Code §541.051 rights; §541.052(b) 45 days, extended once by 45.
    _State("TX", "us_tx", "Texas Data Privacy and Security Act", "TDPSA", "Tex. Bus. & Com. Code §541.001 et seq.",
           {"access": "Tex. Bus. & Com. Code §541.051(b)(1)", "rectification": "Tex. Bus. & Com. Code §541.051(b)(2)",
            "deletion": "Tex. Bus. & Com. Code §541.051(b)(3)", "portability": "Tex. Bus. & Com. Code §541.051(b)(4)",
            "opt_out_sale": "Tex. Bus. & Com. Code §541.051(b)(5)"},
           "Tex. Bus. & Com. Code §541.052(b)", "Texas Attorney General", "https://www.texasattorneygeneral.gov"),
    # ORS 646A.574 rights; 646A.576 duties incl. 45 + 45 days (Oregon DOJ privacy FAQ confirms).
    _State("OR", "us_or", "Oregon Consumer Privacy Act", "OCPA", "ORS 646A.570 to 646A.589",
           {"access": "ORS 646A.574(1)(a)", "rectification": "ORS 646A.574(1)(b)", "deletion": "ORS 646A.574(1)(c)",
            "portability": "ORS 646A.574(1)(a) and (2)", "opt_out_sale": "ORS 646A.574(1)(d)"},
           "ORS 646A.576", "Oregon Department of Justice (Attorney General)", "https://www.doj.state.or.us"),
    # Mont. Code Ann. §30-14-2808(1) rights; (4)(a) 45 days + 45.
    _State("MT", "us_mt", "Montana Consumer Data Privacy Act", "MCDPA", "Mont. Code Ann. §30-14-2801 et seq.",
           {"access": "Mont. Code Ann. §30-14-2808(1)(a)", "rectification": "Mont. Code Ann. §30-14-2808(1)(b)",
            "deletion": "Mont. Code Ann. §30-14-2808(1)(c)", "portability": "Mont. Code Ann. §30-14-2808(1)(d)",
            "opt_out_sale": "Mont. Code Ann. §30-14-2808(1)(e)"},
           "Mont. Code Ann. §30-14-2808(4)(a)", "Montana Department of Justice (Attorney General)", "https://dojmt.gov"),
    # Iowa Code §715D.3(1) rights (no correction right); §715D.3(2): 90 days, extension of 45.
    _State("IA", "us_ia", "Iowa Consumer Data Protection Act", "ICDPA", "Iowa Code ch. 715D",
           {"access": "Iowa Code §715D.3(1)(a)", "deletion": "Iowa Code §715D.3(1)(b)",
            "portability": "Iowa Code §715D.3(1)(c)", "opt_out_sale": "Iowa Code §715D.3(1)(d)"},
           "Iowa Code §715D.3(2)", "Iowa Attorney General", "https://www.iowaattorneygeneral.gov", days=90),
    # 6 Del. C. §12D-104(a) rights; (c)(1) 45 days + 45.
    _State("DE", "us_de", "Delaware Personal Data Privacy Act", "DPDPA", "6 Del. C. ch. 12D",
           {"access": "6 Del. C. §12D-104(a)(1)", "rectification": "6 Del. C. §12D-104(a)(2)",
            "deletion": "6 Del. C. §12D-104(a)(3)", "portability": "6 Del. C. §12D-104(a)(4)",
            "opt_out_sale": "6 Del. C. §12D-104(a)(5)"},
           "6 Del. C. §12D-104(c)(1)", "Delaware Department of Justice (Attorney General)",
           "https://attorneygeneral.delaware.gov"),
    # RSA 507-H:4 I rights and the 45 + 45 day response; the NH DOJ Data Privacy Unit takes complaints by email.
    _State("NH", "us_nh", "New Hampshire Data Privacy Act", "NHDPA", "RSA ch. 507-H",
           {"access": "RSA 507-H:4, I(a)", "rectification": "RSA 507-H:4, I(b)", "deletion": "RSA 507-H:4, I(c)",
            "portability": "RSA 507-H:4, I(d)", "opt_out_sale": "RSA 507-H:4, I(e)"},
           "RSA 507-H:4", "New Hampshire Department of Justice, Data Privacy Unit",
           "https://www.doj.nh.gov/data-privacy-enforcement", ag_email="DOJ-CPB@doj.nh.gov"),
    # N.J.S.A. 56:8-166.10(a) rights; 56:8-166.7(a) 45 days + 45.
    _State("NJ", "us_nj", "New Jersey Data Privacy Act", "NJDPA", "N.J.S.A. 56:8-166.4 et seq.",
           {"access": "N.J.S.A. 56:8-166.10(a)(1)", "rectification": "N.J.S.A. 56:8-166.10(a)(2)",
            "deletion": "N.J.S.A. 56:8-166.10(a)(3)", "portability": "N.J.S.A. 56:8-166.10(a)(4)",
            "opt_out_sale": "N.J.S.A. 56:8-166.10(a)(5)"},
           "N.J.S.A. 56:8-166.7(a)", "New Jersey Attorney General, Division of Consumer Affairs", "https://www.njoag.gov"),
    # Tenn. Code Ann. §47-18-3304(a)(2) rights; (b)(1) 45 days + 45.
    _State("TN", "us_tn", "Tennessee Information Protection Act", "TIPA", "Tenn. Code Ann. §47-18-3301 et seq.",
           {"access": "Tenn. Code Ann. §47-18-3304(a)(2)(A)", "rectification": "Tenn. Code Ann. §47-18-3304(a)(2)(B)",
            "deletion": "Tenn. Code Ann. §47-18-3304(a)(2)(C)", "portability": "Tenn. Code Ann. §47-18-3304(a)(2)(D)",
            "opt_out_sale": "Tenn. Code Ann. §47-18-3304(a)(2)(E)"},
           "Tenn. Code Ann. §47-18-3304(b)(1)", "Tennessee Attorney General", "https://www.tn.gov/attorneygeneral"),
    # Minn. Stat. §325M.14 rights; 45 days + 45 (Minnesota AG guidance "Controller responsibilities").
    _State("MN", "us_mn", "Minnesota Consumer Data Privacy Act", "MCDPA", "Minn. Stat. §§325M.10 to 325M.21",
           {"access": "Minn. Stat. §325M.14, subd. 1(b)", "rectification": "Minn. Stat. §325M.14, subd. 1(c)",
            "deletion": "Minn. Stat. §325M.14, subd. 1(d)", "portability": "Minn. Stat. §325M.14, subd. 1(e)",
            "opt_out_sale": "Minn. Stat. §325M.14, subd. 1(f)"},
           "Minn. Stat. §325M.14", "Minnesota Attorney General", "https://www.ag.state.mn.us"),
    # Md. Code, Com. Law §14-4605(b) rights; 45 days + 45.
    _State("MD", "us_md", "Maryland Online Data Privacy Act", "MODPA", "Md. Code, Com. Law §14-4601 et seq.",
           {"access": "Md. Code, Com. Law §14-4605(b)(1)-(2)", "rectification": "Md. Code, Com. Law §14-4605(b)(3)",
            "deletion": "Md. Code, Com. Law §14-4605(b)(4)", "portability": "Md. Code, Com. Law §14-4605(b)(5)",
            "opt_out_sale": "Md. Code, Com. Law §14-4605(b)(7)"},
           "Md. Code, Com. Law §14-4605", "Maryland Attorney General, Consumer Protection Division",
           "https://www.marylandattorneygeneral.gov"),
    # IC 24-15-3-1(b) rights; (c)(1) 45 days, extended once by 45.
    _State("IN", "us_in", "Indiana Consumer Data Protection Act", "INCDPA", "IC 24-15",
           {"access": "IC 24-15-3-1(b)(1)", "rectification": "IC 24-15-3-1(b)(2)", "deletion": "IC 24-15-3-1(b)(3)",
            "portability": "IC 24-15-3-1(b)(4)", "opt_out_sale": "IC 24-15-3-1(b)(5)"},
           "IC 24-15-3-1(c)(1)", "Indiana Attorney General", "https://www.in.gov/attorneygeneral"),
    # KRS 367.3615(2) rights; (3) 45 days + 45.
    _State("KY", "us_ky", "Kentucky Consumer Data Protection Act", "KCDPA", "KRS 367.3611 to 367.3629",
           {"access": "KRS 367.3615(2)(a)", "rectification": "KRS 367.3615(2)(b)", "deletion": "KRS 367.3615(2)(c)",
            "portability": "KRS 367.3615(2)(d)", "opt_out_sale": "KRS 367.3615(2)(e)"},
           "KRS 367.3615(3)", "Kentucky Attorney General, Office of Consumer Protection", "https://www.ag.ky.gov"),
    # Neb. Rev. Stat. §87-1107 rights; §87-1108(2) 45 days, extended once by 45.
    _State("NE", "us_ne", "Nebraska Data Privacy Act", "NDPA", "Neb. Rev. Stat. §87-1101 et seq.",
           {"access": "Neb. Rev. Stat. §87-1107", "rectification": "Neb. Rev. Stat. §87-1107",
            "deletion": "Neb. Rev. Stat. §87-1107", "portability": "Neb. Rev. Stat. §87-1107",
            "opt_out_sale": "Neb. Rev. Stat. §87-1107"},
           "Neb. Rev. Stat. §87-1108(2)", "Nebraska Attorney General", "https://ago.nebraska.gov"),
    # R.I. Gen. Laws §6-48.1-5 rights; §6-48.1-6(b)(1) 45 days + 45.
    _State("RI", "us_ri", "Rhode Island Data Transparency and Privacy Protection Act", "RIDTPPA",
           "R.I. Gen. Laws ch. 6-48.1",
           {"access": "R.I. Gen. Laws §6-48.1-5", "rectification": "R.I. Gen. Laws §6-48.1-5",
            "deletion": "R.I. Gen. Laws §6-48.1-5", "portability": "R.I. Gen. Laws §6-48.1-5",
            "opt_out_sale": "R.I. Gen. Laws §6-48.1-5"},
           "R.I. Gen. Laws §6-48.1-6(b)(1)", "Rhode Island Attorney General", "https://riag.ri.gov"),
)


# The appeal each state law gives after the controller declines to act: (section, days to decide,
# extra days the controller may add, what was read). The controller must tell the consumer how to
# contact the Attorney General when it denies the appeal. Neither Utah's Act (Utah Code
# §13-61-203(3), read as quoted at privacy.gtlaw.com/utah-controllers: a refusal need only give
# "the reasons for not taking action", no appeal) nor the CCPA gives one.
#
# Re-read for issue 13 with the search tool (December 2026). Where the corpus held the statute's
# text (official code or a mirror of it), the entry says what it confirmed; where it held none,
# the entry says so and the section and days stay as enacted, unconfirmed. Corrected: Nebraska's
# appeal is §87-1109 ("Appeal process"), not §87-1108(4) (which is about fees).
_NOT_FOUND = "appeal subsection not found in the search corpus; section and days as enacted, unconfirmed"
_APPEALS: Mapping[str, tuple[str, int, int, str]] = MappingProxyType({
    # §59.1-577(A)-(B) read at self-law.org/code/va/title-59-1/chapter-53/59-1-577 and the Deskbook
    # reprint (p. 392): (B)(2) a refusal gives "instructions for how to appeal the decision pursuant
    # to subsection C" (subsection confirmed); the 60 days of (C) not in the excerpts.
    "VA": ("Va. Code §59.1-577(C)", 60, 0, "subsection C confirmed by §59.1-577(B)(2); 60 days unconfirmed"),
    # §6-1-1306(1) read at law.counselstack.com/statute/co/06/6-1-1306; (3) not in the excerpts.
    "CO": ("C.R.S. §6-1-1306(3)", 45, 60, f"§6-1-1306(1) read; {_NOT_FOUND}"),
    # §42-518(c) (45 days, "instructions for how to appeal") read in the GDPR and US States Deskbook
    # reprint (online.flipbuilder.com/bzaa/mvgs, p. 166); the appeal subsection (60 days, AG) only
    # in secondary sources (revisionlegal.com).
    "CT": ("Conn. Gen. Stat. §42-518(d)", 60, 0, f"§42-518(c) read; {_NOT_FOUND}"),
    # §541.052(c) read at codes.findlaw.com/tx/business-and-commerce-code/bus-com-sect-541-052:
    # a refusal must give "instructions on how to appeal the decision in accordance with Section
    # 541.053" (section confirmed); the 60 days of §541.053 not in the corpus.
    "TX": ("Tex. Bus. & Com. Code §541.053", 60, 0, "section confirmed by §541.052(c); 60 days unconfirmed"),
    # Checked against the statute's text in issue 13: approve or deny within 45 days, no extension.
    "OR": ("ORS 646A.576(6)", 45, 0, "ORS 646A.576(6)(d) checked in issue 13: 45 days, no extension (not re-read here)"),
    # §30-14-2808 is headed "... compliance -- appeals" (lawserver.com/law/state/montana/mt-code/
    # montana_code_30-14-2808); (4)(b) "instructions for how to appeal" read in the Deskbook reprint (p. 258).
    "MT": ("Mont. Code Ann. §30-14-2808(6)", 60, 0, f"§30-14-2808 heading and (4) read; {_NOT_FOUND}"),
    # §715D.3(1) read at law.counselstack.com/statute/ia/715D.3; the appeal subsection not in the excerpt.
    "IA": ("Iowa Code §715D.3(3)", 60, 0, f"§715D.3(1) read; {_NOT_FOUND}"),
    # §12D-104(c) read in the Deskbook reprint (p. 183); (d) (appeal, 60 days, Department of
    # Justice) only in secondary sources (recording-law, datanuance).
    "DE": ("6 Del. C. §12D-104(d)", 60, 0, f"§12D-104(c) read; {_NOT_FOUND}"),
    "NH": ("RSA 507-H:4, IV", 60, 0, f"no text of RSA 507-H:4 in the corpus; {_NOT_FOUND}"),
    "NJ": ("N.J.S.A. 56:8-166.7(d)", 45, 45, f"no text of the New Jersey Act in the corpus; {_NOT_FOUND}"),
    # §47-18-3304(b)(1)-(2) read in the Deskbook reprint (p. 342); the appeal subsection not there.
    "TN": ("Tenn. Code Ann. §47-18-3304(c)", 60, 0, f"§47-18-3304(b) read; {_NOT_FOUND}"),
    "MN": ("Minn. Stat. §325M.14, subd. 6", 45, 60, f"no text of §325M.14 in the corpus; {_NOT_FOUND}"),
    # §14-4605(a)-(d) read at casetext.com (Md. Code, Com. §14-4605); the appeal subsection (60 days,
    # complaint to the Division) only in secondary sources (magnifyi.com).
    "MD": ("Md. Code, Com. Law §14-4605(e)", 60, 0, f"§14-4605(a)-(d) read; {_NOT_FOUND}"),
    "IN": ("IC 24-15-3-1(e)", 60, 0, f"no text of IC 24-15-3-1 in the corpus; {_NOT_FOUND}"),
    "KY": ("KRS 367.3615(4)", 60, 0, f"no text of KRS 367.3615 in the corpus; {_NOT_FOUND}"),
    # §87-1108(3) read at codes.findlaw.com/ne/chapter-87-trade-practices/ne-rev-st-sect-87-1108 and
    # self-law.org/code/ne/chapter-87/87-1108: the refusal gives "instructions on how to appeal ...
    # in accordance with section 87-1109"; the chapter's table (cliclaw.com) names §87-1109
    # "Appeal process". Corrected from §87-1108(4). The 60 days of §87-1109 not in the corpus.
    "NE": ("Neb. Rev. Stat. §87-1109", 60, 0, "§87-1108(3) read: appeal under §87-1109 (corrected from §87-1108(4)); 60 days unconfirmed"),
    # Checked in issue 13: §6-48.1-6(b)(2), the refusal must say how to appeal.
    "RI": ("R.I. Gen. Laws §6-48.1-6", 60, 0, "§6-48.1-6(b)(2) checked in issue 13 (not re-read here); 60 days unconfirmed"),
})


def _appeal(s: _State) -> AppealRule | None:
    found = _APPEALS.get(s.code)
    if found is None:
        return None
    citation, days, extra, source = found
    contact = s.ag_webform or s.ag_email or s.ag_website
    return AppealRule(
        citation=citation,
        source=source,
        decision=Period(days, "calendar_days"),
        extension=Period(extra, "calendar_days") if extra else None,
        authority=s.ag_name,
        refused_contact=contact,
    )


def _state_regime(s: _State) -> Regime:
    ag = Regulator(
        name=s.ag_name, country="US", subdivision=s.code, email=s.ag_email, webform=s.ag_webform, website=s.ag_website
    )
    return Regime(
        key=s.key,
        name=s.name,
        short=s.short,
        jurisdiction=f"{_US_STATE_NAMES[s.code]}, United States",
        country="US",
        subdivision=s.code,
        law_citation=s.act,
        request_types=_ro(s.rights),
        rule=DeadlineRule(
            response=Period(s.days, "calendar_days"),
            extension=Period(s.extra_days, "calendar_days"),
            acknowledgement=None,
            citation=s.response,
        ),
        regulators=(ag,),
        roll_forward=False,  # "not later than 45 days after receipt": plain calendar days
        holiday_country="US",
        holiday_subdivision=s.code,
        appeal=_appeal(s),
        no_appeal_reason="" if s.code in _APPEALS else (
            f"the {s.short} gives no appeal to the business: complain to the {s.ag_name} instead (--to regulator)"
        ),
        extension_condition=f"the company must tell you of the extension, with the reason, within the first {s.days} days",
        identity_hint=(
            "Your name and the email address or account the company knows you by; the company may ask for "
            "more to authenticate the request (some state laws, e.g. Virginia's, Va. Code §59.1-577, let it authenticate every request, opt-outs included)."
        ),
    )


_US_STATE_NAMES = {
    "VA": "Virginia", "CO": "Colorado", "CT": "Connecticut", "UT": "Utah", "TX": "Texas", "OR": "Oregon",
    "MT": "Montana", "IA": "Iowa", "DE": "Delaware", "NH": "New Hampshire", "NJ": "New Jersey",
    "TN": "Tennessee", "MN": "Minnesota", "MD": "Maryland", "IN": "Indiana", "KY": "Kentucky",
    "NE": "Nebraska", "RI": "Rhode Island", "CA": "California",
}

# --- Canada and Brazil --------------------------------------------------------------------------

OPC = Regulator(
    name="Office of the Privacy Commissioner of Canada",
    country="CA",
    email="",  # complaints through the online form or by post
    webform="https://www.priv.gc.ca/en/report-a-concern/file-a-formal-privacy-complaint/file-a-complaint-about-a-business/file-a-complaint-under-pipeda",
    address="30 Victoria Street, Gatineau, Quebec K1A 1H3, Canada",
    website="https://www.priv.gc.ca",
)

_PIPEDA_OTHER = (
    "PIPEDA fixes 30 days for access requests (s. 8(3)); for this request the same period is used "
    "as the reasonable time to answer"
)

PIPEDA = Regime(
    key="pipeda",
    name="Personal Information Protection and Electronic Documents Act",
    short="PIPEDA",
    jurisdiction="Canada",
    country="CA",
    law_citation="Personal Information Protection and Electronic Documents Act, S.C. 2000, c. 5",
    request_types=_ro(
        {
            "access": "PIPEDA s. 8 and Schedule 1, Principle 4.9",
            "rectification": "PIPEDA Schedule 1, Principle 4.9.5",
            "deletion": "PIPEDA Schedule 1, Principles 4.5.3 and 4.9.5",
            "withdraw_consent": "PIPEDA Schedule 1, Principle 4.3.8",
        }
    ),
    # s. 8(3): respond "not later than thirty days after receipt"; s. 8(4)(a): extend "for a
    # maximum of thirty days" with notice within the first 30 days.
    rule=DeadlineRule(Period(30, "calendar_days"), Period(30, "calendar_days"), None, "PIPEDA s. 8(3)-(4)"),
    type_rules=_ro(
        {
            t: DeadlineRule(Period(30, "calendar_days"), Period(30, "calendar_days"), None, "PIPEDA s. 8(3)-(4)",
                            note=_PIPEDA_OTHER)
            for t in ("rectification", "deletion", "withdraw_consent")
        }
    ),
    regulators=(OPC,),
    roll_forward=True,  # Interpretation Act s. 26; "holiday" includes Sunday (s. 35) but not Saturday
    rest_days=(6,),
    holiday_country="CA",
    # PIPEDA is a federal Act: the holidays of Interpretation Act s. 35(1) apply in every province
    # (the provincial tables made several deadlines a day early or late).
    holiday_subdivision="FEDERAL",
    # s. 8(5): no answer within the time limit is deemed a refusal; s. 11(3): a complaint about a
    # refusal is filed within six months after the refusal or after the time limit expired (or
    # any longer period the Commissioner allows).
    complaint_window=ComplaintWindow(Period(6, "months"), "refusal", "PIPEDA s. 11(3) and s. 8(5)", strict=True),
    extension_condition="the organisation must tell you of the extension, and of your right to complain, within the first 30 days",
    identity_hint="Your name and the email address or account the organisation knows you by; it may ask for enough to identify you.",
)

ANPD = Regulator(
    name="Autoridade Nacional de Proteção de Dados (ANPD)",
    country="BR",
    email="",  # petitions through the gov.br service
    webform="https://www.gov.br/anpd/pt-br/canais_atendimento/cidadao-titular-de-dados/peticao-de-titular-contra-controlador-de-dados",
    website="https://www.gov.br/anpd",
)

_LGPD_OTHER = (
    "LGPD fixes 15 days only for the full access report (Art. 19 II); for other requests the controller "
    "must act at once or explain why it cannot (Art. 18 §4), so 15 days is used as the reference date"
)

LGPD = Regime(
    key="lgpd",
    name="Lei Geral de Proteção de Dados Pessoais",
    short="LGPD",
    jurisdiction="Brazil",
    country="BR",
    law_citation="Lei nº 13.709/2018 (Lei Geral de Proteção de Dados Pessoais)",
    request_types=_ro(
        {
            "access": "LGPD Art. 18, I and II, and Art. 19, II",
            "rectification": "LGPD Art. 18, III",
            "deletion": "LGPD Art. 18, IV and VI",
            "portability": "LGPD Art. 18, V",
            "restriction": "LGPD Art. 18, IV",
            "objection": "LGPD Art. 18, §2",
            "withdraw_consent": "LGPD Art. 18, IX, and Art. 8, §5",
        }
    ),
    rule=DeadlineRule(Period(15, "calendar_days"), None, None, "LGPD Art. 19, II"),
    type_rules=_ro(
        {
            t: DeadlineRule(Period(15, "calendar_days"), None, None, "LGPD Art. 18, §4", note=_LGPD_OTHER)
            for t in ("rectification", "deletion", "portability", "restriction", "objection", "withdraw_consent")
        }
    ),
    regulators=(ANPD,),
    roll_forward=True,  # Código Civil Art. 132 §1
    holiday_country="BR",
    # Resolução CD/ANPD nº 2/2022 art. 14: small processing agents (art. 2) have double time limits
    # for answering data subjects' requests under LGPD art. 18 (I) and for the complete access
    # declaration of art. 19, II (III); the simplified statement of art. 19, I gets 15 days.
    small_agent_factor=2,
    small_agent_citation="Resolução CD/ANPD nº 2/2022, art. 14",
    identity_hint="Your name and the email address or CPF the controller knows you by.",
)

# --- the registry -------------------------------------------------------------------------------

def _registered() -> tuple[Regime, ...]:
    # Laws kept in their own modules (scope.py chooses among all of them).
    from privacy_tui.core.regime_voluntary import voluntary_regime
    from privacy_tui.core.regimes_canada import provincial_regimes

    return provincial_regimes() + (voluntary_regime(),)


_ALL: tuple[Regime, ...] = (GDPR, UK_GDPR, CCPA, PIPEDA, LGPD) + tuple(_state_regime(s) for s in _STATES) + _registered()
REGIMES: Mapping[str, Regime] = MappingProxyType({r.key: r for r in _ALL})
US_STATE_REGIMES: Mapping[str, str] = MappingProxyType({"CA": "ccpa", **{s.code: s.key for s in _STATES}})
ALIASES = ("us_state",)


def regime_keys() -> tuple[str, ...]:
    return tuple(REGIMES)


def resolve_regime(key: str, *, subdivision: str = "") -> str:
    """The regime key for `key`, resolving the `us_state` alias from a US state code."""
    key = (key or "").strip().lower()
    if key in REGIMES:
        return key
    if key == "us_state":
        state = (subdivision or "").strip().upper().removeprefix("US-")
        if not state:
            raise UserError("us_state needs the US state: pass --subdivision, e.g. --subdivision VA")
        if state not in US_STATE_REGIMES:
            known = ", ".join(sorted(US_STATE_REGIMES))
            raise UserError(f"no US state privacy law is known for {state!r}; known states: {known}")
        return US_STATE_REGIMES[state]
    valid = ", ".join(tuple(REGIMES) + ALIASES)
    raise UserError(f"unknown regime {key!r}; valid regimes: {valid}")


def get_regime(key: str, *, subdivision: str = "") -> Regime:
    return REGIMES[resolve_regime(key, subdivision=subdivision)]


def default_regime(
    company_country: str,
    company_subdivision: str,
    company_regimes: Sequence[str],
    profile_country: str,
    profile_state: str,
) -> str:
    """The regime for a new request: `core.scope.choose_regime`, which also says why."""
    from privacy_tui.core.scope import choose_regime

    return choose_regime(
        profile_country, profile_state, company_country, company_subdivision, company_regimes=company_regimes
    ).key


__all__ = [
    "ALIASES",
    "AppealRule",
    "ClockRule",
    "ComplaintWindow",
    "EU_EEA",
    "REGIMES",
    "US_STATE_REGIMES",
    "DeadlineRule",
    "Period",
    "Regime",
    "Regulator",
    "default_regime",
    "get_regime",
    "regime_keys",
    "resolve_regime",
]
