"""The fast status (raw events + cached deadline) always agrees with the legal engine's derive_status."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_tui.core.models import Event, Request
from privacy_tui.core.status import CLOSING, status_of
from privacy_tui.core.timeline import CLOSING as TIMELINE_CLOSING
from privacy_tui.core.timeline import deadline_fields, derive_status

KINDS = ("created", "sent", "send_failed", "acknowledged", "id_requested", "info_supplied",
         "clarification_requested", "clarification_given", "extended",
         "partially_fulfilled", "fulfilled", "denied", "withdrawn", "note", "message")
START = date(2026, 1, 1)


def _request(events, regime: str, country: str) -> Request:
    r = Request(id="r1", company_id="c1", type="access", regime=regime, reference="PT-STATUS234", country=country,
                events=tuple(Event("r1", kind, (START + timedelta(days=day)).isoformat()) for kind, day in events))
    return replace(r, **deadline_fields(r))  # the cache, as append_event keeps it


events = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 200)), max_size=8)
regimes = st.sampled_from([("uk_gdpr", "GB"), ("gdpr", "DE"), ("ccpa", "US"), ("pipeda", "CA"), ("us_va", "US"),
                           ("lgpd", "BR")])


@settings(max_examples=400, deadline=None)
@given(events, regimes, st.integers(0, 400))
def test_fast_status_equals_derive_status(evs, regime, today_offset):
    r = _request(evs, *regime)
    today = START + timedelta(days=today_offset)
    fast = status_of([(e.date, e.kind) for e in r.events], r.extended_due or r.due, today.isoformat(), r.regime)
    assert fast == derive_status(r, today)


def test_closing_vocabulary_matches_the_legal_engine():
    assert CLOSING == TIMELINE_CLOSING


def test_cases_by_hand():
    sent = [("2026-03-03", "sent")]
    assert status_of([], "", "2026-03-10") == "draft"
    assert status_of([("2026-03-03", "send_failed")], "", "2026-03-10") == "send_failed"
    assert status_of(sent, "2026-04-07", "2026-04-07") == "sent"  # the due day itself is still in time
    assert status_of(sent, "2026-04-07", "2026-04-08") == "overdue"
    # The latest closing event wins; events on the same day keep their recorded order.
    assert status_of(sent + [("2026-03-20", "denied"), ("2026-03-20", "fulfilled")], "2026-04-07", "2027-01-01") == "done"
    # Waiting for the user's identity data is not overdue where the law's clock waits (UK GDPR);
    # once supplied, the clock runs again.
    ask = sent + [("2026-03-05", "id_requested")]
    assert status_of(ask, "2026-04-07", "2026-05-01", "uk_gdpr") == "needs_action"
    # CCPA: 45 days from receipt regardless of verification (11 CCR §7021(b)): still overdue.
    assert status_of(ask, "2026-04-17", "2026-05-01", "ccpa") == "overdue"
    assert status_of(ask, "2026-04-17", "2026-04-10", "ccpa") == "needs_action"
    assert status_of(ask + [("2026-03-04", "info_supplied")], "2026-04-07", "2026-05-01") == "needs_action"  # before the ask
    assert status_of(ask + [("2026-03-06", "info_supplied")], "2026-04-07", "2026-05-01") == "overdue"
