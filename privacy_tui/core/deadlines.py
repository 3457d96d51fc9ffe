"""Deadline arithmetic, with every date explained in words.

Dates are `datetime.date` in the company's jurisdiction. Public holidays come from the
`holidays` package, cached per (country, subdivision, year) because a large vault computes
thousands of deadlines when it opens.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from privacy_tui.core.dates import check_date
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import DeadlineRule, Period, Regime
from privacy_tui.core.laws.registry import get_regime
from privacy_tui.core.request_types import get_request_type

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Other spellings people type for the UK nations, mapped to the holidays package's codes.
_UK_NATIONS = {
    "ENGLAND": "ENG", "WALES": "WLS", "SCOTLAND": "SCT", "NORTHERN IRELAND": "NIR", "NI": "NIR",
    "GB-ENG": "ENG", "GB-WLS": "WLS", "GB-SCT": "SCT", "GB-NIR": "NIR",
}


# The subdivision code that selects Canada's federal holidays (Interpretation Act s. 35) instead of a province's.
FEDERAL = "FEDERAL"


def short_date(d: date) -> str:
    """'3 Mar 2026' (locale-independent)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Deadlines:
    regime: str
    received: date
    due: date
    extended_due: date | None
    ack_due: date | None
    explanation: tuple[str, ...]
    request_type: str = "access"
    extension_used: bool = False  # set by the timeline when the company extended in time
    # The day the clock started, when not the day of receipt (UK Art 12A: receipt of identity
    # information; the start moved on by days that did not count while the clock was stopped).
    started: date | None = None

    @property
    def active_due(self) -> date:
        """The date after which the request is overdue: the extended date once an extension was used."""
        return self.extended_due if (self.extension_used and self.extended_due) else self.due

    def explanation_text(self) -> str:
        return "; ".join(self.explanation)

    def to_json(self) -> dict[str, Any]:
        return {
            "regime": self.regime,
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "extended_due": self.extended_due.isoformat() if self.extended_due else None,
            "ack_due": self.ack_due.isoformat() if self.ack_due else None,
            "explanation": self.explanation_text(),
        }


# --- holidays --------------------------------------------------------------------------------


def normalise_subdivision(country: str, subdivision: str) -> str:
    sub = (subdivision or "").strip().upper()
    if not sub:
        return ""
    if country == "GB":
        return _UK_NATIONS.get(sub, sub)
    prefix = f"{country}-"
    return sub[len(prefix):] if country and sub.startswith(prefix) else sub


@lru_cache(maxsize=4096)
def _holiday_table(country: str, subdivision: str, year: int) -> tuple[Mapping[date, str], str]:
    """(date -> holiday name, note). The note says what could not be used, if anything."""
    if not country:
        return {}, "no company country is known, so only weekends were skipped, not public holidays"
    if country == "CA" and subdivision == FEDERAL:
        from privacy_tui.core.interpretation_act import federal_holidays

        return federal_holidays(year), ""
    if country == "CA" and subdivision == "QC":
        # Quebec time limits follow its Interpretation Act's list (s. 61(23)), not the package's.
        from privacy_tui.core.interpretation_act import quebec_holidays

        return quebec_holidays(year), ""
    import holidays

    try:
        table = dict(holidays.country_holidays(country, subdiv=subdivision or None, years=year))
        if country == "CA" and subdivision == "BC":
            from privacy_tui.core.interpretation_act import british_columbia_extra

            table.update(british_columbia_extra(year))  # Interpretation Act s. 29
        return table, ""
    except NotImplementedError:
        if subdivision:
            try:
                table = holidays.country_holidays(country, years=year)
                return dict(table), f"no holiday list for subdivision {subdivision!r} of {country}; national holidays were used"
            except NotImplementedError:
                pass
        return {}, f"no public-holiday list for country {country!r}; only weekends were skipped"


def holiday_name(d: date, country: str, subdivision: str = "") -> str:
    return _holiday_table(country, subdivision, d.year)[0].get(d, "")


def _note(d: date, country: str, subdivision: str) -> str:
    return _holiday_table(country, subdivision, d.year)[1]


def is_working_day(d: date, country: str, subdivision: str = "", *, rest_days: tuple[int, ...] = (5, 6)) -> bool:
    return d.weekday() not in rest_days and d not in _holiday_table(country, subdivision, d.year)[0]


def next_working_day(d: date, country: str, subdivision: str = "", *, rest_days: tuple[int, ...] = (5, 6)) -> date:
    """The first working day on or after `d` (so `d` itself when it is one)."""
    while not is_working_day(d, country, subdivision, rest_days=rest_days):
        d += timedelta(days=1)
    return d


