"""PIPEDA and the three provincial private-sector laws that apply instead of it within their province.

Sources checked (2026):
- PIPEDA: S.C. 2000, c. 5, s. 8(3) (30 days), s. 8(4)(a) (extension of up to 30 days), s. 8(5)
  (no answer in time is a deemed refusal), s. 11(3) (a complaint about a refusal within six
  months of the refusal or of the expiry of the time limit); Interpretation Act R.S.C. 1985
  c. I-21 s. 26 and s. 35 (a time limit ending on a holiday, Sundays included, runs to the next
  day that is not a holiday; the federal list applies in every province: see interpretation_act.py).
- Reach: PIPEDA s. 4(1)(a): it applies to every organisation for what it collects, uses or
  discloses in the course of commercial activities. A foreign company with a real and
  substantial connection to Canada is covered too (Lawson v. Accusearch, 2007 FC 125).

The provinces:

PIPEDA s. 26(2)(b) lets the Governor in Council exempt organisations from Part 1 for what
they collect, use or disclose within a province whose law is "substantially similar"; the
exemption orders cover Quebec (SOR/2003-374), Alberta (SOR/2004-219) and British Columbia
(SOR/2004-220). Inside those provinces a private organisation answers to the provincial Act
and its commissioner; interprovincial and international flows stay under PIPEDA.

Provincial sources checked (2026):
- Quebec: Act respecting the protection of personal information in the private sector, CQLR
  c P-39.1: s. 27 (access; para. 3, in force 22 Sept 2024: a copy of computerized information
  in a structured, commonly used technological format), s. 28 (rectification, and deletion of
  information whose collection, communication or keeping the law does not authorise), s. 28.1
  (de-indexing), s. 30 (written request), s. 32 (answer "not later than 30 days after the date
  the request was received"; failing to answer within that time is deemed a refusal), s. 42-43
  (application to the Commission d'accès à l'information within 30 days of the refusal or of
  the end of the time to answer). No extension is provided. Days: Interpretation Act, CQLR
  c I-16, s. 52 (a time limit ending on a holiday runs to the next day that is not a holiday)
  and s. 61(23) (Sundays are holidays).
- Alberta: Personal Information Protection Act, SA 2003 c P-6.5: s. 24 (access), s. 25
  (correction), s. 9 (withdrawal of consent), s. 28(1) (respond "not later than 45 days from
  the day that the organization receives the applicant's written request" — calendar days, the
  Act does not define "day"), s. 31 (extension of up to 30 more days, or longer with the
  Commissioner's permission), s. 46-47 (request for review within 30 days). Days: Interpretation
  Act, RSA 2000 c I-8, s. 22(1) (a time limit ending on a holiday runs to the next day that is
  not a holiday) and s. 28(1)(v) (Sundays are holidays).
- British Columbia: Personal Information Protection Act, SBC 2003 c 63: s. 1 ("day does not
  include a holiday or a Saturday"), s. 23 (access), s. 24 (correction), s. 9 (withdrawal of
  consent), s. 29 (respond "not later than 30 days after receiving the applicant's request",
  i.e. 30 days that are not Saturdays, Sundays or holidays), s. 31 (extension of up to 30 more
  days), s. 46-47 (request for review within 30 days). The OIPC BC says the same: "within 30
  business days".

Holidays (core/interpretation_act.py, used by core/deadlines.py):
- Quebec: the list of its Interpretation Act s. 61(23) (legisquebec.gouv.qc.ca, CQLR c I-16,
  s. 61; French text of para. 23 read as quoted at calculateurjudiciaire.com/loi-interpretation-rlrq):
  Sundays, 1 January, Good Friday, Easter Monday, 24 June, 1 July (2 July when the 1st is a
  Sunday), Labour Day, the second Monday of October, 25 December, the Sovereign's birthday.
  Replaces the holidays package's QC list, which omits Easter Monday.
- British Columbia: the holidays package's BC list plus what Interpretation Act RSBC 1996 c 238
  s. 29 "holiday" names and the package lacks: Easter Monday (para. (a)) and 26 December
  (para. (c)) (text of s. 29 as quoted at bcfamilylawresource.blogspot.com, 2012; bclaws.gov.bc.ca
  not in the search corpus for s. 29).
- Alberta: the holidays package's AB list. The text of Interpretation Act RSA 2000 c I-8
  s. 28(1)(v) ("holiday") was not found in the search corpus (only its table of contents), so
  nothing was added: to be checked against kings-printer.alberta.ca.
"""

