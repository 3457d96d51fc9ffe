"""The request commands: drafting, marking events, listing and showing, and their refusals."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main


@pytest.fixture
def company(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery")
    assert run_main(capsys, "init")[0] == 0
    assert run_main(capsys, "profile", "set", "--name", "Ada Example", "--email", "ada@example.org", "--country", "US", "--state", "CA")[0] == 0
    rc, out, _ = run_main(capsys, "company", "add", "Example Widgets Inc", "--email", "privacy@widgets.example",
                          "--country", "US", "--subdivision", "CA", "--category", "A", "--category", "F")
    return out.strip()


def new(capsys, company, *extra):
    rc, out, err = run_main(capsys, "request", "new", company, *extra)
    assert rc == 0, err
    return out.strip()


def show(capsys, rid, today):
    rc, out, err = run_main(capsys, "request", "show", rid, "--json", "--today", today)
    assert rc == 0, err
    return json.loads(out)


def test_regime_defaults_from_residence_and_letter_cites_ccpa(company, capsys):
    rid = new(capsys, company, "--type", "access", "--today", "2026-11-22")
    data = show(capsys, rid, "2026-11-22")
    assert data["regime"] == "ccpa" and data["status"] == "draft"
    rc, out, _ = run_main(capsys, "request", "letter", rid)
    assert "1798.110" in out and data["reference"] in out.splitlines()[0]
    assert "Internet or other electronic network activity" in out or "(F)" in out  # the company's categories are named
    assert "None" not in out and "{{" not in out


def test_deadlines_follow_the_timeline(company, capsys):
    rid = new(capsys, company, "--type", "deletion", "--received", "2026-11-22", "--today", "2026-11-22")
    data = show(capsys, rid, "2026-11-23")
    assert (data["due"], data["extended_due"], data["ack_due"]) == ("2027-01-06", "2027-02-20", "2026-12-08")
    assert data["status"] == "sent" and "Thanksgiving" in data["explanation"]
    assert run_main(capsys, "request", "mark", rid, "acknowledged", "--date", "2026-11-30", "--today", "2026-11-30")[0] == 0
    assert show(capsys, rid, "2026-12-01")["status"] == "acknowledged"
    assert show(capsys, rid, "2027-01-07")["status"] == "overdue"
    assert run_main(capsys, "request", "mark", rid, "extended", "--date", "2026-12-20", "--today", "2026-12-20")[0] == 0
    assert show(capsys, rid, "2027-01-07")["status"] == "extended"
    assert show(capsys, rid, "2027-02-21")["status"] == "overdue"
    assert run_main(capsys, "request", "mark", rid, "fulfilled", "--date", "2027-02-01", "--note", "all deleted", "--today", "2027-02-01")[0] == 0
    data = show(capsys, rid, "2027-03-01")
    assert data["status"] == "done" and data["closed"] == "2027-02-01"
    assert [e["kind"] for e in data["timeline"]] == ["created", "sent", "acknowledged", "extended", "fulfilled"]


def test_list_filters_by_status_and_sorts_by_due(company, capsys):
    late = new(capsys, company, "--type", "access", "--received", "2026-01-05", "--today", "2026-01-05")
    soon = new(capsys, company, "--type", "deletion", "--received", "2026-11-20", "--today", "2026-11-20")
    draft = new(capsys, company, "--type", "opt_out_sale", "--today", "2026-11-20")
    rc, out, _ = run_main(capsys, "request", "list", "--json", "--today", "2026-11-23")
    rows = json.loads(out)
    assert [r["id"] for r in rows] == [late, soon, draft]
    rc, out, _ = run_main(capsys, "request", "list", "--status", "overdue", "--json", "--today", "2026-11-23")
    assert [r["id"] for r in json.loads(out)] == [late]
    assert json.loads(out)[0]["days_left"] < 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["--type", "portability", "--regime", "ccpa"], "no 'portability'"),
        (["--type", "access", "--regime", "nosuchlaw"], "unknown regime"),
        (["--type", "teleport"], "teleport"),
        (["--type", "access", "--received", "2026-02-30"], "YYYY-MM-DD"),
    ],
)
def test_bad_new_is_refused_and_nothing_written(company, capsys, args, message):
    rc, out, err = run_main(capsys, "request", "new", company, *args)
    assert rc == 2 and message in err and err.count("\n") == 1
    rc, out, _ = run_main(capsys, "request", "list", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    "event, date, message",
    [
        ("fulfilled", "2026-11-20", "not been sent"),
        ("exploded", "2026-11-20", "exploded"),
        ("acknowledged", "not-a-date", "YYYY-MM-DD"),
    ],
)
def test_nonsense_events_are_refused(company, capsys, event, date, message):
    rid = new(capsys, company, "--type", "access", "--today", "2026-11-20")
    before = show(capsys, rid, "2026-11-20")
    rc, _, err = run_main(capsys, "request", "mark", rid, event, "--date", date, "--today", "2026-11-21")
    assert rc == 2 and message in err
    assert show(capsys, rid, "2026-11-20")["timeline"] == before["timeline"]


def test_event_before_sending_date_and_future_dates_are_refused(company, capsys):
    rid = new(capsys, company, "--type", "access", "--received", "2026-11-20", "--today", "2026-11-20")
    rc, _, err = run_main(capsys, "request", "mark", rid, "acknowledged", "--date", "2026-11-01", "--today", "2026-11-21")
    assert rc == 2
    rc, _, err = run_main(capsys, "request", "mark", rid, "acknowledged", "--date", "2026-12-25", "--today", "2026-11-21")
    assert rc == 2 and "future" in err


def test_deadline_command_json_contract(capsys):
    rc, out, _ = run_main(capsys, "deadline", "--regime", "uk_gdpr", "--received", "2027-12-01", "--json")
    data = json.loads(out)
    assert list(data) == ["regime", "received", "due", "extended_due", "ack_due", "explanation"]
    assert data["due"] == "2028-01-04" and data["ack_due"] is None
