"""The request no statute backs: asked of a company as a favour, citing no law.

Used when neither the person's residence nor the company's establishment brings any law this
program knows into play (e.g. a New York resident and a New York company: New York has no
comprehensive consumer privacy statute). The letter says plainly that it is a request, not a
legal demand; the date it names is a courtesy (30 days), and there is no regulator to complain to.
"""

from __future__ import annotations

from privacy_tui.core.events import ASKS, PAUSE
from privacy_tui.core.laws.base import ClockRule, DeadlineRule, Law, Period, Regime, ro

KEY = "voluntary"
_NOTE = "no law sets a time limit for a voluntary request; 30 days is the reasonable time the letter asks for"

VOLUNTARY = Regime(
    key=KEY,
    name="Voluntary request (no privacy law applies)",
    short="Voluntary",
    jurisdiction="No applicable law",
    law_citation="",
    # No legal basis: the values are empty on purpose, and templates never print them.
    request_types=ro({t: "" for t in ("access", "deletion", "rectification", "opt_out_sale")}),
    rule=DeadlineRule(Period(30, "calendar_days"), None, None, "", note=_NOTE),
    regulators=(),
    roll_forward=False,
    # No law runs a clock, so none can run on against the person: while the company waits for
    # their answer the request needs their action, not "overdue", and the courtesy date moves
    # by the days it waited.
    clock=ro({k: ClockRule(PAUSE, "no law applies: a courtesy time",
                           "the days the company waits for your answer do not count")
              for k in ASKS}),
    identity_hint="Your name and the email address or account the company knows you by.",
)

# Applies nowhere by itself: core.scope falls back to it when no other law applies.
LAW = Law(key=KEY, label="no law (voluntary request)", regimes=(VOLUNTARY,))

__all__ = ["KEY", "LAW", "VOLUNTARY"]
