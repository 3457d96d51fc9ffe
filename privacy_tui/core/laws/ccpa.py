"""The California Consumer Privacy Act, as amended by the California Privacy Rights Act.

Sources checked (2026):
- CCPA: Cal. Civ. Code §1798.100 ff.; 11 CCR §7021(a)-(b) (10 business days to confirm, 45
  calendar days to respond, one extension to 90 days in total with notice); §7026(f) and §7027(g)
  (opt-out of sale/sharing and limit requests honoured within 15 business days).
- Reach: a "consumer" is "a natural person who is a California resident" (Cal. Civ. Code
  §1798.140(i)); the duty falls on a "business" above the thresholds of §1798.140(d). It gives
  no appeal to the business.
"""

from __future__ import annotations

from privacy_tui.core.events import ASKS, NO_EFFECT
from privacy_tui.core.laws.base import RESIDENT, ClockRule, DeadlineRule, Law, Mention, Period, Regime, Regulator, Where, ro

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
    request_types=ro(
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
    type_rules=ro(
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
    clock=ro({k: ClockRule(NO_EFFECT, "11 CCR §7021(b)", "the 45 days run from receipt, regardless of the time needed to verify")
               for k in ASKS}),
    no_appeal_reason=(
        "the CCPA gives no appeal to the business: complain to the California Privacy Protection Agency "
        "or the Attorney General instead (--to regulator)"
    ),
    # §7026(d): a business shall not require a verifiable consumer request for an opt-out of
    # sale/sharing; §7027: likewise for a request to limit the use of sensitive personal information.
    no_verification=ro({"opt_out_sale": "11 CCR §7026(d)", "limit_sensitive": "11 CCR §7027"}),
    extension_condition="the business must tell you, with reasons, within the first 45 days (11 CCR §7021(b))",
    identity_hint=(
        "Your name and the email address or account the business knows you by; the business must verify "
        "requests to know, delete or correct (11 CCR §7060 and following). Opt-out and limit requests need no verification."
    ),
)

MENTION = Mention(
    pattern=(
        r"\bccpa\b|\bcpra\b|california\s+consumer\s+privacy\s+act|california\s+privacy\s+rights\s+act|"
        r"\bcalifornia\s+" + RESIDENT + r"|\b" + RESIDENT + r"\s+of\s+(?:the\s+state\s+of\s+)?california|"
        r"\bcal(?:ifornia|\.)?\s*civ(?:il|\.)?\s*code|§\s*1798\.1\d\d|\b1798\.1\d\d\b|customer\s+records\s+statute|"
        r"shine\s+the\s+light|do\s+not\s+sell\s+(?:or\s+share\s+)?my\s+personal\s+information|"
        r"california\s+privacy\s+protection\s+agency|under\s+california\s+law|"
        r"\b(?:sell|sold)\s+(?:and/or|or|and)\s+shar\w*\s+(?:your\s+)?personal\s+information|"
        r"verify\s+or\s+maintain\s+the\s+quality\s+or\s+safety\s+of\s+a\s+service\s+or\s+device"
    ),
    triggers="ccpa|cpra|california|cal.|cal |1798|customer records|shine the light|do not sell|sell|sold|verify or maintain",
)


# No directory countries: a record relevant to the US names the US state laws as a whole ("us_state").
LAW = Law(
    key="ccpa",
    label="CCPA/CPRA (California)",
    regimes=(CCPA,),
    mention=MENTION,
    residence=Where("ccpa", frozenset({"US"}), "CCPA: you live in California, and the CCPA protects California residents "
                    "(Cal. Civ. Code §1798.140(i)) against businesses above its size thresholds (§1798.140(d))",
                    subdivision="CA"),
)

__all__ = ["CA_AG", "CCPA", "CPPA", "LAW", "MENTION"]
