"""When a company is late: a reminder letter to it, or a complaint to the regulator, as new messages.

Each draft is stored as a `Message` (kind `reminder` / `complaint`) and noted in the request's
timeline; sending it goes through the outbox (services.outbox: SMTP, .eml, mailto:, text for a
web form), this module deciding only what is sent, to whom, and which events it appends. Who the
letter goes to is core.regulators' (the EU authorities are the datarequests.org supervisory
authorities shipped with the package, updated by an imported directory).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import AppealRule
from privacy_tui.core.models import (
    Company,
    Event,
    Message,
    Profile,
    Request,
    new_id,
    now_iso,
)
from privacy_tui.core.regulators import Recipient, choose_regulator, company_recipient
from privacy_tui.services import outbox
from privacy_tui.services.requests import append_event
from privacy_tui.services.sending import SendOutcome
from privacy_tui.services.smtp_settings import configured as configured_smtp
from privacy_tui.vault.store import Store

TARGETS = ("company", "regulator", "appeal")
SEND_VIAS = ("smtp", "eml", "mailto", "copy")
KIND_OF = {"company": "reminder", "regulator": "complaint", "appeal": "appeal"}
TO_COMPANY = ("reminder", "appeal")  # message kinds addressed to the company
# Letters drafted as messages and sent through this outbox: escalations, and answers to a
# company's reply (services.inbox_answer), which go back to the company like a reminder.
LETTER_KINDS = (*KIND_OF.values(), "answer")

# --- drafting -------------------------------------------------------------------------------------


def complaint_events(request: Request) -> list[Event]:
    """The timeline a regulator sees: drafts that were never sent and failed attempts are left out."""
    return [e for e in request.events if not (e.kind == "message" and (e.data.get("draft") or e.data.get("failed")))]


def complaint_grounds(request: Request, deadlines, today: date) -> str:
    """Why a complaint to the regulator is due now, in words; "" when it would be premature.

    A complaint is due once the company refused, answered only in part, answered late, or let
    the deadline pass. While the law's clock is stopped for the user's own answer (identity,
    clarification) nothing is late yet.
    """
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.timeline import derive_status, ordered

    kinds = {e.kind for e in request.events}
    if "denied" in kinds:
        return "the company refused the request"
    improper = get_regime(request.regime, subdivision=request.subdivision).no_verification.get(request.type)
    if improper and "id_requested" in kinds:
        return f"the company demanded identity verification the law does not allow for this request ({improper})"
    if "partially_fulfilled" in kinds:
        return "the company answered only part of the request"
    if deadlines is None:
        return ""
    done = next((t[0] for t in ordered(request.events) if t[2].kind == "fulfilled"), None)
    if done is not None:
        return "the company answered after the legal deadline" if done > deadlines.active_due else ""
    if derive_status(request, today) == "overdue":
        return "the legal deadline has passed"
    return ""


def _company_complaint_sent(request: Request) -> bool:
    """A reminder/complaint to the company was sent (not only drafted) — DPA 2018 s.164A's first step."""
    return any(e.kind == "message" and e.data.get("kind") == "reminder" and not e.data.get("draft")
               and not e.data.get("failed") for e in request.events)


def _check_regulator(request: Request, regime, deadlines, today: date, anyway: bool) -> None:
    """Refuse a premature complaint (UserError) unless `anyway`; the letter then claims no failure."""
    grounds = complaint_grounds(request, deadlines, today)
    since = regime.complaint_to_controller_since
    controller_first = regime.complaint_to_controller is not None and (not since or today.isoformat() >= since)
    if controller_first and not _company_complaint_sent(request) and not anyway:
        raise UserError(
            f"under {regime.short} complain to the company first (Data Protection Act 2018 s.164A: it must acknowledge "
            f"within 30 days): `privacy-tui request escalate {request.id} --to company`, send it, then complain to the "
            "regulator; or pass --anyway"
        )
    if grounds:
        return
    if not anyway and any(e.kind == "fulfilled" for e in request.events):
        raise UserError(
            f"the company answered request {request.id} within the deadline; if its answer is incomplete, mark it "
            f"'partially_fulfilled' (`privacy-tui request mark {request.id} partially_fulfilled`), or pass --anyway"
        )
    from privacy_tui.core.events import ASKS, open_ask
    from privacy_tui.core.timeline import clock_waits

    ask = open_ask([(e.date, e.kind) for e in request.events])
    if not anyway and ask and clock_waits(regime, ask):
        raise UserError(
            f"the company is waiting for your answer to its question ({ask}); the law's clock is stopped until you "
            f"give it: answer, then mark it (`privacy-tui request mark {request.id} {ASKS[ask]}`), or pass --anyway"
        )
    if not anyway:
        due = deadlines.active_due.isoformat() if deadlines else "the deadline"
        raise UserError(
            f"it is too early to complain about request {request.id}: the company has until {due} to answer and has not "
            "refused; wait for the deadline (`privacy-tui remind` tells you), or pass --anyway to complain now"
        )