def add_business_days(d: date, n: int, country: str, subdivision: str = "") -> date:
    """The n-th business day after `d` (Monday to Friday except public holidays; `d` itself not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    while n:
        d += timedelta(days=1)
        if is_working_day(d, country, subdivision):
            n -= 1
    return d


def add_months(d: date, months: int) -> tuple[date, bool]:
    """The corresponding date `months` later; the last day of that month when it has no such date.

    Returns (date, clamped) where clamped says the month was too short.
    """
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last)), d.day > last


def add_months_rule(
    received: date, months: int, country: str, subdivision: str = "", *, rest_days: tuple[int, ...] = (5, 6)
) -> tuple[date, str]:
    """GDPR/UK GDPR 'one month': corresponding date, else month end, then next working day. (date, words)."""
    return _months(received, months, country, subdivision, rest_days, roll=True)


# --- the rules in words ------------------------------------------------------------------------


def _day_label(d: date, country: str, subdivision: str, rest_days: tuple[int, ...]) -> str:
    name = holiday_name(d, country, subdivision)
    if name and d.weekday() in rest_days:
        return f"{name} (a {_DAYS[d.weekday()]})"
    if name:
        return name
    return f"a {_DAYS[d.weekday()]}"


def _rolled(target: date, words: str, country: str, subdivision: str, rest_days: tuple[int, ...], roll: bool) -> tuple[date, str]:
    if not roll or is_working_day(target, country, subdivision, rest_days=rest_days):
        return target, words
    moved = next_working_day(target, country, subdivision, rest_days=rest_days)
    label = _day_label(target, country, subdivision, rest_days)
    nxt = "next day that is not a holiday" if rest_days == (6,) else "next working day"
    return moved, f"{words}, {label}; the {nxt} is {short_date(moved)}"


def _stopped(target: date, words: str, paused: int) -> tuple[date, str]:
    """The end moved on by the days that did not count while the clock was stopped (UK Art 12A)."""
    if not paused:
        return target, words
    moved = target + timedelta(days=paused)
    return moved, f"{words}, plus the {paused} day{'s' if paused != 1 else ''} the clock was stopped: {short_date(moved)}"


def _months(received: date, months: int, country: str, subdivision: str, rest_days: tuple[int, ...], roll: bool,
            paused: int = 0) -> tuple[date, str]:
    target, clamped = add_months(received, months)
    period = Period(months, "months").describe()
    if clamped:
        words = (
            f"{period} from {short_date(received)} would be {received.day} {_MONTHS[target.month - 1]}, "
            f"which does not exist, so the last day of that month, {short_date(target)}"
        )
    else:
        words = f"{period} from {short_date(received)} is {short_date(target)}"
    target, words = _stopped(target, words, paused)
    return _rolled(target, words, country, subdivision, rest_days, roll)


def _calendar_days(received: date, days: int, country: str, subdivision: str, rest_days: tuple[int, ...], roll: bool,
                   paused: int = 0) -> tuple[date, str]:
    target = received + timedelta(days=days)
    words = f"{days} calendar days from {short_date(received)} is {short_date(target)}"
    target, words = _stopped(target, words, paused)
    if not roll and not is_working_day(target, country, subdivision):
        # Say so explicitly: people expect a deadline on a Saturday to move, and here it does not.
        words += f" ({_day_label(target, country, subdivision, (5, 6))}; calendar days, so it does not move)"
    return _rolled(target, words, country, subdivision, rest_days, roll)


def _business_days(received: date, days: int, country: str, subdivision: str) -> tuple[date, str]:
    target = add_business_days(received, days, country, subdivision)
    skipped = []
    d = received + timedelta(days=1)
    while d <= target:
        name = holiday_name(d, country, subdivision)
        if name and d.weekday() < 5:
            skipped.append(f"{name} on {short_date(d)}")
        d += timedelta(days=1)
    words = f"{days} business days after {short_date(received)} is {short_date(target)}"
    if skipped:
        words += " (skipping " + " and ".join(skipped) + ")"
    return target, words


def _apply(period: Period, received: date, country: str, subdivision: str, regime: Regime, paused: int = 0) -> tuple[date, str]:
    if period.unit == "months":
        return _months(received, period.amount, country, subdivision, regime.rest_days, regime.roll_forward, paused)
    if period.unit == "calendar_days":
        return _calendar_days(received, period.amount, country, subdivision, regime.rest_days, regime.roll_forward, paused)
    return _business_days(received + timedelta(days=paused), period.amount, country, subdivision)


def _total(rule: DeadlineRule) -> Period | None:
    if rule.extension is None:
        return None
    if rule.extension.unit != rule.response.unit:
        raise ValueError("an extension must use the unit of the response period")
    return Period(rule.response.amount + rule.extension.amount, rule.response.unit)


def holiday_calendar(regime: Regime, country: str = "", subdivision: str = "") -> tuple[str, str]:
    """(country, subdivision) whose holidays count for this regime and company."""
    country = (country or "").strip().upper()
    if country == "UK":
        country = "GB"
    if not regime.holiday_country:
        return country, normalise_subdivision(country, subdivision)
    hc = regime.holiday_country
    if regime.holiday_subdivision:
        return hc, regime.holiday_subdivision
    sub = normalise_subdivision(hc, subdivision) if country in ("", hc) else ""
    return hc, sub or regime.default_subdivision


def compute_deadlines(
    regime: str,
    received: date,
    *,
    country: str = "",
    subdivision: str = "",
    request_type: str = "access",
    small_agent: bool = False,
    paused: int = 0,
) -> Deadlines:
    """Due, extended and acknowledgement dates for a request received on `received`, with `paused`
    days that did not count.

    `country`/`subdivision` are the company's (ISO country; state/nation code). `small_agent`:
    the company is a small processing agent with double time limits where the law says so
    (LGPD). Raises UserError for an unknown regime or a request type the regime does not offer.
    """
    if isinstance(received, datetime):
        received = received.date()
    key = get_request_type(request_type).key
    return _compute(regime, received, (country or "").strip().upper(), (subdivision or "").strip(), key,
                    bool(small_agent), max(0, int(paused)))


def _scaled(rule: DeadlineRule, factor: int, citation: str) -> DeadlineRule:
    def times(p: Period) -> Period:
        return Period(p.amount * factor, p.unit)

    note = f"the company is a small processing agent, so its time limit is doubled ({citation})"
    return replace(rule, response=times(rule.response), extension=times(rule.extension) if rule.extension is not None else None,
                   note="; ".join(x for x in (rule.note, note) if x))


@lru_cache(maxsize=65536)
def _compute(regime_key: str, received: date, country: str, subdivision: str, request_type: str,
             small_agent: bool = False, paused: int = 0) -> Deadlines:
    # Cached: the result is immutable and a vault recomputes the same few dates many times.
    if not isinstance(received, date):
        raise UserError("the received date must be a date (YYYY-MM-DD)")
    check_date(received, "the received date")
    regime = get_regime(regime_key, subdivision=subdivision)
    regime.basis(request_type)
    rule = regime.rule_for(request_type)
    if small_agent and regime.small_agent_factor > 1:
        rule = _scaled(rule, regime.small_agent_factor, regime.small_agent_citation)
    hc, hs = holiday_calendar(regime, country, subdivision)
    lines: list[str] = []

    # `paused`: days that do not count (a stopped clock) push the end of the response and
    # extension periods, not the acknowledgement (that is owed on receipt).
    due, words = _apply(rule.response, received, hc, hs, regime, paused)
    lines.append(words)

    extended_due = None
    total = _total(rule)
    if total is not None and rule.extension is not None:
        extended_due, words = _apply(total, received, hc, hs, regime, paused)
        ext = rule.extension.describe()
        cond = f"; {regime.extension_condition}" if regime.extension_condition else ""
        lines.append(f"if extended by a further {ext} ({rule.citation}): {words}{cond}")

    ack_due = None
    if rule.acknowledgement is not None:
        ack_due, words = _apply(rule.acknowledgement, received, hc, hs, regime)
        lines.append(f"acknowledgement due: {words}")

    if rule.note:
        lines.append(rule.note)
    for d in (due, extended_due or due, ack_due or due):
        note = _note(d, hc, hs)
        if note and note not in lines:
            lines.append(note)
    return Deadlines(
        regime=regime.key,
        received=received,
        due=due,
        extended_due=extended_due,
        ack_due=ack_due,
        explanation=tuple(lines),
        request_type=request_type,
    )


__all__ = [
    "FEDERAL",
    "Deadlines",
    "add_business_days",
    "add_months",
    "add_months_rule",
    "compute_deadlines",
    "holiday_calendar",
    "holiday_name",
    "is_working_day",
    "next_working_day",
    "normalise_subdivision",
    "short_date",
]
