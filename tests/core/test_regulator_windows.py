"""Reminders of the regulators' own windows: the time to complain (ICO three months from the last
contact; PIPEDA s.11(3) six months from a refusal or deemed refusal), the authority's time to
answer a complaint (GDPR Art 78(2), DPA 2018 s.166), and the company's decision on an appeal."""

from __future__ import annotations

from datetime import date

from privacy_tui.core.models import Event, Request, to_record
from privacy_tui.core.timeline import deadline_fields
from privacy_tui.services.reminders import appeal_reminder, compute_reminders, window_reminder

D = date.fromisoformat


def req(regime, country, *events):
    r = Request(id="r1", company_id="c1", type="access", regime=regime, reference="PT-WINDOW23", country=country,
                events=tuple(Event("r1", k, on) for k, on in events))
    r = Request(**{**r.__dict__, **deadline_fields(r)})
    return r


def test_ico_window_counts_from_the_last_contact():
    # Sent 15 Jan, acknowledged 18 Jan, due 16 Feb; last contact 18 Jan: complain by 18 Apr.
    r = req("uk_gdpr", "GB", ("sent", "2026-01-15"), ("acknowledged", "2026-01-18"))
    assert window_reminder(r, "Acme", D("2026-02-10"), 7) is None  # nothing to complain about yet
    assert window_reminder(r, "Acme", D("2026-03-01"), 7) is None  # more than 30 days left
    item = window_reminder(r, "Acme", D("2026-03-25"), 7)
    assert item.kind == "complaint_window" and item.deadline == "2026-04-18" and item.days == 24
    assert "Information Commissioner's Office" in item.describe() and "ends in 24 days" in item.describe()
    closed = window_reminder(r, "Acme", D("2026-04-20"), 7)
    assert closed.days == -2 and "ended 2 days ago" in closed.describe()
    # The same from the raw vault record, as `remind` reads it.
    assert window_reminder(to_record(r), "Acme", D("2026-03-25"), 7) == item
    # Both reminders for the request: it is overdue, and the window is closing.
    kinds = [x.kind for x in compute_reminders([r], {"c1": "Acme"}, D("2026-03-25"))]
    assert kinds == ["overdue", "complaint_window"]


def test_pipeda_six_months_from_the_deemed_refusal():
    r = req("pipeda", "CA", ("sent", "2026-01-05"))  # due 4 Feb: deemed refusal (s. 8(5))
    item = window_reminder(r, "Bank", D("2026-07-20"), 7)
    assert item.deadline == "2026-08-04" and "PIPEDA s. 11(3)" in item.describe()
    denied = req("pipeda", "CA", ("sent", "2026-01-05"), ("denied", "2026-01-20"))
    assert window_reminder(denied, "Bank", D("2026-07-01"), 7).deadline == "2026-07-20"


def test_no_window_once_complained_but_the_authority_has_three_months():
    r = req("gdpr", "DE", ("sent", "2026-01-15"), ("complained", "2026-03-01"))
    assert window_reminder(r, "Firma", D("2026-05-20"), 7) is None  # 12 days left: not yet
    item = window_reminder(r, "Firma", D("2026-06-05"), 7)
    assert item.kind == "authority_silent" and item.deadline == "2026-06-01" and "Article 78(2) GDPR" in item.about
    assert "court remedy" in item.describe()


def test_laws_without_windows_and_fulfilled_requests_give_none():
    assert window_reminder(req("ccpa", "US", ("sent", "2026-01-15")), "X", D("2026-05-01"), 7) is None
    done = req("uk_gdpr", "GB", ("sent", "2026-01-15"), ("fulfilled", "2026-03-10"))
    assert window_reminder(done, "X", D("2026-05-25"), 7) is None


def test_appeal_decision_reminders():
    r = req("us_va", "US", ("sent", "2026-09-01"), ("denied", "2026-09-20"), ("appealed", "2026-09-26"))
    assert appeal_reminder(r, "S", D("2026-11-10"), 7) is None
    soon = appeal_reminder(r, "S", D("2026-11-20"), 7)
    assert soon.kind == "appeal_due_soon" and soon.deadline == "2026-11-25" and soon.days == 5
    late = appeal_reminder(r, "S", D("2026-11-30"), 7)
    assert late.kind == "appeal_overdue" and "5 days overdue" in late.describe()
    decided = req("us_va", "US", ("sent", "2026-09-01"), ("denied", "2026-09-20"), ("appealed", "2026-09-26"),
                  ("denied", "2026-10-10"))
    assert appeal_reminder(decided, "S", D("2026-11-30"), 7) is None
