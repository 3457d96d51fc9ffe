"""`privacy-tui request ...`: draft, send and track data-rights requests."""

from __future__ import annotations

import importlib

from privacy_tui.commands._common import add_today, subcommands
from privacy_tui.commands._output import err, out

# Further `request` actions live in their own modules (sending, DRP, escalation).
_EXTENSIONS = ("_request_send", "_request_drp", "_request_escalate")


def register(sub) -> None:
    request = sub.add_parser("request", help="draft, send and track data-rights requests")
    rsub = subcommands(request, "request_command")

    p = rsub.add_parser("new", help="draft a request to a company; prints its id")
    p.add_argument("company", metavar="COMPANY_ID")
    p.add_argument("--type", required=True, metavar="T", help="access, deletion, rectification, portability, restriction, objection, withdraw_consent, opt_out_sale, limit_sensitive, ...")
    p.add_argument("--regime", metavar="R", help="law to invoke (default: chosen from where you live and where the company is established; the reason is printed on stderr)")
    p.add_argument("--received", metavar="YYYY-MM-DD", help="the company already received it on this date (e.g. a posted letter)")
    p.add_argument("--identity", action="append", metavar="FIELD", help="profile field to include (repeatable; default: name and email; extra.KEY for a profile extra)")
    p.add_argument("--details", metavar="TEXT", help="your own words for the letter: what to correct, what you object to, ...")
    p.add_argument(
        "--ground", action="append", metavar="G", dest="grounds",
        help="for erasure, objection and restriction: a ground that applies to you (repeatable); the letter asserts "
        "only the grounds you give. " + _ground_help(),
    )
    p.add_argument("--situation", metavar="TEXT", help="your particular situation, required with --ground particular_situation (Art. 21(1) GDPR)")
    p.add_argument("--language", metavar="XX", help=_language_help())
    add_today(p)
    p.set_defaults(handler=run_new)

    p = rsub.add_parser("letter", help="print the letter's subject and body (an unsent one dated as if sent today)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--language", metavar="XX", help="draw the draft up again in this language first (replaces the draft's text). "
                   + _language_help())
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_letter)

    p = rsub.add_parser("edit", help="change the draft's subject or body before sending")
    p.add_argument("id", metavar="ID")
    p.add_argument("--subject")
    p.add_argument("--body-file", metavar="FILE", help="read the new body from FILE (- for stdin)")
    p.set_defaults(handler=run_edit)

    p = rsub.add_parser("mark", help="record what happened: sent, acknowledged, id_requested, info_supplied, "
                        "clarification_requested, clarification_given, fee_requested, fee_paid, extended, fulfilled, partially_fulfilled, denied, withdrawn")
    p.add_argument("id", metavar="ID")
    p.add_argument("event", metavar="EVENT")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when it happened (default: today)")
    p.add_argument("--note", metavar="TEXT")
    add_today(p)
    p.set_defaults(handler=run_mark)

    p = rsub.add_parser("list", help="list requests with their status and deadline")
    p.add_argument("--status", metavar="S")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_list)

    p = rsub.add_parser("show", help="a request's timeline and every computed date")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_show)

    p = rsub.add_parser("remove", help="remove a request with its sent messages, inbox replies and their encrypted blobs")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="remove without asking (required without a terminal)")
    p.set_defaults(handler=run_remove)

    for name in _EXTENSIONS:
        try:
            module = importlib.import_module(f"privacy_tui.commands.{name}")
        except ImportError:
            continue
        module.register(rsub)


def _language_help() -> str:
    from privacy_tui.core.letter_language import choices_text

    return ("the letter's language (default: the company's language from the directory, else its country's, "
            f"else yours): {choices_text()}")


def language_note(request) -> str:
    """'language: German (the language of the recipient's country (DE))' for stderr."""
    from privacy_tui.core.letter_language import get_language

    reason = str(request.events[0].data.get("language_reason", "")) if request.events else ""
    name = get_language(request.language or "en").name
    return f"language: {name}" + (f" ({reason}); change it with --language" if reason else "")


def _ground_help() -> str:
    from privacy_tui.core.grounds import help_text

    return help_text().replace("%", "%%")  # argparse formats help with %


