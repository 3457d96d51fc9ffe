"""The newcomer's path in the app: ticking in the wizard and the directory picker, settings that
keep unsaved edits, keys typed ahead across fields, every action in the palette, and the directory
imported from inside the app."""

from __future__ import annotations

import pytest
from support.demo import TODAY
from support.http_static import static_server
from support.ui import open_directory_picker, open_screen, settle
from support.vault import PASSPHRASE as PASS
from textual import events

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def text_of(widget) -> str:
    return str(widget.render())


def chosen(app) -> str:
    return text_of(app.screen.query_one("#chosen"))


async def test_wizard_ticks_with_space_enter_and_a_click(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "n")
        screen = app.screen
        box = screen.query_one("#company-choices")
        assert app.focused is screen.query_one("#company-filter")
        assert box.highlighted == 0 and box.option_count >= 3
        assert "0 companies chosen" in chosen(app)
        await pilot.press("space")  # an empty filter: space ticks the highlighted row
        assert "1 company chosen" in chosen(app)
        assert screen.query_one("#company-filter").value == ""
        await pilot.press("down")  # from the filter into the list
        assert app.focused is box
        await pilot.press("down", "enter")
        assert "2 companies chosen" in chosen(app)
        await pilot.press("space")
        assert "1 company chosen" in chosen(app)  # space unticks
        await pilot.click("#company-choices", offset=(6, 3))  # the third row (below the top border)
        await pilot.pause()
        assert "2 companies chosen" in chosen(app)
        first, third = box.get_option_at_index(0).value, box.get_option_at_index(2).value
        assert set(box.selected) == {first, third}
        await pilot.press("ctrl+n")
        assert screen.step == 1


async def test_wizard_filter_types_and_enter_ticks_the_best_match(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "n")
        await pilot.press(*"fictional foods")
        box = app.screen.query_one("#company-choices")
        assert app.screen.query_one("#company-filter").value == "fictional foods"
        assert box.option_count == 1 and box.highlighted == 0
        await pilot.press("enter")
        assert "1 company chosen" in chosen(app)
        assert app.screen.companies and [c.name for c in app.screen.companies if c.id in app.screen.preselected] == ["Fictional Foods GmbH"]


async def test_directory_picker_down_and_space(demo_home, shared_dir):
    from privacy_tui.services.directory_store import import_directory

    import_directory(shared_dir / "directory" / "datarequests-db.json")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_directory_picker(app, pilot, "google")
        assert table.row_count > 1
        await pilot.press("down")
        assert app.focused is table
        await pilot.press("down", "space")
        assert app.screen.query_one("#dir-query").value == "google"  # space did not type into the query
        second = str(table.get_row_at(1)[1])
        assert f"Ticked (1): {second}" in text_of(app.screen.query_one("#dir-chosen"))
        await pilot.press("space")
        assert "Nothing ticked" in text_of(app.screen.query_one("#dir-chosen"))


async def open_settings_and_edit(app, pilot) -> None:
    await open_screen(app, pilot, "s")
    assert app.focused is app.screen.query_one("#pf-name")  # the first field, so no keystroke is lost
    await pilot.press(*"Ada")
    assert app.screen.query_one("#pf-name").value.endswith("Ada")
    assert app.screen.unsaved() == ["profile"]
    await pilot.press("escape")
    await pilot.pause()
    assert type(app.screen).__name__ == "UnsavedScreen"
    assert "Save, discard or keep editing?" in text_of(app.screen.query_one(".dialog-title"))


def stored_name() -> str:
    with Vault.open(paths(), passphrase=PASS) as vault:
        return Store(vault).profile().name


