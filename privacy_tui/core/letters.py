"""Letters: request letters, reminders, complaints and identity replies, and the email that carries them.

All wording lives in Jinja2 templates under `templates/letters/` (one file per regime x type,
plus follow-ups); this module only gathers the facts each letter needs. Templates render with
StrictUndefined, and a None reaching the text is an error, so a letter never shows a blank
placeholder or the word "None".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from privacy_tui.core import letter_language as lang
from privacy_tui.core.deadlines import Deadlines, compute_deadlines
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import Regime, Regulator
from privacy_tui.core.laws.registry import get_regime, template_family
from privacy_tui.core.letter_language import long_date
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.request_types import get_request_type
from privacy_tui.core.taxonomy import category_name
from privacy_tui.core.timeline import ordered, timeline_lines

TEMPLATE_DIR = Path(__file__).parent / "templates" / "letters"

DEFAULT_IDENTITY = ("name", "email")
_PROFILE_LABELS = {
    "name": "Name",
    "email": "Email address",
    "address": "Postal address",
    "phone": "Phone number",
    "country": "Country",
    "state": "State or region",
}

@dataclass(frozen=True)
class Letter:
    subject: str
    body: str


def _finalize(value: Any) -> Any:
    if value is None:
        raise ValueError("a letter template received None; every field must be text")
    return value


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain text
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_finalize,
    )


def template_name(regime_key: str, request_type: str) -> str:
    """The template for a regime x type, in the folder of the law's family (the US state laws share `us_state`)."""
    return f"{template_family(regime_key)}/{request_type}.txt.j2"


_BLANKS = re.compile(r"\n{3,}")


def _render(name: str, context: dict[str, Any]) -> Letter:
    import jinja2

    code = context.get("language", lang.ENGLISH)
    if not lang.has_template(code, name):
        offered = [c for c in lang.language_codes() if lang.has_template(c, name)]
        raise UserError(
            f"no {lang.get_language(code).name} letter for this request ({name.removesuffix('.txt.j2')}); "
            f"it is available in: {', '.join(offered) or 'none'}"
        )
    name = lang.template_path(code, name)
    try:
        text = _env().get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise UserError(f"no letter template {name!r}") from None
    lines = [line.rstrip() for line in text.strip().splitlines()]
    if not lines or not lines[0].startswith("Subject: "):
        raise ValueError(f"template {name} must start with a 'Subject: ' line")
    subject = lines[0][len("Subject: "):].strip()
    body = _BLANKS.sub("\n\n", "\n".join(lines[1:]).strip()) + "\n"
    return Letter(subject=subject, body=body)


# --- context ---------------------------------------------------------------------------------


def identity_items(profile: Profile, fields: Sequence[str] | None) -> list[dict[str, str]]:
    """[{label, value}] for the profile fields the user chose (empty values left out)."""
    chosen = DEFAULT_IDENTITY if fields is None else tuple(fields)
    items = []
    for field in chosen:
        key = field.removeprefix("extra.")
        if key in _PROFILE_LABELS and not field.startswith("extra."):
            value = str(getattr(profile, key) or "").strip()
            label = _PROFILE_LABELS[key]
        elif key in profile.extra:
            value = str(profile.extra[key] or "").strip()
            label = key.replace("_", " ").strip().capitalize()
        else:
            raise UserError(f"unknown identity field {field!r}; choose from: {', '.join(_identity_choices(profile))}")
        if value:
            items.append({"label": label, "value": value})
    return items


def _identity_choices(profile: Profile) -> list[str]:
    return list(_PROFILE_LABELS) + [f"extra.{k}" for k in profile.extra]


def _signature(profile: Profile, fields: Sequence[str] | None) -> str:
    chosen = DEFAULT_IDENTITY if fields is None else tuple(fields)
    return profile.name.strip() if "name" in chosen else ""


