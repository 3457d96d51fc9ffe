"""Snapshot tests of each main screen at 120×40, on the demo data, with a fixed 'today' and no blinking.

Ids and reference numbers come from a seeded generator so the pictures are the same on every run.
Regenerate after a deliberate UI change with `pytest tests/ui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from support.demo import TODAY
from support.ui import SeededSecrets
from support.ui import settle as settle_app
from support.vault import PASSPHRASE as PASS

from privacy_tui.core import models
from privacy_tui.services.demo import populate
from privacy_tui.services.reminders import SEEN_OVERDUE_SETTING, compute_reminders, overdue_ids
from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

SIZE = (120, 40)


def make_demo_app(monkeypatch, *, toast: bool):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setattr(models, "secrets", SeededSecrets(6))
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    store = Store(vault)
    populate(store, TODAY)
    if not toast:
        # As on any later start: the overdue request was seen, so no toast covers the screens.
        seen = overdue_ids(compute_reminders(store.requests(), store.companies(), TODAY))
        store.set_setting(SEEN_OVERDUE_SETTING, seen)
    vault.close()
    return build_app(today=TODAY, passphrase=PASS, blink=False, theme="textual-dark")


@pytest.fixture
def demo_app(monkeypatch):
    return make_demo_app(monkeypatch, toast=False)


async def settle(pilot) -> None:
    """support.ui.settle with the signature snap_compare's run_before calls."""
    await settle_app(pilot.app, pilot)


async def open_with(pilot, *keys: str) -> None:
    """run_before: settle, then each key in turn with a settle after it."""
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def test_dashboard(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=settle)


def test_dashboard_first_start_toast(snap_compare, monkeypatch):
    app = make_demo_app(monkeypatch, toast=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_dashboard_light(snap_compare, demo_app):
    async def light(pilot):
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=light)


def test_dashboard_small_terminal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=settle)


def test_request_detail(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: open_with(pilot, "enter"))


def test_companies(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: open_with(pilot, "c"))


def test_company_detail(snap_compare, demo_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("slash", *"widgets", "enter", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_new_request_letters(snap_compare, demo_app):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("space", "space", "n")
        await settle(pilot)
        await pilot.press("ctrl+n", "ctrl+n")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_settings(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: open_with(pilot, "s"))


def test_help(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=lambda pilot: open_with(pilot, "f1"))


def test_first_run(snap_compare, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    app = build_app(today=TODAY, blink=False, theme="textual-dark")

    async def run(pilot):
        await pilot.pause()
        await pilot.click("#pass1")
        await pilot.press(*"correct horse")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


# --- every main screen at 80×24 as well (the dashboard's is test_dashboard_small_terminal) -----

SMALL = (80, 24)


def test_request_detail_80x24(snap_compare, demo_app):
    async def run(pilot):
        await open_with(pilot, "enter")
        pilot.app.screen.query_one("#event-buttons").scroll_visible(animate=False)
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_companies_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "c"))


def test_company_detail_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "c", "enter"))


def test_new_request_companies_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "n", "space"))


def test_new_request_letters_80x24(snap_compare, demo_app):
    keys = ("c", "space", "space", "n", "ctrl+n", "ctrl+n")
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, *keys))


def test_directory_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "p"))


def test_settings_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "s"))


def test_help_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "f1"))


def test_menu_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "f2"))


def test_directory_import_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "f3"))


def test_deadline_calculator_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=lambda pilot: open_with(pilot, "f5"))


def test_first_run_80x24(snap_compare, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    app = build_app(today=TODAY, blink=False, theme="textual-dark")

    async def run(pilot):
        await pilot.pause()
        await pilot.press(*"correct horse")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=run)
