"""`privacy-tui request send ID [--via smtp|eml|mailto|copy|drp]`."""

from __future__ import annotations

from privacy_tui.commands._common import add_today
from privacy_tui.commands._output import out


def register(rsub) -> None:
    p = rsub.add_parser("send", help="send a request by email, as .eml/mailto, as text for a web form, or by API (DRP)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--via", default="smtp", choices=("smtp", "eml", "mailto", "copy", "drp"), help="how to send (default smtp)")
    p.add_argument("--resend", action="store_true", help="send again although it was already sent")
    p.add_argument("--out", metavar="FILE", help="where to write the .eml (with --via eml)")
    p.add_argument("--open", action="store_true", help="open the mailto: link in your mail client (with --via mailto)")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_send)


def run_send(args) -> int:
    from pathlib import Path

    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.sending import send_request
    from privacy_tui.services.session import open_store

    out_path = Path(args.out).expanduser() if args.out else None
    with open_store(write=True) as store:
        outcome = send_request(store, args.id, args.via, today=today(args), resend=args.resend, out=out_path)
    if args.via == "mailto" and args.open and outcome.url:
        from privacy_tui.transport.mailclient import open_url

        if not open_url(outcome.url):
            out("could not open a mail client; copy the link below")
    if args.json:
        print_json({"id": outcome.request.id, "via": args.via, "sent": outcome.sent, "text": outcome.text,
                    "url": outcome.url, "path": str(outcome.path) if outcome.path else None,
                    "message_id": outcome.request.message_id or None})
    else:
        out(outcome.text)
    return 0
