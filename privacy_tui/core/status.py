"""A request's status from its raw timeline and its cached deadline: the hot path of every list.

`core.timeline.derive_status` is the reference: it reads Event objects and recomputes the
deadlines with the holiday tables. The dashboard shows thousands of requests at start-up, so
this gives the same answer from (ISO date, kind) pairs and the deadline cached on each record
(refreshed on every event). ISO dates order as strings, and ties keep the recorded order, as
`timeline.ordered` does. Tests hold the two functions equal on random timelines.
"""

from __future__ import annotations

from typing import Sequence

# Mirrors core.timeline.CLOSING (kept here so the start-up path does not load the legal engine).
CLOSING = {"fulfilled": "done", "denied": "denied", "withdrawn": "withdrawn"}

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
OPEN = ("draft", "send_failed", "sent", "acknowledged", "needs_action", "extended", "overdue")
CLOSED = ("done", "denied", "withdrawn")
# The company's turn: a legal deadline is running and "n days left / late" means something.
# While a request needs the user's action the ball is in the user's court (under GDPR the clock
# restarts once the information is supplied), so no "days late" is shown for it.
RUNNING = ("sent", "acknowledged", "extended", "overdue")
WARN_DAYS = 7


def status_of(events: Sequence[tuple[str, str]], active_due: str, today: str) -> str:
    """The status of a request whose events are `(date, kind)` in recorded order.

    `active_due` is the cached deadline in force (extended or not; "" while unsent) and `today`
    an ISO date.
    """
    kinds = {k for _, k in events}
    if kinds & CLOSING.keys():
        _, _, last = max((d, i, k) for i, (d, k) in enumerate(events) if k in CLOSING)
        return CLOSING[last]
    if "sent" not in kinds:
        return "send_failed" if "send_failed" in kinds else "draft"
    if "id_requested" in kinds and _waiting_for_user(events):
        return "needs_action"
    if active_due and today > active_due:
        return "overdue"
    if "partially_fulfilled" in kinds:
        return "needs_action"
    if "extended" in kinds:
        return "extended"
    if "acknowledged" in kinds:
        return "acknowledged"
    return "sent"


def label(status: str) -> str:
    return LABELS.get(status, status.replace("_", " "))


def is_overdue(status: str) -> bool:
    """The one definition of "overdue" (dashboard counts and colours, reminders, `remind`,
    `request list`): the status says so, i.e. the company's deadline in force has passed while
    it was the company's turn. A request waiting for the user's reply is "needs action" instead."""
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
    """The date of the company's latest request for identity data or clarification that the
    user has not answered yet, or ""."""
    if not any(k == "id_requested" for _, k in events):
        return ""
    return max(d for d, k in events if k == "id_requested") if _waiting_for_user(events) else ""


def _waiting_for_user(events: Sequence[tuple[str, str]]) -> bool:
    """The latest request for identity data or clarification has no later answer."""
    last_ask = max((d, i) for i, (d, k) in enumerate(events) if k == "id_requested")
    return not any((d, i) > last_ask for i, (d, k) in enumerate(events) if k == "info_supplied")


__all__ = ["CLOSED", "CLOSING", "LABELS", "OPEN", "RUNNING", "WARN_DAYS", "deadline_running", "is_overdue", "label",
           "status_of", "urgency", "waiting_for_user"]
