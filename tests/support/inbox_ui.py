"""The Inbox screen under Pilot: open it, pick a reply, ask for the ready answer."""

from __future__ import annotations

from support import ui
from support.inbox import inbox_records


async def settle(app, pilot) -> None:
    """support.ui.settle with one round more: an accepted reply's worker starts another."""
    await ui.settle(app, pilot, rounds=4)


def by_subject(start: str) -> dict:
    return next(r for r in inbox_records() if r["subject"].startswith(start))


async def open_inbox(app, pilot) -> None:
    await settle(app, pilot)
    await pilot.press("b")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "InboxScreen"


async def select(app, pilot, record_id: str) -> None:
    table = app.screen.query_one("#inbox-table")
    keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
    table.move_cursor(row=keys.index(record_id))
    await settle(app, pilot)
    assert app.screen.current["id"] == record_id


async def press_on_reply(app, pilot, record_id: str, key: str) -> None:
    """From the first screen: the Inbox, the reply `record_id` picked, then `key` (w answer, a accept, ...)."""
    await open_inbox(app, pilot)
    await select(app, pilot, record_id)
    await pilot.press(key)
    await settle(app, pilot)
