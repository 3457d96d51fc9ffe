"""When a company is late: a reminder letter to it, or a complaint to the regulator, as new messages.

Each draft is stored as a `Message` (kind `reminder` / `complaint`) and noted in the request's
timeline; sending it reuses the request transports (SMTP, .eml, mailto:, text for a web form).
The regulator is chosen from the request's regime and the company's / user's country: the
regimes' own regulators (ICO, CPPA, state attorneys general, OPC, ANPD) are data in
`core.regimes`; the EU authorities are the datarequests.org supervisory authorities shipped with
the package, updated by an imported directory.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company, Event, Message, Profile, Request, new_id, now_iso
from privacy_tui.services.requests import append_event
from privacy_tui.services.sending import MAYBE_DELIVERED, SendOutcome, smtp_settings
from privacy_tui.vault.store import Store

TARGETS = ("company", "regulator", "appeal")
SEND_VIAS = ("smtp", "eml", "mailto", "copy")
KIND_OF = {"company": "reminder", "regulator": "complaint", "appeal": "appeal"}
TO_COMPANY = ("reminder", "appeal")  # message kinds addressed to the company
# Letters drafted as messages and sent through this outbox: escalations, and answers to a
# company's reply (services.inbox_answer), which go back to the company like a reminder.
LETTER_KINDS = (*KIND_OF.values(), "answer")

# Germany has one authority per federal state (ISO 3166-2:DE codes, as the holidays package
# uses them); for a company the authority of the state where it is established is competent.
# Bavaria has two: BayLDA supervises private bodies, the other one public bodies.
_DE_STATE_AUTHORITY = {
    "BW": "debawueldb", "BY": "debaylda", "BE": "deberlbdi", "BB": "debralda", "HB": "debrelfdi",
    "HH": "dehmbbfdi", "HE": "dehessbdi", "MV": "demvldi", "NI": "dendslfd", "NW": "denrwldi",
    "RP": "derlpbdi", "SL": "desaarudz", "SN": "desaechsdsb", "ST": "desalbd", "SH": "deshuld", "TH": "detlfdi",
}
# The Federal Commissioner forwards complaints about companies to the competent state authority.
_DE_FALLBACK = "debfdi"
# Church and public-broadcasting authorities supervise only their own institutions.
_DE_SPECIAL = ("dekath", "deekd", "derf")


@dataclass(frozen=True)
class Recipient:
    """Who an escalation goes to and how they take it."""

    kind: str  # "company" | "regulator"
    name: str
    email: str = ""
    webform: str = ""
    address: str = ""
    website: str = ""
    key: str = ""  # directory slug or built-in key (--authority accepts it)
    note: str = ""  # why this one was chosen
    alternatives: tuple[tuple[str, str], ...] = ()  # (key, name) of others the person may choose (Art. 77 GDPR)
    language: str = ""  # the language it says it works in (an authority's complaint-language), "" unknown
    country: str = ""  # ISO alpha-2 of its seat or jurisdiction, for the language when none is stated
    subdivision: str = ""

    @property
    def takes_email(self) -> bool:
        return bool(self.email)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "key": self.key or None,
            "email": self.email or None,
            "webform": self.webform or None,
            "address": self.address or None,
            "website": self.website or None,
            "note": self.note or None,
            "alternatives": [{"key": k, "name": n} for k, n in self.alternatives],
        }


# --- choosing the regulator ---------------------------------------------------------------------


def _regulator_key(reg) -> str:
    fixed = {"Information Commissioner's Office": "ico", "California Privacy Protection Agency": "cppa",
             "Office of the Privacy Commissioner of Canada": "opc"}
    if reg.name in fixed:
        return fixed[reg.name]
    if reg.country == "BR":
        return "anpd"
    if reg.country == "CA" and reg.subdivision:
        return "cai" if reg.subdivision == "QC" else f"oipc_{reg.subdivision.lower()}"
    if reg.country == "US" and reg.subdivision:
        return f"{reg.subdivision.lower()}_ag"
    return reg.name.lower().replace(" ", "_")


def _from_regulator(reg, note: str = "") -> Recipient:
    return Recipient("regulator", reg.name, reg.email, reg.webform, reg.address, reg.website, _regulator_key(reg), note,
                     country=reg.country, subdivision=reg.subdivision)


def _from_authority(a, note: str = "") -> Recipient:
    from privacy_tui.core.regulator_channels import WEBFORM_ONLY

    email, webform = a.email, a.webform
    if a.slug in WEBFORM_ONLY:
        # Complaints only through its form: never email them (core.regulator_channels).
        email, webform = "", WEBFORM_ONLY[a.slug]
        note = f"{note}; it takes complaints only through its web form" if note else "it takes complaints only through its web form"
    return Recipient("regulator", a.name, email, webform, a.address.replace("\n", ", "), a.web, a.slug, note,
                     language=a.complaint_language, country=a.country)


def _with_residence_authority(chosen: Recipient, profile: Profile, authorities: list) -> Recipient:
    """Art. 77(1) GDPR: the person may complain in the member state where they live or work, beside
    the authority of the company's establishment; offer that one too."""
    from privacy_tui.core.directory import authorities_for_country
    from privacy_tui.core.regimes import EU_EEA

    home = profile.country.upper()
    if home not in EU_EEA:
        return chosen
    options = [a for a in authorities_for_country(home, authorities) if a.slug != chosen.key]
    if not options or any(a.slug == chosen.key for a in authorities_for_country(home, authorities)):
        return chosen
    if home == "DE" and len(options) > 1:
        picked, _ = _pick_german(options, [(profile.state, "where you live")] if profile.state else [])
        options = [picked]
    first = options[0]
    note = (f"{chosen.note}; under Article 77(1) GDPR you may instead complain to {first.name}, the authority where "
            f"you live or work (--authority {first.slug})")
    return replace(chosen, note=note, alternatives=tuple((a.slug, a.name) for a in options[:3]))


