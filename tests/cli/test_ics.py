"""`privacy-tui export ics FILE [--all]`: written, parsed back with icalendar, and checked."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from support.cli import run_main

PROFILE = {"name": "Ingrid Identity", "email": "ingrid.secret@example.org", "address": "12 Hidden Lane, Springfield"}


@pytest.fixture
def vault(vault, capsys):
    assert run_main(capsys, "profile", "set", *(x for k, v in PROFILE.items() for x in (f"--{k}", v)))[0] == 0


def add(name: str, **fields):
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        return add_company(store, name=name, **fields)


def sent(company, received: date, *, type="access", regime=None, events=()):
    from privacy_tui.services.requests import append_event, new_request
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        r = new_request(store, company.id, type, regime=regime, received=received, today=received,
                        identity_fields=["name", "email", "address"])
        for kind, on in events:
            r = append_event(r, kind, on)
        store.save_request(r)
    return r


def export(capsys, path: Path, *extra: str) -> Calendar:
    rc, out, err = run_main(capsys, "export", "ics", str(path), *extra)
    assert rc == 0, err
    assert out.startswith("wrote ") and str(path) in out
    return Calendar.from_ical(path.read_bytes())


def events_by_uid(cal: Calendar) -> dict:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def requests(vault):
    gdpr_co = add("Acme SAS", emails=["dpo@acme.example"], country="FR")
    ccpa_co = add("Shop Inc", emails=["privacy@shop.example"], country="US", subdivision="CA")
    plain = sent(gdpr_co, date(2026, 1, 15))  # due Mon 16 Feb 2026
    extended = sent(gdpr_co, date(2026, 1, 15), type="deletion", events=(("extended", date(2026, 2, 1)),))
    ccpa = sent(ccpa_co, date(2026, 6, 30), regime="ccpa")  # ack 15 Jul, due 14 Aug
    closed = sent(gdpr_co, date(2026, 1, 5), events=(("fulfilled", date(2026, 1, 20)),))
    return {"plain": plain, "extended": extended, "ccpa": ccpa, "closed": closed}


def test_round_trip_one_all_day_event_per_deadline_with_alarms(requests, capsys, tmp_path):
    path = tmp_path / "deadlines.ics"
    cal = export(capsys, path)
    assert str(cal["PRODID"]).startswith("-//privacy-tui//") and str(cal["VERSION"]) == "2.0"
    events = events_by_uid(cal)
    p, x, c = requests["plain"], requests["extended"], requests["ccpa"]
    expected = {
        f"{p.id}-due@privacy-tui": date(2026, 2, 16),
        f"{x.id}-due@privacy-tui": date(2026, 2, 16),
        f"{x.id}-extended-due@privacy-tui": date(2026, 4, 15),
        f"{c.id}-due@privacy-tui": date(2026, 8, 14),
        f"{c.id}-ack-due@privacy-tui": date(2026, 7, 15),
    }
    assert {uid: e.decoded("DTSTART") for uid, e in events.items()} == expected
    for ev in events.values():
        start = ev.decoded("DTSTART")
        assert type(start) is date, "all-day events carry a DATE, not a DATE-TIME"
        assert ev.decoded("DTEND") == start + timedelta(days=1)
        triggers = sorted(a.decoded("TRIGGER") for a in ev.walk("VALARM"))
        assert triggers == [timedelta(days=-3, hours=9), timedelta(hours=9)]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in ev.walk("VALARM"))
    summary = str(events[f"{c.id}-ack-due@privacy-tui"]["SUMMARY"])
    assert summary == "Acknowledgement due: Shop Inc: access request (CCPA)"
    assert str(events[f"{x.id}-extended-due@privacy-tui"]["SUMMARY"]) == "Extended deadline: Acme SAS: deletion request (GDPR)"
    assert p.reference in str(events[f"{p.id}-due@privacy-tui"]["DESCRIPTION"])
    assert requests["closed"].id not in path.read_text()


def test_no_identity_data_or_letter_text_leaves_the_vault(requests, capsys, tmp_path):
    path = tmp_path / "deadlines.ics"
    export(capsys, path, "--all")
    text = path.read_text(encoding="utf-8")
    unfolded = text.replace("\r\n ", "")
    for value in PROFILE.values():
        assert value not in unfolded
    assert "Springfield" not in unfolded and "ingrid" not in unfolded.lower()
    letter = requests["plain"]
    longest = max(letter.body.splitlines(), key=len)
    assert len(longest) > 40 and longest[:40] not in unfolded and letter.subject not in unfolded
    assert "Dear" not in unfolded
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_reexport_keeps_uids_and_updates_with_a_higher_sequence(requests, capsys, tmp_path):
    from privacy_tui.services.requests import mark
    from privacy_tui.services.session import open_store

    path = tmp_path / "deadlines.ics"
    first = events_by_uid(export(capsys, path))
    path.chmod(0o644)  # a wider mode from elsewhere is narrowed again on overwrite
    second = events_by_uid(export(capsys, path))
    assert first.keys() == second.keys()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    plain = requests["plain"]
    with open_store(write=True) as store:
        mark(store, plain.id, "extended", date(2026, 2, 10))
    third = events_by_uid(export(capsys, path))
    due_uid = f"{plain.id}-due@privacy-tui"
    assert set(third) == set(first) | {f"{plain.id}-extended-due@privacy-tui"}
    assert third[due_uid]["SEQUENCE"] > first[due_uid]["SEQUENCE"]
    assert third[f"{plain.id}-extended-due@privacy-tui"].decoded("DTSTART") == date(2026, 4, 15)


def test_all_includes_closed_requests_as_cancelled_without_alarms(requests, capsys, tmp_path):
    events = events_by_uid(export(capsys, tmp_path / "all.ics", "--all"))
    closed = events[f"{requests['closed'].id}-due@privacy-tui"]
    assert str(closed["STATUS"]) == "CANCELLED" and list(closed.walk("VALARM")) == []
    assert len(events) == 6


def test_stdout_and_errors(requests, capsys, tmp_path):
    rc, out, err = run_main(capsys, "export", "ics", "-")
    assert rc == 0 and out.startswith("BEGIN:VCALENDAR") and out.count("BEGIN:VEVENT") == 5
    rc, out, err = run_main(capsys, "export", "ics", str(tmp_path / "missing" / "x.ics"))
    assert rc == 2 and "does not exist" in err
    rc, out, err = run_main(capsys, "export", "ics", str(tmp_path))
    assert rc == 2 and "is a folder" in err


def test_empty_vault_gives_an_empty_valid_calendar(vault, capsys, tmp_path):
    cal = export(capsys, tmp_path / "none.ics")
    assert list(cal.walk("VEVENT")) == []
