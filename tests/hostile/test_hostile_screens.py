"""Hostile names through every screen of the app (Pilot): shown literally, never run.

Company names, addresses, evidence quotes, directory entries, timeline notes and the profile
hold Textual markup (`[/] Closer Ltd` used to crash the DataTable, `[@click=app.quit]Quit[/]`
quit the app when clicked) and terminal controls (CSI, OSC 8, OSC 52, BEL, U+009B, bidi
overrides). On every screen: the app is still running, the markup is visible as typed, each
control character is shown as a visible escape, and no control character reaches the rendered
output.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hostile_data import (
    CONTROL_NAMES,
    HOSTILE_NAMES,
    MARKUP_NAMES,
    PASS,
    TODAY,
    controls_in,
    hostile_directory,
    populate_hostile,
    screen_text,
    shown,
)
from support.ui import settle
from textual import events

from privacy_tui.core.text import find_control
from privacy_tui.services.reminders import SEEN_OVERDUE_SETTING, compute_reminders, overdue_ids
from privacy_tui.ui.app import build_app
from privacy_tui.ui.messages import WorkFailed
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

SIZE = (160, 50)


@pytest.fixture(autouse=True)
def toasts_stay(monkeypatch) -> None:
    """Notifications stay for an hour: what a toast shows is checked however slowly a busy
    machine gets to it (no dependence on their 5-15 s timeouts)."""
    from textual.app import App

    notify = App.notify
    monkeypatch.setattr(App, "notify", lambda self, *args, timeout=None, **kw: notify(self, *args, timeout=3600, **kw))


@pytest.fixture
def hostile_home(monkeypatch, tmp_path) -> dict:
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    try:
        store = Store(vault)
        ids = populate_hostile(store, TODAY)
        # As on any later start: the overdue requests were seen, so no start-up toast shows their
        # names over the screens under test (the dashboard test brings it back).
        store.set_setting(SEEN_OVERDUE_SETTING, overdue_ids(compute_reminders(store.requests(), store.companies(), TODAY)))
    finally:
        vault.close()
    return ids


async def look(app, pilot, *expected: str) -> str:
    """Settle, then check the app runs, nothing rendered holds a control character, and each
    expected text is on the screen. Returns the screen's text."""
    await settle(app, pilot)
    assert app.is_running and app.return_code is None, "the app stopped"
    text = screen_text(app)
    assert controls_in(text) == [], f"control characters reached the screen of {type(app.screen).__name__}"
    for want in expected:
        assert want in text, f"{want!r} not shown on {type(app.screen).__name__}:\n{text}"
    return text


def start(**kw):
    return build_app(today=TODAY, passphrase=PASS, blink=False, **kw)


def no_controls(value: str, *, multiline: bool = True) -> bool:
    return find_control(value, multiline=multiline) is None


