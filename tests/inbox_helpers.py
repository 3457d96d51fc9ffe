"""Helpers for the inbox tests: a vault with companies and sent requests, and replies to them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
import email.policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone

from privacy_tui.core.models import Company, Message, new_id, now_iso
from privacy_tui.services.requests import append_event, build_request


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
    msg["Date"] = format_datetime(when or datetime(2026, 11, 5, 9, 30, tzinfo=timezone.utc))
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
