"""A request's timeline: which events exist, which make sense, and the status and deadlines they imply.

The timeline is append-only; status and deadlines are always *derived* from it, never stored as
truth (the Request's cached `due` fields are only a convenience for listing).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable, Mapping, Sequence

from privacy_tui.core.dates import check_date
from privacy_tui.core.deadlines import Deadlines, compute_deadlines, short_date
from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Event, Request
from privacy_tui.core.regimes import Regime, get_regime

# Events the user marks with `request mark ID EVENT`.
USER_EVENTS = (
    "sent",
    "acknowledged",
    "id_requested",
    "info_supplied",
    "extended",
    "fulfilled",
    "partially_fulfilled",
    "denied",
    "withdrawn",
)
# Events the program records itself.
INTERNAL_EVENTS = ("created", "send_failed", "message", "note", "drp_status")
EVENT_KINDS = USER_EVENTS + INTERNAL_EVENTS

STATUSES = (
    "draft",
    "sent",
    "acknowledged",
    "needs_action",
    "extended",
    "overdue",
    "done",
    "denied",
    "withdrawn",
    "send_failed",
)

# A closing event ends the request; the status it leads to.
CLOSING = {"fulfilled": "done", "denied": "denied", "withdrawn": "withdrawn"}
# What may still be added after closure, and before the request is sent.
_AFTER_CLOSE = ("note", "message", "drp_status")
_BEFORE_SENT = ("sent", "withdrawn", "note", "created", "send_failed", "drp_status")

# Words for each event in letters and timelines ("On 3 March 2026: ...").
EVENT_DESCRIPTIONS = {
    "created": "request drafted",
    "sent": "request sent to the company",
    "send_failed": "an attempt to send the request failed",
    "acknowledged": "the company acknowledged the request",
    "id_requested": "the company asked for identity data or clarification",
    "info_supplied": "I supplied the information the company asked for",
    "extended": "the company said it would extend the deadline",
    "fulfilled": "the company fulfilled the request",
    "partially_fulfilled": "the company answered only part of the request",
    "denied": "the company refused the request",
    "withdrawn": "I withdrew the request",
    "message": "follow-up message",
    "note": "note",
    "drp_status": "status update from the Data Rights Protocol",
}


def _date(value: str | date, what: str = "date") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise UserError(f"invalid {what} {value!r}: use YYYY-MM-DD") from None


def ordered(events: Iterable[Event]) -> list[tuple[date, int, Event]]:
    """Events by date, keeping the recorded order for events on the same day."""
    return sorted(((_date(e.date, "event date"), i, e) for i, e in enumerate(events)), key=lambda t: (t[0], t[1]))


def _regime(request: Request) -> Regime:
    return get_regime(request.regime, subdivision=request.subdivision)


def _first(events: Sequence[tuple[date, int, Event]], kind: str) -> tuple[date, int, Event] | None:
    return next((t for t in events if t[2].kind == kind), None)


def _closing(events: Sequence[tuple[date, int, Event]]) -> tuple[date, int, Event] | None:
    closes = [t for t in events if t[2].kind in CLOSING]
    return closes[-1] if closes else None


def _open_id_request(events: Sequence[tuple[date, int, Event]]) -> tuple[date, int, Event] | None:
    """The latest id_requested not yet answered by a later info_supplied, if any."""
    asks = [t for t in events if t[2].kind == "id_requested"]
    if not asks:
        return None
    last = asks[-1]
    answered = any(t[2].kind == "info_supplied" and (t[0], t[1]) > (last[0], last[1]) for t in events)
    return None if answered else last


def validate_event(request: Request, kind: str, on: date | str, *, today: date | None = None) -> None:
    """Raise UserError if recording `kind` on date `on` makes no sense for this request."""
    if kind not in EVENT_KINDS:
        raise UserError(f"unknown event {kind!r}; valid events: {', '.join(USER_EVENTS)}")
    on = check_date(_date(on), "the event date")
    if today is not None and on > today:
        raise UserError(f"the date {on.isoformat()} is in the future; use the day it happened")
    regime = _regime(request)
    events = ordered(request.events)

    closing = _closing(events)
    if closing is not None and kind not in _AFTER_CLOSE:
        status = CLOSING[closing[2].kind]
        raise UserError(
            f"the request is already closed ({status} on {closing[0].isoformat()}); only notes and follow-up messages can be added"
        )

    sent = _first(events, "sent")
    if sent is None:
        if kind not in _BEFORE_SENT:
            raise UserError(f"cannot mark {kind!r}: the request has not been sent yet (mark it 'sent' first)")
        return
    sent_on = sent[0]
    if kind == "sent":
        raise UserError(f"the request is already marked sent on {sent_on.isoformat()}")
    if kind not in ("note", "created") and on < sent_on:
        raise UserError(f"{kind!r} on {on.isoformat()} is before the request was sent ({sent_on.isoformat()})")
    if kind == "extended":
        rule = regime.rule_for(request.type)
        if rule.extension is None:
            raise UserError(f"{regime.short} allows no extension of the deadline for this request")
        earlier = _first(events, "extended")
        if earlier is not None:
            raise UserError(
                f"the deadline was already extended on {earlier[0].isoformat()}; {regime.short} allows one extension"
            )
    if kind == "info_supplied":
        if not any(t[2].kind == "id_requested" and t[0] <= on for t in events):
            raise UserError(
                "there is no earlier request from the company for identity data or clarification; mark 'id_requested' first"
            )


def request_deadlines(request: Request, *, country: str = "", subdivision: str = "") -> Deadlines | None:
    """Deadlines of a sent request from its timeline (None while it is a draft).

    Receipt is the sent date (an email arrives the day it is sent; a letter on the date the user
    enters). Under GDPR/UK GDPR the clock restarts from the latest info_supplied that answers an
    id_requested. An extension counts only when the company announced it within the first period.
    """
    events = ordered(request.events)
    sent = _first(events, "sent")
    if sent is None:
        return None
    regime = _regime(request)
    country = country or request.country
    subdivision = subdivision or request.subdivision
    receipt = sent[0]
    notes: list[str] = []

    asks = [t for t in events if t[2].kind == "id_requested"]
    if asks and regime.restart_on_info:
        restart = None
        for ask in asks:
            answer = next((t for t in events if t[2].kind == "info_supplied" and (t[0], t[1]) > (ask[0], ask[1])), None)
            if answer is not None:
                restart = (ask[0], answer[0])
        if restart is not None:
            receipt = restart[1]
            notes.append(
                f"the clock restarted on {short_date(restart[1])}, when you supplied what the company asked for "
                f"on {short_date(restart[0])} ({regime.restart_citation})"
            )
        open_ask = _open_id_request(events)
        if open_ask is not None:
            notes.append(
                f"the company asked for identity data or clarification on {short_date(open_ask[0])}; "
                "the clock restarts when you supply it"
            )
    elif asks:
        notes.append(f"under {regime.short} the deadline runs from receipt even while identity is being checked")

    d = compute_deadlines(regime.key, receipt, country=country, subdivision=subdivision, request_type=request.type)
    extended = _first(events, "extended")
    used = False
    if extended is not None:
        if d.extended_due is None:
            notes.append(f"the company announced an extension, but {regime.short} allows none for this request")
        elif extended[0] <= d.due:
            used = True
            notes.append(
                f"the company extended the deadline on {short_date(extended[0])}, within the first period, "
                f"so the extended date {short_date(d.extended_due)} applies"
            )
        else:
            notes.append(
                f"the company announced an extension on {short_date(extended[0])}, after the deadline of "
                f"{short_date(d.due)}; a late extension does not move the deadline"
            )
    return replace(d, explanation=tuple(notes) + d.explanation, extension_used=used)


def derive_status(request: Request, today: date) -> str:
    """One of STATUSES, derived from the events as of `today`."""
    events = ordered(request.events)
    closing = _closing(events)
    if closing is not None:
        return CLOSING[closing[2].kind]
    if _first(events, "sent") is None:
        attempts = [t for t in events if t[2].kind == "send_failed"]
        return "send_failed" if attempts else "draft"
    if _open_id_request(events) is not None:
        return "needs_action"
    deadlines = request_deadlines(request)
    if deadlines is not None and today > deadlines.active_due:
        return "overdue"
    if _first(events, "partially_fulfilled") is not None:
        return "needs_action"
    if _first(events, "extended") is not None:
        return "extended"
    if _first(events, "acknowledged") is not None:
        return "acknowledged"
    return "sent"


def deadline_fields(request: Request) -> dict[str, str]:
    """The cached ISO date fields of a Request, refreshed from its events.

    `due` is the law's first deadline; `extended_due` is filled only once an extension is in
    force, so the active deadline is always `extended_due or due`.
    """
    d = request_deadlines(request)
    if d is None:
        return {"due": "", "extended_due": "", "ack_due": ""}
    return {
        "due": d.due.isoformat(),
        "extended_due": d.extended_due.isoformat() if (d.extension_used and d.extended_due) else "",
        "ack_due": d.ack_due.isoformat() if d.ack_due else "",
    }


def timeline_lines(events: Iterable[Event], descriptions: Mapping[str, str] | None = None) -> list[tuple[date, str]]:
    """(date, words) for each event worth telling a regulator about, in date order.

    `descriptions` are a letter language's words for the events (English by default)."""
    words_for = descriptions or EVENT_DESCRIPTIONS
    lines = []
    for on, _, e in ordered(events):
        if e.kind in ("created", "note", "drp_status"):
            continue
        words = words_for.get(e.kind) or EVENT_DESCRIPTIONS.get(e.kind, e.kind)
        if e.detail:
            words = f"{words}: {e.detail}"
        lines.append((on, words))
    return lines


__all__ = [
    "CLOSING",
    "EVENT_DESCRIPTIONS",
    "EVENT_KINDS",
    "INTERNAL_EVENTS",
    "STATUSES",
    "USER_EVENTS",
    "deadline_fields",
    "derive_status",
    "ordered",
    "request_deadlines",
    "timeline_lines",
    "validate_event",
]
