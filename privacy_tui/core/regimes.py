"""Kept for old imports only: the laws live in `core/laws/` (one module per law, `core.laws.registry`
the one place to ask). New code imports from there."""

from __future__ import annotations

from collections.abc import Sequence

from privacy_tui.core.laws.base import AppealRule, ClockRule, ComplaintWindow, DeadlineRule, Period, Regime, Regulator
from privacy_tui.core.laws.gdpr import EU_EEA
from privacy_tui.core.laws.registry import REGIMES, alias_targets, aliases, get_regime, regime_keys, resolve_regime

US_STATE_REGIMES = alias_targets("us_state")
ALIASES = aliases()


def default_regime(
    company_country: str,
    company_subdivision: str,
    company_regimes: Sequence[str],
    profile_country: str,
    profile_state: str,
) -> str:
    """The regime for a new request: `core.scope.choose_regime`, which also says why."""
    from privacy_tui.core.scope import choose_regime

    return choose_regime(
        profile_country, profile_state, company_country, company_subdivision, company_regimes=company_regimes
    ).key


__all__ = [
    "ALIASES",
    "EU_EEA",
    "REGIMES",
    "US_STATE_REGIMES",
    "AppealRule",
    "ClockRule",
    "ComplaintWindow",
    "DeadlineRule",
    "Period",
    "Regime",
    "Regulator",
    "default_regime",
    "get_regime",
    "regime_keys",
    "resolve_regime",
]
