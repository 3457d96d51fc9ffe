"""A request's status from its raw timeline and its cached deadline: the hot path of every list.

`core.timeline.derive_status` is the reference: it reads Event objects and recomputes the
deadlines with the holiday tables. The dashboard shows thousands of requests at start-up, so
this gives the same answer from (ISO date, kind) pairs and the deadline cached on each record
(refreshed on every event). ISO dates order as strings, and ties keep the recorded order, as
`timeline.ordered` does. Tests hold the two functions equal on random timelines.
"""

from __future__ import annotations

from collections.abc import Sequence

from privacy_tui.core.events import ASKS, CLOSED_STATUSES, CLOSING, open_ask

# Every status in words, for the command line and the app alike.
LABELS = {
    "draft": "draft",
    "send_failed": "send failed",
    "sent": "sent",
    "acknowledged": "acknowledged",
    "needs_action": "needs action",
    "extended": "extended",
    "overdue": "overdue",
    "done": "done",
    "denied": "denied",
    "withdrawn": "withdrawn",
}
# Which statuses are closed is core.events' business (the closing events and where they lead).
OPEN = tuple(s for s in LABELS if s not in CLOSED_STATUSES)
CLOSED = tuple(s for s in LABELS if s in CLOSED_STATUSES)
# The company's turn: a legal deadline is running and "n days left / late" means something.
# While a request needs the user's action the ball is in the user's court (under GDPR the clock
# restarts once the information is supplied), so no "days late" is shown for it.
RUNNING = ("sent", "acknowledged", "extended", "overdue")
WARN_DAYS = 7


def status_of(events: Sequence[tuple[str, str]], active_due: str, today: str, regime: str = "") -> str:
    """The status of a request whose events are `(date, kind)` in recorded order.

    `active_due` is the cached deadline in force (extended or not; "" while unsent), `today`
    an ISO date, `regime` the request's law (whether its clock stops while the user is asked
    for something; unknown: it does).
    """
    kinds = {k for _, k in events}
    if kinds & CLOSING.keys():
        _, _, last = max((d, i, k) for i, (d, k) in enumerate(events) if k in CLOSING)
        return CLOSING[last]
    if "sent" not in kinds:
        return "send_failed" if "send_failed" in kinds else "draft"
    ask = open_ask(events) if ("id_requested" in kinds or "clarification_requested" in kinds) else ""
    if ask and clock_waits(regime, ask):
        return "needs_action"
    if active_due and today > active_due:
        return "overdue"
    if ask or "partially_fulfilled" in kinds:
        return "needs_action"
    if "extended" in kinds:
        return "extended"
    if "acknowledged" in kinds:
        return "acknowledged"
    return "sent"


def clock_waits(regime: str, ask: str) -> bool:
    """Whether `regime`'s clock is stopped while `ask` is unanswered (core.timeline.clock_waits by key)."""
    from privacy_tui.core.laws.registry import REGIMES  # data only: no holiday tables, no Textual

    found = REGIMES.get(regime)
    return True if found is None else found.clock_rule(ask).effect != "none"


def label(status: str) -> str:
    return LABELS.get(status, status.replace("_", " "))


def is_overdue(status: str) -> bool:
    """The one definition of "overdue" (dashboard counts and colours, reminders, `remind`,
    `request list`): the status says so, i.e. the company's deadline in force has passed while
    it was the company's turn. A request waiting for the user's reply under a law whose clock
    waits for it is "needs action" instead; under one whose clock runs on (CCPA) it is overdue."""
    return status == "overdue"


def deadline_running(status: str) -> bool:
    return status in RUNNING


def urgency(status: str, days: int | None, warn: int = WARN_DAYS) -> str:
    """'overdue', 'soon' (the deadline is near, or the user must act) or ''."""
    if is_overdue(status):
        return "overdue"
    if status == "needs_action":
        return "soon"
    if deadline_running(status) and days is not None and days <= warn:
        return "soon"
    return ""


def waiting_for_user(events: Sequence[tuple[str, str]]) -> str:
    """The date of the company's latest ask (any of core.events.ASKS: identity or clarification)
    that the user has not answered yet, or ""."""
    ask = open_ask(events)
    if not ask:
        return ""
    return max(d for d, k in events if k in ASKS)


__all__ = ["CLOSED", "CLOSING", "LABELS", "OPEN", "RUNNING", "WARN_DAYS", "clock_waits", "deadline_running",
           "is_overdue", "label", "status_of", "urgency", "waiting_for_user"]
