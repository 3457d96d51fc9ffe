"""`privacy-tui export ics FILE [--all]`: every deadline as an all-day calendar event (services.calendar)."""

from __future__ import annotations

from privacy_tui.commands._output import out


def register(esub) -> None:
    p = esub.add_parser(
        "ics",
        help="write every deadline as an iCalendar file (no identity data)",
        description="Write an iCalendar (.ics) file with one all-day event per deadline, with alarms 3 days "
        "before and on the day. Re-importing a newer export updates the same events. The file holds company "
        "names and request types only, never your identity data; it is written readable by you alone.",
    )
    p.add_argument("file", metavar="FILE", help="where to write the .ics file (- for standard output)")
    p.add_argument("--all", action="store_true", help="include closed requests (default: open requests only)")
    p.set_defaults(handler=run_export_ics)


def run_export_ics(args) -> int:
    import sys
    from pathlib import Path

    from privacy_tui.services.calendar import build_calendar, write_private
    from privacy_tui.services.session import open_store

    with open_store() as store:
        companies = {c.id: c for c in store.companies()}
        cal = build_calendar(store.requests(), companies, include_closed=args.all)
    data = cal.to_ical()
    events = sum(1 for c in cal.walk("VEVENT"))
    if args.file == "-":
        sys.stdout.buffer.write(data)
        return 0
    target = Path(args.file).expanduser()
    write_private(target, data)
    out(f"wrote {events} deadline(s) to {target}")
    return 0