def run_new(args) -> int:
    from privacy_tui.commands._common import parse_date, today
    from privacy_tui.services.requests import new_request
    from privacy_tui.services.session import open_store

    received = parse_date(args.received, "--received") if args.received else None
    with open_store(write=True) as store:
        request = new_request(
            store, args.company, args.type, regime=args.regime, received=received, identity_fields=args.identity,
            details=args.details or "", grounds=args.grounds or (), situation=args.situation or "",
            language=args.language, today=today(args)
        )
    reason = str(request.events[0].data.get("regime_reason", "")) if request.events else ""
    if reason:
        err(f"law: {reason}")  # stdout stays the id alone
    err(language_note(request))
    out(request.id)
    return 0


def run_letter(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.requests import letter_as_of
    from privacy_tui.services.session import open_store

    if args.language:
        from privacy_tui.services.requests import rerender_letter

        with open_store(write=True) as store:
            request = rerender_letter(store, args.id, args.language, today(args))
            request = letter_as_of(request, store.find_company(request.company_id), today(args))
        err(f"{language_note(request).split(' (')[0]}: the draft was drawn up again (edits made with `request edit` were replaced)")
    else:
        with open_store() as store:
            request = store.request(args.id)
            request = letter_as_of(request, store.find_company(request.company_id), today(args))
    if args.json:
        print_json({"id": request.id, "subject": request.subject, "body": request.body, "reference": request.reference,
                    "language": request.language or "en"})
    else:
        out(f"Subject: {request.subject}\n\n{request.body}")
    return 0


MAX_BODY_FILE_BYTES = 1024 * 1024  # a letter body; far above any real one

def run_edit(args) -> int:
    import sys

    from privacy_tui.core.errors import UserError
    from privacy_tui.services.requests import update_draft
    from privacy_tui.services.session import open_store
    from privacy_tui.transport.files import read_user_file, size_text

    body = None
    if args.body_file:
        what = "letter body (UTF-8 text)"
        if args.body_file == "-":
            data = sys.stdin.buffer.read(MAX_BODY_FILE_BYTES + 1)
            if len(data) > MAX_BODY_FILE_BYTES:
                raise UserError(f"standard input holds more than {size_text(MAX_BODY_FILE_BYTES)}, too large for a {what}")
        else:
            data = read_user_file(args.body_file, MAX_BODY_FILE_BYTES, what)
        try:
            body = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{args.body_file} is not UTF-8 text: save the letter body as UTF-8") from None
    if args.subject is None and body is None:
        raise UserError("nothing to change: give --subject or --body-file")
    with open_store(write=True) as store:
        request = update_draft(store, args.id, subject=args.subject, body=body)
    out(request.id)
    return 0


def run_mark(args) -> int:
    from privacy_tui.commands._common import parse_date, today
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.requests import mark
    from privacy_tui.services.session import open_store

    on = parse_date(args.date, "--date") if args.date else today(args)
    if on > today(args):
        raise UserError(f"--date {on.isoformat()} is in the future")
    with open_store(write=True) as store:
        request = mark(store, args.id, args.event, on, args.note or "")
    out(f"{request.id} {args.event.lower()} on {on.isoformat()}")
    return 0


def _left_words(status: str, days: int | None) -> str:
    """"34d left" / "3d late", only while the company's deadline runs (core.status)."""
    from privacy_tui.core.status import deadline_running

    if days is None or not deadline_running(status):
        return ""
    return f"{-days}d late" if days < 0 else f"{days}d left"


def run_list(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.commands._output import table
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.status import label
    from privacy_tui.core.timeline import STATUSES
    from privacy_tui.services.requests import views
    from privacy_tui.services.session import open_store

    if args.status and args.status not in STATUSES:
        raise UserError(f"unknown status {args.status!r}: choose from {', '.join(STATUSES)}")
    now = today(args)
    with open_store() as store:
        rows = views(store, now, status=args.status)
    if args.json:
        print_json([v.to_json(now) for v in rows])
        return 0
    if not rows:
        out("No requests" + (f" with status {label(args.status)}" if args.status else "") + ".")
        return 0
    table(
        [(v.request.id, v.company_name, _type_words(v.request.type), _regime_words(v.request.regime), label(v.status),
          v.active_due or "-", _left_words(v.status, v.days_left(now))) for v in rows],
        ("ID", "COMPANY", "TYPE", "LAW", "STATUS", "DUE", ""),
    )
    return 0


def _type_words(request_type: str) -> str:
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.request_types import get_request_type

    try:
        return get_request_type(request_type).label
    except UserError:  # an unknown type in an old record is still listed
        return request_type.replace("_", " ")


def _regime_words(regime: str) -> str:
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.laws.registry import get_regime

    try:
        return get_regime(regime).short
    except UserError:  # an unknown regime, or us_state without its state: shown as stored
        return regime


# `request show` rows: the JSON key and the words for it.
_DATE_ROWS = (
    ("sent", "sent"),
    ("received", "received"),
    ("acknowledged", "acknowledged"),
    ("ack_due", "acknowledge by"),
    ("due", "due"),
    ("extended_due", "extended due"),
    ("closed", "closed"),
)
_MESSAGE_KINDS = {"request": "the request", "reminder": "reminder", "complaint": "complaint", "id_reply": "reply with identity data"}


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.core.status import label
    from privacy_tui.core.timeline import EVENT_DESCRIPTIONS
    from privacy_tui.services.requests import view
    from privacy_tui.services.session import open_store

    now = today(args)
    with open_store() as store:
        request = store.request(args.id)
        v = view(request, store.find_company(request.company_id), now)
        messages = store.messages(request.id)
    data = v.to_json(now)
    data["messages"] = [{"id": m.id, "kind": m.kind, "transport": m.transport, "to": m.to, "sent_at": m.sent_at, "message_id": m.message_id,
                         "language": m.language or "en"} for m in messages]
    if args.json:
        print_json(data)
        return 0
    out(f"{data['company']}: {_type_words(data['type'])} request under {_regime_words(data['regime'])}  ({data['id']}, ref {data['reference']})")
    out(f"{'status':<15} {label(data['status'])}")
    if data.get("regime_reason"):
        out(f"{'law':<15} {data['regime_reason']}")
    from privacy_tui.core.letter_language import get_language

    out(f"{'language':<15} {get_language(data['language']).name}" + (f" ({data['language_reason']})" if data.get("language_reason") else ""))
    for key, words in _DATE_ROWS:
        value = data[key]
        if not value:
            continue
        if key == "extended_due" and not data["extension_used"]:
            words = "extendable to"  # the law allows it; the company has not announced it in time
        out(f"{words:<15} {value}")
    left = _left_words(data["status"], data["days_left"])
    if left:
        days = abs(data["days_left"])
        out(f"{'':<15} {days} day{'s' if days != 1 else ''} {'late' if data['days_left'] < 0 else 'left'}")
    if data["explanation"]:
        out("how the dates were computed:")
        for line in str(data["explanation"]).split("; "):
            out(f"  - {line}")
    out("timeline:")
    for e in data["timeline"]:
        words = EVENT_DESCRIPTIONS.get(e["kind"], e["kind"].replace("_", " "))
        out(f"  {e['date']}  {words}" + (f": {e['detail']}" if e["detail"] else ""))
    if data["messages"]:
        out("messages:")
    for m in data["messages"]:
        how = [_MESSAGE_KINDS.get(m["kind"], m["kind"].replace("_", " "))]
        if m["transport"]:
            how.append(f"via {m['transport']}")
        how.append(f"sent {m['sent_at']}" if m["sent_at"] else "not sent yet")
        out(f"  {m['id']}  {', '.join(how)}" + (f", to {m['to']}" if m["to"] else ""))
    return 0


def run_remove(args) -> int:
    import sys

    from privacy_tui.commands._common import confirm
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.text import printable
    from privacy_tui.services.removal import plan, remove_requests
    from privacy_tui.services.session import open_store

    if not args.yes and not sys.stdin.isatty():
        raise UserError("request remove needs --yes when not run in a terminal; nothing was removed")
    with open_store(write=True) as store:
        request = store.request(args.id)
        company = store.find_company(request.company_id)
        what = plan(store, [request])
        if not args.yes:
            name = printable(company.name, multiline=False) if company else "(removed company)"
            question = (f"Remove request {request.id} to {name} (ref {printable(request.reference, multiline=False)}) with "
                        f"{what.sent} sent message(s), {what.received} inbox message(s) and {what.blobs} blob(s)? "
                        "This cannot be undone (backups keep a copy)")
            if not confirm(question):
                raise UserError("not confirmed; nothing was removed")
        done = remove_requests(store, [request])
    out(done.summary())
    return 0