def _regime_context(regime: Regime, request_type: str) -> dict[str, Any]:
    rule = regime.rule_for(request_type)
    return {
        "regime_key": regime.key,
        "request_type": request_type,
        "resident_of": regime.jurisdiction.split(",")[0].strip(),
        "law": regime.short,
        "law_name": regime.name,
        "law_citation": regime.law_citation,
        "basis": regime.basis(request_type),
        "deadline_citation": rule.citation,
        "response_period": rule.response.describe(),
        "extension_period": rule.extension.describe() if rule.extension else "",
        "extension_condition": regime.extension_condition,
        "restart_on_info": regime.restart_on_info,
        "restart_citation": regime.restart_citation,
        "type_label": get_request_type(request_type).label,
        "regulators": [r.name for r in regime.regulators],
        # Only a law that gives an appeal may be said to (Utah's and the CCPA give none).
        "appeal_citation": regime.appeal.citation if regime.appeal else "",
    }


def _dater(ctx: dict[str, Any]):
    """long_date in the letter's language and its law's locale (LGPD letters in pt_BR)."""
    code, key = ctx["language"], ctx["regime_key"]

    def long(d: date) -> str:
        return long_date(d, code, key)

    return long


def _dates(deadlines: Deadlines, code: str = lang.ENGLISH, regime_key: str = "") -> dict[str, str | bool]:
    def long(d: date) -> str:
        return long_date(d, code, regime_key)

    return {
        "received": long(deadlines.received),
        "due": long(deadlines.due),
        "active_due": long(deadlines.active_due),
        "extended_due": long(deadlines.extended_due) if deadlines.extended_due else "",
        "ack_due": long(deadlines.ack_due) if deadlines.ack_due else "",
        "extension_used": deadlines.extension_used,
    }


def _jurisdiction(request: Request, company: Company) -> tuple[str, str]:
    return (request.country or company.country, request.subdivision or company.subdivision)


def _address_lines(name: str, address: str) -> list[str]:
    """The address as lines, without the company's name when the address already starts with it."""
    lines = [part.strip() for part in address.replace("\r", "\n").split("\n") if part.strip()]
    if lines and name and lines[0].casefold() == name.casefold():
        lines = lines[1:]
    elif lines and name and lines[0].casefold().startswith(name.casefold() + ","):
        lines[0] = lines[0][len(name) + 1:].strip()
    return lines


def _company(company: Company) -> dict[str, Any]:
    name = company.name.strip()
    lines = _address_lines(name, company.address.strip())
    return {
        "name": name or "Sir or Madam",
        # In the address block: one line each. Inside a sentence: one line, commas between.
        "address": "\n".join(lines),
        "address_line": ", ".join(lines),
    }


def _base(
    request: Request,
    company: Company,
    profile: Profile,
    identity_fields: Sequence[str] | None,
    today: date,
    language: str = lang.ENGLISH,
) -> dict[str, Any]:
    if not request.reference:
        raise UserError("the request has no reference number; it is needed in the subject line")
    from privacy_tui.core.scope import resides_in

    regime = get_regime(request.regime, subdivision=request.subdivision)
    ctx = _regime_context(regime, request.type)
    ctx.update(
        # "I am a resident of ..." only when the profile says so.
        resident=resides_in(regime.key, profile.country, profile.state),
        reference=request.reference,
        today=long_date(today, lang.check_language(language), regime.key),
        company=_company(company),
        identity=identity_items(profile, identity_fields),
        signature=_signature(profile, identity_fields),
        categories=[f"{category_name(c)} ({c})" for c in company.categories],
    )
    code = lang.check_language(language)
    ctx["language"] = code
    if code != lang.ENGLISH:
        from privacy_tui.core.letter_terms import localise

        localise(ctx, code, regime.key, request.type, profile, identity_fields, today)
    return ctx


# --- the letters -------------------------------------------------------------------------------