def _matches(wanted: str, key: str, name: str) -> bool:
    w = wanted.strip().casefold()
    return bool(w) and (w == key.casefold() or w in name.casefold())


def _eu_country(company: Company | None, profile: Profile) -> tuple[str, str]:
    from privacy_tui.core.regimes import EU_EEA

    if company is not None and company.country.upper() in EU_EEA:
        return company.country.upper(), "company"
    if profile.country.upper() in EU_EEA:
        return profile.country.upper(), "user"
    return "", ""


def _pick_german(candidates: list, states: list[tuple[str, str]]) -> tuple[Any, str]:
    """The authority of the first known federal state in `states` ((code, whose words) pairs)."""
    by_slug = {a.slug: a for a in candidates}
    for state, where in states:
        slug = _DE_STATE_AUTHORITY.get(state.upper().removeprefix("DE-"))
        if slug in by_slug:
            return by_slug[slug], f"the authority of the federal state {state.upper()}, {where}"
    if _DE_FALLBACK in by_slug:
        return by_slug[_DE_FALLBACK], (
            "no federal state is known, so the Federal Commissioner, who forwards complaints to the competent "
            "state authority (set the company's state with `company edit ID --subdivision BY`, or choose with --authority)"
        )
    general = [a for a in candidates if not a.slug.startswith(_DE_SPECIAL)]
    return (general or candidates)[0], ""


def choose_regulator(request: Request, company: Company | None, profile: Profile, authority: str | None = None) -> Recipient:
    """The authority to complain to, from the regime and the company's (else the user's) country.

    `authority` picks another one: a directory slug (e.g. `iedpc`), a built-in key (`ico`,
    `cppa`, `ca_ag`, `opc`, `anpd`, `va_ag`, ...) or part of its name.
    """
    from privacy_tui.core.regimes import get_regime

    regime = get_regime(request.regime, subdivision=request.subdivision)
    if not regime.regulator_by_country:
        if authority:
            for reg in regime.regulators:
                if _matches(authority, _regulator_key(reg), reg.name):
                    return _from_regulator(reg, "chosen with --authority")
            keys = ", ".join(_regulator_key(r) for r in regime.regulators)
            raise UserError(f"no authority {authority!r} for {regime.short}; choose from: {keys}")
        if not regime.regulators:
            if regime.key == "voluntary":
                raise UserError("this was a voluntary request: no law gives the right, so there is no regulator to complain to")
            raise UserError(f"no regulator is known for {regime.short}")
        return _from_regulator(regime.regulators[0], f"the regulator for {regime.short}")

    from privacy_tui.core.directory import authorities_for_country
    from privacy_tui.services.directory_store import load_authorities

    authorities = load_authorities()  # shipped with the package; an imported directory updates them
    if authority:
        exact = [a for a in authorities if a.slug == authority.strip().lower()]
        found = exact or [a for a in authorities if _matches(authority, a.slug, a.name)]
        if len(found) == 1:
            return _from_authority(found[0], "chosen with --authority")
        if not found:
            raise UserError(f"no supervisory authority matches {authority!r}: see `privacy-tui directory authorities`")
        raise UserError(f"{authority!r} matches several authorities: {', '.join(a.slug for a in found[:8])}")
    cc, whose = _eu_country(company, profile)
    if not cc:
        raise UserError(
            "cannot tell which EU supervisory authority to complain to: set the company's country "
            "(`privacy-tui company edit ID --country FR`) or yours (`privacy-tui profile set --country FR`), or pass --authority SLUG"
        )
    candidates = authorities_for_country(cc, authorities)
    if not candidates:
        raise UserError(f"no supervisory authority is known for {cc}; pass --authority SLUG (see `privacy-tui directory authorities`)")
    reason = (
        f"the supervisory authority of {cc}, where the company is established"
        if whose == "company"
        else f"the supervisory authority of {cc}, where you live"
    )
    if cc == "DE" and len(candidates) > 1:
        states = []
        if company is not None and whose == "company" and company.subdivision:
            states.append((company.subdivision, "where the company is established"))
        if profile.country.upper() == "DE" and profile.state:
            states.append((profile.state, "where you live"))
        chosen, why = _pick_german(candidates, states)
        lead = _from_authority(chosen, why or reason)
    else:
        lead = _from_authority(candidates[0], reason)
    return _with_residence_authority(lead, profile, authorities) if whose == "company" else lead


