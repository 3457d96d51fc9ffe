"""`privacy-tui inbox answer ID [--language CODE] [--body-file FILE] [--send [--via ...]]`: the ready answer to a company's reply.

The draft is stored and printed first; with --send it goes out at once through the same outbox
as reminders and complaints (`request send-escalation MESSAGE_ID` sends a stored draft later).
"""

from __future__ import annotations

from privacy_tui.commands._common import add_today
from privacy_tui.commands._output import out


def register_answer(isub) -> None:
    """Add `answer` to the `inbox` subcommands (called from commands/inbox.py)."""
    p = isub.add_parser(
        "answer",
        help="draft the right answer to a deflection (excessive ID demand, web form, clarification, no data, expired link)",
        description="Draft the answer to a received message with the legal basis for the request's law. The draft "
        "is stored as a letter of the request; --send sends it at once (SMTP to the sender), otherwise send it "
        "later with `privacy-tui request send-escalation MESSAGE_ID`.",
    )
    p.add_argument("id", metavar="ID", help="the received message (see `privacy-tui inbox list`)")
    p.add_argument("--details", metavar="TEXT", default="",
                   help="your words for the answer: what they asked for, your clarification, your evidence, the link")
    p.add_argument("--language", metavar="CODE",
                   help="write the answer in this language (en, de, fr); default: the request's letter language, "
                   "else the company's")
    p.add_argument("--body-file", metavar="FILE",
                   help="send your own text instead of the drafted one (e.g. the draft edited; '-' reads standard input)")
    p.add_argument("--send", action="store_true", help="send the answer now")
    p.add_argument("--via", choices=("smtp", "eml", "mailto", "copy"), help="with --send: how (default smtp)")
    p.add_argument("--out", metavar="FILE", help="with --send --via eml: where to write the .eml")
    p.add_argument("--json", action="store_true")
    add_today(p)
    p.set_defaults(handler=run_answer)


def run_answer(args) -> int:
    from pathlib import Path

    from privacy_tui.commands._common import print_json, today
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.escalation import send_escalation
    from privacy_tui.services.inbox_answer import draft_answer
    from privacy_tui.services.session import open_store

    if (args.via or args.out) and not args.send:
        raise UserError("--via and --out go with --send")
    now = today(args)
    body = _body_text(args.body_file) if args.body_file else None  # read and checked before the vault opens
    outcome = None
    with open_store(write=True) as store:
        message, recipient = draft_answer(store, args.id, today=now, details=args.details, language=args.language,
                                          body=body)
        if args.send:
            out_path = Path(args.out).expanduser() if args.out else None
            outcome = send_escalation(store, message.id, args.via or "smtp", today=now, out=out_path)
    send = f"privacy-tui request send-escalation {message.id}"
    if args.json:
        print_json({
            "message_id": message.id,
            "request_id": message.request_id,
            "kind": message.kind,
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "sent": bool(outcome and outcome.sent),
            "text": outcome.text if outcome else None,
            "send_with": None if outcome else send,
        })
        return 0
    out(f"answer {message.id} drafted to {recipient.email}")
    out(f"\nSubject: {message.subject}\n\n{message.body}")
    if outcome is not None:
        out(outcome.text)
    else:
        out(f"Send it with: {send}  (or run this again with --send)")
    return 0


def _body_text(source: str) -> str:
    import sys

    from privacy_tui.core.errors import UserError
    from privacy_tui.core.text import normalize
    from privacy_tui.services.inbox_answer import MAX_BODY_CHARS
    from privacy_tui.transport.files import read_user_file

    limit = MAX_BODY_CHARS * 4  # UTF-8: at most four bytes a character
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise UserError(f"standard input holds more than {limit} bytes: an answer is a letter, not a document")
    else:
        data = read_user_file(source, limit, "text of the answer")
    try:
        return normalize(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{'standard input' if source == '-' else source} is not UTF-8 text") from None