async def test_dashboard_reminders_and_overdue_toast(hostile_home):
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        Store(vault).set_setting(SEEN_OVERDUE_SETTING, [])  # a first start: the toast names them
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        text = await look(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        # The deadlines table (24 columns for the company) shows each name, escapes visible.
        for name in HOSTILE_NAMES:
            assert shown(name)[:20] in text, name
        # The start-up toast names the newly overdue requests, as text (it is on the screen too).
        assert "became overdue since the last start" in text
        toasts = list(app._notifications)
        assert toasts and all(not n.markup for n in toasts)
        assert any("[bold red]X[/]" in n.message for n in toasts)
        assert all(no_controls(n.message) and no_controls(n.title) for n in toasts)
        await pilot.press("a")  # all requests
        await look(app, pilot, "[@click=app.quit]Quit[/]")


async def test_companies_list_and_a_click_on_the_click_markup(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        text = await look(app, pilot, *MARKUP_NAMES)
        for name in CONTROL_NAMES:
            assert shown(name)[:28] in text, name
        table = app.screen.query_one("#company-table")
        row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == "[@click=app.quit]Quit[/]")
        # Click on the name itself (header row, then the rows; the mark column is 3 cells wide).
        for _ in range(2):  # the first click highlights the row, the second opens it
            assert await pilot.click("#company-table", offset=(6, 1 + row))
            await settle(app, pilot)
        assert app.is_running and app.return_code is None
        assert type(app.screen).__name__ == "CompanyDetailScreen"
        await look(app, pilot, "[@click=app.quit]Quit[/]")
        assert await pilot.click("#company-name", offset=(3, 0))
        await look(app, pilot, "[@click=app.quit]Quit[/]")


async def test_company_detail_form_and_request_detail_of_every_name(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        for cid, rid, name in zip(hostile_home["companies"], hostile_home["requests"], HOSTILE_NAMES, strict=True):
            app.action_open_company(cid)
            text = await look(app, pilot, shown(name), "https://site")
            assert "[/] data." in text  # the evidence quote, markup and all
            await pilot.press("e")  # the edit form
            await look(app, pilot)
            assert app.screen.query_one("#f-name").value == shown(name)
            assert no_controls(app.screen.query_one("#f-address").text)
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("escape")
            await settle(app, pilot)

            app.action_open_request(rid)
            await look(app, pilot, f"request to {shown(name)}", "ack [/]")
            letter = app.screen.query_one("#letter").text
            assert shown(name) in letter and no_controls(letter)
            await pilot.press("escape")
            await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_reminder_draft_and_mark_event_with_hostile_names(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        for name in ("[@click=app.quit]Quit[/]", "\x1b]8;;https://evil.example/\x07Link\x1b]8;;\x07 Inc"):
            app.action_open_request(hostile_home["requests"][HOSTILE_NAMES.index(name)])
            await settle(app, pilot)
            await pilot.press("r")  # a reminder to the company: its name is the recipient
            await look(app, pilot, "Reminder to the company", f"To: {shown(name)}")
            draft = app.screen.query_one("#followup").text
            assert shown(name) in draft and no_controls(draft)
            await pilot.press("m")  # the mark-event dialog over the hostile page
            await look(app, pilot, "Record an event")
            app.screen.query_one("#note").value = "[/] note [@click=app.quit]q[/]"
            await pilot.click("#record")
            await look(app, pilot, "Event recorded", "[/] note [@click=app.quit]q[/]")
            await pilot.press("escape")
            await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_vault_error_screen_shows_file_names_as_text(hostile_home):
    vault_file = paths().vault
    backups = paths().backups
    backups.mkdir(exist_ok=True)
    # Named to sort first among the most recent backups the screen lists.
    (backups / "vault-[@click=app.quit]Quit[b] \x1b[31m.ptv").write_bytes(b"not a vault")
    vault_file.write_bytes(vault_file.read_bytes()[:-40] + b"\0" * 40)  # damaged: the error screen
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await look(app, pilot, "The vault cannot be opened", "[@click=app.quit]Quit[b]", "\\x1b[31m.ptv")
        assert type(app.screen).__name__ == "VaultErrorScreen"


async def test_saving_a_hostile_company_notifies_in_plain_text(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        cid = hostile_home["companies"][HOSTILE_NAMES.index("[/] Closer Ltd")]
        app.action_open_company(cid)
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        app.screen.query_one("#f-website").value = "https://closer.example"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await look(app, pilot, "[/] Closer Ltd saved")
        assert type(app.screen).__name__ == "CompanyDetailScreen"
    with Vault.open(paths(), passphrase=PASS) as vault:
        company = Store(vault).company(cid)
    assert company.name == "[/] Closer Ltd" and company.website == "https://closer.example"
    assert company.emails == ("privacy1@hostile1.example",)  # untouched fields kept as stored


async def test_new_request_wizard_lists_and_letters(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.action_new_request(hostile_home["companies"])
        text = await look(app, pilot, *MARKUP_NAMES, f"{len(HOSTILE_NAMES)} companies chosen")
        for name in CONTROL_NAMES:
            assert shown(name) in text, name
        await pilot.press("ctrl+n")  # → type and law
        await look(app, pilot)
        await pilot.press("ctrl+n")  # → the drafted letters
        text = await look(app, pilot, "[bold red]X[/] · ")
        assert app.screen.step == 2
        letter = app.screen.query_one("#draft-letter").text
        assert no_controls(letter) and no_controls(app.screen.query_one("#draft-subject").value, multiline=False)


async def test_directory_picker_with_hostile_entries(hostile_home, tmp_path):
    from privacy_tui.services.directory_store import import_directory

    summary = import_directory(hostile_directory(tmp_path / "hostile-directory.json"))
    assert summary.companies >= len(MARKUP_NAMES)
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        await pilot.press(*"Dir")
        await look(app, pilot, *(f"Dir {name}" for name in MARKUP_NAMES))
        table = app.screen.query_one("#dir-results")
        assert table.row_count >= len(MARKUP_NAMES)
        table.focus()
        for _ in range(table.row_count):
            await pilot.press("space", "down")
        await look(app, pilot, "Ticked (", "Dir [/] Closer Ltd")
        await pilot.press("ctrl+s")
        await look(app, pilot, "added")
    with Vault.open(paths(), passphrase=PASS) as vault:
        names = {c.name for c in Store(vault).companies()}
    assert {f"Dir {name}" for name in MARKUP_NAMES} <= names


POLICY = """Privacy Policy of [@click=app.quit]Quit[/] Ltd

[@click=app.quit]Quit[/] Ltd ("we") is the controller of your personal data.
We collect your name, email address and IP address [/] for our services.
Contact our data protection officer at privacy@quit-ltd.example with any request.
You have the right to access and delete your personal data \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07.
"""


async def test_policy_evidence_review_shows_quotes_as_text(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        app.screen.query_one("#policy-text").focus()
        await settle(app, pilot)
        app.post_message(events.Paste(POLICY))  # as the terminal delivers a bracketed paste
        await settle(app, pilot)
        pasted = app.screen.query_one("#policy-text").text
        assert "[@click=app.quit]Quit[/] Ltd" in pasted and no_controls(pasted)
        await pilot.press("ctrl+r")
        text = await look(app, pilot, "From pasted text")
        assert app.screen.query_one("#review").display
        # Evidence quotes and data items come from the policy's own sentences: shown as written.
        assert "[/]" in text or "[@click=app.quit]" in text
        for widget_id in ("#p-company", "#p-emails", "#p-address"):
            assert no_controls(app.screen.query_one(widget_id).value, multiline=False)


async def test_settings_help_palette_and_failures(hostile_home):
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("s")
        await look(app, pilot)
        assert app.screen.query_one("#pf-name").value == shown("Ada [/] \x1b[2J Example")
        assert no_controls(app.screen.query_one("#pf-address").text)
        phone = app.screen.query_one("#pf-phone")
        phone.focus()
        await settle(app, pilot)
        app.post_message(events.Paste("+44\x1b]52;c;ZXZpbA==\x07 1234\nsecond line"))
        await look(app, pilot)
        assert phone.value == "+44]52;c;ZXZpbA== 1234"  # a paste loses its controls; an Input keeps one line
        await pilot.press("escape")
        await settle(app, pilot)

        app.action_open_company(hostile_home["companies"][HOSTILE_NAMES.index("[@click=app.quit]Quit[/]")])
        await settle(app, pilot)
        await pilot.press("f1")
        await look(app, pilot, "Everywhere", "command palette")
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"comp")
        await look(app, pilot, "Companies")
        await pilot.press("escape")
        await settle(app, pilot)

        # A failure whose reason quotes data (a name, a server's reply) is a plain-text toast.
        app.screen.post_message(WorkFailed("save the [b]thing[/b]", "[/] bad \x1b[31m reply from [@click=app.quit]x[/]"))
        await look(app, pilot, "[/] bad \\x1b[31m reply from [@click=app.quit]x[/]", "Could not save the [b]thing[/b]")


async def test_a_hostile_smtp_reply_is_shown_as_text(hostile_home, make_smtp_server):
    # The server's refusal quotes markup and an OSC 52 clipboard write: the send results show it.
    server = make_smtp_server(data_reply="554 5.7.1 [@click=app.quit]Quit[/] \x1b]52;c;ZXZpbA==\x07 refused")
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        store.set_setting("smtp", server.settings().to_dict())
        # A sender name with control characters is refused before sending (tested elsewhere):
        # here the letter must reach the server, so the profile's name is a plain one.
        store.save_profile(replace(store.profile(), name="Ada [/] Example"))
    app = start()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        app.action_new_request([hostile_home["companies"][HOSTILE_NAMES.index("[/] Closer Ltd")]])
        await settle(app, pilot)
        for _ in range(3):  # → type and law → letters → saved, to the send step
            await pilot.press("ctrl+n")
            await settle(app, pilot)
        assert app.screen.step == 3
        await pilot.click("#send-button")  # SMTP is the default
        text = await look(app, pilot, "failed")
        assert "1 failed" in text
        detail = str(app.screen.query_one("#results").get_row_at(0)[2])
        # Wrapped to the column (never cut): line breaks are layout, every other control is escaped.
        assert "[@click=app.quit]Quit[/]" in detail and no_controls(detail, multiline=True)
        assert detail[:40] in text  # as shown in the results table
    assert server.rejected  # the letter did reach the server, which refused it
