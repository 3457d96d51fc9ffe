"""A request's status from its raw timeline and its cached deadline: the hot path of every list.

`core.timeline.derive_status` is the reference: it reads Event objects and recomputes the
deadlines with the holiday tables. The dashboard shows thousands of requests at start-up, so
this gives the same answer from (ISO date, kind) pairs and the deadline cached on each record
(refreshed on every event). ISO dates order as strings, and ties keep the recorded order, as
`timeline.ordered` does. Tests hold the two functions equal on random timelines.
"""

from __future__ import annotations

from typing import Sequence

from privacy_tui.core.events import CLOSING, open_ask


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
    from privacy_tui.core.regimes import REGIMES  # data only: no holiday tables, no Textual

    found = REGIMES.get(regime)
    return True if found is None else found.clock_rule(ask).effect != "none"


__all__ = ["CLOSING", "clock_waits", "status_of"]
