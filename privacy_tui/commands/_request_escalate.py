"""`privacy-tui request escalate ID --to company|appeal|regulator` and `request send-escalation MESSAGE_ID`.

Drafting and sending are two steps, as for requests: the draft is stored (and shown) first, so
the user reads the letter before it leaves; `send-escalation` then sends it by SMTP where the
recipient takes email, or prints it with the authority's web-form URL to paste.
"""

from __future__ import annotations

from privacy_tui.commands._common import add_today
from privacy_tui.commands._output import out


def register(rsub) -> None:
    p = rsub.add_parser(
        "escalate",
        help="draft a reminder to the company, a statutory appeal, or a complaint to the regulator",
        description="Draft a reminder letter to the company (--to company), the appeal the law gives against the "
        "company's refusal (--to appeal: the US state laws that have one), or a complaint to the competent "
        "authority (--to regulator) with the request's dated timeline. A complaint before the deadline has passed "
        "is refused unless the company refused or answered in part, or you pass --anyway. The draft is stored as "
        "a new message; send it with `privacy-tui request send-escalation MESSAGE_ID`.",
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--to", required=True, choices=("company", "appeal", "regulator"), help="who the letter is for")
    p.add_argument("--anyway", action="store_true",
                   help="with --to regulator: complain although the deadline has not passed (the letter claims no failure)")
    p.add_argument("--authority", metavar="KEY", help="another authority: a directory slug (e.g. iedpc), ico, cppa, ca_ag, opc, anpd, va_ag, ...")
    p.add_argument("--language", metavar="XX", help="the letter's language (default: the request's for a reminder, the "
                   "authority's complaint language for a complaint): " + _choices())
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_escalate)

    p = rsub.add_parser(
        "send-escalation",
        help="send a drafted reminder or complaint (email where accepted, else text for the web form)",
    )
    p.add_argument("message", metavar="MESSAGE_ID")
    p.add_argument("--via", choices=("smtp", "eml", "mailto", "copy"),
                   help="how to send (default: smtp when the recipient takes email, else copy)")
    p.add_argument("--resend", action="store_true", help="send again although it was already sent")
    p.add_argument("--out", metavar="FILE", help="where to write the .eml (with --via eml)")
    p.add_argument("--open", action="store_true", help="open the mailto: link or web form in your desktop")
    p.add_argument("--mark-sent", action="store_true", help="record that you sent it yourself (web form, mail client)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="with --mark-sent: when you sent it (default today)")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_send_escalation)


def _choices() -> str:
    from privacy_tui.core.letter_language import choices_text

    return choices_text()


def run_escalate(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.escalation import draft_escalation
    from privacy_tui.services.session import open_store

    now = today(args)
    with open_store(write=True) as store:
        if args.anyway and args.to != "regulator":
            from privacy_tui.core.errors import UserError

            raise UserError("--anyway goes with --to regulator")
        message, recipient = draft_escalation(store, args.id, args.to, now, authority=args.authority, anyway=args.anyway,
                                              language=args.language)
    how = "email" if recipient.email else "web form"
    send = f"privacy-tui request send-escalation {message.id}"
    if args.json:
        print_json({
            "message_id": message.id,
            "request_id": message.request_id,
            "kind": message.kind,
            "recipient": recipient.to_json(),
            "subject": message.subject,
            "body": message.body,
            "send_with": send,
            "channel": how,
            "language": message.language,
        })
        return 0
    from privacy_tui.core.letter_language import get_language

    out(f"{message.kind} {message.id} drafted for {recipient.name}")
    out(f"  language  {get_language(message.language).name} (change it with --language)")
    if recipient.note:
        out(f"  ({recipient.note})")
    for label, value in (("email", recipient.email), ("web form", recipient.webform), ("address", recipient.address)):
        if value:
            out(f"  {label:<9} {value}")
    out(f"\nSubject: {message.subject}\n\n{message.body}")
    out(f"Send it with: {send}" + ("" if recipient.email else "  (prints the text and the web form to paste it into)"))
    return 0


def run_send_escalation(args) -> int:
    from pathlib import Path

    from privacy_tui.commands._common import parse_date, print_json, today
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.escalation import find_message, record_sent, send_escalation
    from privacy_tui.services.session import open_store

    now = today(args)
    if args.mark_sent:
        on = parse_date(args.date, "--date") if args.date else now
        if on > now:
            raise UserError(f"--date {on.isoformat()} is in the future")
        with open_store(write=True) as store:
            message = record_sent(store, args.message, args.via or "copy", on)
        if args.json:
            print_json({"message_id": message.id, "sent": True, "via": message.transport, "sent_at": message.sent_at})
        else:
            out(f"{message.id} recorded as sent on {on.isoformat()}")
        return 0
    if args.date:
        raise UserError("--date goes with --mark-sent")
    out_path = Path(args.out).expanduser() if args.out else None
    with open_store(write=True) as store:
        message_id = find_message(store, args.message).id
        outcome = send_escalation(store, message_id, args.via, today=now, resend=args.resend, out=out_path)
    if args.open and outcome.url:
        from privacy_tui.transport.mailclient import open_url

        if not open_url(outcome.url):
            out("could not open it on this desktop; use the link below")
    if args.json:
        print_json({"message_id": message_id, "request_id": outcome.request.id, "sent": outcome.sent,
                    "text": outcome.text, "url": outcome.url, "path": str(outcome.path) if outcome.path else None})
    else:
        out(outcome.text)
    return 0