def _check_appeal(request: Request, regime, deadlines, today: date) -> AppealRule:
    """The law's appeal rule, or UserError when there is none or no ground for one yet."""
    if regime.appeal is None:
        raise UserError(regime.no_appeal_reason or f"{regime.short} gives no appeal to the business")
    if any(e.kind == "appealed" for e in request.events):
        raise UserError(f"request {request.id} was already appealed; the law gives one appeal")
    if not complaint_grounds(request, deadlines, today) or any(e.kind == "fulfilled" for e in request.events):
        raise UserError(
            f"an appeal under {regime.appeal.citation} is against the company's refusal to act: mark the request "
            "'denied' or 'partially_fulfilled' first, or wait until its deadline has passed"
        )
    return regime.appeal


def escalation_language(request: Request, recipient: Recipient, profile: Profile, explicit: str | None):
    """The reminder goes in the language of the request the company already has; a complaint in
    the authority's complaint language (else its country's, else the user's). `explicit` wins."""
    from privacy_tui.services.letter_language import LanguageChoice, choose_language

    template = "followup/reminder.txt.j2" if recipient.kind == "company" else "followup/complaint.txt.j2"
    if not explicit and recipient.kind == "company" and request.language:
        from privacy_tui.core.letter_language import offers

        if offers(request.language, request.regime, template):
            return LanguageChoice(request.language, "the language of the request")
    return choose_language(explicit=explicit, regime_key=request.regime, template=template, stated=recipient.language,
                           country=recipient.country, subdivision=recipient.subdivision, profile=profile)


def draft_escalation(
    store: Store, request_id: str, to: str, today: date, *, authority: str | None = None, anyway: bool = False,
    language: str | None = None,
) -> tuple[Message, Recipient]:
    """Draft a reminder to the company, a statutory appeal to it, or a complaint to the regulator; stored, not sent.

    A complaint before anything went wrong is refused unless `anyway` (then its text claims no failure).
    `language` ("de") overrides the automatic choice (escalation_language); the message records it.
    An appeal is written in English (no other language has appeal letters yet).
    """
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.timeline import derive_status, request_deadlines

    if to not in TARGETS:
        raise UserError(f"unknown --to {to!r}: choose {', '.join(TARGETS)}")
    request = store.request(request_id)
    company = store.find_company(request.company_id)
    if company is None:
        raise UserError(f"the company of request {request.id} was removed; add it again before escalating")
    if not request.sent:
        raise UserError(f"request {request.id} has not been sent yet; send it (or mark it sent) first")
    status = derive_status(request, today)
    if status == "withdrawn":
        raise UserError(f"request {request.id} was withdrawn; there is nothing to escalate")
    if to == "company" and status in ("done", "denied"):
        raise UserError(
            f"request {request.id} is closed ({status}); a reminder makes no sense — complain to the regulator instead (--to regulator)"
        )
    profile = store.profile()
    regime = get_regime(request.regime, subdivision=request.subdivision)
    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    data_extra: dict[str, Any] = {}
    if to == "company":
        recipient = company_recipient(company)
    elif to == "appeal":
        appeal = _check_appeal(request, regime, deadlines, today)
        recipient = company_recipient(company)
        data_extra["appeal_citation"] = appeal.citation
    else:
        _check_regulator(request, regime, deadlines, today, anyway)
        from privacy_tui.services.directory_store import load_authorities

        recipient = choose_regulator(request, company, profile, authority, authorities=load_authorities)
    if to == "appeal":
        from privacy_tui.services.letter_language import LanguageChoice

        if language and language.strip().lower() not in ("en", "english"):
            raise UserError("an appeal is written in English for now; leave out --language")
        chosen = LanguageChoice("en", "appeals are written in English")
    else:
        chosen = escalation_language(request, recipient, profile, language)
    letter = _render(to, request, company, profile, recipient, today, chosen.code)
    kind = KIND_OF[to]
    message = Message(
        id=unused_message_id(store),
        request_id=request.id,
        kind=kind,
        transport="",
        to=recipient.email or recipient.webform,
        subject=letter.subject,
        body=letter.body,
        created=now_iso(),
        language=chosen.code,
    )
    data = {"escalation": message.id, "kind": kind, "draft": True, "recipient": recipient.to_json(), **data_extra,
            "language": chosen.code, "language_reason": chosen.reason}
    updated = append_event(request, "message", today, f"{_KIND_WORDS[kind](recipient)} drafted ({message.id})", data)
    with store.batch():
        store.save_message(message)
        store.save_request(updated)
    return message, recipient


