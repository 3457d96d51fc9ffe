"""Words and colours for dates, statuses and request types on screen (no I/O)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from privacy_tui.core.events import CLOSED_STATUSES

STATUS_LABELS = {
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
OPEN_STATUSES = tuple(s for s in STATUS_LABELS if s not in CLOSED_STATUSES)
WARN_DAYS = 7


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def type_label(request_type: str) -> str:
    try:
        from privacy_tui.core.request_types import get_request_type

        return get_request_type(request_type).label
    except Exception:
        return request_type


def regime_label(regime: str) -> str:
    try:
        from privacy_tui.core.regimes import get_regime

        return get_regime(regime).short
    except Exception:
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


def urgency(status: str, days: int | None) -> str:
    """'overdue', 'soon' or '' — decides the row colour."""
    if status == "overdue" or (status in OPEN_STATUSES and days is not None and days < 0):
        return "overdue"
    if status in OPEN_STATUSES and days is not None and days <= WARN_DAYS:
        return "soon"
    return ""


def short(d: str) -> str:
    """An ISO date as '3 Mar 2026' (blank stays blank)."""
    if not d:
        return ""
    try:
        from privacy_tui.core.deadlines import short_date

        return short_date(date.fromisoformat(d[:10]))
    except ValueError:
        return d


def styled(value: str, style: str) -> Text:
    return Text(value, style=style) if style else Text(value)
