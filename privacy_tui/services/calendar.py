"""Every deadline as an all-day calendar event (`export ics` and the app's export screen).

One event per deadline (due, extended due once an extension is in force, acknowledgement
limit) with alarms three days before and on the day. UIDs are derived from the request id and
the kind of deadline, and SEQUENCE grows with the request's timeline, so importing a newer
export updates the events instead of duplicating them. The file leaves the vault, so it holds
company names, request types and references only: no identity data, no letter text.

Every text value goes through `_text` and then icalendar's own encoder (which escapes `\\`, `;`,
`,` and newlines): RFC 5545 (3.3.11) allows no control characters in TEXT, and icalendar passes
them through as they are, so a company name holding ESC or an OSC 8 link would reach whatever
shows the calendar. They are written as visible escapes (`\\x1b`), as the terminal shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported whenever the CLI builds its parser: keep that cheap
    from privacy_tui.core.models import Company, Request

PRODID = "-//privacy-tui//deadlines//EN"
UID_DOMAIN = "privacy-tui"
# Alarms fire at 09:00 local time: three days before, and on the day itself.
ALARMS = (timedelta(days=-3, hours=9), timedelta(hours=9))


def _text(value: str, *, multiline: bool = False) -> str:
    from privacy_tui.core.text import printable

    return printable(value, multiline=multiline)


def uid(request_id: str, kind: str) -> str:
    return _text(f"{request_id}-{kind}@{UID_DOMAIN}")


def _closed(request: Request) -> bool:
    """Closed, and no appeal waiting for the company's decision."""
    from privacy_tui.core.events import CLOSING, pending_appeal

    if pending_appeal([(e.date, e.kind) for e in request.events]):
        return False
    return any(e.kind in CLOSING for e in request.events)


def deadlines_of(request: Request) -> list[tuple[str, str, date]]:
    """(kind, label, date) for each deadline of a sent request."""
    if not request.sent:
        return []
    due, extended_due, ack_due = request.due, request.extended_due, request.ack_due
    if not due:
        from privacy_tui.core.timeline import deadline_fields

        cached = deadline_fields(request)
        due, extended_due, ack_due = cached["due"], cached["extended_due"], cached["ack_due"]
    if not due:
        return []
    dates = [("due", "Deadline", date.fromisoformat(due))]
    extended_on = next((e.date for e in sorted(request.events, key=lambda e: e.date) if e.kind == "extended"), "")
    if extended_due and extended_on and extended_on <= due:  # an extension counts only if announced in time
        dates.append(("extended-due", "Extended deadline", date.fromisoformat(extended_due)))
    if ack_due:
        dates.append(("ack-due", "Acknowledgement due", date.fromisoformat(ack_due)))
    from privacy_tui.core.events import CLOSING, pending_appeal

    if pending_appeal([(e.date, e.kind) for e in request.events]):
        mark = [e for e in request.events if e.kind == "appealed"][-1]
        if mark.data.get("due"):
            appeal = ("appeal-due", "Decision on the appeal due", date.fromisoformat(mark.data["due"]))
            # After a refusal only the appeal is still running.
            return [appeal] if any(e.kind in CLOSING for e in request.events) else dates + [appeal]
    return dates


def build_calendar(requests: Iterable[Request], companies: dict[str, Company], *, include_closed: bool = False,
                   now: datetime | None = None):
    from icalendar import Alarm, Calendar, Event

    from privacy_tui.core.laws.registry import REGIMES

    stamp = now or datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "privacy-tui deadlines")
    for request in sorted(requests, key=lambda r: r.id):
        closed = _closed(request)
        if closed and not include_closed:
            continue
        company = companies.get(request.company_id)
        name = company.name if company else "(removed company)"
        regime = REGIMES.get(request.regime)
        law = regime.short if regime else request.regime
        what = f"{name}: {request.type.replace('_', ' ')} request ({law})"
        for kind, label, day in deadlines_of(request):
            ev = Event()
            ev.add("uid", uid(request.id, kind))
            ev.add("dtstamp", stamp)
            ev.add("sequence", len(request.events))
            ev.add("summary", _text(f"{label}: {what}"))
            ev.add("dtstart", day)
            ev.add("dtend", day + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
            ev.add("categories", ["privacy-tui", _text(request.type)])
            ev.add(
                "description",
                _text(f"{label} of the {request.type.replace('_', ' ')} request to {name} under {law}, "
                      f"reference {request.reference}.") + _text(f"\nDetails: privacy-tui request show {request.id}", multiline=True),
            )
            if closed:  # kept for the record, without alarms: nothing is due any more
                ev.add("status", "CANCELLED")
            for trigger in () if closed else ALARMS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("description", _text(f"{label}: {what}"))
                alarm.add("trigger", trigger)
                ev.add_component(alarm)
            cal.add_component(ev)
    return cal


def write_private(target, data: bytes) -> None:
    import os

    from privacy_tui.core.errors import UserError

    if target.is_dir():
        raise UserError(f"{target} is a folder: give a file name such as deadlines.ics")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist")
    from privacy_tui.transport.files import open_user_output

    with os.fdopen(open_user_output(target, "calendar (.ics)", overwrite=True), "wb") as fh:
        fh.write(data)