def _render(to: str, request: Request, company: Company, profile: Profile, recipient: Recipient, today: date,
            language: str = "en"):
    """The letter for `to` as of `today` in `language`: its date line, deadlines and timeline are that day's."""
    from privacy_tui.core.laws.base import Regulator
    from privacy_tui.core.letters import (
        render_appeal,
        render_complaint,
        render_reminder,
    )
    from privacy_tui.core.timeline import request_deadlines

    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    if to == "company":
        return render_reminder(request, company, profile, deadlines, identity_fields=request.identity_fields, today=today,
                               language=language)
    if to == "appeal":
        return render_appeal(request, company, profile, deadlines, identity_fields=request.identity_fields, today=today)
    regulator = Regulator(name=recipient.name, country="", email=recipient.email, webform=recipient.webform,
                          address=recipient.address, website=recipient.website)
    from privacy_tui.core.laws.registry import get_regime

    premature = not complaint_grounds(request, deadlines, today)
    rule = get_regime(request.regime, subdivision=request.subdivision).no_verification.get(request.type, "")
    improper = rule if any(e.kind == "id_requested" for e in request.events) else ""
    return render_complaint(request, company, profile, regulator, complaint_events(request), deadlines, today,
                            regulator_key=recipient.key, premature=premature, improper_ask=improper, language=language)


def dated_for_sending(store: Store, message: Message, today: date) -> Message:
    """An unsent draft rewritten as of the day it is sent (drafts are not editable, so nothing is lost):
    its date line, the deadlines it names (an appeal's decision date, a reminder's reply date) and
    the complaint's timeline are the sending day's, not the drafting day's. Stored before sending."""
    if message.sent_at:
        return message
    request = store.request(message.request_id)
    drafted = next((e.date for e in request.events if e.kind == "message" and e.data.get("escalation") == message.id
                    and e.data.get("draft")), "")
    if not drafted or drafted == today.isoformat():
        return message
    company = store.find_company(request.company_id)
    if company is None:
        return message
    # _render tells apart "company" and "appeal"; every other letter is a complaint.
    to = {v: k for k, v in KIND_OF.items()}.get(message.kind, "regulator")
    recipient = recipient_of(request, message)
    try:
        letter = _render(to, request, company, store.profile(), recipient, today, message.language or "en")
    except UserError:
        return message  # the draft as it was written is still a true letter
    if (letter.subject, letter.body) == (message.subject, message.body):
        return message
    updated = replace(message, subject=letter.subject, body=letter.body)
    store.save_message(updated)
    return updated


_KIND_WORDS = {
    "reminder": lambda r: "reminder to the company",
    "appeal": lambda r: "appeal to the company",
    "complaint": lambda r: f"complaint to the {r.name}",
}


def escalation_sent(request: Request, message: Message, on: date) -> Request:
    """An appeal or a complaint went out on `on`: the timeline marks it (`appealed` with the date
    the decision is due; `complained`), so reminders know without reading the messages."""
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.letters import appeal_dates

    if message.kind == "complaint":
        if any(e.kind == "complained" for e in request.events):
            return request
        return append_event(request, "complained", on, "", {"escalation": message.id})
    appeal = get_regime(request.regime, subdivision=request.subdivision).appeal
    if appeal is None or message.kind != "appeal" or any(e.kind == "appealed" for e in request.events):
        return request
    due, extended = appeal_dates(appeal, on)
    detail = f"decision due by {due.isoformat()} ({appeal.citation})"
    return append_event(request, "appealed", on, detail,
                        {"escalation": message.id, "due": due.isoformat(),
                         "extended_due": extended.isoformat() if extended else "", "citation": appeal.citation})