def render_request_letter(
    request: Request,
    company: Company,
    profile: Profile,
    deadlines: Deadlines | None,
    *,
    identity_fields: Sequence[str] | None = None,
    today: date,
    details: str = "",
    grounds: Sequence[str] = (),
    situation: str = "",
    language: str = lang.ENGLISH,
) -> Letter:
    """The request letter. Before sending (`deadlines` None) it states the deadline as if received today.

    `details` is the user's own text where the request needs it (what to correct, which
    processing to object to); the letter reads well without it. `grounds` are the keys the
    person chose (core.grounds) and `situation` their particular situation for Art. 21(1).
    """
    from privacy_tui.core.grounds import choose_grounds

    ctx = _base(request, company, profile, identity_fields, today, language)
    picked = choose_grounds(request.regime, request.type, grounds, situation)
    ctx["grounds"] = [_ground_sentence(g, ctx) for g in picked]
    ctx["ground_keys"] = [g.key for g in picked]
    ctx["situation"] = situation.strip()
    if deadlines is None:
        country, subdivision = _jurisdiction(request, company)
        deadlines = compute_deadlines(
            request.regime, today, country=country, subdivision=subdivision, request_type=request.type,
            small_agent=request.small_agent,
        )
    ctx.update(_dates(deadlines, ctx["language"], ctx["regime_key"]))
    ctx["details"] = details.strip()
    return _render(template_name(get_regime(request.regime, subdivision=request.subdivision).key, request.type), ctx)


def stated_dates(request: Request, company: Company, on: date) -> dict[str, str]:
    """The dates a request letter drafted (or sent) on `on` states: its own date and the deadlines from it."""
    country, subdivision = _jurisdiction(request, company)
    d = compute_deadlines(request.regime, on, country=country, subdivision=subdivision, request_type=request.type,
                          small_agent=request.small_agent)
    # In the letter's own language (and the law's locale): a German letter names "10. Dezember 2026".
    code, key = request.language or lang.ENGLISH, get_regime(request.regime, subdivision=request.subdivision).key

    def long(x: date) -> str:
        return long_date(x, code, key)

    out = {"today": long(on), "due": long(d.due)}
    if d.extended_due:
        out["extended_due"] = long(d.extended_due)
    if d.ack_due:
        out["ack_due"] = long(d.ack_due)
    return out


