"""Sending a request and recording exactly what was sent, as evidence.

What to send (the letter as of the sending day, to the company's privacy address) and which
events the outcome appends are decided here; the pending-record-first path, the resend rules and
the hand-offs are the outbox's (services.outbox), shared with reminders, complaints and answers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company, Message, Request, new_id, now_iso
from privacy_tui.services import outbox
from privacy_tui.services.outbox import MAYBE_DELIVERED
from privacy_tui.services.requests import append_event, letter_as_of
from privacy_tui.services.smtp_settings import configured as configured_smtp
from privacy_tui.vault.store import Store

VIAS = ("smtp", "eml", "mailto", "copy", "drp")


@dataclass(frozen=True)
class SendOutcome:
    request: Request
    text: str  # what to show the user
    url: str | None = None
    path: Path | None = None
    sent: bool = False  # the request is now recorded as sent


def recipients(company: Company | None) -> list[str]:
    if company is None or not company.emails:
        name = company.name if company else "this company"
        raise UserError(f"{name} has no privacy email address: add one with `privacy-tui company edit ID --email ADDR`, or use --via copy for its web form")
    return [company.emails[0]]


def _check_resend(request: Request, resend: bool) -> None:
    if request.sent and not resend:
        raise UserError(f"request {request.id} was already sent on {request.sent}; use --resend to send it again")
    if not request.body.strip():
        raise UserError("the request has no letter text; run `privacy-tui request edit ID --body-file FILE`")


def letter(request: Request, to: tuple[str, ...]) -> outbox.Letter:
    """The request's letter as the outbox takes it (a new record for each send)."""
    record = Message(id=new_id("m"), request_id=request.id, kind="request", transport="", to=", ".join(to),
                     subject=request.subject, body=request.body, created=now_iso())
    return outbox.Letter(request, record, to, label=request.id)


def send_request(
    store: Store,
    ident: str,
    via: str,
    *,
    today: date,
    resend: bool = False,
    out: Path | None = None,
    password: str | None = None,
) -> SendOutcome:
    via = (via or "smtp").lower()
    if via not in VIAS:
        raise UserError(f"unknown --via {via!r}: choose from {', '.join(VIAS)}")
    request = store.request(ident)
    company = store.find_company(request.company_id)
    # Every date the letter states is the sending day's, not the drafting day's.
    request = letter_as_of(request, company, today)
    if via == "smtp":
        return _send_smtp(store, request, company, today=today, resend=resend, password=password)
    if via == "drp":
        from privacy_tui.services.drp import send_drp

        return send_drp(store, request, company, today=today, resend=resend)
    return _hand_off(store, request, company, via, out=out)


def _send_smtp(store: Store, request: Request, company: Company | None, *, today: date, resend: bool, password: str | None) -> SendOutcome:
    from privacy_tui.services.transports import SmtpTransport

    _check_resend(request, resend)
    transport = SmtpTransport(configured_smtp(store), password)

    def failed(req: Request, record: Message, delivery: outbox.Delivery) -> Request:
        return append_event(req, "send_failed", today, str(delivery.error),
                            {"stage": delivery.stage, "maybe_delivered": delivery.status == outbox.UNCLEAR,
                             "message_id": record.message_id})

    def sent(req: Request, record: Message, delivery: outbox.Delivery) -> Request:
        kind = "sent" if not req.sent else "message"
        updated = append_event(req, kind, today, f"emailed to {record.to} via {delivery.where}" + (" (resent)" if req.sent else ""),
                               {"message_id": record.message_id, "server_reply": delivery.reply})
        return replace(updated, transport="smtp", message_id=record.message_id, sent_text=req.body)

    done = outbox.send(store, letter(request, tuple(recipients(company))), transport, resend=resend, on_sent=sent, on_failed=failed)
    return SendOutcome(done.request, f"sent to {done.record.to}: {done.delivery.reply}", sent=True)


def _hand_off(store: Store, request: Request, company: Company | None, via: str, *, out: Path | None) -> SendOutcome:
    """eml / mailto / copy: the user sends it; the request is marked sent only when they confirm."""
    from privacy_tui.services.transports import CopyHandOff, EmlHandOff, MailtoHandOff

    confirm = f"after sending, record it with `privacy-tui request mark {request.id} sent --date YYYY-MM-DD`"
    if via == "copy":
        done = outbox.send(store, letter(request, ()), CopyHandOff(company.webform if company else ""))
        return SendOutcome(request, done.delivery.text + f"\n\n({confirm})", url=done.delivery.url)
    the_letter = letter(request, tuple(recipients(company)))
    if via == "mailto":
        done = outbox.send(store, the_letter, MailtoHandOff(the_letter.to))
        return SendOutcome(request, done.delivery.text, url=done.delivery.url)
    target = out or Path.cwd() / f"{request.reference}.eml"
    done = outbox.send(store, the_letter, EmlHandOff(target, store.profile().email or the_letter.to[0]))
    return SendOutcome(request, f"wrote {target} (unencrypted: delete it once sent); {confirm}", path=done.delivery.path)


__all__ = ["MAYBE_DELIVERED", "VIAS", "SendOutcome", "letter", "recipients", "send_request"]
