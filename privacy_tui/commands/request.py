"""`privacy-tui request ...`: draft, send and track data-rights requests."""

from __future__ import annotations

import importlib

from privacy_tui.commands._common import add_today

# Further `request` actions live in their own modules (sending, DRP, escalation).
_EXTENSIONS = ("_request_send", "_request_drp", "_request_escalate")


def register(sub) -> None:
    request = sub.add_parser("request", help="draft, send and track data-rights requests")
    rsub = request.add_subparsers(dest="request_command", metavar="ACTION")
    request.set_defaults(handler=lambda args: (request.print_help(), 0)[1])

    p = rsub.add_parser("new", help="draft a request to a company; prints its id")
    p.add_argument("company", metavar="COMPANY_ID")
    p.add_argument("--type", required=True, metavar="T", help="access, deletion, rectification, portability, restriction, objection, withdraw_consent, opt_out_sale, limit_sensitive, ...")
    p.add_argument("--regime", metavar="R", help="law to invoke (default: from the company and your profile)")
    p.add_argument("--received", metavar="YYYY-MM-DD", help="the company already received it on this date (e.g. a posted letter)")
    p.add_argument("--identity", action="append", metavar="FIELD", help="profile field to include (repeatable; default: name and email; extra.KEY for a profile extra)")
    p.add_argument("--details", metavar="TEXT", help="your own words for the letter: what to correct, what you object to, ...")
    add_today(p)
    p.set_defaults(handler=run_new)

    p = rsub.add_parser("letter", help="print the letter's subject and body (an unsent one dated as if sent today)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_letter)

    p = rsub.add_parser("edit", help="change the draft's subject or body before sending")
    p.add_argument("id", metavar="ID")
    p.add_argument("--subject")
    p.add_argument("--body-file", metavar="FILE", help="read the new body from FILE (- for stdin)")
    p.set_defaults(handler=run_edit)

    p = rsub.add_parser("mark", help="record what happened: sent, acknowledged, id_requested, info_supplied, "
                        "clarification_requested, clarification_given, extended, fulfilled, partially_fulfilled, denied, withdrawn")
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

    for name in _EXTENSIONS:
        try:
            module = importlib.import_module(f"privacy_tui.commands.{name}")
        except ImportError:
            continue
        module.register(rsub)


def run_new(args) -> int:
    from privacy_tui.commands._common import parse_date, today
    from privacy_tui.services.requests import new_request
    from privacy_tui.session import open_store

    received = parse_date(args.received, "--received") if args.received else None
    with open_store(write=True) as store:
        request = new_request(
            store, args.company, args.type, regime=args.regime, received=received, identity_fields=args.identity,
            details=args.details or "", today=today(args)
        )
    print(request.id)
    return 0


def run_letter(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.requests import letter_as_of
    from privacy_tui.session import open_store

    with open_store() as store:
        request = store.request(args.id)
        request = letter_as_of(request, store.find_company(request.company_id), today(args))
    if args.json:
        print_json({"id": request.id, "subject": request.subject, "body": request.body, "reference": request.reference})
    else:
        print(f"Subject: {request.subject}\n\n{request.body}")
    return 0


def run_edit(args) -> int:
    import sys

    from privacy_tui.core.errors import UserError
    from privacy_tui.services.requests import update_draft
    from privacy_tui.session import open_store

    body = None
    if args.body_file:
        try:
            body = sys.stdin.read() if args.body_file == "-" else open(args.body_file, encoding="utf-8").read()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {args.body_file}: {exc}") from None
    if args.subject is None and body is None:
        raise UserError("nothing to change: give --subject or --body-file")
    with open_store(write=True) as store:
        request = update_draft(store, args.id, subject=args.subject, body=body)
    print(request.id)
    return 0


def run_mark(args) -> int:
    from privacy_tui.commands._common import parse_date, today
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.requests import mark
    from privacy_tui.session import open_store

    on = parse_date(args.date, "--date") if args.date else today(args)
    if on > today(args):
        raise UserError(f"--date {on.isoformat()} is in the future")
    with open_store(write=True) as store:
        request = mark(store, args.id, args.event, on, args.note or "")
    print(f"{request.id} {args.event.lower()} on {on.isoformat()}")
    return 0


def run_list(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.timeline import STATUSES
    from privacy_tui.services.requests import views
    from privacy_tui.session import open_store

    if args.status and args.status not in STATUSES:
        raise UserError(f"unknown status {args.status!r}: choose from {', '.join(STATUSES)}")
    now = today(args)
    with open_store() as store:
        rows = views(store, now, status=args.status)
    if args.json:
        print_json([v.to_json(now) for v in rows])
        return 0
    if not rows:
        print("No requests" + (f" with status {args.status}" if args.status else "") + ".")
        return 0
    for v in rows:
        left = v.days_left(now)
        when = "" if left is None else (f"{-left}d late" if left < 0 else f"{left}d left")
        print(f"{v.request.id}  {v.company_name[:28]:<28} {v.request.type:<16} {v.request.regime:<8} {v.status:<12} {v.active_due or '-':<10} {when}")
    return 0


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.requests import view
    from privacy_tui.session import open_store

    now = today(args)
    with open_store() as store:
        request = store.request(args.id)
        v = view(request, store.find_company(request.company_id), now)
        messages = store.messages(request.id)
    data = v.to_json(now)
    data["messages"] = [{"id": m.id, "kind": m.kind, "transport": m.transport, "to": m.to, "sent_at": m.sent_at, "message_id": m.message_id} for m in messages]
    if args.json:
        print_json(data)
        return 0
    print(f"{data['company']}: {data['type']} request under {data['regime']}  ({data['id']}, ref {data['reference']})")
    print(f"status     {data['status']}")
    for key in ("sent", "received", "acknowledged", "ack_due", "due", "extended_due", "closed"):
        if data[key]:
            print(f"{key:<10} {data[key]}")
    if data["days_left"] is not None and data["status"] not in ("done", "denied", "withdrawn"):
        left = data["days_left"]
        print(f"{'':<10} {abs(left)} day(s) {'late' if left < 0 else 'left'}")
    if data["explanation"]:
        print("how the dates were computed:")
        for line in str(data["explanation"]).split("; "):
            print(f"  - {line}")
    print("timeline:")
    for e in data["timeline"]:
        print(f"  {e['date']}  {e['kind']:<20} {e['detail']}")
    for m in data["messages"]:
        print(f"  message {m['id']} ({m['kind']}, {m['transport']}) to {m['to']} {m['sent_at']}")
    return 0