def redate(text: str, old: dict[str, str], new: dict[str, str]) -> str:
    """`text` with every date stated as of one day (`old`) replaced by the same date as of another (`new`).

    A letter's deadline is computed when it is sent, not when it was drafted: drafted on 1 Dec and
    sent on 10 Dec, it must name the deadline from 10 Dec. The replacement is simultaneous, so a
    date that is both an old value and a new one is not changed twice.
    """
    pairs = {old[k]: new[k] for k in old if k in new and old[k] != new[k]}
    if not pairs:
        return text
    pattern = re.compile("|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True)) + r"(?!\d)")
    return pattern.sub(lambda m: pairs[m.group(0)], text)


def _ground_sentence(ground: Any, ctx: dict[str, Any]) -> str:
    """The ground as the letter's language words it (per-language data), else the English sentence."""
    own = ctx.get("ground_sentences", {}).get(ground.key)
    return own if own else ground.sentence.format(law=ctx["law"])


def _sent_date(request: Request) -> date:
    events = ordered(request.events)
    sent = next((t[0] for t in events if t[2].kind == "sent"), None)
    if sent is None:
        raise UserError("the request has not been sent yet; send it (or mark it sent) first")
    return sent


def render_reminder(
    request: Request,
    company: Company,
    profile: Profile,
    deadlines: Deadlines | None,
    *,
    identity_fields: Sequence[str] | None = None,
    today: date,
    reply_days: int = 14,
    language: str = lang.ENGLISH,
) -> Letter:
    """A reminder to the company that the deadline has passed, with a last date before a complaint."""
    sent = _sent_date(request)
    if deadlines is None:
        raise UserError("the request has no deadline yet; it must be sent first")
    ctx = _base(request, company, profile, identity_fields, today, language)
    long = _dater(ctx)
    ctx.update(_dates(deadlines, ctx["language"], ctx["regime_key"]))
    regime = get_regime(request.regime, subdivision=request.subdivision)
    overdue = today > deadlines.active_due
    # Never a date before the legal deadline: before it, the deadline itself; after it, a
    # reasonable grace period from today.
    reply_by = today + timedelta(days=reply_days) if overdue else deadlines.active_due
    since = regime.complaint_to_controller_since
    controller_complaint = regime.complaint_to_controller is not None and (not since or today.isoformat() >= since)
    ctx.update(
        sent=long(sent),
        overdue=overdue,
        partial=any(e.kind == "partially_fulfilled" for e in request.events),
        acknowledged=any(e.kind == "acknowledged" for e in request.events),
        reply_by=long(reply_by),
        controller_complaint=controller_complaint,
        controller_ack_period=regime.complaint_to_controller.describe() if regime.complaint_to_controller else "",
    )
    # A voluntary request has no legal deadline and no regulator to threaten: its own wording.
    name = "voluntary/reminder.txt.j2" if ctx["regime_key"] == "voluntary" else "followup/reminder.txt.j2"
    return _render(name, ctx)


def render_appeal(
    request: Request,
    company: Company,
    profile: Profile,
    deadlines: Deadlines | None,
    *,
    identity_fields: Sequence[str] | None = None,
    today: date,
) -> Letter:
    """The statutory appeal to the business (US state laws); UserError where the law gives none."""
    sent = _sent_date(request)
    if deadlines is None:
        raise UserError("the request has no deadline yet; it must be sent first")
    regime = get_regime(request.regime, subdivision=request.subdivision)
    appeal = regime.appeal
    if appeal is None:
        raise UserError(regime.no_appeal_reason or f"{regime.short} gives no appeal to the business")
    due, extended = appeal_dates(appeal, today)
    events = ordered(request.events)
    outcome = _outcome(request)
    decided = next((t[0] for t in reversed(events) if t[2].kind == outcome), None)
    ctx = _base(request, company, profile, identity_fields, today)
    ctx.update(_dates(deadlines))
    ctx.update(
        sent=long_date(sent),
        outcome=outcome,
        decided=long_date(decided) if decided else "",
        appeal_citation=appeal.citation,
        appeal_period=appeal.decision.describe(),
        appeal_due=long_date(due),
        appeal_extension=appeal.extension.describe() if appeal.extension else "",
        appeal_extended_due=long_date(extended) if extended else "",
        attorney_general=appeal.authority or "Attorney General",
        attorney_general_contact=appeal.refused_contact,
    )
    return _render("followup/appeal.txt.j2", ctx)


def appeal_dates(appeal, received: date) -> tuple[date, date | None]:
    """(decision due, extended decision due) for an appeal the business receives on `received` (calendar days)."""
    due = received + timedelta(days=appeal.decision.amount)
    extended = due + timedelta(days=appeal.extension.amount) if appeal.extension else None
    return due, extended


def render_complaint(
    request: Request,
    company: Company,
    profile: Profile,
    regulator: Regulator,
    timeline_events: Iterable[Event],
    deadlines: Deadlines | None,
    today: date,
    *,
    identity_fields: Sequence[str] | None = ("name", "email", "address"),
    regulator_key: str = "",
    premature: bool = False,
    improper_ask: str = "",
    language: str = lang.ENGLISH,
) -> Letter:
    """A complaint to a regulator, with the dated timeline of the request.

    `regulator_key` (e.g. "cppa", "anpd") selects the wording that authority's procedure needs."""
    sent = _sent_date(request)
    if deadlines is None:
        raise UserError("the request has no deadline yet; it must be sent first")
    ctx = _base(request, company, profile, identity_fields, today, language)
    code = ctx["language"]
    long = _dater(ctx)
    ctx.update(_dates(deadlines, code, ctx["regime_key"]))
    if code != lang.ENGLISH:
        from dataclasses import replace

        from privacy_tui.core.letter_terms import localise_detail

        timeline_events = [replace(e, detail=localise_detail(_without_transport(e.detail), code)) for e in timeline_events]
    timeline = [
        {"date": long(d), "words": _without_transport(words)}
        for d, words in timeline_lines(timeline_events, ctx.get("event_words"))
    ]
    if not timeline:
        raise UserError("the complaint needs the request's timeline; it has no events")
    events = ordered(request.events)

    def last(kind: str) -> str:
        found = [t[0] for t in events if t[2].kind == kind]
        return long(found[-1]) if found else ""

    ctx.update(
        sent=long(sent),
        regulator={"name": regulator.name, "key": regulator_key},
        company_contact=", ".join(company.emails) or company.webform or company.website,
        timeline=timeline,
        overdue=today > deadlines.active_due,
        days_over=(today - deadlines.active_due).days,
        outcome=_outcome(request),
        # --anyway before the deadline: the text must not claim a failure that has not happened.
        premature=premature,
        improper_ask=improper_ask,  # the rule that forbids the company's identity demand, if it made one
        acknowledged_on=last("acknowledged"),
        id_asked_on=last("id_requested"),
        id_given_on=last("info_supplied"),
        clarification_asked_on=last("clarification_requested"),
        clarification_given_on=last("clarification_given"),
    )
    return _render("followup/complaint.txt.j2", ctx)


# " via HOST" as the sending code writes it (services/sending.py): a host name, an IP address
# or localhost; "via the web form" and the like are kept.
_TRANSPORT = re.compile(r"\s+via\s+(?:localhost|\[?[0-9a-fA-F:.]*[.:][0-9a-fA-F:.]*\]?|[\w-]+(?:\.[\w-]+)+)(?=[\s,;)]|$)")


def _without_transport(words: str) -> str:
    """'emailed to a@b.example via smtp.example.net' -> 'emailed to a@b.example': the server that
    carried a message is no business of a regulator (and may be a local relay)."""
    return _TRANSPORT.sub("", words)


def _outcome(request: Request) -> str:
    """What the company did, as the timeline records it: denied, partially_fulfilled, fulfilled,
    acknowledged (and then nothing), or no_answer (not even an acknowledgement)."""
    kinds = {e.kind for e in request.events}
    for kind in ("denied", "partially_fulfilled", "fulfilled"):
        if kind in kinds:
            return kind
    if kinds & {"acknowledged", "id_requested", "clarification_requested", "extended"}:
        return "acknowledged"
    return "no_answer"


def render_id_reply(
    request: Request,
    company: Company,
    profile: Profile,
    deadlines: Deadlines | None,
    *,
    identity_fields: Sequence[str],
    today: date,
    details: str = "",
    language: str = lang.ENGLISH,
) -> Letter:
    """A reply supplying the identity data or clarification the company asked for.

    The deadline it names is the one the law gives once the company has this answer (today):
    a fresh period (restart), the old one plus the stopped days (pause), or the old one.
    """
    from dataclasses import replace as _replace

    from privacy_tui.core.events import ASKS, NO_EFFECT, PAUSE
    from privacy_tui.core.models import Event
    from privacy_tui.core.timeline import request_deadlines

    _sent_date(request)
    asks = [t for t in ordered(request.events) if t[2].kind in ASKS]
    if not asks:
        raise UserError("the company has not asked for identity data or a clarification (mark 'id_requested' or "
                        "'clarification_requested' first)")
    if not identity_fields and not details.strip():
        raise UserError("choose which identity data to send, or write the clarification")
    ask = asks[-1]
    regime = get_regime(request.regime, subdivision=request.subdivision)
    rule = regime.clock_rule(ask[2].kind)
    ctx = _base(request, company, profile, identity_fields, today, language)
    long = _dater(ctx)
    answered = _replace(request, events=request.events + (Event(request.id, ASKS[ask[2].kind], today.isoformat()),))
    after = request_deadlines(answered)
    if after is None:
        raise UserError("the request has no deadline yet; it must be sent first")
    ctx.update(_dates(after, ctx["language"], ctx["regime_key"]))
    ctx.update(
        asked=long(ask[0]),
        details=details.strip(),
        ask_kind=ask[2].kind,
        clock_effect=rule.effect,
        clock_citation=rule.citation,
        clock_paused=rule.effect == PAUSE,
        clock_runs_on=rule.effect == NO_EFFECT,
    )
    return _render("voluntary/id_reply.txt.j2" if regime.key == "voluntary" else "followup/id_reply.txt.j2", ctx)


__all__ = [
    "DEFAULT_IDENTITY",
    "Letter",
    "identity_items",
    "long_date",
    "redate",
    "stated_dates",
    "appeal_dates",
    "render_appeal",
    "render_complaint",
    "render_id_reply",
    "render_reminder",
    "render_request_letter",
    "template_name",
]
