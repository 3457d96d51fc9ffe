"""Timeline: which events make sense, the status they imply, and the deadlines of a request."""

from __future__ import annotations

from datetime import date

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Event, Request
from privacy_tui.core.timeline import (
    EVENT_KINDS,
    STATUSES,
    USER_EVENTS,
    deadline_fields,
    derive_status,
    request_deadlines,
    timeline_lines,
    validate_event,
)

D = date.fromisoformat


def req(*events, regime="uk_gdpr", rtype="access", country="GB"):
    return Request(
        id="r1", company_id="c1", type=rtype, regime=regime, reference="PT-TEST2345", country=country,
        events=tuple(Event("r1", k, on, detail=detail) for k, on, *rest in events for detail in [rest[0] if rest else ""]),
    )


def test_vocabulary():
    assert set(USER_EVENTS) == {
        "sent", "acknowledged", "id_requested", "info_supplied", "clarification_requested",
        "clarification_given", "fee_requested", "fee_paid", "extended", "fulfilled", "partially_fulfilled", "denied", "withdrawn",
    }
    assert set(USER_EVENTS) <= set(EVENT_KINDS)
    assert {"created", "send_failed", "message", "note", "drp_status"} <= set(EVENT_KINDS)
    assert STATUSES == (
        "draft", "sent", "acknowledged", "needs_action", "extended", "overdue", "done", "denied", "withdrawn", "send_failed",
    )


# --- validate_event ----------------------------------------------------------------------------

NONSENSE = [
    (req(), "teleported", "2026-03-03", "unknown event"),
    (req(), "fulfilled", "2026-03-03", "has not been sent"),
    (req(), "acknowledged", "2026-03-03", "has not been sent"),
    (req(), "extended", "2026-03-03", "has not been sent"),
    (req(("sent", "2026-03-03")), "fulfilled", "2026-03-01", "before the request was sent"),
    (req(("sent", "2026-03-03")), "sent", "2026-03-05", "already marked sent"),
    (req(("sent", "2026-03-03"), ("extended", "2026-03-10")), "extended", "2026-03-12", "allows one extension"),
    (req(("sent", "2026-03-03"), regime="lgpd", country="BR"), "extended", "2026-03-05", "allows no extension"),
    (req(("sent", "2026-03-03")), "info_supplied", "2026-03-05", "mark 'id_requested' first"),
    (req(("sent", "2026-03-03"), ("id_requested", "2026-03-10")), "info_supplied", "2026-03-05", "mark 'id_requested' first"),
    (req(("sent", "2026-03-03"), ("fulfilled", "2026-03-20")), "acknowledged", "2026-03-21", "already closed (done"),
    (req(("sent", "2026-03-03"), ("denied", "2026-03-20")), "fulfilled", "2026-03-21", "already closed (denied"),
    (req(("withdrawn", "2026-03-01")), "sent", "2026-03-02", "already closed (withdrawn"),
    (req(("sent", "2026-03-03")), "fulfilled", "03/04/2026", "invalid date"),
]


@pytest.mark.parametrize("request_,kind,on,message", NONSENSE)
def test_nonsense_is_refused(request_, kind, on, message):
    with pytest.raises(UserError, match=message.replace("(", r"\(")):
        validate_event(request_, kind, on)


SENSIBLE = [
    (req(), "sent", "2026-03-03"),
    (req(), "withdrawn", "2026-03-03"),
    (req(), "note", "2026-03-03"),
    (req(), "send_failed", "2026-03-03"),
    (req(("sent", "2026-03-03")), "acknowledged", "2026-03-03"),
    (req(("sent", "2026-03-03")), "id_requested", "2026-03-04"),
    (req(("sent", "2026-03-03"), ("id_requested", "2026-03-04")), "info_supplied", "2026-03-04"),
    (req(("sent", "2026-03-03")), "extended", "2026-03-30"),
    (req(("sent", "2026-03-03")), "partially_fulfilled", "2026-03-30"),
    (req(("sent", "2026-03-03"), ("partially_fulfilled", "2026-03-30")), "fulfilled", "2026-04-02"),
    (req(("sent", "2026-03-03"), ("fulfilled", "2026-03-20")), "note", "2026-03-21"),
    (req(("sent", "2026-03-03"), ("denied", "2026-03-20")), "message", "2026-03-21"),
    (req(("sent", "2026-03-03")), "note", "2026-01-01"),
]


@pytest.mark.parametrize("request_,kind,on", SENSIBLE)
def test_sensible_events_pass(request_, kind, on):
    validate_event(request_, kind, D(on))


def test_future_dates_are_refused_when_today_is_known():
    with pytest.raises(UserError, match="in the future"):
        validate_event(req(), "sent", D("2026-03-05"), today=D("2026-03-04"))
    validate_event(req(), "sent", D("2026-03-04"), today=D("2026-03-04"))


def test_unknown_regime_is_a_user_error():
    with pytest.raises(UserError, match="unknown regime"):
        validate_event(req(regime="nope"), "sent", "2026-03-03")


# --- status --------------------------------------------------------------------------------------