async def test_settings_esc_with_unsaved_changes_keep_editing(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings_and_edit(app, pilot)
        await pilot.click("#keep")
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen"
        assert app.screen.query_one("#pf-name").value.endswith("Ada")
        await pilot.press("escape")  # asked again: nothing was saved
        await pilot.pause()
        assert type(app.screen).__name__ == "UnsavedScreen"
        await pilot.press("escape")  # Esc in the question means keep editing
        await pilot.pause()
        assert type(app.screen).__name__ == "SettingsScreen"


@pytest.mark.parametrize("button,kept", [("#discard", ""), ("#save", "Ada")], ids=["discard", "save"])
async def test_settings_esc_with_unsaved_changes_discard_or_save(demo_home, button, kept):
    before = stored_name()
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings_and_edit(app, pilot)
        await pilot.click(button)
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
    assert stored_name() == before + kept


async def test_settings_esc_without_changes_just_leaves(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "s")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_keys_typed_ahead_across_fields_land_in_the_next_field(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "s")
        name, email = app.screen.query_one("#pf-name"), app.screen.query_one("#pf-email")
        name_before, email_before = name.value, email.value
        assert email_before  # the demo profile has an email: it must not be replaced
        # All three keys arrive before the app handles the first, as when typing fast.
        for key, char in (("W", "W"), ("tab", None), ("Q", "Q")):
            app._driver.send_message(events.Key(key, char))
        await settle(app, pilot)
        assert name.value == name_before + "W"
        assert app.focused is email
        assert email.value == email_before + "Q"


PALETTE_WORDS = {
    "import": "Import directory",
    "update": "Update directory",
    "remind": "Reminders",
    "export": "Export",
    "deadline": "Deadline calculator",
    "backup": "Back up the vault",
    "check": "Check the vault",
    "restore": "Restore the vault",
    "smtp": "Test the SMTP connection",
    "drp": "DRP agent",
}


@pytest.mark.parametrize("word", sorted(PALETTE_WORDS))
async def test_the_palette_finds_every_action(demo_home, word):
    from textual.command import CommandList

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*word)
        results = app.screen.query_one(CommandList)
        for _ in range(50):  # the palette searches in a task: wait for its answer, not for a time
            await settle(app, pilot)
            if results.option_count:
                break
        titles = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
        assert any(PALETTE_WORDS[word] in t for t in titles[:3]), titles


async def test_every_action_runs_from_the_menu(demo_home):
    from privacy_tui.ui.actions import ACTIONS

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for action in ACTIONS:
            assert callable(getattr(app, f"action_{action.action}"))
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "MenuScreen"
        box = app.screen.query_one("#menu-items")
        box.highlighted = [a.action for a in ACTIONS].index("deadline")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DeadlineScreen"
        assert "Due:" in text_of(app.screen.query_one("#calc-result"))


async def test_directory_import_dialog_imports_the_shared_dump_with_counts(demo_home, shared_dir):
    from privacy_tui.services.directory_store import directory_info

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "f3")
        screen = app.screen
        assert type(screen).__name__ == "DirectoryImportScreen"
        assert "No directory yet" in text_of(screen.query_one("#dir-info"))
        screen.query_one("#dir-path").value = str(shared_dir / "directory" / "datarequests-db.json")
        await pilot.click("#dir-import")
        await settle(app, pilot)
        info = directory_info()
        assert info["imported"] and info["companies"] > 1000
        result = text_of(screen.query_one("#dir-result"))
        assert f"Imported {info['companies']} companies and {info['supervisory_authorities']} supervisory authorities" in result
        assert f"skipped {info['skipped_at_import']} unusable" in result
        assert f"{info['companies']} companies" in text_of(screen.query_one("#dir-info"))


async def test_directory_import_dialog_says_why_a_file_cannot_be_imported(demo_home, tmp_path):
    bad = tmp_path / "not-a-directory.json"
    bad.write_text("[1, 2, 3]", encoding="utf-8")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "f3")
        app.screen.query_one("#dir-path").value = str(bad)
        await pilot.click("#dir-import")
        await settle(app, pilot)
        assert "Could not import the directory" in text_of(app.screen.query_one("#dir-result"))
        assert "privacy-tui" not in text_of(app.screen.query_one("#dir-result"))


def test_init_says_the_keyring_is_turned_off(monkeypatch, capsys):
    from support.cli import run_main

    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    rc, out, _ = run_main(capsys, "init")
    assert rc == 0
    assert "the keyring is turned off by PRIVACY_TUI_NO_KEYRING" in out
    assert "passphrase will be asked at every start" in out
    assert "No usable OS keyring" not in out