def company_recipient(company: Company) -> Recipient:
    if not company.emails and not company.webform:
        raise UserError(
            f"{company.name} has no privacy email address or web form: add one with `privacy-tui company edit {company.id} --email ADDR`"
        )
    return Recipient("company", company.name, company.emails[0] if company.emails else "", company.webform,
                     company.address, company.website, company.id, "the company's privacy contact",
                     language=company.language, country=company.country, subdivision=company.subdivision)


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
    from privacy_tui.core.timeline import derive_status, ordered

    from privacy_tui.core.regimes import get_regime

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


def _check_appeal(request: Request, regime, deadlines, today: date) -> None:
    if regime.appeal is None:
        raise UserError(regime.no_appeal_reason or f"{regime.short} gives no appeal to the business")
    if any(e.kind == "appealed" for e in request.events):
        raise UserError(f"request {request.id} was already appealed; the law gives one appeal")
    if not complaint_grounds(request, deadlines, today) or any(e.kind == "fulfilled" for e in request.events):
        raise UserError(
            f"an appeal under {regime.appeal.citation} is against the company's refusal to act: mark the request "
            "'denied' or 'partially_fulfilled' first, or wait until its deadline has passed"
        )


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
    from privacy_tui.core.regimes import get_regime
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
        _check_appeal(request, regime, deadlines, today)
        recipient = company_recipient(company)
        data_extra["appeal_citation"] = regime.appeal.citation
    else:
        _check_regulator(request, regime, deadlines, today, anyway)
        recipient = choose_regulator(request, company, profile, authority)
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
        id=_unused_id(store),
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
    from privacy_tui.core.letters import render_appeal, render_complaint, render_reminder
    from privacy_tui.core.regimes import Regulator
    from privacy_tui.core.timeline import request_deadlines

    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    if to == "company":
        return render_reminder(request, company, profile, deadlines, identity_fields=request.identity_fields, today=today,
                               language=language)
    if to == "appeal":
        return render_appeal(request, company, profile, deadlines, identity_fields=request.identity_fields, today=today)
    regulator = Regulator(name=recipient.name, country="", email=recipient.email, webform=recipient.webform,
                          address=recipient.address, website=recipient.website)
    from privacy_tui.core.regimes import get_regime

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
    to = {v: k for k, v in KIND_OF.items()}.get(message.kind)
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
    from privacy_tui.core.letters import appeal_dates
    from privacy_tui.core.regimes import get_regime

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


def _unused_id(store: Store) -> str:
    taken = {d.get("id") for d in _messages_table(store).all()}
    while True:
        mid = new_id("m")
        if mid not in taken:
            return mid


# --- finding and sending ----------------------------------------------------------------------------


def _messages_table(store: Store):
    # Store lists messages per request only; an escalation is addressed by its own id.
    return store.vault.db.table("messages")


def find_message(store: Store, ident: str) -> Message:
    """A reminder or complaint by id (a unique prefix is enough, as for requests)."""
    from privacy_tui.core.models import from_record

    ident = (ident or "").strip()
    if not ident:
        raise UserError("no message id given")
    docs = [d for d in _messages_table(store).all() if d.get("kind") in LETTER_KINDS]
    exact = [d for d in docs if d.get("id") == ident]
    found = exact or [d for d in docs if str(d.get("id", "")).startswith(ident)]
    if len(found) > 1:
        raise UserError(f"message id {ident!r} is ambiguous: {', '.join(sorted(d['id'] for d in found)[:5])}")
    if not found:
        raise UserError(f"no reminder or complaint (nor an answer) with id {ident!r} (see `privacy-tui request show ID`)")
    return from_record(Message, found[0])


def recipient_of(request: Request, message: Message) -> Recipient:
    """The recipient recorded when the draft was made."""
    for e in request.events:
        if e.kind == "message" and e.data.get("escalation") == message.id and e.data.get("draft"):
            d = e.data.get("recipient") or {}
            return Recipient(
                str(d.get("kind") or ("company" if message.kind in TO_COMPANY else "regulator")),
                *(str(d.get(f) or "") for f in ("name", "email", "webform", "address", "website", "key", "note")),
                tuple((str(a.get("key", "")), str(a.get("name", ""))) for a in d.get("alternatives") or ()),
            )
    to = message.to
    return Recipient("company" if message.kind in TO_COMPANY else "regulator", "", to if "@" in to else "",
                     to if to.startswith("http") else "")


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


