"""`privacy-tui inbox ...`: the companies' replies, synced over IMAP or imported from files."""

from __future__ import annotations

import sys

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import err, out


def register(sub) -> None:
    inbox = sub.add_parser("inbox", help="received replies: sync, import, list, accept, ignore, answer")
    isub = subcommands(inbox, "inbox_command")

    p = isub.add_parser("sync", help="fetch new messages over IMAP, read-only (see `config imap`)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only messages received on or after this date")
    p.set_defaults(handler=run_sync)

    p = isub.add_parser("import", help="import .eml files, folders of them, or mbox files")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(handler=run_import)

    p = isub.add_parser("list", help="received messages, new and unmatched first")
    p.add_argument("--json", action="store_true")
    p.add_argument("--unmatched", action="store_true", help="only messages not matched to a request")
    p.add_argument("--new", action="store_true", help="only messages waiting for your decision")
    p.set_defaults(handler=run_list)

    p = isub.add_parser("show", help="one message: sender, DKIM, kind, text (never rendered), attachments")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_show)

    p = isub.add_parser("accept", help="confirm the message's kind and request; records the event on the timeline")
    p.add_argument("id", metavar="ID")
    p.add_argument("--as", dest="as_kind", metavar="KIND", help="the kind, when the guess is wrong")
    p.add_argument("--request", metavar="RID", help="the request it answers, when unmatched or wrong")
    p.set_defaults(handler=run_accept)

    p = isub.add_parser("ignore", help="mark the message as not needing anything")
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=run_ignore)

    p = isub.add_parser("undo", help="undo accept/ignore or an automatic application: back to new")
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=run_undo)

    from privacy_tui.commands._inbox_answer import register_answer

    register_answer(isub)  # `inbox answer ID [--details TEXT] [--send [--via ...]]` (h12)


class _Bar:
    """A progress bar on stderr, only when stderr is a terminal (scripts get clean output)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.on = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int | None = None) -> None:
        if not self.on:
            return
        if total:
            filled = int(30 * done / max(total, 1))
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        else:
            sys.stderr.write(f"\r{self.label} {done}")
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def _report(report) -> None:
    out(report.summary())
    for line in report.refused[:50]:
        err(f"note: {line}")


def run_sync(args) -> int:
    from privacy_tui.commands._common import parse_date
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.inbox_sync import imap_settings, sync
    from privacy_tui.services.session import open_store
    from privacy_tui.vault.imap_secrets import resolve_imap_password

    since = parse_date(args.since, "--since") if args.since else None
    with open_store(write=True) as store:
        settings = imap_settings(store)
        if settings is None:
            raise UserError("IMAP is not configured: run `privacy-tui config imap --host H --username U` first")
        password = resolve_imap_password(settings.username)
        bar = _Bar("syncing")
        try:
            report = sync(store, settings, password, since=since, progress=bar)
        finally:
            bar.end()
    for warning in report.warnings:
        err(f"warning: {warning}")
    out(f"fetched {report.fetched}: " + report.ingest.summary())
    for line in report.ingest.refused[:50]:
        err(f"note: {line}")
    return 0


def run_import(args) -> int:
    from pathlib import Path

    from privacy_tui.services.inbox_sync import import_paths
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        bar = _Bar("importing")
        try:
            report = import_paths(store, [Path(p) for p in args.paths], progress=bar)
        finally:
            bar.end()
    _report(report)
    return 0


def run_list(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.commands._output import table
    from privacy_tui.core.inbox.record import list_json
    from privacy_tui.services.inbox import list_messages
    from privacy_tui.services.session import open_store

    with open_store() as store:
        rows = [list_json(r) for r in list_messages(store, unmatched=args.unmatched, new=args.new)]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        out("no received messages (run `privacy-tui inbox sync` or `inbox import PATH`)")
        return 0
    table([(r["id"], r["state"], (r["date"] or "")[:10], r["kind"], f"{r['confidence']:.2f}", r["request_id"] or "-",
            r["from"], r["subject"]) for r in rows],
          ("ID", "STATE", "DATE", "KIND", "CONF", "REQUEST", "FROM", "SUBJECT"), keep=(0, 6), right=(4,))
    return 0


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.services.inbox import get_message
    from privacy_tui.services.session import open_store

    with open_store() as store:
        rec = get_message(store, args.id)
    if args.json:
        print_json({k: v for k, v in rec.items() if k not in ("v",)})
        return 0
    out(f"id:        {rec['id']}")
    out(f"from:      {rec.get('from_name') or ''} <{rec['from']}>")
    out(f"subject:   {rec['subject']}")
    out(f"date:      {rec['date']}")
    out(f"dkim:      {rec['dkim']}")
    out(f"kind:      {rec['kind']} ({rec['confidence']:.2f}) — {'; '.join(rec.get('reasons') or ())}")
    out(f"request:   {rec['request_id'] or 'unmatched'} — {rec.get('match_reason') or ''}")
    if rec.get("proposed"):
        out(f"proposed:  {', '.join(rec['proposed'])}")
    out(f"state:     {rec['state']}{' (applied automatically)' if rec.get('auto_applied') else ''}")
    for key, label in (("ticket", "ticket"), ("new_deadline", "new due"), ("link_expiry", "link expiry")):
        if rec.get(key):
            out(f"{label + ':':<10} {rec[key]}")
    for i, att in enumerate(rec.get("attachments") or ()):
        out(f"attachment {i}: {att.get('filename') or '(no name)'} {att.get('content_type')} {att.get('size')} bytes")
    for link in rec.get("links") or ():
        out(f"link:      {link}")
    out("")
    out(rec.get("text", ""))
    return 0


def _done(verb: str, rec: dict) -> int:
    applied = rec.get("applied_event")
    extra = f"; '{applied['event']}' recorded on request {applied['request_id']}" if applied else ""
    out(f"{verb} {rec['id']} ({rec['kind']}){extra}")
    return 0


def run_accept(args) -> int:
    from privacy_tui.services.inbox import accept
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        rec = accept(store, args.id, as_kind=args.as_kind, request_id=args.request)
    return _done("accepted", rec)


def run_ignore(args) -> int:
    from privacy_tui.services.inbox import ignore
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        rec = ignore(store, args.id)
    return _done("ignored", rec)


def run_undo(args) -> int:
    from privacy_tui.services.inbox import undo
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        rec = undo(store, args.id)
    out(f"{rec['id']} is new again; any event it had recorded was removed")
    return 0
