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


def _waiting_for_user(events: Sequence[tuple[str, str]]) -> bool:
    """The latest request for identity data or clarification has no later answer."""
    last_ask = max((d, i) for i, (d, k) in enumerate(events) if k == "id_requested")
    return not any((d, i) > last_ask for i, (d, k) in enumerate(events) if k == "info_supplied")


__all__ = ["CLOSING", "status_of"]
