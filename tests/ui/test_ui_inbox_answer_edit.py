"""The ready answer is editable in the Inbox before anything is stored or sent (issue 14): the
edited text is what is stored and what leaves (here as an .eml file), and cancel keeps nothing."""

from __future__ import annotations

import email
from email import policy

from support.inbox import PASS, TODAY
from support.inbox_ui import by_subject, press_on_reply, settle

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def stored(request_id: str):
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        return store.request(request_id), store.messages(request_id)


async def open_answer_editor(app, pilot, record_id: str) -> None:
    await press_on_reply(app, pilot, record_id, "w")
    await pilot.click("#answer-draft")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "AnswerEditScreen"


async def test_the_edited_text_is_what_is_stored_and_sent(inbox_home, tmp_path):
    target = by_subject("Re: Erasure")
    _, before = stored(target["request_id"])
    mine = ("Dear privacy team,\n\nI will not send you my passport. My name and this address identify me "
            "(Article 12(6) GDPR).\n\nÄrgerlich, aber höflich.\nAlex")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_answer_editor(app, pilot, target["id"])
        assert "Article 5(1)(c)" in app.screen.query_one("#answer-text").text  # the draft to start from
        app.screen.query_one("#answer-subject").value = "My identity is not in doubt"
        app.screen.query_one("#answer-text").text = mine
        await pilot.click("#answer-keep")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AnswerScreen"
        assert app.screen.query_one("#followup").text == f"Subject: My identity is not in doubt\n\n{mine}\n"
        await pilot.click("#esc-via-eml")
        await settle(app, pilot)
        app.screen.query_one("#followup-dir").value = str(tmp_path)
        await pilot.click("#send-followup")
        await settle(app, pilot)
    _, after = stored(target["request_id"])
    [answer] = [m for m in after if m.id not in {b.id for b in before}]
    assert answer.kind == "answer" and answer.body == mine + "\n" and answer.subject == "My identity is not in doubt"
    [eml] = list(tmp_path.glob("*.eml"))
    sent = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert sent["Subject"] == "My identity is not in doubt"
    assert sent["To"] == target["from"]
    assert sent.get_content().replace("\r\n", "\n").rstrip("\n") == mine


async def test_cancel_in_the_editor_stores_nothing(inbox_home):
    target = by_subject("Re: Erasure")
    request_before, messages_before = stored(target["request_id"])
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_answer_editor(app, pilot, target["id"])
        app.screen.query_one("#answer-text").text = "something I changed my mind about"
        await pilot.click("#answer-edit-cancel")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InboxScreen"
    request_after, messages_after = stored(target["request_id"])
    assert [m.id for m in messages_after] == [m.id for m in messages_before]
    assert len(request_after.events) == len(request_before.events)


async def test_an_emptied_answer_is_refused_in_place(inbox_home):
    target = by_subject("Re: Erasure")
    _, messages_before = stored(target["request_id"])
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_answer_editor(app, pilot, target["id"])
        app.screen.query_one("#answer-text").text = "  \n\x1b\x07\n \t"  # controls dropped: nothing left
        await pilot.click("#answer-keep")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "AnswerEditScreen"
        assert "empty" in str(app.screen.query_one("#answer-error").render())
    _, messages_after = stored(target["request_id"])
    assert len(messages_after) == len(messages_before)
