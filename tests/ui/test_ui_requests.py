"""The new-request wizard (bulk), sending over SMTP and to .eml files, the request detail and follow-ups."""

from __future__ import annotations

import asyncio
from datetime import date

from support.demo import TODAY
from support.ui import focused_deadline, settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def set_smtp(server) -> None:
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        Store(vault).set_setting("smtp", server.settings().to_dict())


async def open_wizard_for(app, pilot, names: list[str]) -> None:
    await pilot.press("c")
    await settle(app, pilot)
    table = app.screen.query_one("#company-table")
    for i in range(table.row_count):
        if str(table.get_row_at(i)[1]) in names:
            table.move_cursor(row=i)
            await pilot.press("space")
    await pilot.press("n")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "NewRequestScreen"
    assert f"{len(names)} compan" in str(app.screen.query_one("#chosen").render())


async def send_to_mock_mobility(app, pilot) -> None:
    """From the first screen: a request to Mock Mobility Ltd through every step, then Send."""
    await settle(app, pilot)
    await open_wizard_for(app, pilot, ["Mock Mobility Ltd"])
    await pilot.press("ctrl+n")
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    await pilot.click("#send-button")


async def test_bulk_wizard_drafts_edits_and_saves_eml_files(demo_home, tmp_path):
    names = ["Acme Example Corp", "Demo Bank of Canada", "Fictional Foods GmbH"]
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await open_wizard_for(app, pilot, names)
        await pilot.press("ctrl+n")  # → type and law
        await pilot.pause()
        app.screen.query_one("#request-type").value = "deletion"
        await pilot.press("ctrl+n")  # → letters drafted in a worker
        await settle(app, pilot)
        drafts = app.screen.query_one("#draft-list")
        assert drafts.option_count == 3
        body = app.screen.query_one("#draft-letter")
        assert "Acme Example Corp" in body.text
        body.text = body.text + "\nP.S. edited in the preview."
        await pilot.press("ctrl+n")  # → drafts saved, send step
        await settle(app, pilot)
        assert str(app.screen.query_one("#wizard").current) == "step-send"
        await pilot.click("#via-eml")
        app.screen.query_one("#eml-dir").value = str(tmp_path)
        await pilot.click("#send-button")
        await settle(app, pilot)
        results = app.screen.query_one("#results")
        assert results.row_count == 3
        assert all(str(results.get_row_at(i)[1]) == "ok" for i in range(3))
        await pilot.click("#done")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        companies = [str(app.screen.query_one("#deadlines").get_row_at(i)[0]) for i in range(app.screen.query_one("#deadlines").row_count)]
        assert companies.count("Acme Example Corp") == 2  # its new draft joined the earlier request
    assert len(list(tmp_path.glob("*.eml"))) == 3
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        new = [r for r in store.requests() if r.type == "deletion" and r.created.startswith(str(date.today().year)) and not r.sent]
        acme = next(c for c in store.companies() if c.name == "Acme Example Corp")
    assert {r.company_id for r in new} >= {acme.id}
    assert len([r for r in new if r.events[-1].kind == "created"]) >= 3
    edited = next(r for r in new if r.company_id == acme.id)
    assert edited.body.endswith("P.S. edited in the preview.")
    assert edited.regime == "uk_gdpr"  # the profile lives in GB: the automatic choice


async def test_send_over_smtp_marks_sent_with_a_deadline(demo_home, make_smtp_server):
    server = make_smtp_server()
    set_smtp(server)
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await send_to_mock_mobility(app, pilot)  # SMTP is the default
        await settle(app, pilot)
        results = app.screen.query_one("#results")
        assert str(results.get_row_at(0)[1]) == "ok", str(results.get_row_at(0)[2])
    received = server.wait_for_message()
    assert b"privacy@mock-mobility.example.com" in received.data
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        mock = next(c for c in store.companies() if c.name == "Mock Mobility Ltd")
        sent = [r for r in store.requests(mock.id) if r.sent]
    assert len(sent) == 1 and sent[0].sent == TODAY.isoformat() and sent[0].due
    assert sent[0].transport == "smtp"


async def test_request_detail_explains_deadlines_and_drafts_a_reminder(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        _, rid = focused_deadline(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RequestDetailScreen"
        rules = str(app.screen.query_one("#deadline-rules").render())
        assert "one month from" in rules and "Article 12(3)" in rules
        assert "overdue" in str(app.screen.query_one("#request-summary").render())
        assert app.screen.query_one("#timeline-table").row_count >= 3
        await pilot.press("r")
        await settle(app, pilot)
        followup = app.screen.query_one("#followup").text
        assert "Reminder" in followup and "PT-" in followup
        assert app.screen.query_one("#record-followup").disabled  # SMTP is the default: the app records that itself
        app.screen.query_one("#esc-via-copy").value = True
        await pilot.pause()
        app.screen.query_one("#send-followup").press()  # below the fold: pressed as a keyboard user would
        await settle(app, pilot)
        assert "Reminder" in app.clipboard and "privacy@fictional-foods.example.com" in app.clipboard
        app.screen.query_one("#record-followup").press()
        await settle(app, pilot)
        await pilot.press("f")  # fulfilled, through the same modal
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MarkEventScreen"
        assert app.screen.query_one("#kind").value == "fulfilled"
        await pilot.click("#record")
        await settle(app, pilot)
        assert "done" in str(app.screen.query_one("#request-summary").render())
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        request = store.request(rid)
        reminders = [m for m in store.messages(rid) if m.kind == "reminder"]
    kinds = [e.kind for e in request.events]
    assert kinds[-3:] == ["message", "message", "fulfilled"]  # drafted, sent by the user, then the answer
    assert len(reminders) == 1 and reminders[0].sent_at and reminders[0].transport == "copy"


async def test_ui_stays_responsive_while_a_slow_smtp_server_sends(demo_home, make_smtp_server):
    server = make_smtp_server(data_delay=30)
    set_smtp(server)
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await send_to_mock_mobility(app, pilot)
        # The server now holds the message: wait (off the event loop) until it has the whole text.
        assert await asyncio.to_thread(server.data_arrived.wait, 10)
        sending = [w for w in app.workers if w.name == "send" and not w.is_finished]
        assert sending, "the send should still be in progress"
        await pilot.press("f1")  # keys are handled while the worker waits on the network
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewRequestScreen"
        assert "Sending" in str(app.screen.query_one("#send-status").render())
        assert not sending[0].is_finished
        server.release()
        await settle(app, pilot)
        assert str(app.screen.query_one("#results").get_row_at(0)[1]) == "ok"
