"""The one outbound path: letter → durable pending record → transport → recorded outcome.

Requests (services.sending), reminders, appeals and complaints (services.escalation) and answers
to a company's reply (services.inbox_answer) all leave through `send`. The caller decides what
to send, to whom and which timeline events an outcome appends (`on_sent`, `on_failed`); the
outbox owns the rest, once:

- a transport that delivers by itself (SMTP) gets a pending record written to the vault BEFORE
  it is called, so a crash mid-send leaves evidence and the next attempt refuses to send blindly
  ("may have been delivered"); after a clean refusal the retry reuses the same Message-ID, so a
  duplicate (should one ever occur) is recognisable; `resend` overrides both;
- the outcome is recorded: sent (the record gets `sent_at` and the server's reply), refused or
  may-have-been-delivered (the caller's failure event, the reply kept; the error is re-raised);
- a hand-off (eml / mailto / copy, `Transport.records_outcome` False) records nothing: the user
  sends it and confirms afterwards.

A transport is anything with the `Transport` shape (services.transports has SMTP, the mail-client
hand-offs and DRP; a test can plug in its own). The types are direction-neutral on purpose: the
inbound side (inbox sync / import) has the mirror shape — a source yields `Item`s, each made
durable as a record before it is classified — and can take `Item` as it is, with a
`Source.collect() -> Iterable[Item]` beside `Transport.deliver(Item) -> Delivery`.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.models import Message, Request, now_iso
from privacy_tui.vault.store import Store

MAYBE_DELIVERED = "may have been delivered — check your sent folder before resending"

SENT = "sent"
REFUSED = "refused"  # a clean refusal: nothing was delivered, a retry is safe
UNCLEAR = "maybe_delivered"  # the whole letter went out unanswered
HANDED_OFF = "handed_off"  # the user sends it (eml / mailto / copy)


@dataclass(frozen=True)
class Item:
    """One letter between the user and a company or regulator, in either direction: the record the
    vault keeps (outbound: the pending attempt; inbound: the received mail) and its wire form."""

    record: Message
    wire: EmailMessage | None = None


@dataclass(frozen=True)
class Delivery:
    """What a transport reports back."""

    status: str  # SENT | REFUSED | UNCLEAR | HANDED_OFF
    reply: str = ""  # the other side's answer as recorded (SMTP's final reply, DRP's status JSON)
    where: str = ""  # where it went, for the timeline ("via HOST")
    message_id: str = ""  # an id the other side gave it (DRP), else the record's Message-ID stands
    error: TransportError | None = None  # for REFUSED / UNCLEAR: what the user is told
    stage: str = ""  # where a failure happened (SMTP: connect, tls, auth, mail, rcpt, data, after_data)
    answer: Any = None  # the transport's own result object (a DRP status), for the caller's events
    text: str = ""  # hand-offs: the text to paste / the mailto: URL
    url: str | None = None
    path: Path | None = None


class Transport(Protocol):
    name: str  # recorded as the message's transport ("smtp", "drp", "eml", ...)
    records_outcome: bool  # it delivers by itself, so the outcome is recorded (hand-offs: False)
    pending_first: bool  # a pending record is made durable before `deliver` is called
    from_addr: str  # the From of the MIME form it needs; "" when it needs none

    def prepare(self) -> None:
        """Last checks before anything is written (SMTP: the password from the keyring)."""

    def deliver(self, item: Item) -> Delivery: ...


@dataclass(frozen=True)
class Letter:
    """What a caller wants sent."""

    request: Request
    record: Message  # as drafted: id, kind, to, subject, body (an escalation's stored draft, or a new record)
    to: tuple[str, ...]  # e-mail recipients
    label: str  # how messages name it: the request's id, or the draft message's id
    headers: tuple[tuple[str, str], ...] = ()
    # A stored draft's own attempts are its pending ones; a request's letter is made anew for each
    # send, so any unsent attempt of its kind is pending.
    draft: bool = False


@dataclass(frozen=True)
class Sent:
    request: Request  # as updated by the outcome's events
    record: Message
    delivery: Delivery


def compose(store: Store, letter: Letter, *, from_addr: str, message_id: str | None = None) -> EmailMessage:
    """The MIME form of `letter` (the user's name on From; a Bcc to themselves unless switched off)."""
    from privacy_tui.transport.message import make_message

    bcc = [from_addr] if store.setting("smtp_bcc_self", True) else []
    return make_message(
        from_addr=from_addr,
        to=list(letter.to),
        subject=letter.record.subject,
        body=letter.record.body,
        bcc=bcc,
        message_id=message_id,
        headers={"X-Privacy-Request-Reference": letter.request.reference, **dict(letter.headers)},
        from_name=store.profile().name,
    )


def pending_attempt(store: Store, letter: Letter, transport: str) -> Message | None:
    """An earlier attempt by `transport` that was written but never confirmed sent."""
    for m in store.messages(letter.request.id):
        unsent = m.kind == letter.record.kind and m.transport == transport and m.message_id and not m.sent_at
        if unsent and (m.id == letter.record.id or not letter.draft):
            return m
    return None


def refuse_unclear(request: Request, pending: Message, label: str) -> None:
    """Retry only after a clean refusal of that very attempt; otherwise the letter may be out."""
    failures = [e for e in request.events if e.data.get("message_id") == pending.message_id
                and (e.kind == "send_failed" or e.data.get("failed"))]
    if not failures or failures[-1].data.get("maybe_delivered"):
        raise UserError(f"an earlier attempt to send {label} did not finish and {MAYBE_DELIVERED}; use --resend to send anyway")


def send(
    store: Store,
    letter: Letter,
    transport: Transport,
    *,
    resend: bool = False,
    on_sent: Callable[[Request, Message, Delivery], Request] | None = None,
    on_failed: Callable[[Request, Message, Delivery], Request] | None = None,
) -> Sent:
    """Send `letter` by `transport` and record the outcome (see the module's docstring).

    Raises the transport's error after recording a refusal or an unclear outcome.
    """
    pending = pending_attempt(store, letter, transport.name) if transport.pending_first else None
    if pending is not None and not resend:
        refuse_unclear(letter.request, pending, letter.label)
    transport.prepare()
    record = letter.record
    wire = None
    if transport.from_addr:
        wire = compose(store, letter, from_addr=transport.from_addr, message_id=pending.message_id if pending else None)
        from privacy_tui.transport.message import message_bytes

        record = replace(record, id=pending.id if pending else record.id, transport=transport.name,
                         message_id=str(wire["Message-ID"]), raw=base64.b64encode(message_bytes(wire)).decode("ascii"))
    if transport.pending_first:
        store.save_message(record)  # durable before the other side hears anything
    delivery = transport.deliver(Item(record, wire))
    if not transport.records_outcome:
        return Sent(letter.request, record, delivery)
    if delivery.error is not None:
        failed = on_failed(letter.request, record, delivery) if on_failed else letter.request
        with store.batch():
            store.save_request(failed)
            store.save_message(replace(record, server_reply=delivery.reply))
        raise delivery.error
    sent = replace(record, sent_at=now_iso(), server_reply=delivery.reply, transport=transport.name,
                   message_id=delivery.message_id or record.message_id)
    updated = on_sent(letter.request, sent, delivery) if on_sent else letter.request
    with store.batch():
        store.save_message(sent)
        store.save_request(updated)
    return Sent(updated, sent, delivery)


__all__ = [
    "HANDED_OFF", "MAYBE_DELIVERED", "REFUSED", "SENT", "UNCLEAR",
    "Delivery", "Item", "Letter", "Sent", "Transport", "compose", "pending_attempt", "refuse_unclear", "send",
]
