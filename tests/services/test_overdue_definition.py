"""One definition of "overdue" (core.status): the dashboard's counts and row colours, the
reminders panel, `remind` and `request list` agree on every day of a demo vault's life, and a
request waiting for the user's reply is "needs action" everywhere, never overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from support.demo import TODAY
from support.vault import PASSPHRASE as PASS

from privacy_tui.core.models import to_record
from privacy_tui.core.status import is_overdue, urgency
from privacy_tui.services.demo import populate
from privacy_tui.services.overview import overview
from privacy_tui.services.reminders import compute_reminders
from privacy_tui.services.requests import views
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


@pytest.fixture
def store(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    populate(Store(vault), TODAY)
    yield Store(vault)
    vault.close()


@pytest.mark.parametrize("offset", [0, 20, 45, 90, 200])
def test_every_view_counts_the_same_requests_overdue(store, offset):
    today = TODAY + timedelta(days=offset)
    records = [to_record(r) for r in store.requests()]
    names = {c.id: c.name for c in store.companies()}
    o = overview(records, names, today, 7)
    by_rows = {r.id for r in o.rows if is_overdue(r.status)}
    by_colour = {r.id for r in o.rows if urgency(r.status, r.days) == "overdue"}
    by_reminders = {r.request_id for r in o.reminders if r.kind == "overdue"}
    by_list = {v.request.id for v in views(store, today) if is_overdue(v.status)}
    assert by_rows == by_colour == by_reminders == by_list
    assert o.counts.get("overdue", 0) == len(by_rows)
    waiting = {r.id for r in o.rows if r.status == "needs_action"}
    assert waiting and not waiting & by_rows
    if offset == 0:
        assert by_rows  # the demo has a late request on its own day


def test_a_request_waiting_for_the_user_is_needs_action_everywhere(store):
    from privacy_tui.ui.format import due_words

    today = TODAY + timedelta(days=60)  # long past its first deadline
    records = [to_record(r) for r in store.requests()]
    o = overview(records, {c.id: c.name for c in store.companies()}, today, 7)
    row = next(r for r in o.rows if r.status == "needs_action")
    assert row.days is not None and row.days < 0  # the old deadline has passed...
    assert urgency(row.status, row.days) == "soon" and due_words(row.status, row.days) == ""  # ...but it is not "days late"
    kinds = {r.request_id: r.kind for r in compute_reminders(records, store.companies(), today, 7)}
    assert kinds[row.id] == "needs_action"


def _record(regime: str, events: list[tuple[str, str]], due: str) -> dict:
    return {"id": "r1", "company_id": "c1", "type": "access", "regime": regime, "reference": "PT-1",
            "due": due, "extended_due": "", "ack_due": "",
            "events": [{"date": d, "kind": k} for d, k in events]}


@pytest.mark.parametrize("ask, answer", [("id_requested", "info_supplied"),
                                         ("clarification_requested", "clarification_given")])
def test_needs_action_follows_each_laws_clock(ask, answer):
    """Every ask in core.events.ASKS waits for the user where the law's clock waits (UK GDPR);
    where it runs on regardless (CCPA, 11 CCR §7021(b)) the request is overdue, in reminders and status alike."""
    from privacy_tui.core.status import status_of, waiting_for_user

    events = [("2026-01-15", "sent"), ("2026-01-20", ask)]
    today = date(2026, 4, 1)
    assert waiting_for_user(events) == "2026-01-20"
    assert waiting_for_user(events + [("2026-01-25", answer)]) == ""
    uk = compute_reminders([_record("uk_gdpr", events, "2026-02-16")], {"c1": "Acme"}, today)
    assert [(r.kind, r.deadline) for r in uk] == [("needs_action", "2026-01-20")]
    assert status_of(events, "2026-02-16", today.isoformat(), "uk_gdpr") == "needs_action"
    ccpa = compute_reminders([_record("ccpa", events, "2026-03-02")], {"c1": "Acme"}, today)
    assert [(r.kind, r.deadline) for r in ccpa] == [("overdue", "2026-03-02")]
    assert status_of(events, "2026-03-02", today.isoformat(), "ccpa") == "overdue"
    # Before the CCPA deadline the user's answer is still wanted.
    early = compute_reminders([_record("ccpa", events, "2026-03-02")], {"c1": "Acme"}, date(2026, 2, 1))
    assert [r.kind for r in early] == ["needs_action"]
