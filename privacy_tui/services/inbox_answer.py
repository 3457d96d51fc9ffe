"""Answers to a company's deflections (issue 14): drafted from a received message, sent through the outbox.

An answer is a letter like a reminder: a draft `core.models.Message` (kind "answer") for the
request the received message belongs to, noted in the request's timeline, and sent with
`services.escalation.send_escalation` — the same pending-record-first SMTP path, `--resend`
rule and .eml / mailto / copy hand-offs as every other letter. It goes to the address the reply
came from (often a ticket system acting for the company) and threads under it (In-Reply-To).

The app edits before storing: `prepare_answer` renders without writing, `edited` takes the user's
subject and text (checked like any letter), `store_answer` stores what they kept; cancelling
stores nothing. `draft_answer` does the three at once for the command line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Message, Request, now_iso
from privacy_tui.core.regulators import Recipient
from privacy_tui.services.escalation import unused_message_id
from privacy_tui.services.requests import append_event
from privacy_tui.vault.store import Store

ANSWER = "answer"
# A Message-ID we may quote back in In-Reply-To: anything else (spaces, brackets, controls from
# a hostile sender) is dropped rather than put in a header.
_MSGID = re.compile(r"[^<>\s@]{1,200}@[^<>\s@]{1,200}")
_ADDRESS = re.compile(r"[^<>\s@,;]{1,64}@[^<>\s@,;]{1,253}")


def _understanding(record: Mapping[str, Any]):
    from privacy_tui.core.inbox.classify import Understanding

    return Understanding(
        kind=str(record.get("kind") or "unrelated"),
        confidence=float(record.get("confidence") or 0.0),
        ticket=str(record.get("ticket") or ""),
        new_deadline=str(record.get("new_deadline") or ""),
        download_links=tuple(record.get("download_links") or ()),
        link_expiry=str(record.get("link_expiry") or ""),
    )


def _iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def answer_kind(record: Mapping[str, Any]) -> str | None:
    """Which ready answer fits a received message (None: there is none for its kind)."""
    from privacy_tui.core.inbox.answers import answer_kind_for

    return answer_kind_for(str(record.get("kind") or ""), _understanding(record))


# What the `details` of each answer mean (core.inbox.answers), as a prompt for the user.
DETAILS_PROMPT = {
    "excessive_id": "What did they ask for? (empty: a copy of an identity document)",
    "webform_redirect": "Their web form's address (optional)",
    "clarification": "Your answer: which accounts, services or email addresses you mean",
    "no_data_with_evidence": "Your evidence that they hold data (e.g. their emails to you, an order, an account)",
    "link_expired": "Which link expired (empty: the download link of their message)",
}


def _default_details(answer: str, record: Mapping[str, Any]) -> str:
    if answer == "link_expired":
        return str((record.get("download_links") or [""])[0])
    return ""


def _reply_to(record: Mapping[str, Any]) -> str:
    addr = str(record.get("from") or "").strip()
    if not _ADDRESS.fullmatch(addr):
        raise UserError(f"the message {record.get('id')} has no usable sender address to answer")
    return addr


# How the ticket number is named in the subject, per answer language.
_TICKET_WORDS = {"en": "your ticket", "de": "Ihr Ticket", "fr": "votre ticket"}


def answer_language(store: Store, request: Request, explicit: str | None = None) -> str:
    """The answer's language, by the letters' rule: the one the user names; else the request's own
    letter language; else the company's (services.letter_language); English where no answers are
    written in that language."""
    from privacy_tui.core import letter_language as lang
    from privacy_tui.core.inbox.answers import LANGUAGES, covers
    from privacy_tui.services.letter_language import user_language

    if explicit:
        code = lang.check_language(explicit)
        if not covers(code, request.regime):
            raise UserError(f"there are no ready answers in {lang.get_language(code).name} for this request's law; "
                            f"answers are written in {', '.join(LANGUAGES)} (German: GDPR; French: GDPR, Quebec, PIPEDA)")
        return code
    if request.language and request.language != "en":
        return request.language if covers(request.language, request.regime) else "en"
    company = store.find_company(request.company_id)
    if company is None or request.language == "en":
        return "en"
    code, _ = lang.language_for(stated=company.language, country=company.country, subdivision=company.subdivision,
                                fallback=user_language(store.profile()))
    return code if covers(code, request.regime) else "en"


# What an edited answer may be: a letter, not a document (an attachment goes by email client).
MAX_BODY_CHARS = 100_000
MAX_SUBJECT_CHARS = 300


@dataclass(frozen=True)
class AnswerDraft:
    """A ready answer before it is stored: what the user reads and may edit."""

    inbox_id: str
    request_id: str
    answer: str  # core.inbox.answers.ANSWER_KINDS
    subject: str
    body: str
    recipient: Recipient
    in_reply_to: str
    language: str


def prepare_answer(store: Store, message_id: str, *, today: date | None = None, details: str = "",
                   language: str | None = None) -> AnswerDraft:
    """The ready answer to received message `message_id`, rendered but not stored (nothing is written)."""
    from privacy_tui.core.inbox.answers import ANSWER_KINDS, render_answer
    from privacy_tui.core.timeline import request_deadlines
    from privacy_tui.services.inbox import get_message

    today = today or date.today()
    record = get_message(store, message_id)
    rid = record.get("request_id")
    if not rid:
        raise UserError(
            f"message {record.get('id')} is not matched to a request: accept it first "
            f"(`privacy-tui inbox accept {record.get('id')} --request RID`)"
        )
    kind_of_answer = answer_kind(record)
    if kind_of_answer is None:
        raise UserError(
            f"there is no ready answer to a message of kind {record.get('kind')!r}; answers exist for "
            f"excessive ID demands, web-form redirects, clarification requests, 'no data' replies and expired links "
            f"({', '.join(ANSWER_KINDS)})"
        )
    request: Request = store.request(str(rid))
    company = store.find_company(request.company_id)
    name = company.name if company else "the company"
    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    due = (deadlines.extended_due or deadlines.due) if deadlines is not None else None
    code = answer_language(store, request, language)
    subject, body = render_answer(
        kind_of_answer,
        regime=request.regime,
        company_name=name,
        reference=request.reference,
        request_sent=_iso(request.sent),
        due=due,
        profile_name=store.profile().name,
        details=details.strip() or _default_details(kind_of_answer, record),
        language=code,
    )
    ticket = " ".join(str(record.get("ticket") or "").split())[:60]
    if ticket and ticket not in subject:
        subject = f"{subject} ({_TICKET_WORDS.get(code, 'your ticket')} {ticket})"  # ticket systems thread by their own number
    to = _reply_to(record)
    recipient = Recipient("company", name, email=to, key=request.company_id, note="the sender of the message you are answering")
    parent = str(record.get("message_id") or "")
    return AnswerDraft(
        inbox_id=str(record.get("id") or ""),
        request_id=request.id,
        answer=kind_of_answer,
        subject=subject,
        body=body,
        recipient=recipient,
        in_reply_to=parent if _MSGID.fullmatch(parent) else "",
        language=code,
    )


def edited(draft: AnswerDraft, *, subject: str | None = None, body: str | None = None) -> AnswerDraft:
    """The draft with the user's own subject and text, checked as any letter text is."""
    from dataclasses import replace

    from privacy_tui.core.text import strip_controls

    if subject is not None:
        subject = strip_controls(subject).strip()
        if not subject:
            raise UserError("the answer needs a subject")
        if len(subject) > MAX_SUBJECT_CHARS:
            raise UserError(f"the subject is longer than {MAX_SUBJECT_CHARS} characters")
    if body is not None:
        body = strip_controls(body, multiline=True).strip()
        if not body:
            raise UserError("the answer's text is empty: nothing to send")
        if len(body) > MAX_BODY_CHARS:
            raise UserError(f"the answer's text is longer than {MAX_BODY_CHARS} characters")
        body += "\n"
    return replace(draft, subject=subject or draft.subject, body=body or draft.body)