def _build(store: Store, request: Request, message: Message, recipient: Recipient, *, from_addr: str, message_id: str | None = None):
    from privacy_tui.transport.message import make_message

    bcc = [from_addr] if store.setting("smtp_bcc_self", True) else []
    return make_message(
        from_addr=from_addr,
        to=[recipient.email],
        subject=message.subject,
        body=message.body,
        bcc=bcc,
        message_id=message_id,
        headers={"X-Privacy-Request-Reference": request.reference, **_reply_headers(request, message)},
        from_name=store.profile().name,
    )


def _send_smtp(store: Store, request: Request, message: Message, recipient: Recipient, *, today: date, resend: bool,
               password: str | None) -> SendOutcome:
    from privacy_tui.transport.smtp import SmtpSendError, send_message
    from privacy_tui.transport.message import message_bytes
    from privacy_tui.vault.smtp_secrets import resolve_smtp_password

    settings = smtp_settings(store)
    # As for requests: a message written with a Message-ID but never confirmed sent may have
    # reached the server. Retry only after a clean failure, with the same Message-ID.
    pending = bool(message.message_id and not message.sent_at and message.transport == "smtp")
    if pending and not resend:
        failures = [e for e in _events_for(request, message) if e.data.get("failed")]
        if not failures or failures[-1].data.get("maybe_delivered"):
            raise UserError(f"an earlier attempt to send {message.id} did not finish and {MAYBE_DELIVERED}; use --resend to send anyway")
    if password is None:
        password = resolve_smtp_password(settings) if settings.username else ""
    msg = _build(store, request, message, recipient, from_addr=settings.from_addr,
                 message_id=message.message_id if pending else None)
    raw = message_bytes(msg)
    attempt = replace(message, transport="smtp", message_id=str(msg["Message-ID"]), raw=base64.b64encode(raw).decode("ascii"))
    store.save_message(attempt)  # durable before the server hears anything
    words = _words(message, recipient)
    try:
        result = send_message(settings, password, msg)
    except SmtpSendError as exc:
        failed = append_event(request, "message", today, f"sending the {words} failed: {exc}",
                              {"escalation": message.id, "failed": True, "stage": exc.stage,
                               "maybe_delivered": exc.maybe_delivered, "message_id": attempt.message_id})
        with store.batch():
            store.save_request(failed)
            store.save_message(replace(attempt, server_reply=exc.server_reply or ""))
        raise
    sent = replace(attempt, sent_at=now_iso(), server_reply=result.server_reply)
    # The marker first, so the message event stays the latest (it is what the timeline tells).
    updated = append_event(escalation_sent(request, message, today), "message", today,
                           f"{words} emailed to {recipient.email} via {settings.host}",
                           {"escalation": message.id, "kind": message.kind, "message_id": sent.message_id,
                            "server_reply": result.server_reply})
    with store.batch():
        store.save_message(sent)
        store.save_request(updated)
    return SendOutcome(updated, f"sent to {recipient.email}: {result.server_reply}", sent=True)


def _hand_off(store: Store, request: Request, message: Message, recipient: Recipient, via: str, *, out: Path | None) -> SendOutcome:
    from privacy_tui.transport import mailclient

    confirm = f"after sending it, record it with `privacy-tui request send-escalation {message.id} --mark-sent --via {via}`"
    if via == "copy":
        if recipient.webform:
            text = mailclient.copy_text(message.subject, message.body, recipient.webform)
        else:
            text = f"To: {recipient.email or message.to}\nSubject: {message.subject}\n\n{message.body.rstrip()}\n"
        if recipient.address:
            text += f"\nPostal address: {recipient.address}\n"
        return SendOutcome(request, text + f"\n({confirm})", url=recipient.webform or None)
    if via == "mailto":
        url = mailclient.mailto_url([recipient.email], message.subject, message.body)
        return SendOutcome(request, url, url=url)
    profile = store.profile()
    msg = _build(store, request, message, recipient, from_addr=profile.email or recipient.email)
    target = out or Path.cwd() / f"{request.reference}-{message.kind}.eml"
    try:
        mailclient.write_eml(msg, target)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return SendOutcome(request, f"wrote {target} ({mailclient.EML_WARNING}); {confirm}", path=target)


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
    "dated_for_sending",
    "escalation_sent",
    "choose_regulator",
    "complaint_grounds",
    "company_recipient",
    "complaint_events",
    "draft_escalation",
    "find_message",
    "recipient_of",
    "record_sent",
    "send_escalation",
]