async def test_first_run_tells_the_truth_about_the_keyring_and_estimates_strength(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        welcome = text_of(app.screen.query_one("#welcome-text"))
        assert "turned off by PRIVACY_TUI_NO_KEYRING" in welcome and "at every start" in welcome
        assert "kept in your system keyring" not in welcome
        await pilot.press(*"password1")
        hint = text_of(app.screen.query_one("#strength"))
        assert hint.startswith("Weak") and "common password" in hint  # zxcvbn's own feedback
        app.screen.query_one("#pass1").value = ""
        await pilot.press(*"correct horse")  # two dictionary words: not strong, whatever their length
        assert not text_of(app.screen.query_one("#strength")).startswith("Strong")


def test_strength_levels_follow_the_estimate():
    from privacy_tui.ui.widgets.strength import strength_hint

    assert strength_hint("")[0] == "empty"
    assert strength_hint("abc")[0] == "weak"
    assert strength_hint("qwertyuiop")[0] == "weak"
    assert strength_hint("tangerine ocelot quarry viaduct")[0] == "strong"
    assert strength_hint("x" * 500)[0] == "weak"  # longer than zxcvbn accepts: still estimated, no error


def test_app_messages_point_to_the_app_not_to_command_lines():
    from privacy_tui.services.directory_store import NOT_IMPORTED
    from privacy_tui.ui.hints import in_app

    shown = in_app(NOT_IMPORTED)
    assert "privacy-tui" not in shown and "F3" in shown
    shown = in_app("Acme has no privacy email address: add one with `privacy-tui company edit ID --email ADDR`, or use --via copy")
    assert "privacy-tui" not in shown and "--via" not in shown and "company form" in shown
    assert in_app("see `privacy-tui locate`") == "see `privacy-tui locate`"  # nothing in the app does that: kept


class FakeDriver:
    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


def terminal_app(headless: bool):
    from textual.app import App

    app = App()
    app._driver = FakeDriver() if not headless else None
    return app


def test_clipboard_uses_a_system_tool_when_there_is_one(monkeypatch, tmp_path):
    from privacy_tui.ui.clipboard import copy_text

    got = tmp_path / "got.txt"
    tool = tmp_path / "xclip"
    tool.write_text(f"#!/bin/sh\nexec /bin/cat > {got}\n", encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    sure, words = copy_text(terminal_app(headless=False), "Dear Acme, ✓")
    assert sure and words == "Copied to the clipboard."
    assert got.read_text(encoding="utf-8") == "Dear Acme, ✓"


def test_clipboard_falls_back_to_osc52_and_says_it_cannot_be_sure(monkeypatch, tmp_path):
    import base64

    from privacy_tui.ui.clipboard import copy_text

    monkeypatch.setenv("PATH", str(tmp_path))  # no clipboard tool
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    app = terminal_app(headless=False)
    sure, words = copy_text(app, "letter text")
    assert not sure and "OSC 52" in words and "set-clipboard on" in words
    assert app._driver.written == ["\x1b]52;c;" + base64.b64encode(b"letter text").decode() + "\a"]
    sure, words = copy_text(terminal_app(headless=True), "letter text")
    assert not sure and words.startswith("Not copied")


async def test_smtp_hint_goes_when_the_host_changes_and_no_toast_covers_the_result(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "s")
        s = app.screen
        s.query_one("#settings").active = "tab-smtp"
        s.query_one("#smtp-preset").value = "gmail"
        await settle(app, pilot)
        assert s.query_one("#smtp-host").value == "smtp.gmail.com"
        assert text_of(s.query_one("#smtp-status"))  # the provider's hint
        s.query_one("#smtp-host").value = "mail.example.net"
        await settle(app, pilot)
        assert text_of(s.query_one("#smtp-status")).strip() == ""
        s.query_one("#pf-name").value = "Someone Else"
        s.query_one("#save-profile").press()
        await settle(app, pilot)
        assert "Profile saved" in text_of(s.query_one("#profile-status"))
        assert not any(n.title == "Settings" for n in app._notifications)  # the line says it; a toast would cover it


async def test_timeline_texts_wrap_instead_of_being_cut_at_80_columns(demo_home):
    from privacy_tui.core.timeline import EVENT_DESCRIPTIONS

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "enter")
        screen = app.screen
        table = screen.query_one("#timeline-table")
        events = screen.events
        assert table.row_count == len(events) >= 3
        widths = [column.width for column in table.columns.values()]
        assert sum(widths) + 2 * len(widths) <= 80 - 4
        wrapped = 0
        for i, event in enumerate(events):
            cells = [str(c) for c in table.get_row_at(i)]
            assert " ".join(cells[1].split()) == EVENT_DESCRIPTIONS.get(event.kind, event.kind)
            assert " ".join(cells[2].split()) == " ".join((event.detail or "").split())
            assert all(len(line) <= widths[1] for line in cells[1].splitlines())
            wrapped += "\n" in cells[1]
        assert wrapped  # at least one description is longer than its column here


async def test_a_send_failure_points_to_the_app_and_is_shown_whole_at_80_columns(demo_home):
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        Store(vault).set_setting("smtp", None)  # as on a fresh home: no SMTP yet
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "n")
        await pilot.press("space", "ctrl+n")
        await settle(app, pilot)
        await pilot.press("ctrl+n")  # draft
        await settle(app, pilot)
        await pilot.press("ctrl+n")  # save the draft, on to sending
        await settle(app, pilot)
        app.screen.query_one("#send-button").press()
        await settle(app, pilot)
        results = app.screen.query_one("#results")
        assert results.row_count == 1 and str(results.get_row_at(0)[1]) == "failed"
        detail = str(results.get_row_at(0)[2])
        assert " ".join(detail.split()) == "SMTP is not configured: open Settings › Email (SMTP) (s on the dashboard)"
        width = list(results.columns.values())[2].width
        assert all(len(line) <= width for line in detail.splitlines())


