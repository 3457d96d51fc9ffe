"""Requests: drafting, recording timeline events, and the computed view of each request."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from privacy_tui.core.deadlines import Deadlines
from privacy_tui.core.errors import UserError
from privacy_tui.core.events import CLOSING
from privacy_tui.core.models import Company, Event, Profile, Request, new_id, new_reference, now_iso
from privacy_tui.vault.store import Store

# Identity data included by default: enough to find the user's records, nothing more.
DEFAULT_IDENTITY = ("name", "email")
IDENTITY_FIELDS = ("name", "email", "address", "phone")


def choose_regime_for(company: Company, profile: Profile, regime: str | None):
    """The law for this person and company (core.scope), or the one the user named, with the reason.

    A law that protects only residents of one US state is refused when the profile says the person
    lives in another state; for a profile outside the US the reason carries a warning, and the
    letter claims no residence (core.scope.check_residence).
    """
    from privacy_tui.core.laws.registry import REGIMES, aliases, resolve_regime
    from privacy_tui.core.scope import RegimeChoice, check_residence, choose_regime

    if not regime:
        return choose_regime(profile.country, profile.state, company.country, company.subdivision,
                             company_regimes=company.regimes)
    key = regime.strip().lower()
    if key in aliases():
        state = profile.state if profile.country.upper() == "US" else company.subdivision
        key = resolve_regime(key, subdivision=state or company.subdivision)
    if key not in REGIMES:
        raise UserError(f"unknown regime {regime!r}: choose from {', '.join(sorted(REGIMES))}")
    warning = check_residence(key, profile.country, profile.state)
    return RegimeChoice(key, f"{REGIMES[key].short}: chosen by you" + (f"; note: {warning}" if warning else ""))


def check_type(regime: str, request_type: str) -> None:
    from privacy_tui.core.laws.registry import get_regime

    reg = get_regime(regime)
    if request_type not in reg.request_types:
        raise UserError(
            f"{reg.short} has no {request_type!r} request; it offers: {', '.join(reg.request_types)}"
        )


def jurisdiction(company: Company, profile: Profile) -> tuple[str, str]:
    """The country (and subdivision) whose holidays count: the company's, else the user's."""
    if company.country:
        return company.country, company.subdivision
    return profile.country, profile.state


def refresh_deadlines(request: Request) -> Request:
    """Recompute the cached deadline fields from the timeline (see core.timeline.deadline_fields)."""
    from privacy_tui.core.timeline import deadline_fields

    return replace(request, **deadline_fields(request))


def draft_letter(
    request: Request, company: Company, profile: Profile, today: date, details: str = "",
    grounds: Sequence[str] = (), situation: str = "",
):
    from privacy_tui.core.letters import render_request_letter
    from privacy_tui.core.timeline import request_deadlines

    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    return render_request_letter(
        request, company, profile, deadlines, identity_fields=request.identity_fields, today=today, details=details,
        grounds=grounds, situation=situation, language=request.language or "en",
    )


def letter_as_of(request: Request, company: Company | None, day: date) -> Request:
    """An unsent request whose letter states its dates as of `day` (the sending day), not the drafting day.

    Every date the letter states — its date line, the deadline, the extended and acknowledgement
    dates — is moved from the drafting day's values to `day`'s, in the user's edited text too.
    """
    from privacy_tui.core.letters import redate, stated_dates

    drafted = request.first_date("created")
    if request.sent or company is None or not drafted or drafted == day.isoformat():
        return request
    try:
        old = stated_dates(request, company, date.fromisoformat(drafted))
    except ValueError:
        return request
    new = stated_dates(request, company, day)
    subject, body = redate(request.subject, old, new), redate(request.body, old, new)
    if (subject, body) == (request.subject, request.body):
        return request
    return replace(request, subject=subject, body=body)


def new_request(
    store: Store,
    company_ident: str,
    request_type: str,
    *,
    regime: str | None = None,
    received: date | None = None,
    identity_fields: Sequence[str] | None = None,
    details: str = "",
    grounds: Sequence[str] = (),
    situation: str = "",
    language: str | None = None,
    today: date,
) -> Request:
    company = store.company(company_ident)
    profile = store.profile()
    request = build_request(
        company, profile, request_type, regime=regime, identity_fields=identity_fields, details=details,
        grounds=grounds, situation=situation, language=language, today=today,
    )
    if received is not None:
        request = append_event(request, "sent", received, "received by the company on this date (entered by hand)")
    store.save_request(request)
    return request


def build_request(
    company: Company,
    profile: Profile,
    request_type: str,
    *,
    regime: str | None = None,
    identity_fields: Sequence[str] | None = None,
    details: str = "",
    grounds: Sequence[str] = (),
    situation: str = "",
    language: str | None = None,
    today: date,
) -> Request:
    """A new request with its letter drafted; `language` (e.g. "de") overrides the automatic
    choice (services.letter_language), whose reason is kept in the 'created' event."""
    from privacy_tui.core.validation import clean_text

    details = clean_text("details", details, multiline=True)
    situation = clean_text("situation", situation, multiline=True)
    request_type = (request_type or "").strip().lower()
    choice = choose_regime_for(company, profile, regime)
    key = choice.key
    check_type(key, request_type)
    from privacy_tui.core.grounds import choose_grounds

    choose_grounds(key, request_type, grounds, situation, require=True)
    fields = tuple(identity_fields) if identity_fields is not None else DEFAULT_IDENTITY
    unknown = [f for f in fields if f not in IDENTITY_FIELDS and f.removeprefix("extra.") not in profile.extra]
    if unknown:
        raise UserError(f"unknown identity field(s): {', '.join(unknown)} (choose from {', '.join(IDENTITY_FIELDS)} or a profile extra)")
    country, subdivision = jurisdiction(company, profile)
    language_choice = _language_choice(company, profile, key, request_type, subdivision, language)
    request = Request(
        id=new_id("r"),
        company_id=company.id,
        type=request_type,
        regime=key,
        reference=new_reference(),
        created=now_iso(),
        identity_fields=fields,
        country=country,
        subdivision=subdivision,
        small_agent=company.small_agent,
        language=language_choice.code,
        events=(),
    )
    # The law's reason and the chosen grounds stay with the request, so a letter drawn up again
    # later (e.g. when it is sent) says the same.
    data = {"regime_reason": choice.reason, "language_reason": language_choice.reason}
    if details:
        data["details"] = details  # so the letter can be drawn up again in another language
    if grounds:
        data["grounds"] = [g.strip().lower() for g in grounds]
    if situation:
        data["situation"] = situation
    request = replace(request, events=(Event(request.id, "created", today.isoformat(), now_iso(), "", data),))
    letter = draft_letter(request, company, profile, today, details, grounds, situation)
    return replace(request, subject=letter.subject, body=letter.body)


def _language_choice(company: Company, profile: Profile, regime_key: str, request_type: str, subdivision: str,
                     language: str | None):
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.letters import template_name
    from privacy_tui.services.letter_language import for_company

    template = template_name(get_regime(regime_key, subdivision=subdivision).key, request_type)
    return for_company(company, profile, regime_key, template, language)


def redraft(request: Request, company: Company, profile: Profile, language: str, today: date) -> Request:
    """The unsent request with its letter drawn up again in `language` (same facts, grounds and
    details, kept in its 'created' event). Edits made by hand to the draft are replaced."""
    from privacy_tui.core.letter_language import check_language

    if request.sent:
        raise UserError("this request was already sent; its text is evidence and can no longer change")
    code = check_language(language)
    data = request.events[0].data if request.events and request.events[0].kind == "created" else {}
    updated = replace(request, language=code)
    letter = draft_letter(updated, company, profile, today, str(data.get("details", "")),
                          tuple(data.get("grounds", ())), str(data.get("situation", "")))
    return replace(updated, subject=letter.subject, body=letter.body)


def english_toggle(request: Request, company: Company, profile: Profile) -> str:
    """The one-key switch: a letter in another language goes to English; an English one back
    to the language chosen automatically for the company."""
    if (request.language or "en") != "en":
        return "en"
    return _language_choice(company, profile, request.regime, request.type, request.subdivision, None).code


def rerender_letter(store: Store, ident: str, language: str, today: date) -> Request:
    """Draw the stored draft up again in `language` and save it. Refused once sent."""
    request = store.request(ident)
    if request.sent:
        raise UserError("this request was already sent; its text is evidence and can no longer change")
    updated = redraft(request, store.company(request.company_id), store.profile(), language, today)
    return store.save_request(updated)


def append_event(request: Request, kind: str, on: date, detail: str = "", data: dict | None = None,
                 *, refresh: bool = True) -> Request:
    """The request with the event appended. A batch appending many events passes refresh=False
    and calls refresh_deadlines once per request at the end (the deadlines depend only on the
    events; computing them is ~1 ms)."""
    from privacy_tui.core.timeline import validate_event
    from privacy_tui.core.validation import clean_day

    validate_event(request, kind, clean_day(on) if isinstance(on, date) else on)
    event = Event(request.id, kind, on.isoformat(), now_iso(), detail, dict(data or {}))
    updated = replace(request, events=request.events + (event,))
    return refresh_deadlines(updated) if refresh else updated


def mark(store: Store, ident: str, kind: str, on: date, note: str = "") -> Request:
    from privacy_tui.core.validation import clean_text

    request = store.request(ident)
    updated = append_event(request, kind.strip().lower(), on, clean_text("note", note, multiline=True))
    store.save_request(updated)
    return updated


def update_draft(store: Store, ident: str, *, subject: str | None = None, body: str | None = None) -> Request:
    from privacy_tui.core.validation import clean_text

    request = store.request(ident)
    if request.sent:
        raise UserError("this request was already sent; its text is evidence and can no longer change")
    if subject is not None:
        request = replace(request, subject=clean_text("subject", subject, required=True))
    if body is not None:
        request = replace(request, body=clean_text("body", body, required=True, multiline=True))
    return store.save_request(request)


@dataclass(frozen=True)
class RequestView:
    request: Request
    company: Company | None
    status: str
    deadlines: Deadlines | None

    @property
    def company_name(self) -> str:
        return self.company.name if self.company else "(removed company)"

    @property
    def active_due(self) -> str:
        # extended_due is cached only once an extension is in force.
        return self.request.extended_due or self.request.due

    def days_left(self, today: date) -> int | None:
        due = self.active_due
        return (date.fromisoformat(due) - today).days if due else None

    def to_json(self, today: date) -> dict:
        r = self.request
        d = self.deadlines
        closed = next((e.date for e in reversed(r.events) if e.kind in CLOSING), "")
        return {
            "id": r.id,
            "company_id": r.company_id,
            "company": self.company_name,
            "type": r.type,
            "regime": r.regime,
            "regime_reason": (str(r.events[0].data.get("regime_reason", "")) or None) if r.events else None,
            "language": r.language or "en",
            "language_reason": (str(r.events[0].data.get("language_reason", "")) or None) if r.events else None,
            "status": self.status,
            "reference": r.reference,
            "transport": r.transport,
            "message_id": r.message_id,
            "created": r.created,
            "sent": r.sent or None,
            "received": d.received.isoformat() if d else None,
            "acknowledged": r.acknowledged or None,
            "due": r.due or None,
            "extended_due": (d.extended_due.isoformat() if d and d.extended_due else None),
            "extension_used": bool(r.extended_due),
            "ack_due": r.ack_due or None,
            "active_due": self.active_due or None,
            "days_left": self.days_left(today),
            "closed": closed or None,
            "explanation": d.to_json()["explanation"] if d else None,
            "timeline": [
                {"kind": e.kind, "date": e.date, "at": e.at, "detail": e.detail} for e in r.events
            ],
            "subject": r.subject,
        }


def view(request: Request, company: Company | None, today: date) -> RequestView:
    from privacy_tui.core.timeline import derive_status, request_deadlines

    deadlines = request_deadlines(request, country=request.country, subdivision=request.subdivision)
    return RequestView(request, company, derive_status(request, today), deadlines)


def views(store: Store, today: date, *, status: str | None = None, requests: Iterable[Request] | None = None) -> list[RequestView]:
    from privacy_tui.core.status import status_of
    from privacy_tui.core.timeline import derive_status

    companies = {c.id: c for c in store.companies()}
    today_iso = today.isoformat()
    out = []
    for r in requests if requests is not None else store.requests():
        if r.due or not r.sent:  # the cached deadline makes the holiday tables unnecessary
            st = status_of([(e.date, e.kind) for e in r.events], r.extended_due or r.due, today_iso, r.regime)
        else:
            st = derive_status(r, today)
        if status and st != status:
            continue
        # Deadlines are cached on the record; the full explanation is computed only on demand.
        out.append(RequestView(r, companies.get(r.company_id), st, None))
    out.sort(key=lambda v: (v.active_due or "9999-99-99", v.company_name.casefold()))
    return out