def unused_message_id(store: Store) -> str:
    taken = {m.id for m in store.all_messages()}
    while True:
        mid = new_id("m")
        if mid not in taken:
            return mid


# --- finding and sending ----------------------------------------------------------------------------


def find_message(store: Store, ident: str) -> Message:
    """A reminder or complaint by id (a unique prefix is enough, as for requests)."""
    ident = (ident or "").strip()
    if not ident:
        raise UserError("no message id given")
    letters = [m for m in store.all_messages() if m.kind in LETTER_KINDS]
    exact = [m for m in letters if m.id == ident]
    found = exact or [m for m in letters if m.id.startswith(ident)]
    if len(found) > 1:
        raise UserError(f"message id {ident!r} is ambiguous: {', '.join(sorted(m.id for m in found)[:5])}")
    if not found:
        raise UserError(f"no reminder or complaint (nor an answer) with id {ident!r} (see `privacy-tui request show ID`)")
    return found[0]


def recipient_of(request: Request, message: Message) -> Recipient:
    """The recipient recorded when the draft was made."""
    for e in request.events:
        if e.kind == "message" and e.data.get("escalation") == message.id and e.data.get("draft"):
            d = e.data.get("recipient") or {}
            return Recipient(
                kind=str(d.get("kind") or ("company" if message.kind in TO_COMPANY else "regulator")),
                name=_text(d, "name"), email=_text(d, "email"), webform=_text(d, "webform"),
                address=_text(d, "address"), website=_text(d, "website"), key=_text(d, "key"), note=_text(d, "note"),
                alternatives=tuple((str(a.get("key", "")), str(a.get("name", ""))) for a in d.get("alternatives") or ()),
            )
    to = message.to
    return Recipient("company" if message.kind in TO_COMPANY else "regulator", "", to if "@" in to else "",
                     to if to.startswith("http") else "")


def _text(recorded: dict, name: str) -> str:
    return str(recorded.get(name) or "")


def _events_for(request: Request, message: Message) -> list[Event]:
    return [e for e in request.events if e.kind == "message" and e.data.get("escalation") == message.id]


def _words(message: Message, recipient: Recipient) -> str:
    if message.kind == "answer":
        return "answer to the company"
    if message.kind in _KIND_WORDS and message.kind != "complaint":
        return _KIND_WORDS[message.kind](recipient)
    return f"complaint to the {recipient.name or message.to}"


def _reply_headers(request: Request, message: Message) -> dict[str, str]:
    """An answer threads under the company's message it answers (recorded when drafted)."""
    for e in _events_for(request, message):
        parent = str(e.data.get("in_reply_to") or "") if e.data.get("draft") else ""
        if parent:
            return {"In-Reply-To": f"<{parent}>", "References": f"<{parent}>"}
    return {}


def send_escalation(
    store: Store,
    message_id: str,
    via: str | None = None,
    *,
    today: date,
    resend: bool = False,
    out: Path | None = None,
    password: str | None = None,
) -> SendOutcome:
    """Send a drafted reminder/complaint: by SMTP where the recipient takes email, else hand it off.

    `via` None picks smtp when the recipient has an email address, copy (text + web-form URL)
    otherwise. eml/mailto/copy leave it to the user; `record_sent` records it afterwards.
    """
    message = dated_for_sending(store, find_message(store, message_id), today)
    request = store.request(message.request_id)
    recipient = recipient_of(request, message)
    via = (via or ("smtp" if recipient.email else "copy")).lower()
    if via not in SEND_VIAS:
        raise UserError(f"unknown --via {via!r}: choose from {', '.join(SEND_VIAS)}")
    if message.sent_at and not resend:
        raise UserError(f"{message.id} was already sent on {message.sent_at[:10]}; use --resend to send it again")
    if via in ("smtp", "eml", "mailto") and not recipient.email:
        form = f" at {recipient.webform}" if recipient.webform else ""
        raise UserError(f"{recipient.name or 'the recipient'} takes no email: use --via copy and paste the text into its web form{form}")
    if via == "smtp":
        return _send_smtp(store, request, message, recipient, today=today, resend=resend, password=password)
    return _hand_off(store, request, message, recipient, via, out=out)


