"""A request's timeline: which events exist, which make sense, and the status and deadlines they imply.

The timeline is append-only; status and deadlines are always *derived* from it, never stored as
truth (the Request's cached `due` fields are only a convenience for listing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TypedDict

from privacy_tui.core import events as _events
from privacy_tui.core import status as _status
from privacy_tui.core.dates import check_date
from privacy_tui.core.deadlines import Deadlines, compute_deadlines, short_date
from privacy_tui.core.errors import UserError
from privacy_tui.core.events import ASKS, NO_EFFECT, PAUSE, RESTART
from privacy_tui.core.laws.base import Regime
from privacy_tui.core.laws.registry import get_regime
from privacy_tui.core.models import Event, Request

# The vocabulary is core.events; re-exported here for the callers that know it by this module.
USER_EVENTS = _events.USER_EVENTS
INTERNAL_EVENTS = _events.INTERNAL_EVENTS
EVENT_KINDS = _events.EVENT_KINDS
CLOSING = _events.CLOSING
EVENT_DESCRIPTIONS = _events.DESCRIPTIONS

# The status words are core.status's (this order, send_failed last, is the one `request list --status` shows).
STATUSES = tuple(s for s in _status.LABELS if s != "send_failed") + ("send_failed",)

# What may still be added after closure, and before the request is sent. An appeal follows a refusal.
_AFTER_CLOSE = ("note", "message", "drp_status", "appealed", "complained")
_BEFORE_SENT = ("sent", "withdrawn", "note", "created", "send_failed", "drp_status")


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


def _open_ask(events: Sequence[tuple[date, int, Event]]) -> tuple[date, int, Event] | None:
    """The latest ask (identity or clarification) not yet answered by a later answer of its kind."""
    asks = [t for t in events if t[2].kind in ASKS]
    if not asks:
        return None
    last = asks[-1]
    answer = ASKS[last[2].kind]
    answered = any(t[2].kind == answer and (t[0], t[1]) > (last[0], last[1]) for t in events)
    return None if answered else last


def clock_waits(regime: Regime, ask: str) -> bool:
    """While `ask` is unanswered, is the law's clock stopped (so the ball is in the user's court)?"""
    return regime.clock_rule(ask).effect != NO_EFFECT


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
    appealed = next((t for t in reversed(events) if t[2].kind == "appealed"), None)
    # The company's decision on an appeal is recorded like its first answer.
    after_appeal = appealed is not None and (closing is None or (appealed[0], appealed[1]) > (closing[0], closing[1]))
    if closing is not None and kind not in _AFTER_CLOSE and not (
        after_appeal and kind in ("fulfilled", "partially_fulfilled", "denied")
    ):
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
    if kind in _events.ANSWERS:
        ask = _events.ANSWERS[kind]
        if not any(t[2].kind == ask and t[0] <= on for t in events):
            what = {"id_requested": "identity data", "fee_requested": "a fee"}.get(ask, "a clarification")
            raise UserError(f"there is no earlier request from the company for {what}; mark {ask!r} first")
    if kind == "appealed":
        refused = closing is not None and closing[2].kind == "denied"
        if not refused and _first(events, "partially_fulfilled") is None:
            raise UserError("an appeal follows a refusal: mark the request 'denied' (or 'partially_fulfilled') first")


_ASK_WORDS = {"id_requested": "asked you to confirm your identity",
              "clarification_requested": "asked you to clarify or specify the request",
              "fee_requested": "asked you to pay a fee"}


def _answer_after(events: Sequence[tuple[date, int, Event]], ask: tuple[date, int, Event]) -> tuple[date, int, Event] | None:
    kind = ASKS[ask[2].kind]
    return next((t for t in events if t[2].kind == kind and (t[0], t[1]) > (ask[0], ask[1])), None)


def request_deadlines(request: Request, *, country: str = "", subdivision: str = "") -> Deadlines | None:
    """Deadlines of a sent request from its timeline (None while it is a draft).

    Receipt is the sent date (an email arrives the day it is sent; a letter on the date the user
    enters). Each ask from the company (identity, clarification) does to the clock what the
    regime's `clock` says: nothing, a restart from the answer, or a pause whose days do not
    count. An extension counts only when the company announced it within the first period.
    """
    events = ordered(request.events)
    sent = _first(events, "sent")
    if sent is None:
        return None
    regime = _regime(request)
    country = country or request.country
    subdivision = subdivision or request.subdivision
    start = sent[0]
    paused = 0
    notes: list[str] = []

    for ask in (t for t in events if t[2].kind in ASKS):
        rule = regime.clock_rule(ask[2].kind)
        answer = _answer_after(events, ask)
        what = _ASK_WORDS[ask[2].kind]
        if rule.effect == NO_EFFECT:
            notes.append(f"the company {what} on {short_date(ask[0])}; under {regime.short} that does not stop "
                         f"the clock: {rule.words or 'the deadline runs from receipt'} ({rule.citation})")
        elif answer is None:
            verb = "restarts when you answer" if rule.effect == RESTART else "is stopped until you answer"
            notes.append(f"the company {what} on {short_date(ask[0])}; the clock {verb} ({rule.citation})")
        elif rule.effect == RESTART and answer[0] > start:
            start = answer[0]
            paused = 0  # a fresh start: days stopped before it no longer matter
            notes.append(f"the clock restarted on {short_date(answer[0])}, when you answered what the company asked "
                         f"on {short_date(ask[0])} ({rule.citation})")
        elif rule.effect == PAUSE and answer[0] >= start:
            # "the period beginning with the day on which the controller makes the request and
            # ending with the day on which it receives the information" does not count.
            first = max(ask[0], start)
            days = (answer[0] - first).days + 1
            paused += days
            notes.append(f"the clock stopped from {short_date(first)} to {short_date(answer[0])} while the company "
                         f"waited for your answer: {days} day{'s' if days != 1 else ''} do not count ({rule.citation})")

    d = compute_deadlines(regime.key, start, country=country, subdivision=subdivision,
                          request_type=request.type, small_agent=request.small_agent, paused=paused)
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
    return replace(d, explanation=tuple(notes) + d.explanation, extension_used=used,
                   received=sent[0], started=start if start != sent[0] else None)


def derive_status(request: Request, today: date) -> str:
    """One of STATUSES, derived from the events as of `today`."""
    events = ordered(request.events)
    closing = _closing(events)
    if closing is not None:
        return CLOSING[closing[2].kind]
    if _first(events, "sent") is None:
        attempts = [t for t in events if t[2].kind == "send_failed"]
        return "send_failed" if attempts else "draft"
    deadlines = request_deadlines(request)
    ask = _open_ask(events)
    # While the clock is stopped for the user's answer, the ball is in the user's court. Where
    # the law's clock runs on regardless (CCPA §7021(b)), a late answer is still late.
    if ask is not None and clock_waits(_regime(request), ask[2].kind):
        return "needs_action"
    if deadlines is not None and today > deadlines.active_due:
        return "overdue"
    if ask is not None:
        return "needs_action"
    if _first(events, "partially_fulfilled") is not None:
        return "needs_action"
    if _first(events, "extended") is not None:
        return "extended"
    if _first(events, "acknowledged") is not None:
        return "acknowledged"
    return "sent"


class DeadlineFields(TypedDict):
    """The Request fields that cache its deadlines, so `replace(request, **fields)` type-checks."""

    due: str
    extended_due: str
    ack_due: str


def deadline_fields(request: Request) -> DeadlineFields:
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
        if e.kind in ("created", "note", "drp_status") or e.kind in _events.MARKERS:
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
    "DeadlineFields",
    "clock_waits",
    "deadline_fields",
    "derive_status",
    "ordered",
    "request_deadlines",
    "timeline_lines",
    "validate_event",
]
