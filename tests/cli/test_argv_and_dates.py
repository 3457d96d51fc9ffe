"""Bad command-line input gets one line and exit 2, never "unexpected …": arguments that are
not UTF-8, and dates outside what deadline arithmetic can handle (9999-12-01, 0001-01-01) at
every date option of every command."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date

import pytest
from support.cli import assert_one_line_error, cli_env, run_main
from support.vault import make_vault

from privacy_tui.cli import build_parser
from privacy_tui.core.dates import EARLIEST, LATEST, check_date
from privacy_tui.core.errors import UserError

BAD_DATES = ("9999-12-01", "0001-01-01", "1969-12-31", "2200-01-01")


def _date_options() -> list[tuple[tuple[str, ...], str]]:
    """(command words, option) for every option documented as YYYY-MM-DD, found in the parser."""
    found = []

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, words + (name,))
            elif action.metavar == "YYYY-MM-DD" and action.option_strings:
                found.append((words, action.option_strings[-1]))

    walk(build_parser(), ())
    return found


DATE_OPTIONS = _date_options()


def test_the_walk_finds_the_date_options():
    names = {(" ".join(w), o) for w, o in DATE_OPTIONS}
    assert {("deadline", "--received"), ("request new", "--received"), ("request mark", "--date"), ("remind", "--today")} <= names
    assert len(DATE_OPTIONS) >= 8


@pytest.fixture
def vault_with_request(vault, capsys):
    rc, company, err = run_main(capsys, "company", "add", "Acme Ltd", "--email", "privacy@acme.example", "--country", "GB")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "new", company.strip(), "--type", "access")
    assert rc == 0, err
    return company.strip(), out.split()[0]


def _positionals(words: tuple[str, ...], company: str, request: str) -> list[str]:
    """Arguments that make the command otherwise valid, so the date is what gets refused."""
    needs = {
        "deadline": ["--regime", "uk_gdpr"],
        "request new": [company, "--type", "access"],
        "request mark": [request, "sent"],
        "request send": [request, "--via", "copy"],
        "request escalate": [request, "--to", "regulator"],
        "request send-escalation": ["m0000000", "--mark-sent"],
        "request poll": [request],
        "request revoke": [request],
        "request show": [request],
        "inbox answer": ["i0000000"],
    }
    key = " ".join(words)
    return needs.get(key, [request] if words[:1] == ("request",) and len(words) > 1 and words[1] not in ("list",) else [])


@pytest.mark.parametrize("bad", BAD_DATES)
@pytest.mark.parametrize("words,option", DATE_OPTIONS, ids=[" ".join(w) + " " + o for w, o in DATE_OPTIONS])
def test_every_date_option_refuses_dates_out_of_range(vault_with_request, capsys, tmp_path, monkeypatch, words, option, bad):
    company, request = vault_with_request
    if words == ("demo",):
        monkeypatch.setenv("PRIVACY_TUI_HOME", str(tmp_path / "demo-home"))
    args = [*words, *_positionals(words, company, request), option, bad]
    rc, out, err = run_main(capsys, *args)
    assert rc == 2, (args, out, err)
    assert_one_line_error(err, contains=(option, bad, "out of range"))


def test_the_edges_of_the_range_work_through_the_deadline_arithmetic(vault_with_request, capsys, tmp_path):
    company, request = vault_with_request
    for day in (EARLIEST.isoformat(), LATEST.isoformat()):
        rc, out, err = run_main(capsys, "deadline", "--regime", "uk_gdpr", "--received", day, "--json")
        assert rc == 0, err
        rc, out, err = run_main(capsys, "remind", "--today", day)
        assert rc in (0, 10), err
    rc, _, err = run_main(capsys, "request", "mark", request, "sent", "--date", LATEST.isoformat(), "--today", LATEST.isoformat())
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "list", "--today", LATEST.isoformat())
    assert rc == 0, err
    assert "2200-01-31" in out  # one month after the last day accepted
    rc, out, err = run_main(capsys, "export", "ics", str(tmp_path / "deadlines.ics"))
    assert rc == 0, err
    assert "DTSTART;VALUE=DATE:22000131" in (tmp_path / "deadlines.ics").read_text()


def test_dates_out_of_range_are_refused_in_the_services_too():
    """The app's date fields and imports reach the same checks (timeline, deadlines), not only the CLI."""
    from privacy_tui.core.deadlines import compute_deadlines
    from privacy_tui.core.models import Request
    from privacy_tui.core.timeline import validate_event

    request = Request(id="r1", company_id="c1", type="access", regime="uk_gdpr", reference="PT-1")
    for bad in (date(9999, 12, 1), date(1, 1, 1)):
        with pytest.raises(UserError, match="out of range"):
            check_date(bad)
        with pytest.raises(UserError, match="out of range"):
            compute_deadlines("uk_gdpr", bad)
        with pytest.raises(UserError, match="out of range"):
            validate_event(request, "sent", bad)  # the app's mark-event form, DRP and escalations
    validate_event(request, "sent", LATEST)


@pytest.mark.parametrize("raw", [b"caf\xe9 Ltd", b"\xff\xfe", b"ok\x80"])
def test_arguments_that_are_not_utf8_are_refused_with_exit_2(private_home, raw):
    make_vault()
    proc = subprocess.run(
        [sys.executable, "-m", "privacy_tui", "company", "add", raw], env=cli_env(), capture_output=True, timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    message = assert_one_line_error(proc.stderr.decode("utf-8"), contains="not valid UTF-8")
    assert repr(raw) in message
    rc = subprocess.run([sys.executable, "-m", "privacy_tui", "company", "list", "--json"], env=cli_env(),
                        capture_output=True, timeout=60)
    assert rc.returncode == 0 and rc.stdout.strip() == b"[]"  # nothing was written


def test_a_lone_surrogate_argument_in_process_is_refused(capsys):
    rc, out, err = run_main(capsys, "company", "add", "bad \ud800 name")
    assert rc == 2
    assert_one_line_error(err, contains="surrogate")