STATUS_CASES = [
    (req(), "2026-03-10", "draft"),
    (req(("created", "2026-03-01")), "2026-03-10", "draft"),
    (req(("send_failed", "2026-03-01")), "2026-03-10", "send_failed"),
    (req(("send_failed", "2026-03-01"), ("sent", "2026-03-02")), "2026-03-10", "sent"),
    (req(("sent", "2026-03-03")), "2026-04-07", "sent"),  # the due date itself is not overdue
    (req(("sent", "2026-03-03")), "2026-04-08", "overdue"),
    (req(("sent", "2026-03-03"), ("acknowledged", "2026-03-04")), "2026-03-10", "acknowledged"),
    (req(("sent", "2026-03-03"), ("acknowledged", "2026-03-04")), "2026-05-01", "overdue"),
    (req(("sent", "2026-03-03"), ("id_requested", "2026-03-05")), "2026-05-01", "needs_action"),
    (req(("sent", "2026-03-03"), ("id_requested", "2026-03-05"), ("info_supplied", "2026-03-09")), "2026-04-08", "sent"),
    (req(("sent", "2026-03-03"), ("id_requested", "2026-03-05"), ("info_supplied", "2026-03-09")), "2026-04-10", "overdue"),
    (req(("sent", "2026-03-03"), ("extended", "2026-03-20")), "2026-05-01", "extended"),
    (req(("sent", "2026-03-03"), ("extended", "2026-03-20")), "2026-06-04", "overdue"),
    (req(("sent", "2026-03-03"), ("extended", "2026-04-20")), "2026-05-01", "overdue"),  # late extension
    (req(("sent", "2026-03-03"), ("partially_fulfilled", "2026-03-20")), "2026-03-25", "needs_action"),
    (req(("sent", "2026-03-03"), ("fulfilled", "2026-03-20")), "2027-01-01", "done"),
    (req(("sent", "2026-03-03"), ("denied", "2026-03-20")), "2027-01-01", "denied"),
    (req(("sent", "2026-03-03"), ("withdrawn", "2026-03-20")), "2027-01-01", "withdrawn"),
    (req(("withdrawn", "2026-03-01")), "2027-01-01", "withdrawn"),
    # CCPA: waiting for ID does not stop the 45 days (11 CCR §7021(b)): overdue once they pass.
    (req(("sent", "2026-11-22"), ("id_requested", "2026-11-25"), regime="ccpa", country="US"), "2027-02-01", "overdue"),
    (req(("sent", "2026-11-22"), ("id_requested", "2026-11-25"), regime="ccpa", country="US"), "2026-12-20", "needs_action"),
    (req(("sent", "2026-11-22"), ("id_requested", "2026-11-25"), ("info_supplied", "2026-12-30"), regime="ccpa",
         country="US"), "2027-01-07", "overdue"),
]


@pytest.mark.parametrize("request_,today,status", STATUS_CASES)
def test_derive_status(request_, today, status):
    assert status in STATUSES
    assert derive_status(request_, D(today)) == status


def test_events_recorded_out_of_order_are_read_in_date_order():
    r = req(("info_supplied", "2026-03-09"), ("sent", "2026-03-03"), ("id_requested", "2026-03-05"))
    assert derive_status(r, D("2026-04-08")) == "sent"
    assert request_deadlines(r).due == D("2026-04-09")


# --- deadlines of a request -----------------------------------------------------------------------


def test_no_deadlines_before_sending():
    assert request_deadlines(req()) is None
    assert deadline_fields(req()) == {"due": "", "extended_due": "", "ack_due": ""}


def test_request_deadlines_use_the_sent_date_and_company_calendar():
    d = request_deadlines(req(("sent", "2026-12-01"), country="GB"))
    assert d.due == D("2027-01-04")
    r = Request(id="r", company_id="c", type="access", regime="uk_gdpr", reference="PT-X", country="GB",
                subdivision="SCT", events=(Event("r", "sent", "2026-12-01"),))
    assert request_deadlines(r).due == D("2027-01-05")
    assert request_deadlines(r, subdivision="ENG").due == D("2027-01-04")


def test_restart_is_explained():
    d = request_deadlines(req(("sent", "2026-03-03"), ("id_requested", "2026-03-05"), ("info_supplied", "2026-03-10")))
    # Received on the 3rd; the clock started on the 10th (Art 12A(2)(b) UK GDPR: the relevant time).
    assert d.received == D("2026-03-03") and d.started == D("2026-03-10") and d.due == D("2026-04-10")
    assert "the clock restarted on 10 Mar 2026" in d.explanation[0] and "Article 12A" in d.explanation[0]


def test_open_id_request_is_explained():
    d = request_deadlines(req(("sent", "2026-03-03"), ("id_requested", "2026-03-05")))
    assert any("restarts when you answer" in line for line in d.explanation)


def test_ccpa_does_not_restart():
    d = request_deadlines(req(("sent", "2026-11-22"), ("id_requested", "2026-11-25"), ("info_supplied", "2026-12-20"),
                              regime="ccpa", country="US"))
    assert d.received == D("2026-11-22") and d.due == D("2027-01-06") and d.ack_due == D("2026-12-08")
    assert any("does not stop the clock" in line and "§7021(b)" in line for line in d.explanation)


def test_deadline_fields_for_the_vault_cache():
    assert deadline_fields(req(("sent", "2026-03-03"))) == {"due": "2026-04-07", "extended_due": "", "ack_due": ""}
    assert deadline_fields(req(("sent", "2026-03-03"), ("extended", "2026-03-10"))) == {
        "due": "2026-04-07", "extended_due": "2026-06-03", "ack_due": "",
    }
    f = deadline_fields(req(("sent", "2026-11-22"), regime="ccpa", country="US"))
    assert f == {"due": "2027-01-06", "extended_due": "", "ack_due": "2026-12-08"}


def test_timeline_lines_for_a_complaint():
    r = req(("created", "2026-03-01"), ("sent", "2026-03-03"), ("note", "2026-03-04"),
            ("acknowledged", "2026-03-05", "auto-reply ticket 42"))
    assert timeline_lines(r.events) == [
        (D("2026-03-03"), "request sent to the company"),
        (D("2026-03-05"), "the company acknowledged the request: auto-reply ticket 42"),
    ]


def test_status_words_are_core_status_words():
    from privacy_tui.core import status

    assert set(STATUSES) == set(status.LABELS) == set(status.OPEN) | set(status.CLOSED)
