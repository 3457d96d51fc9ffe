"""Answers to deflections: drafted from a received reply (real inbox services), stored as a letter of
the request and sent through the same outbox as reminders (real aiosmtpd server on 127.0.0.1)."""

from __future__ import annotations

import email
from email import policy

import pytest
from support.demo import TODAY
from support.inbox import make_inbox_home
from support.vault import PASSPHRASE as PASS

from privacy_tui.core.errors import UserError
from privacy_tui.services.escalation import find_message, send_escalation
from privacy_tui.services.inbox import list_messages
from privacy_tui.services.inbox_answer import draft_answer
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


@pytest.fixture
def inbox_home(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    return make_inbox_home()


def record(store, start: str) -> dict:
    return next(r for r in list_messages(store) if r["subject"].startswith(start))


def test_excessive_id_answer_is_a_draft_letter_of_the_request(inbox_home):
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        reply = record(store, "Re: Erasure")
        request = store.request(reply["request_id"])
        draft, recipient = draft_answer(store, reply["id"], today=TODAY, details="a passport copy and a utility bill")
        assert draft.kind == "answer" and not draft.sent_at and draft.request_id == request.id
        assert draft.to == reply["from"] == recipient.email
        assert request.reference in draft.subject  # the code the company's reply matched on
        assert "a passport copy and a utility bill" in draft.body
        assert "Article 12(6) GDPR" in draft.body and "Article 5(1)(c)" in draft.body
        event = store.request(request.id).events[-1]
        assert event.kind == "message" and event.data["draft"] and event.data["in_reply_to"] == "reply-1@mail.example"
        assert find_message(store, draft.id).id == draft.id  # the outbox knows it like a reminder


def test_answer_is_sent_by_smtp_threaded_under_the_reply(inbox_home, make_smtp_server):
    server = make_smtp_server()
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        store.set_setting("smtp", server.settings().to_dict())
        reply = record(store, "Re: Erasure")
        draft, _ = draft_answer(store, reply["id"], today=TODAY)
        outcome = send_escalation(store, draft.id, "smtp", today=TODAY, password="")
        assert outcome.sent
        sent = find_message(store, draft.id)
        assert sent.sent_at and sent.raw and sent.transport == "smtp"
        with pytest.raises(UserError, match="already sent"):  # the outbox's --resend rule holds for answers
            send_escalation(store, draft.id, "smtp", today=TODAY, password="")
        timeline = store.request(reply["request_id"]).events
    got = server.wait_for_message()
    assert reply["from"] in got.rcpt_tos
    msg = email.message_from_bytes(got.data, policy=policy.default)
    assert msg["In-Reply-To"] == "<reply-1@mail.example>"
    assert "a copy of an identity document" in msg.get_content()
    assert timeline[-1].kind == "message" and "answer to the company emailed" in timeline[-1].detail


def test_no_answer_for_an_unmatched_or_unanswerable_reply(inbox_home):
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        unmatched = record(store, "Your data request")
        with pytest.raises(UserError, match="not matched to a request"):
            draft_answer(store, unmatched["id"], today=TODAY)
        ack = record(store, "Re: Data subject access")
        with pytest.raises(UserError, match="no ready answer"):
            draft_answer(store, ack["id"], today=TODAY)
        before = store.counts()["messages"]
    with Vault.open(paths(), passphrase=PASS) as vault:
        assert Store(vault).counts()["messages"] == before  # nothing was drafted


def test_a_hostile_message_id_never_reaches_a_header(inbox_home, make_smtp_server, monkeypatch):
    from privacy_tui.services import inbox

    server = make_smtp_server()
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        store.set_setting("smtp", server.settings().to_dict())
        reply = record(store, "Re: Erasure")
        real = inbox.get_message

        def tampered(store_, ident):
            return dict(real(store_, ident), message_id="x@y>\r\nBcc: victim@example.org")

        monkeypatch.setattr(inbox, "get_message", tampered)
        draft, _ = draft_answer(store, reply["id"], today=TODAY)
        monkeypatch.setattr(inbox, "get_message", real)
        send_escalation(store, draft.id, "smtp", today=TODAY, password="")
    got = server.wait_for_message()
    assert b"victim@example.org" not in got.data and b"In-Reply-To" not in got.data


def test_cli_answer_prints_the_draft_and_sends_it_on_request(inbox_home, capsys, monkeypatch, tmp_path):
    import json

    from support.cli import run_main

    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        reply, unmatched = record(store, "Re: Erasure"), record(store, "Your data request")
    rc, out, err = run_main(capsys, "inbox", "answer", reply["id"], "--details", "my passport", "--json", "--today", TODAY.isoformat())
    assert rc == 0, err
    data = json.loads(out)
    assert data["kind"] == "answer" and data["sent"] is False and "my passport" in data["body"]
    assert data["send_with"] == f"privacy-tui request send-escalation {data['message_id']}"
    target = tmp_path / "answer.eml"
    rc, out, err = run_main(capsys, "inbox", "answer", reply["id"], "--send", "--via", "eml", "--out", str(target),
                            "--today", TODAY.isoformat())
    assert rc == 0, err
    assert "Subject:" in out and str(target) in out
    assert b"In-Reply-To: <reply-1@mail.example>" in target.read_bytes()
    rc, out, err = run_main(capsys, "inbox", "answer", unmatched["id"], "--today", TODAY.isoformat())
    assert rc == 2 and err.startswith("error: ") and "not matched to a request" in err and len(err.splitlines()) == 1
    rc, out, err = run_main(capsys, "inbox", "answer", reply["id"], "--via", "smtp", "--today", TODAY.isoformat())
    assert rc == 2 and "go with --send" in err