from __future__ import annotations

from types import MappingProxyType

from privacy_tui.core.laws.base import (
    RESIDENT,
    ComplaintWindow,
    DeadlineRule,
    Law,
    Mention,
    Period,
    Reason,
    Regime,
    Regulator,
    Where,
    ro,
)
from privacy_tui.core.laws.places import state_name

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
    request_types=ro(
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
    type_rules=ro(
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

# --- the provinces ----------------------------------------------------------------------------

CAI = Regulator(
    name="Commission d'accès à l'information du Québec",
    country="CA",
    subdivision="QC",
    email="",  # applications by its online form or in writing
    webform="https://www.cai.gouv.qc.ca/citoyens/recours-devant-la-commission/",
    website="https://www.cai.gouv.qc.ca",
)

OIPC_AB = Regulator(
    name="Office of the Information and Privacy Commissioner of Alberta",
    country="CA",
    subdivision="AB",
    email="",  # the Request for Review / Privacy Complaint form, not phone or email
    webform="https://oipc.ab.ca/request-a-review-file-a-complaint/",
    website="https://oipc.ab.ca",
)

OIPC_BC = Regulator(
    name="Office of the Information and Privacy Commissioner for British Columbia",
    country="CA",
    subdivision="BC",
    email="",  # its forms and webform; a short written request is also accepted
    webform="https://www.oipc.bc.ca/for-the-public/how-do-i-request-a-review/",
    website="https://www.oipc.bc.ca",
)

_OTHER_QC = (
    "the Quebec Act sets 30 days for access and rectification requests alike (s. 32); "
    "an unanswered request is deemed refused"
)

QUEBEC = Regime(
    key="ca_qc",
    name="Act respecting the protection of personal information in the private sector (Quebec)",
    short="Quebec Private Sector Act",
    jurisdiction="Quebec, Canada",
    country="CA",
    subdivision="QC",
    law_citation="Act respecting the protection of personal information in the private sector, CQLR c P-39.1",
    request_types=ro(
        {
            "access": "section 27 of the Quebec Private Sector Act",
            "portability": "section 27, third paragraph, of the Quebec Private Sector Act",
            "rectification": "section 28 of the Quebec Private Sector Act",
            "deletion": "section 28 of the Quebec Private Sector Act",
        }
    ),
    rule=DeadlineRule(Period(30, "calendar_days"), None, None, "section 32 of the Quebec Private Sector Act"),
    type_rules=ro(
        {t: DeadlineRule(Period(30, "calendar_days"), None, None, "section 32 of the Quebec Private Sector Act",
                         note=_OTHER_QC) for t in ("rectification", "deletion")}
    ),
    regulators=(CAI,),
    roll_forward=True,  # Interpretation Act, CQLR c I-16, s. 52
    rest_days=(6,),  # Sunday is a holiday (s. 61(23)); Saturday is not
    holiday_country="CA",
    holiday_subdivision="QC",
    identity_hint="Your name and the email address or account the business knows you by; it may ask for proof of identity (s. 30).",
)

ALBERTA = Regime(
    key="ca_ab",
    name="Personal Information Protection Act (Alberta)",
    short="Alberta PIPA",
    jurisdiction="Alberta, Canada",
    country="CA",
    subdivision="AB",
    law_citation="Personal Information Protection Act, SA 2003, c P-6.5",
    request_types=ro(
        {
            "access": "section 24 of Alberta PIPA",
            "rectification": "section 25 of Alberta PIPA",
            "withdraw_consent": "section 9 of Alberta PIPA",
        }
    ),
    rule=DeadlineRule(Period(45, "calendar_days"), Period(30, "calendar_days"), None, "sections 28(1) and 31 of Alberta PIPA"),
    type_rules=ro(
        {
            "withdraw_consent": DeadlineRule(
                Period(45, "calendar_days"), None, None, "section 28(1) of Alberta PIPA",
                note="Alberta PIPA sets no time for acting on a withdrawal of consent (s. 9); the 45 days of s. 28(1) are used as the reasonable time",
            )
        }
    ),
    regulators=(OIPC_AB,),
    roll_forward=True,  # Interpretation Act, RSA 2000 c I-8, s. 22(1)
    rest_days=(6,),
    holiday_country="CA",
    holiday_subdivision="AB",
    extension_condition="the organization must tell you, with the reasons and your right to ask the Commissioner for a review (s. 31)",
    identity_hint="Your name and the email address or account the organization knows you by.",
)

BRITISH_COLUMBIA = Regime(
    key="ca_bc",
    name="Personal Information Protection Act (British Columbia)",
    short="BC PIPA",
    jurisdiction="British Columbia, Canada",
    country="CA",
    subdivision="BC",
    law_citation="Personal Information Protection Act, SBC 2003, c 63",
    request_types=ro(
        {
            "access": "section 23 of BC PIPA",
            "rectification": "section 24 of BC PIPA",
            "withdraw_consent": "section 9 of BC PIPA",
        }
    ),
    # s. 1: "day" excludes Saturdays and holidays (Sunday is a holiday under the BC
    # Interpretation Act s. 29), so the 30 days of s. 29 are business days.
    rule=DeadlineRule(Period(30, "business_days"), Period(30, "business_days"), None, "sections 29 and 31 of BC PIPA"),
    type_rules=ro(
        {
            "withdraw_consent": DeadlineRule(
                Period(30, "business_days"), None, None, "section 29 of BC PIPA",
                note="BC PIPA sets no time for acting on a withdrawal of consent (s. 9); the 30 days of s. 29 are used as the reasonable time",
            )
        }
    ),
    regulators=(OIPC_BC,),
    roll_forward=False,  # business days never end on a non-working day
    holiday_country="CA",
    holiday_subdivision="BC",
    extension_condition="the organization must tell you, with the reasons and your right to complain to the Commissioner (s. 31)",
    identity_hint="Your name and the email address or account the organization knows you by.",
)

# Province code -> regime key, for the scope rules.
BY_PROVINCE = MappingProxyType({"QC": "ca_qc", "AB": "ca_ab", "BC": "ca_bc"})
_PROVINCIAL = MappingProxyType({r.key: r for r in (QUEBEC, ALBERTA, BRITISH_COLUMBIA)})

MENTION = Mention(
    pattern=(
        r"\bpipeda\b|personal\s+information\s+protection\s+and\s+electronic\s+documents\s+act|"
        r"privacy\s+commissioner\s+of\s+canada|laws\s+of\s+canada|\bcanadian\s+(?:privacy\s+)?(?:law|legislation|" + RESIDENT + r")|"
        r"\b" + RESIDENT + r"\s+(?:in|of)\s+canada\b|\bif\s+you\s+are\s+(?:located\s+|based\s+)?in\s+canada\b|"
        r"quebec['’]?s?\s+(?:law\s+25|privacy)|\blaw\s+25\b"
    ),
    triggers=r"pipeda|electronic documents|canada|canadian|quebec|law 25",
)


def _establishment(cc: str, sub: str) -> Reason | None:
    if cc != "CA":
        return None
    if sub in BY_PROVINCE:
        key = BY_PROVINCE[sub]
        return key, (f"{_PROVINCIAL[key].short}: the company carries on business in {state_name('CA', sub)}, where this "
                     "Act applies to private organisations instead of PIPEDA (PIPEDA s. 26(2)(b))")
    where = f"in {state_name('CA', sub)}" if sub else "in Canada"
    hint = "" if sub else (
        "; if it is based in Quebec, Alberta or British Columbia, set its province "
        "(`company edit ID --subdivision QC`), as that province's Act applies instead"
    )
    return "pipeda", (f"PIPEDA: the company is a Canadian organisation {where}, and PIPEDA covers personal "
                      f"information handled in the course of commercial activities (PIPEDA s. 4(1)(a)){hint}")


LAW = Law(
    key="pipeda",
    label="PIPEDA (Canada)",
    regimes=(PIPEDA, QUEBEC, ALBERTA, BRITISH_COLUMBIA),
    mention=MENTION,
    directory_countries=frozenset({"ca"}),
    establishment=_establishment,
    established_in="Canada",
    residence=Where("pipeda", frozenset({"CA"}), "PIPEDA: you live in Canada, and PIPEDA reaches a company outside "
                    "Canada that has a real and substantial connection to it (Lawson v. Accusearch, 2007 FC 125)"),
)

__all__ = ["ALBERTA", "BRITISH_COLUMBIA", "BY_PROVINCE", "LAW", "MENTION", "OPC", "PIPEDA", "QUEBEC"]
