"""Words and colours for dates, statuses and request types on screen (no I/O)."""

from __future__ import annotations

from datetime import date

from privacy_tui.core import status as _status
from privacy_tui.core.errors import UserError

# The words and the urgency rule live in core.status, shared with the command line.
STATUS_LABELS = _status.LABELS
OPEN_STATUSES = _status.OPEN
WARN_DAYS = _status.WARN_DAYS


def status_label(status: str) -> str:
    return _status.label(status)


def type_label(request_type: str) -> str:
    from privacy_tui.core.request_types import get_request_type

    try:
        return get_request_type(request_type).label
    except UserError:  # a type this version does not know (an old or hand-edited record): shown as stored
        return request_type


def regime_label(regime: str) -> str:
    from privacy_tui.core.laws.registry import get_regime

    try:
        return get_regime(regime).short
    except UserError:  # an unknown regime, or us_state without a state: shown as stored
        return regime


def days_words(days: int | None) -> str:
    if days is None:
        return ""
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    late = -days
    return f"{late} day{'s' if late != 1 else ''} late"


def due_words(status: str, days: int | None) -> str:
    """"3 days left" / "2 days late", only while the company's deadline is running."""
    return days_words(days) if _status.deadline_running(status) else ""


def urgency(status: str, days: int | None) -> str:
    """'overdue', 'soon' or '' — decides the row colour (core.status.urgency)."""
    return _status.urgency(status, days)


def short(d: str) -> str:
    """An ISO date as '3 Mar 2026' (blank stays blank)."""
    if not d:
        return ""
    try:
        from privacy_tui.core.deadlines import short_date

        return short_date(date.fromisoformat(d[:10]))
    except ValueError:
        return d