@pytest.fixture
def published_dump(shared_dir, monkeypatch):
    """The datarequests.org dump served by a real HTTP server on 127.0.0.1, as the published copy."""
    from privacy_tui.services import directory_store

    body = (shared_dir / "directory" / "datarequests-db.json").read_bytes()
    with static_server({"/offline-data.json": ("application/json", body)}) as base:
        monkeypatch.setattr(directory_store, "DEFAULT_URL", f"{base}/offline-data.json")
        yield


async def test_first_run_offers_the_directory_and_downloads_it(monkeypatch, published_dump):
    from privacy_tui.services.directory_store import directory_info

    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press(*PASS, "tab", *PASS, "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RecoveryKeyScreen"
        await pilot.press("enter")  # one key: saved, continue
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DirectoryImportScreen"
        assert app.focused is app.screen.query_one("#dir-update")
        await pilot.press("enter")  # download the published copy
        await settle(app, pilot)
        info = directory_info()
        assert info["imported"] and info["companies"] > 1000 and info["supervisory_authorities"] == 57
        assert f"Imported {info['companies']} companies" in text_of(app.screen.query_one("#dir-result"))
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


async def export_to(app, pilot, open_dialog, path) -> str:
    """Open an export dialog (an app action), give it `path` and press Go: the result line."""
    open_dialog()
    await settle(app, pilot)
    app.screen.query_one("#export-path").value = str(path)
    await pilot.click("#export-go")
    await settle(app, pilot)
    return text_of(app.screen.query_one("#export-result"))


async def test_vault_check_and_exports_from_the_app(demo_home, tmp_path):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_vault_check()
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ReportScreen"
        report = text_of(app.screen.query_one("#report-title")) + text_of(app.screen.query_one("#report-text"))
        assert "Vault check" in report and "Vault OK" in report and "companies" in report
        await pilot.press("escape")
        await settle(app, pilot)

        ics = tmp_path / "deadlines.ics"
        assert "Wrote" in await export_to(app, pilot, app.action_export_ics, ics)
        assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in ics.read_bytes()
        assert ics.stat().st_mode & 0o777 == 0o600
        await pilot.press("escape")
        await settle(app, pilot)

        out = tmp_path / "export.json"
        assert "not encrypted" in await export_to(app, pilot, app.action_export_json, out)
        assert not out.exists()  # nothing written before the user says they understand
        app.screen.query_one("#export-plaintext").value = True
        await pilot.click("#export-go")
        await settle(app, pilot)
        assert "UNENCRYPTED" in text_of(app.screen.query_one("#export-result"))
        assert out.exists() and b'"privacy-tui-export"' in out.read_bytes()


async def test_smtp_test_from_the_palette_opens_the_tab_and_tests(demo_home, make_smtp_server):
    server = make_smtp_server()
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        Store(vault).set_setting("smtp", server.settings().to_dict())
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_smtp_test()
        await settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "SettingsScreen"
        assert screen.query_one("#settings").active == "tab-smtp"
        assert "Connection works" in text_of(screen.query_one("#smtp-status"))
        assert app.focused is screen.query_one("#test-smtp")


async def test_passphrase_typed_ahead_after_enter_lands_in_the_second_field(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key, char in (("a", "a"), ("b", "b"), ("enter", "\r"), ("c", "c"), ("d", "d")):
            app._driver.send_message(events.Key(key, char))
        await settle(app, pilot)
        assert app.screen.query_one("#pass1").value == "ab"
        assert app.screen.query_one("#pass2").value == "cd"
        assert app.focused is app.screen.query_one("#pass2")


async def test_space_typed_right_after_down_ticks_in_the_list(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "n")
        for key, char in (("a", "a"), ("down", None), ("space", " ")):
            app._driver.send_message(events.Key(key, char))
        await settle(app, pilot)
        assert app.screen.query_one("#company-filter").value == "a"
        assert app.focused is app.screen.query_one("#company-choices")
        assert "1 company chosen" in chosen(app)


async def test_a_fresh_home_says_where_companies_and_the_directory_come_from(monkeypatch, shared_dir):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    Vault.create(paths(), PASS, use_keyring=False)[0].close()
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "n")
        assert "No companies yet" in chosen(app) and "directory" in chosen(app)
        await pilot.press("escape", "p")
        await settle(app, pilot)
        assert text_of(app.screen.query_one("#dir-status")).startswith("No directory yet: press F3")
        await pilot.press(*"google")
        await settle(app, pilot)
        status = text_of(app.screen.query_one("#dir-status"))
        assert "F3" in status and "privacy-tui" not in status  # the search failed: where to get one, in the app
        await pilot.press("f3")
        await settle(app, pilot)
        app.screen.query_one("#dir-path").value = str(shared_dir / "directory" / "datarequests-db.json")
        await pilot.click("#dir-import")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DirectoryScreen"
        assert app.screen.query_one("#dir-results").row_count > 0  # the query ran again on the new directory
