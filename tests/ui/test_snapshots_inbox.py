"""Snapshots of the Inbox screen at 120×40 and 80×24 (the tests/ui/test_snapshots.py pattern: demo data,
seeded ids, a fixed 'today', no blinking). Regenerate with `--snapshot-update` after a deliberate change."""

from __future__ import annotations

import pytest
from support.demo import TODAY
from support.inbox import make_inbox_home
from support.ui import SeededSecrets, settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.core import models
from privacy_tui.services.reminders import SEEN_OVERDUE_SETTING, compute_reminders, overdue_ids
from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


@pytest.fixture
def inbox_app(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setattr(models, "secrets", SeededSecrets(6))
    make_inbox_home()
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)  # no start-up toast over the screens
        store.set_setting(SEEN_OVERDUE_SETTING, overdue_ids(compute_reminders(store.requests(), store.companies(), TODAY)))
    return build_app(today=TODAY, passphrase=PASS, blink=False, theme="textual-dark")


async def open_inbox(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("b")
    await settle(pilot.app, pilot, rounds=4)


def test_inbox(snap_compare, inbox_app):
    assert snap_compare(inbox_app, terminal_size=(120, 40), run_before=open_inbox)


def test_inbox_small_terminal(snap_compare, inbox_app):
    assert snap_compare(inbox_app, terminal_size=(80, 24), run_before=open_inbox)


def test_inbox_save_attachment_warning(snap_compare, inbox_app):
    async def run(pilot):
        await open_inbox(pilot)
        table = pilot.app.screen.query_one("#inbox-table")
        for i in range(table.row_count):
            if "Request to access" in str(table.get_row_at(i)[5]):
                table.move_cursor(row=i)
        await settle(pilot.app, pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(inbox_app, terminal_size=(80, 24), run_before=run)
