"""The Inbox screen with Pilot, on replies ingested through the real services: accept, reassign,
ignore, undo, save an attachment (after the not-encrypted warning), the dashboard count and the
request detail's timeline."""

from __future__ import annotations

import os
import stat

from support.demo import TODAY
from support.inbox import ZIP, make_inbox_home
from support.inbox_ui import by_subject, open_inbox, press_on_reply, select, settle
from support.paths import FIXTURES
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def request(rid: str):
    with Vault.open(paths(), passphrase=PASS) as vault:
        return Store(vault).request(rid)


def cell_texts(table) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_list_new_and_unmatched_first_with_a_plain_text_preview(inbox_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        rows = cell_texts(app.screen.query_one("#inbox-table"))
        assert len(rows) == 5
        assert rows[0][3] == "unmatched"  # new and unmatched first
        assert "acknowledged" in rows[-1][1] and rows[-1][1].startswith("✓")  # applied automatically: last
        title = str(app.screen.query_one("#inbox-title").render())
        assert "4 waiting (1 unmatched) of 5" in title
        # The first row's preview: its text is data, shown literally with the escape visible.
        body = str(app.screen.query_one("#preview-body").render())
        assert "[b]bold[/b]" in body and "\x1b" not in body
        links = str(app.screen.query_one("#preview-links").render())
        assert "https://acme-example.example.com/privacy-form" in links and "never opened" in links


async def test_accept_records_the_event_in_the_requests_timeline(inbox_home):
    target = by_subject("Re: Erasure")
    assert target["kind"] == "id_requested" and target["state"] == "new"
    before = len(request(target["request_id"]).events)
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_on_reply(app, pilot, target["id"], "a")
        assert type(app.screen).__name__ == "AcceptScreen"
        assert app.screen.query_one("#accept-kind").value == "id_requested"
        await pilot.click("#accept-ok")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InboxScreen"
    after = request(target["request_id"])
    assert len(after.events) == before + 1 and after.events[-1].kind == "id_requested"
    assert after.events[-1].data.get("inbox") == target["id"]
    assert by_subject("Re: Erasure")["state"] == "accepted"


async def test_reassign_an_unmatched_reply_to_a_chosen_request(inbox_home):
    target = by_subject("Your data request")
    assert target["request_id"] is None
    acme = inbox_home["requests"]["Acme Example Corp"]
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_on_reply(app, pilot, target["id"], "r")
        assert type(app.screen).__name__ == "RequestPickerScreen"
        options = app.screen.query_one("#picker-list")
        index = next(i for i in range(options.option_count) if options.get_option_at_index(i).id == acme)
        options.highlighted = index
        await pilot.click("#picker-ok")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InboxScreen"
        rows = cell_texts(app.screen.query_one("#inbox-table"))
        assert not any(row[3] == "unmatched" for row in rows)
    moved = by_subject("Your data request")
    assert moved["request_id"] == acme and moved["state"] == "accepted"


async def test_ignore_and_undo_an_automatic_application(inbox_home):
    ack = by_subject("Re: Data subject access")
    assert ack["auto_applied"] and ack["state"] == "accepted"
    assert request(ack["request_id"]).events[-1].kind == "acknowledged"
    auto = by_subject("Automatic reply")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        await select(app, pilot, ack["id"])
        assert "u to undo" in str(app.screen.query_one("#preview-head").render())
        await pilot.press("u")
        await settle(app, pilot)
        await select(app, pilot, auto["id"])
        await pilot.press("i")
        await settle(app, pilot)
        title = str(app.screen.query_one("#inbox-title").render())
        assert "4 waiting" in title  # one back to new, one ignored
    undone = by_subject("Re: Data subject access")
    assert undone["state"] == "new" and not undone["auto_applied"]
    assert all(e.data.get("inbox") != ack["id"] for e in request(ack["request_id"]).events)
    assert by_subject("Automatic reply")["state"] == "ignored"


async def test_save_attachment_warns_and_writes_only_where_told(inbox_home, tmp_path):
    target = by_subject("Re: Request to access")
    assert target["attachments"][0]["filename"] == "export.zip"
    out = tmp_path / "saved-export.zip"
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        await select(app, pilot, target["id"])
        attachments = str(app.screen.query_one("#preview-attachments").render())
        assert "export.zip — application/zip, 1.0 kB" in attachments
        await pilot.press("s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "SaveAttachmentScreen"
        warning = str(app.screen.query_one("#save-warning").render())
        assert "NOT encrypted" in warning
        assert app.screen.query_one("#save-path").value.endswith("export.zip")
        assert not out.exists()  # nothing written before the user confirms
        app.screen.query_one("#save-path").value = str(out)
        await pilot.click("#save-ok")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InboxScreen"
        # A second save to the same file is refused, never overwriting it.
        await pilot.press("s")
        await settle(app, pilot)
        app.screen.query_one("#save-path").value = str(out)
        await pilot.click("#save-ok")
        await settle(app, pilot)
        assert "already exists" in str(app.screen.query_one("#save-error").render())
    assert out.read_bytes() == ZIP
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600


async def test_dashboard_counts_waiting_replies_and_request_detail_shows_them(inbox_home):
    target = by_subject("Re: Erasure")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        line = app.screen.query_one("#replies-waiting")
        assert line.display and "4 replies wait in the Inbox" in str(line.render())
        from privacy_tui.ui.screens.help import help_text

        assert "Inbox" in [c.title for c in app.get_system_commands(app.screen)]  # the command palette
        assert "Inbox (replies)" in help_text() and "Save attachment" in help_text()
        app.action_open_request(target["request_id"])
        await settle(app, pilot)
        rows = cell_texts(app.screen.query_one("#timeline-table"))
        # Timeline texts wrap to the column's width: compare them as one line.
        flat = [[cell.replace("\n", " ") for cell in row] for row in rows]
        assert any("✉ reply: ID requested (new)" in row[1] and target["subject"] in row[2] for row in flat)


async def test_dashboard_hides_the_line_when_nothing_waits(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    make_inbox_home(ingest=False)
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#replies-waiting").display
        await pilot.press("b")
        await settle(app, pilot)
        assert "No replies yet" in str(app.screen.query_one("#preview-head").render())


async def test_answer_drafts_into_the_letter_box_and_sends_through_the_outbox(inbox_home, make_smtp_server):
    server = make_smtp_server()
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        Store(vault).set_setting("smtp", server.settings().to_dict())
    target = by_subject("Re: Erasure")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_on_reply(app, pilot, target["id"], "w")
        assert type(app.screen).__name__ == "AnswerDetailsScreen"
        app.screen.query_one("#answer-words").value = "a scan of my passport"
        await pilot.click("#answer-draft")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AnswerEditScreen"
        draft = app.screen.query_one("#answer-text").text
        assert "a scan of my passport" in draft and "Article 12(6)" in draft
        app.screen.query_one("#answer-text").text = draft.replace("Kind regards", "Edited by hand.\n\nKind regards")
        await pilot.click("#answer-keep")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AnswerScreen"
        assert "Answer to the company" in str(app.screen.query_one("#followup-title").render())
        letter = app.screen.query_one("#followup").text
        assert "Edited by hand." in letter and "Article 12(6)" in letter
        assert app.screen.query_one("#esc-via-smtp").value  # the sender takes email: SMTP preselected
        await pilot.click("#send-followup")
        await settle(app, pilot)
        assert "sent to" in str(app.screen.query_one("#followup-result").render())
    got = server.wait_for_message()
    assert target["from"] in got.rcpt_tos and b"In-Reply-To: <reply-1@mail.example>" in got.data
    assert b"Edited by hand." in got.data
    events = request(target["request_id"]).events
    assert events[-1].kind == "message" and "answer to the company emailed" in events[-1].detail


async def test_no_answer_offered_for_an_acknowledgement(inbox_home):
    ack = by_subject("Re: Data subject access")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await press_on_reply(app, pilot, ack["id"], "w")
        assert type(app.screen).__name__ == "InboxScreen"
        assert any("no ready answer" in n.message for n in app._notifications)


async def test_hostile_message_is_shown_as_plain_text_and_its_file_name_picks_no_folder(monkeypatch):
    from support.inbox import mail

    from privacy_tui.services.inbox import ingest_many

    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    make_inbox_home(ingest=False)
    raw = mail(9, "[link=https://evil.example]x[/link]@evil.example", "[bold red]PWNED[/] \x1b]52;c;ZXZpbA==\x07 privacy request",
               "Body with [reverse]markup[/reverse] and \x1b[2J an escape.", attachment=("../../.bashrc\x1b[2J", b"echo owned"))
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        ingest_many(Store(vault), [(raw, {"source": "import"})], dkim=lambda raw: "not checked")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        row = cell_texts(app.screen.query_one("#inbox-table"))[0]
        assert "[bold red]PWNED[/]" in row[5] and "\x1b" not in row[5] and "\x07" not in row[5]
        head = str(app.screen.query_one("#preview-head").render())
        body = str(app.screen.query_one("#preview-body").render())
        assert "[bold red]PWNED[/]" in head and "[reverse]markup[/reverse]" in body
        assert "\x1b" not in head + body
        await pilot.press("s")
        await settle(app, pilot)
        path = app.screen.query_one("#save-path").value
        assert path.startswith("~/") and "/" not in path[2:] and ".." not in path and "\x1b" not in path


async def test_every_reply_of_the_corpus_lists_and_previews(monkeypatch):
    """h11's corpus (HTML bodies, DSNs, zips, EN/DE/FR) through the real import into the app."""

    from privacy_tui.services.inbox import ingest_many

    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    make_inbox_home(ingest=False)
    files = sorted((FIXTURES / "inbox").glob("*.eml"))
    assert len(files) >= 40
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        report = ingest_many(Store(vault), [(f.read_bytes(), {"source": "import", "origin": f.name}) for f in files],
                             dkim=lambda raw: "not checked")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_inbox(app, pilot)
        table = app.screen.query_one("#inbox-table")
        assert table.row_count == report.added
        for i in range(table.row_count):
            table.move_cursor(row=i)
            await settle(app, pilot)
            mid = table.coordinate_to_cell_key((i, 0)).row_key.value
            assert app.screen.current["id"] == mid
            head = str(app.screen.query_one("#preview-head").render())
            assert "DKIM" in head and "\x1b" not in head


async def test_a_tampered_message_says_so_in_the_preview(inbox_home):
    target = by_subject("Re: Erasure")
    blob = paths().home / "blobs"
    # The import stored the message in a pack: its entry starts with the blob magic and the
    # message's sha256 (vault/packs.py).
    head = b"PTBLOB1\n" + bytes.fromhex(target["sha256"])
    files = [p for p in blob.iterdir() if head in p.read_bytes()]
    assert len(files) == 1
    data = bytearray(files[0].read_bytes())
    data[data.index(head) + len(head) + 12 + 3] ^= 1  # one bit of its ciphertext
    files[0].write_bytes(bytes(data))
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        table = app.screen.query_one("#inbox-table")
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]
        table.move_cursor(row=keys.index(target["id"]))
        await settle(app, pilot)
        head = str(app.screen.query_one("#preview-head").render())
        assert "Could not open this message" in head and "integrity" in head
        assert app.screen.current is None


async def test_a_large_inbox_fills_in_batches_and_keeps_the_cursor(inbox_home, monkeypatch):
    from privacy_tui.ui.screens import inbox as screen

    monkeypatch.setattr(screen, "FIRST_BATCH", 2)
    monkeypatch.setattr(screen, "BATCH", 1)
    last = by_subject("Re: Data subject access")  # accepted: the last row
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_inbox(app, pilot)
        table = app.screen.query_one("#inbox-table")
        assert table.row_count == 5
        await select(app, pilot, last["id"])
        app.screen.action_refresh()
        await settle(app, pilot)
        assert table.row_count == 5
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == last["id"]
        assert app.screen.current["id"] == last["id"]