def _letter(request: Request, message: Message, recipient: Recipient) -> outbox.Letter:
    return outbox.Letter(request, message, (recipient.email,) if recipient.email else (), label=message.id,
                         headers=tuple(_reply_headers(request, message).items()), draft=True)


def _send_smtp(store: Store, request: Request, message: Message, recipient: Recipient, *, today: date, resend: bool,
               password: str | None) -> SendOutcome:
    from privacy_tui.services.transports import SmtpTransport

    transport = SmtpTransport(configured_smtp(store), password)
    words = _words(message, recipient)

    def failed(req: Request, record: Message, delivery: outbox.Delivery) -> Request:
        return append_event(req, "message", today, f"sending the {words} failed: {delivery.error}",
                            {"escalation": message.id, "failed": True, "stage": delivery.stage,
                             "maybe_delivered": delivery.status == outbox.UNCLEAR, "message_id": record.message_id})

    def sent(req: Request, record: Message, delivery: outbox.Delivery) -> Request:
        # The marker first, so the message event stays the latest (it is what the timeline tells).
        return append_event(escalation_sent(req, message, today), "message", today,
                            f"{words} emailed to {recipient.email} via {delivery.where}",
                            {"escalation": message.id, "kind": message.kind, "message_id": record.message_id,
                             "server_reply": delivery.reply})

    done = outbox.send(store, _letter(request, message, recipient), transport, resend=resend, on_sent=sent, on_failed=failed)
    return SendOutcome(done.request, f"sent to {recipient.email}: {done.delivery.reply}", sent=True)


def _hand_off(store: Store, request: Request, message: Message, recipient: Recipient, via: str, *, out: Path | None) -> SendOutcome:
    from privacy_tui.services.transports import CopyHandOff, EmlHandOff, MailtoHandOff
    from privacy_tui.transport.mailclient import EML_WARNING

    confirm = f"after sending it, record it with `privacy-tui request send-escalation {message.id} --mark-sent --via {via}`"
    letter = _letter(request, message, recipient)
    if via == "copy":
        if recipient.webform:
            text = outbox.send(store, letter, CopyHandOff(recipient.webform)).delivery.text
        else:
            text = f"To: {recipient.email or message.to}\nSubject: {message.subject}\n\n{message.body.rstrip()}\n"
        if recipient.address:
            text += f"\nPostal address: {recipient.address}\n"
        return SendOutcome(request, text + f"\n({confirm})", url=recipient.webform or None)
    if via == "mailto":
        url = outbox.send(store, letter, MailtoHandOff(letter.to)).delivery.text
        return SendOutcome(request, url, url=url)
    target = out or Path.cwd() / f"{request.reference}-{message.kind}.eml"
    outbox.send(store, letter, EmlHandOff(target, store.profile().email or recipient.email))
    return SendOutcome(request, f"wrote {target} ({EML_WARNING}); {confirm}", path=target)


def record_sent(store: Store, message_id: str, via: str, on: date) -> Message:
    """The user sent a handed-off reminder/complaint themselves (web form, mail client): record it."""
    message = find_message(store, message_id)
    if message.sent_at:
        raise UserError(f"{message.id} is already recorded as sent on {message.sent_at[:10]}")
    request = store.request(message.request_id)
    recipient = recipient_of(request, message)
    how = {"copy": "through the web form" if recipient.webform else "by the user", "eml": "from the mail client",
           "mailto": "from the mail client"}.get(via, f"via {via}")
    sent = replace(message, transport=via, sent_at=now_iso())
    updated = append_event(escalation_sent(request, message, on), "message", on, f"{_words(message, recipient)} sent {how}",
                           {"escalation": message.id, "kind": message.kind, "via": via})
    with store.batch():
        store.save_message(sent)
        store.save_request(updated)
    return sent


__all__ = [
    "KIND_OF",
    "LETTER_KINDS",
    "SEND_VIAS",
    "TARGETS",
    "Recipient",
    "complaint_events",
    "complaint_grounds",
    "dated_for_sending",
    "draft_escalation",
    "escalation_sent",
    "find_message",
    "recipient_of",
    "record_sent",
    "send_escalation",
    "unused_message_id",
]
