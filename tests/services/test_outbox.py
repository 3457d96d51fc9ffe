"""The outbox (services/outbox.py) on its own: a transport written here plugs in through the same
protocol as SMTP, and sees the pending record already on disk when it is called."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pytest
from support.vault import PASSPHRASE, make_vault

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.models import Message, new_id, now_iso
from privacy_tui.services import outbox
from privacy_tui.services.requests import append_event

TODAY = date(2026, 4, 20)


@pytest.fixture
def store(monkeypatch):
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.requests import new_request
    from privacy_tui.services.session import open_store

    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    make_vault()
    with open_store(write=True, interactive=False) as s:
        company = add_company(s, name="Example GmbH", emails=["privacy@example.com"], country="DE")
        new_request(s, company.id, "access", today=TODAY)
        yield s


def on_disk(request_id: str) -> list[Message]:
    """What a second process would find in the vault file right now."""
    from privacy_tui.services.session import open_store

    with open_store(write=False, interactive=False) as other:
        return other.messages(request_id)


@dataclass
class Scripted:
    """A transport of this test: answers each call with the next scripted outcome, and notes what
    the vault on disk held when it was called."""

    outcomes: list
    name: str = "scripted"
    records_outcome: bool = True
    pending_first: bool = True
    from_addr: str = "mia@example.org"
    prepared: int = 0
    calls: list = field(default_factory=list)  # (item, messages on disk at call time)

    def prepare(self) -> None:
        self.prepared += 1

    def deliver(self, item: outbox.Item) -> outbox.Delivery:
        self.calls.append((item, on_disk(item.record.request_id)))
        result = self.outcomes.pop(0)
        if isinstance(result, BaseException):
            raise result
        return result


def letter(store, *, draft: bool = False, record: Message | None = None) -> outbox.Letter:
    request = store.requests()[0]
    request = store.request(request.id)
    record = record or Message(id=new_id("m"), request_id=request.id, kind="request", transport="",
                               to="privacy@example.com", subject=request.subject, body=request.body, created=now_iso())
    return outbox.Letter(request, record, ("privacy@example.com",), label=request.id, draft=draft)


def sent_event(req, record, delivery):
    return append_event(req, "sent", TODAY, f"emailed via {delivery.where}", {"message_id": record.message_id})


def failed_event(req, record, delivery):
    return append_event(req, "send_failed", TODAY, str(delivery.error),
                        {"stage": delivery.stage, "maybe_delivered": delivery.status == outbox.UNCLEAR,
                         "message_id": record.message_id})


def send(store, transport, *, resend=False, **kw):
    return outbox.send(store, letter(store, **kw), transport, resend=resend, on_sent=sent_event, on_failed=failed_event)


def test_the_pending_record_is_on_disk_before_the_transport_is_called(store):
    transport = Scripted([outbox.Delivery(outbox.SENT, reply="250 2.0.0 queued", where="mx.test")])
    done = send(store, transport)

    item, seen = transport.calls[0]
    assert transport.prepared == 1
    assert [(m.id, m.transport, m.message_id, m.sent_at) for m in seen] == [
        (item.record.id, "scripted", item.record.message_id, "")
    ]
    assert item.wire is not None and str(item.wire["Message-ID"]) == item.record.message_id
    assert item.wire["To"] == "privacy@example.com" and item.record.raw  # the exact bytes are evidence
    [stored] = store.messages(done.request.id)
    assert stored.sent_at and stored.server_reply == "250 2.0.0 queued"
    assert done.request.sent == TODAY.isoformat()
    assert [(m.id, bool(m.sent_at)) for m in on_disk(done.request.id)] == [(stored.id, True)]


def test_a_refusal_is_recorded_and_a_retry_reuses_the_message_id(store):
    refused = TransportError("the server refused the recipient (550)")
    transport = Scripted([
        outbox.Delivery(outbox.REFUSED, reply="550 no such user", error=refused, stage="rcpt"),
        outbox.Delivery(outbox.SENT, reply="250 ok", where="mx.test"),
    ])
    with pytest.raises(TransportError) as caught:
        send(store, transport)
    assert caught.value is refused
    [first] = store.messages(store.requests()[0].id)
    assert not first.sent_at and first.server_reply == "550 no such user"
    request = store.requests()[0]
    assert not request.sent
    [event] = [e for e in request.events if e.kind == "send_failed"]
    assert event.data == {"stage": "rcpt", "maybe_delivered": False, "message_id": first.message_id}

    done = send(store, transport)  # a clean refusal: retrying without --resend is safe
    assert done.record.id == first.id and done.record.message_id == first.message_id
    assert [m.id for m in store.messages(request.id)] == [first.id]


def test_an_ambiguous_outcome_blocks_a_blind_retry_until_resend(store):
    transport = Scripted([
        outbox.Delivery(outbox.UNCLEAR, error=TransportError("no answer to the message"), stage="after_data"),
        outbox.Delivery(outbox.SENT, reply="250 ok"),
    ])
    with pytest.raises(TransportError):
        send(store, transport)
    request = store.requests()[0]
    assert [e.data["maybe_delivered"] for e in request.events if e.kind == "send_failed"] == [True]

    with pytest.raises(UserError, match="may have been delivered"):
        send(store, transport)
    assert len(transport.calls) == 1  # refused before the transport heard anything

    done = send(store, transport, resend=True)
    assert len(transport.calls) == 2 and done.record.sent_at
    assert done.record.message_id == transport.calls[0][0].record.message_id


def test_a_crash_mid_send_leaves_the_pending_record_and_refuses_a_blind_retry(store):
    transport = Scripted([KeyboardInterrupt()])
    with pytest.raises(KeyboardInterrupt):
        send(store, transport)
    [pending] = on_disk(store.requests()[0].id)
    assert pending.transport == "scripted" and pending.message_id and not pending.sent_at
    with pytest.raises(UserError, match="did not finish"):
        send(store, Scripted([]))


def test_a_hand_off_records_nothing(store):
    transport = Scripted([outbox.Delivery(outbox.HANDED_OFF, text="mailto:privacy@example.com")],
                         records_outcome=False, pending_first=False, from_addr="")
    before = store.requests()[0]
    done = send(store, transport)
    assert done.delivery.text == "mailto:privacy@example.com" and transport.calls[0][0].wire is None
    assert store.messages(before.id) == [] and transport.calls[0][1] == []
    assert store.requests()[0] == before


def test_a_stored_draft_is_pending_only_for_itself(store):
    """Two drafts of one kind (two reminders): an unclear attempt of one does not block the other."""
    request = store.requests()[0]
    drafts = [Message(id=new_id("m"), request_id=request.id, kind="reminder", transport="", to="privacy@example.com",
                      subject=f"Reminder {n}", body="Please answer.", created=now_iso()) for n in (1, 2)]
    for d in drafts:
        store.save_message(d)
    unclear = outbox.Delivery(outbox.UNCLEAR, error=TransportError("no answer"), stage="after_data")
    with pytest.raises(TransportError):
        outbox.send(store, letter(store, draft=True, record=drafts[0]), Scripted([unclear]))
    done = outbox.send(store, letter(store, draft=True, record=drafts[1]), Scripted([outbox.Delivery(outbox.SENT)]))
    assert done.record.id == drafts[1].id and done.record.sent_at
    with pytest.raises(UserError, match=f"attempt to send {request.id}"):
        outbox.send(store, letter(store, draft=True, record=replace(drafts[0])), Scripted([]))
