"""The US state consumer privacy laws other than California's, one table row per state.

Sources checked (2026):
- US states: each statute's response section, cited per regime below (45 days + one 45-day
  extension notified within the first 45 days; Iowa: 90 days + 45).
- US state appeals: each statute's appeal subsection, cited in _APPEALS (Va. Code §59.1-577(C):
  60 days, then the Attorney General's contact); Utah Code §13-61-203 and the CCPA have none.
- Reach: each law protects only residents of its state (e.g. Va. Code §59.1-575 "consumer" = "a
  natural person who is a resident of the Commonwealth"). A state without such a law (New York,
  for one) gives its residents nothing to invoke.

All share the `us_state` letters, and `us_state` is the alias policies and directory records use:
it resolves to the law of the person's state (California's CCPA included).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from privacy_tui.core.laws.base import RESIDENT, AppealRule, DeadlineRule, Law, Mention, Period, Reason, Regime, Regulator, ro
from privacy_tui.core.laws.places import state_name


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
        family="us_state",
        name=s.name,
        short=s.short,
        jurisdiction=f"{_US_STATE_NAMES[s.code]}, United States",
        country="US",
        subdivision=s.code,
        law_citation=s.act,
        request_types=ro(s.rights),
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

_NAMES = (
    r"virginia|colorado|connecticut|utah|texas|oregon|montana|iowa|delaware|new\s+jersey|new\s+hampshire|tennessee|"
    r"minnesota|maryland|indiana|kentucky|nebraska|rhode\s+island|nevada|florida|washington"
)
MENTION = Mention(
    pattern=(
        r"\b(?:" + _NAMES + r")\s+(?:" + RESIDENT + r"|consumer\s+data\s+protection\s+act|privacy\s+act|"
        r"consumer\s+privacy\s+act|data\s+privacy\s+act|privacy\s+law)|"
        r"\b" + RESIDENT + r"\s+of\s+(?:the\s+(?:state|commonwealth)\s+of\s+)?(?:" + _NAMES + r")\b|"
        r"\b(?:vcdpa|ctdpa|ucpa|tdpsa|ocpa|mcdpa|icdpa)\b|\bcpa\s+\(colorado|"
        r"\b(?:u\.?s\.?|united\s+states|other|certain|applicable|your)\s+state\s+(?:consumer\s+)?(?:data\s+)?(?:privacy|protection)\s+laws?|"
        r"\bstate\s+privacy\s+laws|residents\s+of\s+certain\s+(?:u\.?s\.?\s+)?states|your\s+state\s+privacy\s+rights|"
        r"\bstate\s+of\s+residence\s+in\s+the\s+(?:us|u\.s\.|united\s+states)|"
        r"\b(?:california|" + _NAMES + r"),\s+(?:" + _NAMES + r")\b"
    ),
    triggers=r"virginia|colorado|connecticut|utah|texas|oregon|montana|iowa|delaware|jersey|hampshire|tennessee|"
    r"minnesota|maryland|indiana|kentucky|nebraska|rhode|nevada|florida|washington|dpa|ucpa|ocpa|cpa|state privacy|"
    r"state consumer|state data|certain states|certain u|state of residence",
)

REGIMES: tuple[Regime, ...] = tuple(_state_regime(s) for s in _STATES)
_BY_STATE: Mapping[str, Regime] = MappingProxyType({r.subdivision: r for r in REGIMES})


def _residence(pc: str, ps: str, company_regimes: frozenset[str]) -> Reason | None:
    regime = _BY_STATE.get(ps) if pc == "US" else None
    if regime is None:
        return None
    name = state_name("US", ps)
    return regime.key, (f"{regime.short}: you live in {name}, and the {regime.name} protects "
                        f"residents of {name} against companies above its thresholds ({regime.law_citation})")


# A directory record "relevant" to the US says the company serves people there, not that they live
# in California: each US state law protects its own residents, so the record names the US state
# laws as a whole and core.scope picks the one of the person's state, if it has one.
LAW = Law(
    key="us_state",
    label="other US state laws",
    regimes=REGIMES,
    mention=MENTION,
    directory_countries=frozenset({"us"}),
    residence=_residence,
    alias_country="US",
)

__all__ = ["LAW", "MENTION", "REGIMES"]
