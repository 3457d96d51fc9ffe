"""`privacy-tui request poll [ID]` and `request revoke ID`: DRP status and revocation."""

from __future__ import annotations

from privacy_tui.commands._common import add_today
from privacy_tui.commands._output import out


def register(rsub) -> None:
    p = rsub.add_parser("poll", help="ask businesses for the status of requests sent through DRP")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_poll)

    p = rsub.add_parser("revoke", help="withdraw a request sent through DRP (exit 4 unless the business answers 'revoked')")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", default="", metavar="TEXT")
    add_today(p)
    p.set_defaults(handler=run_revoke)


def run_poll(args) -> int:
    from privacy_tui.commands._common import print_json, today
    from privacy_tui.services.drp import poll
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        results = poll(store, args.id, today=today(args))
    if args.json:
        print_json([{"id": r.id, "drp_request_id": r.drp_request_id, "drp_status": s} for r, s in results])
    else:
        for r, s in results:
            out(f"{r.id}  {r.drp_request_id}  {s}")
        if not results:
            out("no open DRP requests")
    return 0


def run_revoke(args) -> int:
    from privacy_tui.commands._common import today
    from privacy_tui.services.drp import revoke
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        request = revoke(store, args.id, args.reason, today=today(args))
    out(f"{request.id} revoked")
    return 0
