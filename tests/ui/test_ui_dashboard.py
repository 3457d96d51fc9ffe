"""Dashboard on the demo data: counts, deadline order and colours, marking an event, help and palette."""

from __future__ import annotations

from support.demo import TODAY
from support.ui import focused_deadline, settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def cell_text(table, row_key, column_index):
    return str(table.get_row(row_key)[column_index])


async def test_dashboard_counts_deadlines_and_colours(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        counts = str(app.screen.query_one("#counts").render())
        assert "overdue" in counts and "total" in counts and "13" in counts
        table = app.screen.query_one("#deadlines")
        assert table.row_count == 7  # open requests only
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        # sorted by due date: the overdue deletion request to Fictional Foods comes first
        assert str(rows[0][0]) == "Fictional Foods GmbH" and str(rows[0][6]) == "overdue"
        assert "days late" in str(rows[0][5])
        error = app.current_theme.error.lower()
        warning = app.current_theme.warning.lower()
        assert error in str(rows[0][0].style).lower()
        soon = next(r for r in rows if str(r[0]) == "Placeholder Telecom Ltda")
        assert "days left" in str(soon[5]) and warning in str(soon[0].style).lower()
        calm = next(r for r in rows if str(r[0]) == "Sample Streaming Inc")
        assert str(calm[0].style) == ""
        await pilot.press("a")
        assert table.row_count == 13
        await pilot.press("a")
        # the monthly chart counts what was sent in the last twelve months
        assert app.screen.query_one("#chart-sent-total").render().plain.strip() == "11"


async def test_mark_event_from_the_dashboard_is_saved_in_the_vault(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table, rid = focused_deadline(app)
        await pilot.press("m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MarkEventScreen"
        app.screen.query_one("#kind").value = "fulfilled"
        app.screen.query_one("#on").value = "2026-03-09"
        await pilot.click("#record")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert table.row_count == 6  # the fulfilled one left the open list
    with Vault.open(paths(), passphrase=PASS) as vault:
        request = Store(vault).request(rid)
    assert request.events[-1].kind == "fulfilled" and request.events[-1].date == "2026-03-09"


async def test_mark_event_refuses_nonsense_inline(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#deadlines")
        table.focus()
        table.move_cursor(row=table.row_count - 1)  # the draft: nothing but 'sent' can happen yet
        await pilot.press("m")
        await settle(app, pilot)
        app.screen.query_one("#kind").value = "fulfilled"
        await pilot.click("#record")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MarkEventScreen"
        assert str(app.screen.query_one("#mark-error").render()).strip()
        app.screen.query_one("#on").value = "2026-13-01"
        await pilot.click("#record")
        await pilot.pause()
        assert "Invalid date" in str(app.screen.query_one("#mark-error").render())
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_help_palette_theme_and_navigation_keys(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        text = str(app.screen.query_one("#help-text").render())
        assert "Mark event" in text and "Draft complaint" in text and "ctrl+p" in text
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in ("Companies", "New request", "Import policy", "Pick from directory", "Settings", "Help"):
            assert wanted in titles
        assert any(t.startswith("Mark event") for t in titles)  # the screen's own actions too
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"
        await pilot.press(*"settings", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        await pilot.press("escape")
        await pilot.pause()
        app.action_toggle_dark()
        assert app.theme == "textual-light"
        await pilot.press("c")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompaniesScreen"
        await pilot.press("escape")
        await pilot.press("n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "NewRequestScreen"
    # the theme is remembered outside the vault (it says nothing about the user)
    assert '"textual-light"' in paths().config.read_text()