def store_answer(store: Store, draft: AnswerDraft, *, today: date | None = None) -> tuple[Message, Recipient]:
    """Store `draft` (as rendered or as edited) as a letter of its request; not sent."""
    today = today or date.today()
    request: Request = store.request(draft.request_id)
    message = Message(
        id=unused_message_id(store),
        request_id=request.id,
        kind=ANSWER,
        transport="",
        to=draft.recipient.email,
        subject=draft.subject,
        body=draft.body,
        created=now_iso(),
        language=draft.language,
    )
    data = {
        "escalation": message.id,
        "kind": ANSWER,
        "answer": draft.answer,
        "draft": True,
        "recipient": draft.recipient.to_json(),
        "inbox": draft.inbox_id,
        "in_reply_to": draft.in_reply_to,
    }
    updated = append_event(request, "message", today, f"answer to the company drafted ({message.id})", data)
    with store.batch():
        store.save_message(message)
        store.save_request(updated)
    return message, draft.recipient


def draft_answer(store: Store, message_id: str, *, today: date | None = None, details: str = "",
                 language: str | None = None, subject: str | None = None, body: str | None = None) -> tuple[Message, Recipient]:
    """Draft the ready answer to received message `message_id` (with the user's own subject or
    text when given) and store it; not sent.

    Returns the draft and its recipient; send it with `send_escalation(store, draft.id, via)`.
    """
    draft = prepare_answer(store, message_id, today=today, details=details, language=language)
    return store_answer(store, edited(draft, subject=subject, body=body), today=today)


__all__ = ["ANSWER", "DETAILS_PROMPT", "AnswerDraft", "answer_kind", "answer_language", "draft_answer", "edited", "prepare_answer",
           "store_answer"]
