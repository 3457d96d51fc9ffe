"""Inbox test data: the demo vault with a handful of replies ingested through the real inbox
services (make_inbox_home), and sent requests with replies made to them (add_sent_request, reply)."""

from __future__ import annotations

import email.policy
from dataclasses import replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from privacy_tui.core.models import Company, Message, new_id, now_iso
from privacy_tui.core.timeline import derive_status
from privacy_tui.services.demo import populate
from privacy_tui.services.requests import append_event, build_request
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault
from support.demo import TODAY
from support.vault import PASSPHRASE as PASS

ZIP = b"PK\x03\x04" + bytes(range(256)) * 4  # the bytes the company sent, to compare with the saved copy


def mail(n: int, frm: str, subject: str, body: str, *, attachment: tuple[str, bytes] | None = None, day: int = 9,
         headers: dict | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = frm
    m["To"] = "alex@example.com"
    m["Subject"] = subject
    m["Date"] = f"Mon, {day:02d} Mar 2026 10:{n:02d}:00 +0000"
    m["Message-ID"] = f"<reply-{n}@mail.example>"
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body)
    if attachment:
        m.add_attachment(attachment[1], maintype="application", subtype="zip", filename=attachment[0])
    return m.as_bytes()


def open_requests(store: Store) -> dict[str, object]:
    """The demo's open requests by company name (one each)."""
    names = {c.id: c for c in store.companies()}
    found = {}
    for r in store.requests():
        if derive_status(r, TODAY) not in ("done", "denied", "withdrawn", "draft") and r.sent:
            found.setdefault(names[r.company_id].name, (r, names[r.company_id]))
    return found


def replies(store: Store) -> list[bytes]:
    reqs = open_requests(store)
    foods, foods_co = reqs["Fictional Foods GmbH"]
    acme, acme_co = reqs["Acme Example Corp"]
    stream, stream_co = reqs["Sample Streaming Inc"]
    tele, tele_co = reqs["Placeholder Telecom Ltda"]
    return [
        mail(1, foods_co.emails[0], f"Re: {foods.subject} [{foods.reference}]",
             "Before we can process your request please send us a copy of your passport and a recent utility bill "
             "so that we can verify your identity.\n\nKind regards,\nPrivacy Team"),
        mail(2, "noreply@helpdesk-tickets.example", "Your data request",
             "Please use our web form at https://acme-example.example.com/privacy-form to submit privacy requests. "
             "Requests by email cannot be processed.\n\n\x1b[31mThis is not markup: [b]bold[/b]"),
        mail(3, stream_co.emails[0], f"Re: {stream.subject} [{stream.reference}]",
             "Please find attached a copy of the personal data we hold about you, as requested.",
             attachment=("export.zip", ZIP)),
        mail(4, acme_co.emails[0], f"Automatic reply: {acme.subject} [{acme.reference}]",
             "I am out of the office until Monday and have limited access to email.",
             headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}),
        mail(5, tele_co.emails[0], f"Re: {tele.subject} [{tele.reference}]",
             "Thank you for your request. We have received your request and a ticket has been created (ticket 48213). "
             "We will respond within the legal deadline.",
             headers={"Auto-Submitted": "auto-generated"}),
    ]


def make_inbox_home(*, ingest: bool = True) -> dict:
    """Create the vault (demo data + replies); returns {'ids': [...], 'requests': {...}} for the tests."""
    from privacy_tui.services.inbox import ingest_many, list_messages

    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    try:
        store = Store(vault)
        populate(store, TODAY)
        info = {"requests": {name: r.id for name, (r, _) in open_requests(store).items()}}
        if ingest:
            report = ingest_many(store, [(raw, {"source": "import", "origin": f"reply-{i}.eml"})
                                         for i, raw in enumerate(replies(store), 1)], dkim=lambda raw: "not checked")
            info["ids"] = report.ids
            info["records"] = {r["subject"]: r for r in list_messages(store)}
        return info
    finally:
        vault.close()


def inbox_records() -> list[dict]:
    from privacy_tui.services.inbox import list_messages

    with Vault.open(paths(), passphrase=PASS) as vault:
        return list_messages(Store(vault))


# --- sent requests and replies to them ---------------------------------------------------------


def add_sent_request(store, *, name: str = "Acme Ltd", domain: str = "acme.example", sent: date = date(2026, 11, 2),
                     company_id: str | None = None):
    """A company (privacy contact at `domain`) and an access request sent to it by SMTP, with
    its Message-ID recorded the way services.sending records it."""
    company = store.find_company(company_id) if company_id else None
    if company is None:
        company = Company(id=company_id or new_id("c"), name=name, emails=(f"privacy@{domain}",), website=f"https://www.{domain}/",
                          country="GB", created=now_iso(), updated=now_iso())
        store.save_company(company)
    request = build_request(company, store.profile(), "access", regime="uk_gdpr", today=sent)
    msgid = make_msgid(domain="ada.example").strip("<>")
    request = append_event(replace(request, message_id=msgid, transport="smtp"), "sent", sent)
    store.save_request(request)
    store.save_message(Message(id=new_id("m"), request_id=request.id, kind="request", transport="smtp",
                               to=f"privacy@{domain}", subject=f"Subject access request [{request.reference}]",
                               body="...", created=now_iso(), sent_at=now_iso(), message_id=msgid))
    return company, request


def reply(*, sender: str, subject: str, body: str, in_reply_to: str = "", when: datetime | None = None,
          headers: dict | None = None, attachments: list[tuple[str, str, bytes]] = (), message_id: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "ada@ada.example"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or datetime(2026, 11, 5, 9, 30, tzinfo=UTC))
    msg["Message-ID"] = message_id or make_msgid(domain=sender.rpartition("@")[2].strip(">"))
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
        msg["References"] = f"<{in_reply_to}>"
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    for filename, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return msg.as_bytes(policy=email.policy.SMTP)  # CRLF, as an IMAP server serves it


ACK_BODY = ("Dear Ada,\n\nThank you for your request. We confirm receipt of your subject access request and will "
            "respond within one month. Your case number is 48213.\n\nKind regards,\nPrivacy Team")


def no_dkim(raw: bytes) -> str:
    """The DKIM check injected into inbox.ingest_many where a test is not about DKIM."""
    return "not checked"
