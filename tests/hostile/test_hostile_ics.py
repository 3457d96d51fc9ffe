"""`export ics` with control characters in names and references: none reaches the file.

RFC 5545 (3.3.11) allows no control characters in TEXT values; icalendar's encoder escapes
`\\`, `;`, `,` and newlines but passes ESC, BEL and C1 through, so a name holding an OSC 8 link
or a CSI would reach whatever calendar or terminal shows the file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from hostile_data import CONTROL_NAMES, HOSTILE_NAMES, hostile_company, shown
from icalendar import Calendar

from privacy_tui.core.models import Request
from privacy_tui.core.text import find_control
from privacy_tui.services.calendar import build_calendar
from privacy_tui.services.requests import append_event, refresh_deadlines

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def hostile_requests():
    companies = {}
    requests = []
    for i, name in enumerate(HOSTILE_NAMES):
        company = hostile_company(i, name)
        companies[company.id] = company
        r = Request(id=f"r{i:07x}", company_id=company.id, type="access", regime="uk_gdpr",
                    reference=f"PT-\x1b[2J{i}\x07", created="2026-01-01T00:00:00+00:00")
        requests.append(refresh_deadlines(append_event(r, "sent", date(2026, 2, 1), "")))
    return requests, companies


def test_no_control_character_reaches_the_ics_file():
    requests, companies = hostile_requests()
    data = build_calendar(requests, companies, now=NOW).to_ical()
    text = data.decode("utf-8")
    # Lines end in CRLF (and folding adds CRLF + space); tabs are allowed: nothing else is.
    body = text.replace("\r\n ", "").replace("\r\n", "\n")
    assert [line for line in body.split("\n") if find_control(line) is not None] == []
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text and "\u202e" not in text

    cal = Calendar.from_ical(data)
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    for name in HOSTILE_NAMES:  # each name readable, its controls written as visible escapes
        assert f"Deadline: {shown(name)}: access request (UK GDPR)" in summaries, name
    descriptions = " ".join(str(e["DESCRIPTION"]) for e in cal.walk("VEVENT"))
    assert "reference PT-\\x1b[2J0\\x07." in descriptions
    assert "\nDetails: privacy-tui request show r0000000" in descriptions  # the meant newline stays
    alarms = {str(a["DESCRIPTION"]) for a in cal.walk("VALARM")}
    assert f"Deadline: {shown(CONTROL_NAMES[1])}: access request (UK GDPR)" in alarms


def test_markup_and_ical_specials_in_names_round_trip():
    requests, companies = hostile_requests()
    cid = requests[0].company_id
    companies[cid] = hostile_company(0, "Semi; Colon, Back\\slash [/] Ltd")
    cal = Calendar.from_ical(build_calendar(requests[:1], companies, now=NOW).to_ical())
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Deadline: Semi; Colon, Back\\slash [/] Ltd: access request (UK GDPR)"
