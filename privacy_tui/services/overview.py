"""The dashboard's figures from raw request records: rows by due date, counts, months, reminders.

Works on the records as the vault stores them, or as the encrypted summary keeps them, so the
app can show the dashboard from the summary before the full vault is open. No model objects
and no holiday tables: the deadline cached on each record (refreshed on every event) is used,
as `privacy-tui remind` does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from privacy_tui.core.status import status_of
from privacy_tui.services.reminders import Reminder, cached_deadlines, compute_reminders

ANSWERS = ("fulfilled", "partially_fulfilled", "denied")
REMOVED = "(removed company)"


class Row(NamedTuple):
    """One request as the deadline table shows it (a named tuple: 10,000 are built at start-up)."""

    id: str
    company: str
    type: str
    regime: str
    sent: str  # ISO date of the latest sending, "" for a draft
    due: str  # the deadline in force (extended when an extension applies), "" while unsent
    status: str
    days: int | None  # days left to `due` (negative when late), None without a deadline


@dataclass(frozen=True)
class Overview:
    rows: tuple[Row, ...]  # by due date (undated last), then company
    counts: dict[str, int]
    monthly: dict  # {"months": [...], "sent": [...], "answered": [...]}
    reminders: list[Reminder]


def overview(records: Iterable[Mapping[str, Any]], company_names: Mapping[str, str], today: date, within: int) -> Overview:
    records = list(records)
    today_iso = today.isoformat()
    rows = []
    for record in records:
        events = [(e.get("date", ""), e.get("kind", "")) for e in record.get("events") or ()]
        due = record.get("extended_due") or record.get("due") or ""
        if not due and any(k == "sent" for _, k in events):
            first, extended, _ = cached_deadlines(record)  # a record written before deadlines were cached
            due = extended or first
        sent = next((d for d, k in reversed(events) if k == "sent"), "")
        rows.append(Row(
            record.get("id", ""),
            company_names.get(record.get("company_id", ""), REMOVED),
            record.get("type", ""),
            record.get("regime", ""),
            sent,
            due,
            status_of(events, due, today_iso, record.get("regime", "")),
            (date.fromisoformat(due) - today).days if due else None,
        ))
    rows.sort(key=lambda r: (r.due or "9999-99-99", r.company.casefold()))
    return Overview(
        rows=tuple(rows),
        counts=dict(Counter(r.status for r in rows)),
        monthly=monthly_counts(records, today),
        reminders=compute_reminders(records, company_names, today, within),
    )


def month_keys(today: date, count: int = 12) -> list[str]:
    keys = []
    y, m = today.year, today.month
    for _ in range(count):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return keys[::-1]


def monthly_counts(records: Iterable[Mapping[str, Any]], today: date, count: int = 12) -> dict:
    """Requests first sent, and first answered, in each of the last `count` months."""
    keys = month_keys(today, count)
    index = {k: i for i, k in enumerate(keys)}
    sent = [0] * count
    answered = [0] * count
    for record in records:
        events = record.get("events") or ()
        first_sent = next((e.get("date", "") for e in events if e.get("kind") == "sent"), "")
        if first_sent[:7] in index:
            sent[index[first_sent[:7]]] += 1
        answer = next((e.get("date", "") for e in events if e.get("kind") in ANSWERS), "")
        if answer[:7] in index:
            answered[index[answer[:7]]] += 1
    return {"months": keys, "sent": sent, "answered": answered}


__all__ = ["Overview", "Row", "month_keys", "monthly_counts", "overview"]
