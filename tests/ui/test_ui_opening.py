"""Keyring unlock: the dashboard is shown from the encrypted summary first, then from the full vault.

The full vault's opening is held back on a gate the test controls, so what the person sees
while it is still opening can be checked, and what follows when it opens (or fails to).
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from support.demo import TODAY
from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.services.demo import populate
from privacy_tui.ui import opening
from privacy_tui.ui.app import build_app
from privacy_tui.ui.screens import unlock
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


@pytest.fixture
def keyring_home(real_keyring):
    vault, _ = Vault.create(paths(), PASS, use_keyring=True)
    assert vault.header.get("keyring")
    populate(Store(vault), TODAY)
    vault.close()
    return paths()


@pytest.fixture
def gate(monkeypatch):
    """Holds the full vault's opening until the test sets it; records when the preview was tried."""
    gate = threading.Event()
    tried = threading.Event()
    real_open, real_preview = unlock.open_vault, opening._preview

    def held_open(app, passphrase):
        assert gate.wait(30), "the test never opened the gate"
        return real_open(app, passphrase)

    def preview(app):
        try:
            return real_preview(app)
        finally:
            tried.set()

    monkeypatch.setattr(unlock, "open_vault", held_open)
    monkeypatch.setattr(opening, "_preview", preview)
    gate.tried = tried
    yield gate
    gate.set()


def table_rows(app) -> list[str]:
    table = app.screen.query_one("#deadlines")
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_dashboard_from_the_summary_then_the_vault(keyring_home, gate):
    expected = Vault.open(paths(), passphrase=PASS)
    expected.close()
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        assert await asyncio.to_thread(app.first_paint.wait, 30)
        await pilot.pause()
        # On screen from the summary: counts, reminders and deadlines, while the vault is still closed.
        assert type(app.screen).__name__ == "DashboardScreen"
        assert app.store is None
        preview_rows = table_rows(app)
        assert preview_rows and "(removed company)" not in preview_rows
        counts = str(app.screen.query_one("#counts").render())
        assert "overdue           1" in counts and "total            13" in counts
        assert list(app._notifications) == []  # the overdue check needs the vault: it comes after
        for key in ("c", "m", "enter"):  # actions that need the vault say why nothing happens yet
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == "DashboardScreen", key
        assert sum("still opening" in str(n.message) for n in app._notifications) == 3

        gate.set()
        await settle(app, pilot)
        assert app.store is not None and app.store.vault.unlocked_by == "keyring"
        assert table_rows(app) == preview_rows  # the vault confirms what the summary showed
        assert any(n.severity == "warning" and "overdue" in str(n.title) for n in app._notifications)
        await pilot.press("c")  # and now the vault is there
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompaniesScreen"


async def test_stale_summary_is_not_shown(keyring_home, gate):
    old_summary = paths().summary.read_bytes()
    vault = Vault.open(paths(), writable=True, passphrase=PASS)
    store = Store(vault)
    store.save_profile(store.profile().__class__(name="Someone Else"))  # a new vault version
    vault.close()
    paths().summary.write_bytes(old_summary)  # the summary of the previous version is left behind
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await asyncio.to_thread(gate.tried.wait, 30)
        await pilot.pause()
        assert type(app.screen).__name__ == "StartScreen"  # nothing shown from a summary that does not match
        gate.set()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen" and app.store is not None
        assert table_rows(app)


async def test_damaged_vault_behind_a_valid_summary_ends_on_the_error_screen(keyring_home, gate):
    data = bytearray(paths().vault.read_bytes())
    data[-10] ^= 0xFF  # same size and header, so the summary still matches; the vault must refuse
    paths().vault.write_bytes(bytes(data))
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await asyncio.to_thread(app.first_paint.wait, 30)
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"
        gate.set()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "VaultErrorScreen"
        reason = str(app.screen.query_one("#vault-error-reason").render())
        assert "integrity" in reason or "damaged" in reason
        assert app.store is None
