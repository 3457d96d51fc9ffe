"""Each law's clock as data: what receipt, identity checks, clarification, extensions and holidays
do to the deadline (issue 13), and properties that hold for every law."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.paths import REPO

from privacy_tui.core.deadlines import compute_deadlines
from privacy_tui.core.events import ASKS, CLOCK_EFFECTS, EVENT_KINDS, NO_EFFECT, PAUSE, RESTART
from privacy_tui.core.laws.registry import REGIMES
from privacy_tui.core.models import Event, Request
from privacy_tui.core.timeline import derive_status, request_deadlines

D = date.fromisoformat
COUNTRY = {"uk_gdpr": "GB", "gdpr": "DE", "ccpa": "US", "pipeda": "CA", "lgpd": "BR", "us_va": "US"}


def req(*events, regime="uk_gdpr", rtype="access", small_agent=False, subdivision=""):
    return Request(
        id="r1", company_id="c1", type=rtype, regime=regime, reference="PT-CLOCK234",
        country=COUNTRY.get(regime, "US"), subdivision=subdivision, small_agent=small_agent,
        events=tuple(Event("r1", k, on) for k, on in events),
    )


SENT = ("sent", "2026-03-03")

# (regime, events after sending, due, extended due or None, words in the explanation)
CASES = [
    # UK GDPR Art 12A: one month from the relevant time.
    ("uk_gdpr", [], "2026-04-07", "2026-06-03", "Good Friday"),  # 3 Apr Good Friday, 6 Apr Easter Monday
    # Identity asked under Art 12(6): the relevant time is receipt of the information (restart).
    ("uk_gdpr", [("id_requested", "2026-03-05"), ("info_supplied", "2026-03-10")], "2026-04-10", "2026-06-10",
     "Article 12A(2)(b)"),
    # Clarification: the days from the question to the answer do not count (stop the clock), 10..19 March = 10 days.
    ("uk_gdpr", [("clarification_requested", "2026-03-10"), ("clarification_given", "2026-03-19")], "2026-04-13",
     "2026-06-15", "10 days do not count"),
    # The stopped days are added to the end of the month, not to the start: 28 Jan + one month is
    # 28 Feb; five days stopped (1-5 Feb) give 5 Mar, not 2 Mar (Feb is short).
    ("uk_gdpr_jan", [("clarification_requested", "2026-02-01"), ("clarification_given", "2026-02-05")], "2026-03-05",
     "2026-05-05", "plus the 5 days the clock was stopped"),
    # An unanswered clarification: the clock is stopped, the cached date is the earliest it can be.
    ("uk_gdpr", [("clarification_requested", "2026-03-10")], "2026-04-07", "2026-06-03", "is stopped until you answer"),
    # UK Art 12A(2)(c): the relevant time is payment of the fee asked for; 12 Apr 2026 is a Sunday.
    ("uk_gdpr", [("fee_requested", "2026-03-05"), ("fee_paid", "2026-03-12")], "2026-04-13", "2026-06-12",
     "Article 12A(2)(c)"),
    # The latest of the three: identity supplied on 10 March, the fee paid on 16 March -> from 16 March.
    ("uk_gdpr", [("id_requested", "2026-03-05"), ("fee_requested", "2026-03-05"), ("info_supplied", "2026-03-10"),
                 ("fee_paid", "2026-03-16")], "2026-04-16", "2026-06-16", "Article 12A(2)(c)"),
    # An unpaid fee: the month has not begun; the cached date is the earliest it can be.
    ("uk_gdpr", [("fee_requested", "2026-03-05")], "2026-04-07", "2026-06-03", "restarts when you answer"),
    # EU GDPR: a fee request does not move the month (no "relevant time" rule in Art 12).
    ("gdpr", [("fee_requested", "2026-03-05"), ("fee_paid", "2026-03-12")], "2026-04-07", "2026-06-03",
     "does not stop the clock"),
    # EU GDPR: identity restarts the month (Art 12(6), EDPB 01/2022); clarification does not extend it (recital 63).
    ("gdpr", [("id_requested", "2026-03-05"), ("info_supplied", "2026-03-10")], "2026-04-10", "2026-06-10", "EDPB"),
    ("gdpr", [("clarification_requested", "2026-03-10"), ("clarification_given", "2026-03-19")], "2026-04-07",
     "2026-06-03", "recital 63"),
    # CCPA: 45 days from receipt regardless of verification (11 CCR §7021(b)); +45 extension; no roll-forward.
    ("ccpa", [("id_requested", "2026-03-05"), ("info_supplied", "2026-03-30")], "2026-04-17", "2026-06-01", "§7021(b)"),
    ("ccpa", [("clarification_requested", "2026-03-05")], "2026-04-17", "2026-06-01", "does not stop the clock"),
    # Virginia: 45 + 45 days from receipt, identity checks do not move it.
    ("us_va", [("id_requested", "2026-03-05"), ("info_supplied", "2026-03-30")], "2026-04-17", "2026-06-01",
     "does not stop the clock"),
    # PIPEDA: 30 (+30) days; federal holidays.
    ("pipeda", [("id_requested", "2026-03-05"), ("info_supplied", "2026-03-30")], "2026-04-02", "2026-05-02",
     "30 calendar days"),
    # LGPD: 15 days (Art. 19 II).
    ("lgpd", [], "2026-03-18", None, "15 calendar days"),
]


@pytest.mark.parametrize("regime,events,due,ext,words", CASES)
def test_clock_table(regime, events, due, ext, words):
    sent = SENT
    if regime == "uk_gdpr_jan":
        regime, sent = "uk_gdpr", ("sent", "2026-01-28")
    d = request_deadlines(req(sent, *events, regime=regime))
    assert d.received == D(sent[1])
    assert d.due == D(due)
    assert d.extended_due == (D(ext) if ext else None)
    assert words in d.explanation_text()


def test_every_law_says_what_each_ask_does():
    for regime in REGIMES.values():
        for ask in ASKS:
            rule = regime.clock_rule(ask)
            assert rule.effect in CLOCK_EFFECTS and rule.citation
    assert REGIMES["uk_gdpr"].clock_rule("id_requested").effect == RESTART
    assert REGIMES["uk_gdpr"].clock_rule("clarification_requested").effect == PAUSE
    assert REGIMES["gdpr"].clock_rule("clarification_requested").effect == NO_EFFECT
    assert REGIMES["uk_gdpr"].clock_rule("fee_requested").effect == RESTART
    assert REGIMES["ccpa"].clock_rule("fee_requested").effect == NO_EFFECT
    assert REGIMES["ccpa"].clock_rule("id_requested").effect == NO_EFFECT
    assert "12A" in REGIMES["uk_gdpr"].rule.citation  # Art 12A, not 12(3), wherever the UK deadline is stated


# --- PIPEDA: the Interpretation Act's holidays in every province ------------------------------------

PIPEDA_HOLIDAYS = [
    # received, province, due, why
    ("2026-10-12", "ON", "2026-11-12", "Remembrance Day"),  # 11 Nov: federal holiday, not an Ontario one
    ("2026-08-31", "AB", "2026-10-01", "National Day for Truth and Reconciliation"),  # 30 Sep, not an Alberta holiday
    ("2026-03-07", "QC", "2026-04-07", "Easter Monday"),  # 6 Apr: federal, not a Quebec statutory holiday for this
    ("2026-04-18", "BC", "2026-05-19", "Victoria Day"),  # 18 May
    ("2026-06-01", "NS", "2026-07-02", "Canada Day"),  # 1 Jul
    ("2026-01-17", "ON", "2026-02-16", ""),  # Family Day (16 Feb) is provincial: PIPEDA ignores it
    ("2026-11-30", "ON", "2026-12-30", ""),  # Boxing Day is not in s. 35: 26 Dec a Saturday does not matter
    ("2026-11-27", "ON", "2026-12-28", "a Sunday"),  # 27 Dec a Sunday (s. 35 holiday): Monday 28th
    ("2027-10-12", "ON", "2027-11-12", "Remembrance Day"),
]


@pytest.mark.parametrize("received,province,due,why", PIPEDA_HOLIDAYS)
def test_pipeda_uses_federal_holidays_in_every_province(received, province, due, why):
    d = compute_deadlines("pipeda", D(received), country="CA", subdivision=province)
    assert d.due == D(due)
    if why:
        assert why in d.explanation_text() and "next day that is not a holiday" in d.explanation_text()


def test_pipeda_sunday_substitute_for_remembrance_day():
    from privacy_tui.core.interpretation_act import federal_holidays

    # 11 Nov 2029 is a Sunday: s. 35(2) makes Monday 12 Nov a holiday too.
    assert D("2029-11-12") in federal_holidays(2029)
    assert compute_deadlines("pipeda", D("2029-10-13"), country="CA").due == D("2029-11-13")


# --- LGPD small processing agents ----------------------------------------------------------------


def test_lgpd_small_agent_has_double_time():
    normal = request_deadlines(req(SENT, regime="lgpd"))
    small = request_deadlines(req(SENT, regime="lgpd", small_agent=True))
    assert normal.due == D("2026-03-18") and small.due == D("2026-04-02")
    assert "Resolução CD/ANPD nº 2/2022" in small.explanation_text()
    # The flag means nothing under another law.
    assert request_deadlines(req(SENT, regime="gdpr", small_agent=True)).due == request_deadlines(req(SENT, regime="gdpr")).due


# --- status: waiting for the user's answer -------------------------------------------------------------


def test_waiting_for_id_is_overdue_where_the_clock_runs_on():
    waiting = (SENT, ("id_requested", "2026-03-05"))
    assert derive_status(req(*waiting, regime="ccpa"), D("2026-04-18")) == "overdue"
    assert derive_status(req(*waiting, regime="ccpa"), D("2026-04-17")) == "needs_action"
    assert derive_status(req(*waiting, regime="uk_gdpr"), D("2026-06-01")) == "needs_action"
    clarify = (SENT, ("clarification_requested", "2026-03-05"))
    assert derive_status(req(*clarify, regime="gdpr"), D("2026-04-08")) == "overdue"  # recital 63: no pause
    assert derive_status(req(*clarify, regime="uk_gdpr"), D("2026-06-01")) == "needs_action"


def test_answers_need_their_own_ask():
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.timeline import validate_event

    r = req(SENT, ("id_requested", "2026-03-05"))
    with pytest.raises(UserError, match="clarification_requested"):
        validate_event(r, "clarification_given", D("2026-03-06"))
    validate_event(r, "info_supplied", D("2026-03-06"))


# --- properties -----------------------------------------------------------------------------------------

REGIME_KEYS = st.sampled_from(sorted(COUNTRY))
START = date(2026, 1, 1)


@settings(max_examples=300, deadline=None)
@given(REGIME_KEYS, st.integers(0, 300), st.integers(0, 40), st.integers(0, 60))
def test_a_pause_never_shortens_and_a_restart_never_precedes_the_answer(regime, sent_day, ask_after, answer_after):
    sent = START + timedelta(days=sent_day)
    ask = sent + timedelta(days=ask_after)
    answer = ask + timedelta(days=answer_after)
    base = request_deadlines(req(("sent", sent.isoformat()), regime=regime))
    for ask_kind, answer_kind in ASKS.items():
        d = request_deadlines(req(("sent", sent.isoformat()), (ask_kind, ask.isoformat()),
                                  (answer_kind, answer.isoformat()), regime=regime))
        effect = REGIMES[regime].clock_rule(ask_kind).effect
        assert d.due >= base.due  # no ask ever shortens the time the company has
        if effect == RESTART:
            assert d.due >= compute_deadlines(regime, answer, country=COUNTRY[regime]).due
            assert d.started == (answer if answer > sent else None)
        elif effect == PAUSE:
            # Every stopped day (the day asked to the day answered) moves the end on, before any roll-forward.
            # (a roll-forward over a weekend or Easter may absorb up to four of them).
            assert (d.due - base.due).days >= (answer - ask).days + 1 - 4
        else:
            assert d.due == base.due


def test_event_vocabulary_is_cheap_and_everywhere():
    code = ("import sys, privacy_tui.core.events as e; "
            "print(sorted(m for m in sys.modules if m.startswith('privacy_tui') and m != 'privacy_tui.core.events'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() in ("[]", "['privacy_tui', 'privacy_tui.core']")
    assert {"clarification_requested", "clarification_given", "appealed", "complained"} <= set(EVENT_KINDS)
    # No module keeps its own copy of the closing events any more.
    root = REPO / "privacy_tui"
    copies = [p for p in root.rglob("*.py") if '("fulfilled", "denied", "withdrawn")' in p.read_text(encoding="utf-8")]
    assert copies == []
