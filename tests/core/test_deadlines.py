"""Deadline arithmetic: a table of real cases across regimes, plus properties that must always hold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_tui.core.deadlines import (
    add_business_days,
    add_months,
    compute_deadlines,
    next_working_day,
    short_date,
)
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.registry import REGIMES
from privacy_tui.core.models import Event, Request
from privacy_tui.core.timeline import request_deadlines

D = date.fromisoformat

# (regime, received, country, subdivision, type, due, extended_due, ack_due)
CASES = [
    # --- UK GDPR, England and Wales: the issue's own examples -----------------------------
    ("uk_gdpr", "2026-03-03", "GB", "", "access", "2026-04-07", "2026-06-03", None),  # Good Friday + Easter Monday
    ("uk_gdpr", "2026-01-31", "GB", "", "access", "2026-03-02", "2026-04-30", None),  # 28 Feb is a Saturday
    ("uk_gdpr", "2027-12-01", "GB", "", "access", "2028-01-04", "2028-03-01", None),  # 1 Jan 2028 Sat, Mon 3 Jan bank holiday
    ("uk_gdpr", "2028-01-31", "GB", "", "access", "2028-02-29", "2028-05-02", None),  # leap year; 30 Apr 2028 a Sunday, 1 May bank holiday
    # month ends and leap years
    ("uk_gdpr", "2026-03-31", "GB", "ENG", "access", "2026-04-30", "2026-06-30", None),  # no 31 April
    ("uk_gdpr", "2026-05-31", "GB", "ENG", "deletion", "2026-06-30", "2026-09-01", None),  # extended: 31 Aug bank holiday
    ("uk_gdpr", "2027-01-29", "GB", "ENG", "access", "2027-03-01", "2027-04-29", None),  # no 29 Feb 2027; 28 Feb a Sunday
    ("uk_gdpr", "2028-01-30", "GB", "ENG", "access", "2028-02-29", "2028-05-02", None),  # clamped to leap day; 30 Apr Sun, 1 May bank holiday
    ("uk_gdpr", "2028-02-29", "GB", "ENG", "access", "2028-03-29", "2028-05-30", None),  # received on leap day; 29 May spring bank holiday
    ("uk_gdpr", "2026-12-25", "GB", "ENG", "access", "2027-01-25", "2027-03-25", None),  # received on Christmas Day
    ("uk_gdpr", "2026-11-30", "GB", "ENG", "objection", "2026-12-30", "2027-03-01", None),  # 28 Feb 2027 a Sunday
    # the UK nations differ
    ("uk_gdpr", "2026-12-01", "GB", "ENG", "access", "2027-01-04", "2027-03-01", None),
    ("uk_gdpr", "2026-12-01", "GB", "SCT", "access", "2027-01-05", "2027-03-01", None),  # 2 January holiday, observed Mon 4 Jan
    ("uk_gdpr", "2026-02-17", "GB", "NIR", "access", "2026-03-18", "2026-05-18", None),  # St Patrick's Day
    ("uk_gdpr", "2026-02-17", "GB", "ENG", "access", "2026-03-17", "2026-05-18", None),  # 17 May 2026 a Sunday
    ("uk_gdpr", "2026-10-30", "GB", "SCT", "access", "2026-12-01", "2027-02-01", None),  # St Andrew's Day (observed Mon 30 Nov)
    ("uk_gdpr", "2026-10-30", "GB", "ENG", "access", "2026-11-30", "2027-02-01", None),  # 30 Jan 2027 a Saturday
    ("uk_gdpr", "2026-07-31", "GB", "ENG", "access", "2026-09-01", "2026-11-02", None),  # late summer bank holiday 31 Aug; 31 Oct a Saturday
    ("uk_gdpr", "2026-07-31", "GB", "SCT", "access", "2026-08-31", "2026-11-02", None),  # not a holiday in Scotland
    ("uk_gdpr", "2026-07-31", "GB", "Scotland", "access", "2026-08-31", "2026-11-02", None),  # name accepted
    ("uk_gdpr", "2026-03-03", "", "", "access", "2026-04-07", "2026-06-03", None),  # no country: England by default
    # --- EU GDPR: holidays of the company's country ------------------------------------------
    ("gdpr", "2026-09-03", "DE", "", "access", "2026-10-05", "2026-12-03", None),  # 3 Oct German Unity Day, a Saturday
    ("gdpr", "2026-04-01", "DE", "", "access", "2026-05-04", "2026-07-01", None),  # 1 May Labour Day (Fri)
    ("gdpr", "2025-12-06", "DE", "BY", "access", "2026-01-07", "2026-03-06", None),  # Epiphany in Bavaria
    ("gdpr", "2025-12-06", "DE", "", "access", "2026-01-06", "2026-03-06", None),  # not a national holiday
    ("gdpr", "2026-06-14", "FR", "", "access", "2026-07-15", "2026-09-14", None),  # Bastille Day
    ("gdpr", "2026-02-17", "IE", "", "access", "2026-03-18", "2026-05-18", None),  # St Patrick's Day in Ireland
    ("gdpr", "2026-03-27", "NL", "", "rectification", "2026-04-28", "2026-06-29", None),  # King's Day; 27 Jun a Saturday
    ("gdpr", "2026-01-31", "", "", "portability", "2026-03-02", "2026-04-30", None),  # no country: weekends only
    # --- CCPA --------------------------------------------------------------------------------------
    ("ccpa", "2026-11-22", "US", "CA", "access", "2027-01-06", "2027-02-20", "2026-12-08"),  # the issue's example
    ("ccpa", "2026-11-22", "", "", "deletion", "2027-01-06", "2027-02-20", "2026-12-08"),  # California calendar regardless
    ("ccpa", "2026-06-30", "US", "CA", "rectification", "2026-08-14", "2026-09-28", "2026-07-15"),  # 3 Jul observed holiday
    ("ccpa", "2027-01-08", "US", "CA", "access", "2027-02-22", "2027-04-08", "2027-01-25"),  # MLK Day in the ack window
    ("ccpa", "2026-11-22", "US", "CA", "opt_out_sale", "2026-12-15", None, None),  # 15 business days
    ("ccpa", "2026-12-18", "US", "CA", "limit_sensitive", "2027-01-12", None, None),  # Christmas and New Year
    # --- US state laws: 45 + 45 calendar days, no roll-forward -----------------------------------
    ("us_va", "2026-01-01", "US", "VA", "access", "2026-02-15", "2026-04-01", None),  # 15 Feb a Sunday: does not move
    ("us_co", "2026-05-20", "US", "CO", "deletion", "2026-07-04", "2026-08-18", None),  # 4 July: does not move
    ("us_tx", "2026-02-28", "US", "TX", "opt_out_sale", "2026-04-14", "2026-05-29", None),
    ("us_ut", "2026-03-10", "US", "UT", "access", "2026-04-24", "2026-06-08", None),  # Utah does allow one extension
    ("us_ia", "2026-01-01", "US", "IA", "access", "2026-04-01", "2026-05-16", None),  # Iowa: 90 + 45
    ("us_or", "2028-01-15", "US", "OR", "portability", "2028-02-29", "2028-04-14", None),  # leap year
    # --- PIPEDA: 30 days, Interpretation Act: Sundays and holidays move it, Saturdays do not -------
    ("pipeda", "2026-06-01", "CA", "", "access", "2026-07-02", "2026-07-31", None),  # Canada Day
    ("pipeda", "2026-01-01", "CA", "", "access", "2026-01-31", "2026-03-02", None),  # 31 Jan a Saturday: stays; 1 Mar a Sunday
    ("pipeda", "2026-01-02", "CA", "", "access", "2026-02-02", "2026-03-03", None),  # 1 Feb a Sunday
    # Family Day is Ontario's holiday, not one of the Interpretation Act's (s. 35): PIPEDA, a federal Act, ignores it.
    ("pipeda", "2026-01-17", "CA", "ON", "access", "2026-02-16", "2026-03-18", None),
    ("pipeda", "2026-01-17", "CA", "", "access", "2026-02-16", "2026-03-18", None),  # not a federal holiday
    # --- LGPD: 15 days, next business day ------------------------------------------------------
    ("lgpd", "2026-04-06", "BR", "", "access", "2026-04-22", None, None),  # Tiradentes
    ("lgpd", "2026-03-06", "BR", "", "access", "2026-03-23", None, None),  # 21 Mar a Saturday
    ("lgpd", "2026-06-01", "BR", "", "deletion", "2026-06-16", None, None),
]


@pytest.mark.parametrize("regime,received,country,sub,rtype,due,ext,ack", CASES)
def test_deadline_table(regime, received, country, sub, rtype, due, ext, ack):
    d = compute_deadlines(regime, D(received), country=country, subdivision=sub, request_type=rtype)
    assert d.due == D(due)
    assert d.extended_due == (D(ext) if ext else None)
    assert d.ack_due == (D(ack) if ack else None)
    assert d.explanation, "every computed date comes with its rule in words"
    assert short_date(d.due) in " ".join(d.explanation)


def test_table_is_large_enough():
    assert len(CASES) >= 40
    assert {c[0] for c in CASES} >= {"gdpr", "uk_gdpr", "ccpa", "pipeda", "lgpd", "us_va"}


def test_explanation_in_words_matches_issue_example():
    d = compute_deadlines("uk_gdpr", D("2026-03-03"), country="GB")
    assert d.explanation[0] == "one month from 3 Mar 2026 is 3 Apr 2026, Good Friday; the next working day is 7 Apr 2026"


def test_explanation_month_end_and_weekend():
    d = compute_deadlines("uk_gdpr", D("2026-01-31"), country="GB")
    assert "does not exist" in d.explanation[0]
    assert "28 Feb 2026, a Saturday; the next working day is 2 Mar 2026" in d.explanation[0]


def test_ccpa_explains_that_calendar_days_do_not_move():
    d = compute_deadlines("ccpa", D("2026-11-22"))
    text = d.explanation_text()
    assert "20 Feb 2027 (a Saturday; calendar days, so it does not move)" in text
    assert "Thanksgiving Day on 26 Nov 2026" in text
    assert "8 Dec 2026" in text


def test_json_has_exactly_the_contract_keys():
    j = compute_deadlines("ccpa", D("2026-11-22")).to_json()
    assert list(j) == ["regime", "received", "due", "extended_due", "ack_due", "explanation"]
    assert j["due"] == "2027-01-06" and j["ack_due"] == "2026-12-08"
    assert isinstance(j["explanation"], str)
    g = compute_deadlines("gdpr", D("2026-03-03"), country="DE").to_json()
    assert g["ack_due"] is None


def test_us_state_alias_resolves_from_subdivision():
    a = compute_deadlines("us_state", D("2026-01-01"), subdivision="VA")
    b = compute_deadlines("us_va", D("2026-01-01"))
    assert a.regime == "us_va" and a.due == b.due


def test_unknown_regime_and_type_are_clear_errors():
    with pytest.raises(UserError, match="valid regimes: gdpr"):
        compute_deadlines("gdrp", D("2026-01-01"))
    with pytest.raises(UserError, match="offers: access"):
        compute_deadlines("lgpd", D("2026-01-01"), request_type="opt_out_sale")
    with pytest.raises(UserError, match="unknown request type"):
        compute_deadlines("gdpr", D("2026-01-01"), request_type="frobnicate")
    with pytest.raises(UserError, match="us_state needs"):
        compute_deadlines("us_state", D("2026-01-01"))


def test_unknown_country_falls_back_to_weekends_and_says_so():
    d = compute_deadlines("gdpr", D("2026-01-31"), country="ZZ")
    assert d.due == D("2026-03-02")
    assert any("ZZ" in line for line in d.explanation)


def test_helpers():
    assert add_months(D("2026-01-31"), 1) == (D("2026-02-28"), True)
    assert add_months(D("2026-11-15"), 3) == (D("2027-02-15"), False)
    assert next_working_day(D("2026-04-03"), "GB", "ENG") == D("2026-04-07")
    assert next_working_day(D("2026-04-08"), "GB", "ENG") == D("2026-04-08")
    assert add_business_days(D("2026-11-22"), 10, "US", "CA") == D("2026-12-08")
    assert add_business_days(D("2026-11-22"), 0, "US", "CA") == D("2026-11-22")


# --- clock restarts and extensions, through the timeline ------------------------------------------


def _req(regime, *events, rtype="access", country="GB", sub=""):
    return Request(
        id="r1", company_id="c1", type=rtype, regime=regime, reference="PT-TEST2345", country=country,
        subdivision=sub, events=tuple(Event("r1", k, on) for k, on in events),
    )


RESTART_CASES = [
    # GDPR/UK GDPR: the clock restarts from the day the user supplies what was asked
    ("uk_gdpr", [("sent", "2026-03-03"), ("id_requested", "2026-03-05"), ("info_supplied", "2026-03-10")], "2026-04-10", "2026-06-10"),
    ("uk_gdpr", [("sent", "2026-01-05"), ("id_requested", "2026-01-06"), ("info_supplied", "2026-01-31")], "2026-03-02", "2026-04-30"),
    ("gdpr", [("sent", "2026-03-03"), ("id_requested", "2026-03-04"), ("info_supplied", "2026-03-06"),
              ("id_requested", "2026-03-09"), ("info_supplied", "2026-03-12")], "2026-04-13", "2026-06-12"),
    # CCPA: the 45 days run regardless of verification (11 CCR §7021(b))
    ("ccpa", [("sent", "2026-11-22"), ("id_requested", "2026-11-25"), ("info_supplied", "2026-12-20")], "2027-01-06", "2027-02-20"),
]


@pytest.mark.parametrize("regime,events,due,ext", RESTART_CASES)
def test_clock_restarts(regime, events, due, ext):
    d = request_deadlines(_req(regime, *events, country="DE" if regime == "gdpr" else ""))
    assert d.due == D(due)
    assert d.extended_due == D(ext)


def test_extension_in_time_moves_the_active_deadline():
    d = request_deadlines(_req("uk_gdpr", ("sent", "2026-03-03"), ("extended", "2026-03-20")))
    assert d.extension_used and d.active_due == D("2026-06-03")
    assert any("extended the deadline on 20 Mar 2026" in line for line in d.explanation)


def test_late_extension_does_not_move_the_deadline():
    d = request_deadlines(_req("ccpa", ("sent", "2026-11-22"), ("extended", "2027-01-10"), country="US", sub="CA"))
    assert not d.extension_used and d.active_due == D("2027-01-06")
    assert any("late extension" in line for line in d.explanation)


# --- properties --------------------------------------------------------------------------------

_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
_one_month = st.sampled_from(
    [("uk_gdpr", "GB", "ENG"), ("uk_gdpr", "GB", "SCT"), ("uk_gdpr", "GB", "NIR"), ("gdpr", "DE", "BY"),
     ("gdpr", "FR", ""), ("gdpr", "IE", ""), ("gdpr", "", "")]
)
_any = st.sampled_from(
    [(r, t) for r in ("gdpr", "uk_gdpr", "ccpa", "pipeda", "lgpd", "us_va", "us_ia") for t in REGIMES[r].request_types]
)


@settings(max_examples=300, deadline=None)
@given(received=_dates, case=_any)
def test_due_is_never_before_receipt(received, case):
    regime, rtype = case
    d = compute_deadlines(regime, received, country={"pipeda": "CA", "lgpd": "BR"}.get(regime, "GB"), request_type=rtype)
    assert d.due >= received
    if d.extended_due:
        assert d.extended_due >= d.due
    if d.ack_due:
        assert received < d.ack_due <= d.due


@settings(max_examples=400, deadline=None)
@given(received=_dates, where=_one_month)
def test_one_month_is_28_to_35_days(received, where):
    regime, country, sub = where
    d = compute_deadlines(regime, received, country=country, subdivision=sub)
    assert 28 <= (d.due - received).days <= 35


@settings(max_examples=300, deadline=None)
@given(a=_dates, gap=st.integers(min_value=0, max_value=60), where=_one_month, other=_any)
def test_later_receipt_never_gives_an_earlier_due_date(a, gap, where, other):
    b = a + timedelta(days=gap)
    regime, country, sub = where
    assert compute_deadlines(regime, a, country=country, subdivision=sub).due <= compute_deadlines(
        regime, b, country=country, subdivision=sub
    ).due
    regime, rtype = other
    da = compute_deadlines(regime, a, country="US", subdivision="CA", request_type=rtype)
    db = compute_deadlines(regime, b, country="US", subdivision="CA", request_type=rtype)
    assert da.due <= db.due
    assert (da.extended_due or da.due) <= (db.extended_due or db.due)
