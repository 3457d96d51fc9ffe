"""The app's side of reminders: the same list as `privacy-tui remind`, and the start-up overdue check.

Only glue over `services.reminders` (run in workers, holding the vault lock); the rules live there.
"""

from __future__ import annotations

from typing import Any

from privacy_tui.services.reminders import (
    SEEN_OVERDUE_SETTING,
    WITHIN_SETTING,
    Reminder,
    new_since,
    overdue_ids,
    within_setting,
)


def within_days(store: Any) -> int:
    """The remind_within setting, as `privacy-tui remind` reads it (a bad value falls back to the default)."""
    return within_setting(store.setting(WITHIN_SETTING))


def newly_overdue(store: Any, reminders: list[Reminder]) -> list[Reminder]:
    """Items overdue now that were not at the last start; remembers the current set in the vault."""
    previous = store.setting(SEEN_OVERDUE_SETTING) or []
    if not isinstance(previous, list):
        previous = []
    current = overdue_ids(reminders)
    if current != sorted(str(p) for p in previous):
        store.set_setting(SEEN_OVERDUE_SETTING, current)  # written only when it changed: most starts write nothing
    return new_since(reminders, previous)


def toast_text(items: list[Reminder], limit: int = 4) -> str:
    lines = [f"• {r.describe()}" for r in items[:limit]]
    if len(items) > limit:
        lines.append(f"… and {len(items) - limit} more (see the dashboard)")
    return "\n".join(lines)
