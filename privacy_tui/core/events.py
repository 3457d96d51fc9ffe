"""The one vocabulary of timeline events: their kinds, which close a request, which ask the user
for something and what answers it, and their words.

Standard library only and no imports from the rest of the package: `remind`, the dashboard's
status column and the .ics export read it on their start-up path. What an event does to a
law's clock (start, pause, restart, nothing) is the law's business, so that is data in
`core.laws` (`Regime.clock`); the effect names are defined here so both sides agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

# Events the user marks with `request mark ID EVENT`.
USER_EVENTS: tuple[str, ...] = (
    "sent",
    "acknowledged",
    "id_requested",
    "info_supplied",
    "clarification_requested",
    "clarification_given",
    "fee_requested",
    "fee_paid",
    "extended",
    "fulfilled",
    "partially_fulfilled",
    "denied",
    "withdrawn",
)
# Events the program records itself. `appealed` and `complained` mark that an appeal to the
# company or a complaint to the regulator was sent (the `message` event beside each holds the
# details): the slim records `remind` reads keep only dates and kinds.
INTERNAL_EVENTS: tuple[str, ...] = ("created", "send_failed", "message", "note", "drp_status", "appealed", "complained")
EVENT_KINDS: tuple[str, ...] = USER_EVENTS + INTERNAL_EVENTS

# A closing event ends the request; the status it leads to.
CLOSING: Mapping[str, str] = MappingProxyType({"fulfilled": "done", "denied": "denied", "withdrawn": "withdrawn"})
CLOSED_STATUSES: frozenset[str] = frozenset(CLOSING.values())

# The company asks the user for something; the user's answer. Identity checks and clarification
# are different things in law (UK GDPR Art 12A: identity moves the start, clarification stops
# the clock), so they are different events. A fee the company may charge (UK GDPR Art 12(5),
# 15(3)) is a third: under UK Art 12A(2)(c) the month begins when it is paid.
ASKS: Mapping[str, str] = MappingProxyType(
    {"id_requested": "info_supplied", "clarification_requested": "clarification_given", "fee_requested": "fee_paid"}
)
ANSWERS: Mapping[str, str] = MappingProxyType({v: k for k, v in ASKS.items()})

# Anything from the company that shows it received the request: a missing acknowledgement no longer matters.
COMPANY_REPLIES: frozenset[str] = frozenset(
    ("acknowledged", "id_requested", "clarification_requested", "fee_requested", "extended", "fulfilled", "partially_fulfilled", "denied")
)

# Bookkeeping markers: the `message` event beside each tells the story in letters.
MARKERS: frozenset[str] = frozenset(("appealed", "complained"))

# What an ask does to a law's clock (values of `Regime.clock`).
NO_EFFECT = "none"  # the period runs on from receipt (CCPA, US states, PIPEDA, LGPD)
PAUSE = "pause"  # the days from the ask to the answer do not count (UK Art 12A(3)-(4))
RESTART = "restart"  # the period runs afresh from the answer (UK Art 12A(2)(b); EDPB 01/2022)
CLOCK_EFFECTS: tuple[str, ...] = (NO_EFFECT, PAUSE, RESTART)

# Words for each event in letters and timelines ("On 3 March 2026: ...").
DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "created": "request drafted",
        "sent": "request sent to the company",
        "send_failed": "an attempt to send the request failed",
        "acknowledged": "the company acknowledged the request",
        "id_requested": "the company asked me to confirm my identity",
        "info_supplied": "I supplied the identity information the company asked for",
        "clarification_requested": "the company asked me to clarify or specify my request",
        "clarification_given": "I gave the clarification the company asked for",
        "fee_requested": "the company asked me to pay a fee",
        "fee_paid": "I paid the fee the company asked for",
        "extended": "the company said it would extend the deadline",
        "fulfilled": "the company fulfilled the request",
        "partially_fulfilled": "the company answered only part of the request",
        "denied": "the company refused the request",
        "withdrawn": "I withdrew the request",
        "appealed": "I appealed the company's decision",
        "complained": "I complained to the regulator",
        "message": "follow-up message",
        "note": "note",
        "drp_status": "status update from the Data Rights Protocol",
    }
)

# Short labels for pickers and help text.
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "sent": "Sent",
        "acknowledged": "Acknowledged — the company confirmed receipt",
        "id_requested": "Identity requested — they asked me to prove who I am",
        "info_supplied": "Identity supplied — I sent what they asked for",
        "clarification_requested": "Clarification requested — they asked me to specify the request",
        "clarification_given": "Clarification given — I answered their question",
        "fee_requested": "Fee requested — they asked me to pay a fee",
        "fee_paid": "Fee paid — I paid the fee they asked for",
        "extended": "Extended — they said they need more time",
        "fulfilled": "Fulfilled — they answered in full",
        "partially_fulfilled": "Partly fulfilled — only part of the request was answered",
        "denied": "Denied — they refused",
        "withdrawn": "Withdrawn — I withdrew the request",
    }
)


# What the company may decide on an appeal (recorded after the `appealed` marker, in order).
APPEAL_DECISIONS: frozenset[str] = frozenset(("fulfilled", "partially_fulfilled", "denied", "withdrawn"))


def pending_appeal(events: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    """The ISO date of the latest appeal in `(date, kind)` events (recorded order) not yet decided, else ""."""
    marks = [i for i, (_, k) in enumerate(events) if k == "appealed"]
    if not marks:
        return ""
    last = marks[-1]
    if any(k in APPEAL_DECISIONS for _, k in events[last + 1:]):
        return ""
    return events[last][0]


def is_closed(kinds: set[str] | frozenset[str]) -> bool:
    return not CLOSING.keys().isdisjoint(kinds)


def open_ask(events: Sequence[tuple[str, str]]) -> str:
    """The kind of the latest ask in `(ISO date, kind)` events (recorded order) that has no later answer, else ""."""
    last: tuple[str, int, str] | None = None
    for i, (d, k) in enumerate(events):
        if k in ASKS and (last is None or (d, i) > last[:2]):
            last = (d, i, k)
    if last is None:
        return ""
    answer = ASKS[last[2]]
    if any(k == answer and (d, i) > last[:2] for i, (d, k) in enumerate(events)):
        return ""
    return last[2]


__all__ = [
    "ANSWERS",
    "APPEAL_DECISIONS",
    "ASKS",
    "CLOCK_EFFECTS",
    "CLOSED_STATUSES",
    "CLOSING",
    "COMPANY_REPLIES",
    "DESCRIPTIONS",
    "EVENT_KINDS",
    "INTERNAL_EVENTS",
    "LABELS",
    "MARKERS",
    "NO_EFFECT",
    "PAUSE",
    "RESTART",
    "USER_EVENTS",
    "is_closed",
    "open_ask",
    "pending_appeal",
]
