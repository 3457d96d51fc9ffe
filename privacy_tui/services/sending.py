"""Sending a request and recording exactly what was sent, as evidence.

SMTP sends are made idempotent with a "pending" message written to the vault BEFORE the
server is contacted: if the process dies mid-send, the next attempt sees the pending record
and refuses to send again blindly. A retry after a clean failure reuses the same Message-ID.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.models import Company, Message, Request, new_id, now_iso
from privacy_tui.services.requests import append_event, letter_as_of
from privacy_tui.vault.store import Store

VIAS = ("smtp", "eml", "mailto", "copy", "drp")
MAYBE_DELIVERED = "may have been delivered — check your sent folder before resending"


@dataclass(frozen=True)
class SendOutcome:
    request: Request
    text: str  # what to show the user
    url: str | None = None
    path: Path | None = None
    sent: bool = False  # the request is now recorded as sent


def smtp_settings(store: Store):
    from privacy_tui.transport.smtp_settings import SmtpSettings

    raw = store.setting("smtp")
    if not raw:
        raise UserError("SMTP is not configured: run `privacy-tui config smtp --preset NAME --username U --from ADDR`")
    return SmtpSettings.from_dict(raw)


def recipients(company: Company | None) -> list[str]:
    if company is None or not company.emails:
        name = company.name if company else "this company"
        raise UserError(f"{name} has no privacy email address: add one with `privacy-tui company edit ID --email ADDR`, or use --via copy for its web form")
    return [company.emails[0]]


def build_message(store: Store, request: Request, company: Company | None, *, from_addr: str, message_id: str | None = None):
    from privacy_tui.transport.message import make_message

    bcc = [from_addr] if store.setting("smtp_bcc_self", True) else []
    return make_message(
        from_addr=from_addr,
        to=recipients(company),
        subject=request.subject,
        body=request.body,
        bcc=bcc,
        message_id=message_id,
        headers={"X-Privacy-Request-Reference": request.reference},
        from_name=store.profile().name,
    )


def _pending(store: Store, request: Request) -> Message | None:
    for m in store.messages(request.id):
        if m.kind == "request" and m.transport == "smtp" and not m.sent_at:
            return m
    return None


def _check_resend(request: Request, resend: bool) -> None:
    if request.sent and not resend:
        raise UserError(f"request {request.id} was already sent on {request.sent}; use --resend to send it again")
    if not request.body.strip():
        raise UserError("the request has no letter text; run `privacy-tui request edit ID --body-file FILE`")


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
    from privacy_tui.transport.smtp import SmtpSendError, send_message
    from privacy_tui.transport.message import message_bytes
    from privacy_tui.vault.smtp_secrets import resolve_smtp_password

    _check_resend(request, resend)
    settings = smtp_settings(store)
    pending = _pending(store, request)
    if pending is not None and not resend:
        failed_after = [e for e in request.events if e.kind == "send_failed" and e.data.get("message_id") == pending.message_id]
        if not failed_after or failed_after[-1].data.get("maybe_delivered"):
            raise UserError(
                f"an earlier attempt to send {request.id} did not finish and {MAYBE_DELIVERED}; use --resend to send anyway"
            )
    if password is None:
        password = resolve_smtp_password(settings) if settings.username else ""
    # Reuse the Message-ID of a cleanly failed attempt, so a duplicate (should one ever occur) is recognisable.
    msg = build_message(store, request, company, from_addr=settings.from_addr, message_id=pending.message_id if pending else None)
    raw = message_bytes(msg)
    message = Message(
        id=pending.id if pending else new_id("m"),
        request_id=request.id,
        kind="request",
        transport="smtp",
        to=", ".join(recipients(company)),
        subject=request.subject,
        body=request.body,
        created=now_iso(),
        message_id=str(msg["Message-ID"]),
        raw=base64.b64encode(raw).decode("ascii"),
    )
    store.save_message(message)  # durable before the server hears anything
    try:
        result = send_message(settings, password, msg)
    except SmtpSendError as exc:
        reason = str(exc)
        failed = append_event(
            request,
            "send_failed",
            today,
            reason,
            {"stage": exc.stage, "maybe_delivered": exc.maybe_delivered, "message_id": message.message_id},
        )
        with store.batch():
            store.save_request(failed)
            store.save_message(replace(message, server_reply=exc.server_reply or ""))
        raise
    sent_message = replace(message, sent_at=now_iso(), server_reply=result.server_reply)
    kind = "sent" if not request.sent else "message"
    updated = append_event(
        request,
        kind,
        today,
        f"emailed to {message.to} via {settings.host}" + (" (resent)" if request.sent else ""),
        {"message_id": message.message_id, "server_reply": result.server_reply},
    )
    updated = replace(updated, transport="smtp", message_id=message.message_id, sent_text=request.body)
    with store.batch():
        store.save_message(sent_message)
        store.save_request(updated)
    return SendOutcome(updated, f"sent to {message.to}: {result.server_reply}", sent=True)


def _hand_off(store: Store, request: Request, company: Company | None, via: str, *, out: Path | None) -> SendOutcome:
    """eml / mailto / copy: the user sends it; the request is marked sent only when they confirm."""
    from privacy_tui.transport import mailclient

    confirm = f"after sending, record it with `privacy-tui request mark {request.id} sent --date YYYY-MM-DD`"
    if via == "copy":
        webform = company.webform if company else ""
        text = mailclient.copy_text(request.subject, request.body, webform)
        return SendOutcome(request, text + f"\n\n({confirm})", url=webform or None)
    to = recipients(company)
    if via == "mailto":
        url = mailclient.mailto_url(to, request.subject, request.body)
        return SendOutcome(request, url, url=url)
    profile = store.profile()
    from_addr = profile.email or to[0]
    msg = build_message(store, request, company, from_addr=from_addr)
    target = out or Path.cwd() / f"{request.reference}.eml"
    try:
        mailclient.write_eml(msg, target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return SendOutcome(request, f"wrote {target} (unencrypted: delete it once sent); {confirm}", path=target)


def ensure_sendable(exc: Exception) -> str:
    """One-line text for a transport failure, with the 'may have been delivered' warning."""
    if isinstance(exc, TransportError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"
