"""`privacy-tui remind` and services.reminders: what is overdue or due soon, at chosen dates.

Deadlines come from the real legal engine (month ends, weekends, public holidays); the dates
asserted here are the law's, worked out by hand in the comments.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from support.cli import assert_one_line_error, run_main
from support.paths import REPO
from support.vault import PASSPHRASE

from privacy_tui.core.models import Company, Event, Request
from privacy_tui.services.reminders import Reminder, compute_reminders, counts, new_since, overdue_ids


@pytest.fixture
def vault(vault, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)


def add(name: str, **fields) -> Company:
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        return add_company(store, name=name, **fields)


def sent_request(company: Company, received: date, *, type: str = "access", regime: str | None = None,
                 events: tuple[tuple[str, date], ...] = ()) -> Request:
    """A request the company received on `received`, then the given timeline events."""
    from privacy_tui.services.requests import append_event, new_request
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        request = new_request(store, company.id, type, regime=regime, received=received, today=received)
        for kind, on in events:
            request = append_event(request, kind, on)
        store.save_request(request)
    return request


def remind(capsys, *args: str) -> tuple[int, dict]:
    rc, out, err = run_main(capsys, "remind", "--json", *args)
    assert rc in (0, 10), err
    return rc, json.loads(out)


def kinds(data: dict) -> dict[str, str]:
    return {r["request_id"]: r["kind"] for r in data["reminders"]}


# --- across holidays and month ends ------------------------------------------------------------


def test_christmas_moves_a_gdpr_deadline_and_remind_follows(vault, capsys):
    # Received 25 Nov 2026 in Bavaria: one month is 25 Dec (Christmas Day), 26 Dec is a holiday
    # and a Saturday, 27 Dec a Sunday, so the deadline is Monday 28 Dec 2026.
    acme = add("Acme GmbH", emails=["privacy@acme.example"], country="DE", subdivision="BY")
    r = sent_request(acme, date(2026, 11, 25))
    assert r.due == "2026-12-28"

    rc, data = remind(capsys, "--today", "2026-12-20")
    assert rc == 0 and data["reminders"] == [] and data["overdue"] is False

    rc, data = remind(capsys, "--today", "2026-12-26")  # a holiday: two days left, not late
    assert rc == 0
    [item] = data["reminders"]
    assert item["kind"] == "due_soon" and item["days"] == 2 and item["deadline"] == "2026-12-28"
    assert item["company"] == "Acme GmbH" and item["type"] == "access" and item["regime"] == "gdpr"
    assert item["reference"] == r.reference and item["request_id"] == r.id

    rc, data = remind(capsys, "--today", "2026-12-28")  # the deadline day itself is still in time
    assert rc == 0 and data["reminders"][0]["days"] == 0 and "due today" in data["reminders"][0]["text"]

    rc, data = remind(capsys, "--today", "2026-12-29")
    assert rc == 10 and data["overdue"] is True
    assert data["counts"] == {"overdue": 1, "needs_action": 0, "complaint_window": 0, "appeal_overdue": 0,
                              "authority_silent": 0, "ack_missing": 0, "extension_ending": 0, "appeal_due_soon": 0,
                              "due_soon": 0}
    assert data["reminders"][0]["kind"] == "overdue" and data["reminders"][0]["days"] == -1


def test_february_month_end_and_weekend_under_uk_gdpr(vault, capsys):
    # 31 Jan + one month: 31 Feb does not exist, so 28 Feb 2026, a Saturday -> Monday 2 March.
    shop = add("Shop Ltd", emails=["dpo@shop.example"], country="GB")
    r = sent_request(shop, date(2026, 1, 31))
    assert r.due == "2026-03-02"
    assert remind(capsys, "--today", "2026-02-28")[0] == 0
    rc, data = remind(capsys, "--today", "2026-03-01")
    assert rc == 0 and kinds(data) == {r.id: "due_soon"} and data["reminders"][0]["days"] == 1
    rc, data = remind(capsys, "--today", "2026-03-03")
    assert rc == 10 and kinds(data) == {r.id: "overdue"}


def test_ccpa_acknowledgement_missing_skips_independence_day(vault, capsys):
    # 10 business days after 30 Jun 2026, skipping Friday 3 July (Independence Day observed): 15 July.
    shop = add("Shop Inc", emails=["privacy@shop.example"], country="US", subdivision="CA")
    r = sent_request(shop, date(2026, 6, 30), regime="ccpa")
    assert r.ack_due == "2026-07-15"
    assert remind(capsys, "--today", "2026-07-15")[1]["reminders"] == []
    rc, data = remind(capsys, "--today", "2026-07-16")
    assert rc == 0, "a missing acknowledgement is not an overdue request"
    assert kinds(data) == {r.id: "ack_missing"} and data["reminders"][0]["deadline"] == "2026-07-15"
    assert data["counts"]["ack_missing"] == 1

    from privacy_tui.services.requests import mark
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        mark(store, r.id, "acknowledged", date(2026, 7, 16))
    assert remind(capsys, "--today", "2026-07-17")[1]["reminders"] == []
    # 45 calendar days: 14 Aug 2026, so within the default 7 days from 8 Aug.
    assert kinds(remind(capsys, "--today", "2026-08-08")[1]) == {r.id: "due_soon"}
    assert remind(capsys, "--today", "2026-08-15")[0] == 10


def test_extension_in_time_ends_later_and_a_late_one_does_not_count(vault, capsys):
    # GDPR, received 15 Jan 2026: due Monday 16 Feb (15 Feb is a Sunday); extended due 15 Apr.
    a = add("Alpha SAS", emails=["dpo@alpha.example"], country="FR")
    b = add("Beta SAS", emails=["dpo@beta.example"], country="FR")
    in_time = sent_request(a, date(2026, 1, 15), events=(("extended", date(2026, 2, 1)),))
    late = sent_request(b, date(2026, 1, 15), events=(("extended", date(2026, 2, 20)),))
    rc, data = remind(capsys, "--today", "2026-04-10")
    assert rc == 10
    assert kinds(data) == {in_time.id: "extension_ending", late.id: "overdue"}
    by_id = {x["request_id"]: x for x in data["reminders"]}
    assert by_id[in_time.id]["deadline"] == "2026-04-15" and by_id[in_time.id]["days"] == 5
    assert by_id[late.id]["deadline"] == "2026-02-16"
    assert kinds(remind(capsys, "--today", "2026-04-16")[1]) == {in_time.id: "overdue", late.id: "overdue"}


def test_open_id_request_waits_for_the_user_closed_and_draft_give_no_reminder(vault, capsys):
    from privacy_tui.services.requests import new_request
    from privacy_tui.services.session import open_store

    c = add("Gamma BV", emails=["privacy@gamma.example"], country="NL")
    asked = sent_request(c, date(2026, 1, 5), events=(("id_requested", date(2026, 1, 10)),))
    done = sent_request(c, date(2026, 1, 5), events=(("fulfilled", date(2026, 1, 20)),))
    answered = sent_request(c, date(2026, 1, 5), events=(("id_requested", date(2026, 1, 10)),
                                                          ("info_supplied", date(2026, 1, 12))))
    with open_store(write=True) as store:
        new_request(store, c.id, "deletion", today=date(2026, 1, 5))  # never sent
    rc, data = remind(capsys, "--today", "2026-02-06")
    # The answered one restarted on 12 Jan (Art. 12(6)): due 12 Feb, due soon. The open question
    # waits for the user's reply: "needs action", never overdue (exit 0). The others: nothing.
    assert rc == 0 and kinds(data) == {asked.id: "needs_action", answered.id: "due_soon"}
    by_id = {r["request_id"]: r for r in data["reminders"]}
    assert by_id[answered.id]["deadline"] == "2026-02-12"
    assert by_id[asked.id]["deadline"] == "2026-01-10" and "waits for your reply" in by_id[asked.id]["text"]
    assert done.id not in kinds(data)
    rc, later = remind(capsys, "--today", "2026-03-06")
    assert rc == 10 and later["counts"]["overdue"] == 1 and later["counts"]["needs_action"] == 1
    assert kinds(later)[asked.id] == "needs_action"


def test_within_option_and_setting(vault, capsys):
    c = add("Delta AB", emails=["dpo@delta.example"], country="SE")
    r = sent_request(c, date(2026, 3, 2))  # due 2 April 2026
    assert r.due == "2026-04-02"
    assert remind(capsys, "--today", "2026-03-20")[1]["reminders"] == []
    rc, data = remind(capsys, "--today", "2026-03-20", "--within", "14")
    assert data["within"] == 14 and kinds(data) == {r.id: "due_soon"} and data["reminders"][0]["days"] == 13
    assert run_main(capsys, "config", "remind", "--within", "30")[0] == 0
    rc, data = remind(capsys, "--today", "2026-03-20")
    assert data["within"] == 30 and kinds(data) == {r.id: "due_soon"}
    rc, out, err = run_main(capsys, "remind", "--within", "-1")
    assert rc == 2 and "--within" in err


def test_text_output_groups_by_kind(vault, capsys):
    c = add("Epsilon Oy", emails=["dpo@epsilon.example"], country="FI")
    late = sent_request(c, date(2026, 1, 5))
    soon = sent_request(c, date(2026, 2, 9))  # due 9 March 2026
    rc, out, err = run_main(capsys, "remind", "--today", "2026-03-04")
    assert rc == 10, err
    lines = out.splitlines()
    assert lines[0] == "Overdue:" and late.id in lines[1] and "overdue" in lines[1]
    assert lines[2] == "Due soon:" and soon.id in lines[3] and "in 5 days" in lines[3]
    rc, out, _ = run_main(capsys, "remind", "--today", "2026-01-06")
    assert rc == 0 and out.startswith("Nothing overdue")


# --- the pure function ----------------------------------------------------------------------------


def _request(rid: str, events: tuple[tuple[str, str], ...], due: str = "2026-05-01", **kw) -> Request:
    return Request(id=rid, company_id="c1", type="access", regime="gdpr", reference="PT-X", due=due,
                   events=tuple(Event(rid, kind, on) for kind, on in events), **kw)


def test_compute_reminders_takes_records_or_raw_vault_dicts_alike():
    from privacy_tui.core.models import to_record

    company = Company(id="c1", name="Zeta")
    requests = [
        _request("r1", (("sent", "2026-04-01"),)),
        _request("r2", (("sent", "2026-03-01"),), due="2026-04-01"),
        _request("r3", (("sent", "2026-04-01"), ("withdrawn", "2026-04-02"))),
        Request(id="r4", company_id="gone", type="access", regime="gdpr", reference="PT-Y", due="2026-04-02",
                events=(Event("r4", "sent", "2026-03-02"),)),
    ]
    today = date(2026, 4, 28)
    objects = compute_reminders(requests, [company], today, 7)
    raw = compute_reminders([to_record(r) for r in requests], {"c1": company}, today, 7)
    assert objects == raw
    assert [(r.request_id, r.kind) for r in objects] == [("r2", "overdue"), ("r4", "overdue"), ("r1", "due_soon")]
    assert objects[1].company == "(removed company)"
    assert counts(objects) == {"overdue": 2, "needs_action": 0, "complaint_window": 0, "appeal_overdue": 0,
                               "authority_silent": 0, "ack_missing": 0, "extension_ending": 0, "appeal_due_soon": 0,
                               "due_soon": 1}
    assert [r.request_id for r in new_since(objects, ["r2"])] == ["r4"]
    assert overdue_ids(objects) == ["r2", "r4"]


def test_a_record_without_cached_deadlines_is_computed():
    # Records imported from elsewhere may lack the cache: the legal engine fills it in.
    r = _request("r1", (("sent", "2026-01-15"),), due="", country="FR")
    [item] = compute_reminders([r], [Company(id="c1", name="Eta")], date(2026, 2, 17), 7)
    assert item.kind == "overdue" and item.deadline == "2026-02-16"


def test_reminder_words():
    item = Reminder("overdue", "r1", "c1", "Theta", "opt_out_sale", "ccpa", "PT-Z", "2026-01-01", -3)
    assert item.describe() == "Theta: opt out sale request (PT-Z) is 3 days overdue (deadline 2026-01-01)"
    assert item.to_json()["text"] == item.describe() and item.key == "r1:overdue"


# --- unattended: exit code 3, no prompt, no Textual -------------------------------------------------


def test_locked_vault_exits_3_without_prompting(vault, capsys, monkeypatch):
    monkeypatch.delenv("PRIVACY_TUI_PASSPHRASE")
    rc, out, err = run_main(capsys, "remind", "--json")
    assert rc == 3 and out == ""
    assert_one_line_error(err, contains="locked")


def test_subprocess_with_no_terminal_exits_3_and_lists_with_the_passphrase(vault):
    from support.cli import cli_env, run_cli

    rc, out, err = run_cli("remind", env=cli_env(passphrase=None))
    assert rc == 3
    assert_one_line_error(err, contains="passphrase")
    rc, out, err = run_cli("remind", "--json", "--today", "2026-01-01", env=cli_env())
    assert rc == 0, err
    assert json.loads(out)["reminders"] == []


def test_remind_path_imports_no_textual_or_letter_machinery(vault):
    c = add("Iota SpA", emails=["dpo@iota.example"], country="IT")
    sent_request(c, date(2026, 1, 5))
    code = (
        "import sys\n"
        "from privacy_tui.cli import main\n"
        "rc = main(['remind', '--json', '--today', '2026-03-01'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'jinja2', 'holidays', 'httpx', 'icalendar'})\n"
        "sys.stderr.write(f'{rc} {heavy}')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.stderr.strip() == "10 []", proc.stderr
    assert json.loads(proc.stdout)["counts"]["overdue"] == 1


def test_parser_takes_options_with_and_without_an_action():
    from privacy_tui.cli import build_parser

    parser = build_parser()
    a = parser.parse_args(["remind", "--json", "--within", "3", "--notify"])
    assert a.action is None and a.json and a.within == 3 and a.notify
    b = parser.parse_args(["remind", "install", "--systemd"])
    assert b.action == "install" and b.systemd and not b.cron
    c = parser.parse_args(["remind", "uninstall", "--cron"])
    assert c.action == "uninstall" and c.cron
    with pytest.raises(SystemExit):
        parser.parse_args(["remind", "reinstall"])


# --- notifications: once a day ----------------------------------------------------------------------


@pytest.fixture
def fake_notify_send(tmp_path, monkeypatch) -> Path:
    """A notify-send first on PATH that records its arguments, one JSON line per call."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    log = tmp_path / "notify.log"
    script = bindir / "notify-send"
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/test-bus")
    return log


def _calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_desktop_notification_once_per_day_per_item(vault, capsys, fake_notify_send):
    c = add("Kappa GmbH", emails=["dpo@kappa.example"], country="DE", subdivision="BE")
    first = sent_request(c, date(2026, 1, 5))  # due 5 Feb 2026
    rc, data = remind(capsys, "--today", "2026-02-10", "--notify")
    assert rc == 10 and data["notified"]["desktop"]["via"] == "desktop"
    [call] = _calls(fake_notify_send)
    assert "--urgency" in call and call[call.index("--urgency") + 1] == "critical"
    assert call[-2] == "privacy-tui: 1 request overdue" and "Kappa GmbH" in call[-1] and first.reference in call[-1]

    rc, data = remind(capsys, "--today", "2026-02-10", "--notify")  # same day: nothing new
    assert rc == 10 and data["notified"] == {} and len(_calls(fake_notify_send)) == 1

    second = sent_request(c, date(2026, 1, 6))  # due 6 Feb: overdue too, never notified
    remind(capsys, "--today", "2026-02-10", "--notify")
    calls = _calls(fake_notify_send)
    assert len(calls) == 2 and second.reference in calls[1][-1] and first.reference not in calls[1][-1]

    remind(capsys, "--today", "2026-02-11", "--notify")  # a new day: both again
    last = _calls(fake_notify_send)[-1]
    assert len(_calls(fake_notify_send)) == 3 and "2 requests overdue" in last[-2]

    from privacy_tui.services.session import open_store

    with open_store() as store:
        record = store.notified.read()
        assert store.setting("remind_notified") is None  # no longer in the vault
    assert record["desktop"] == {f"{first.id}:overdue": "2026-02-11", f"{second.id}:overdue": "2026-02-11"}


def test_without_a_desktop_the_notification_goes_to_stdout_once(vault, capsys):
    c = add("Lambda Ltd", emails=["dpo@lambda.example"], country="IE")
    r = sent_request(c, date(2026, 1, 5))
    rc, out, err = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
    assert rc == 10, err
    assert "notification: privacy-tui: 1 request overdue" in out and r.reference in out.split("notification:")[1]
    rc, out, err = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
    assert rc == 10 and "notification:" not in out and r.id in out  # still listed, not notified again


def _hold_vault_in_another_process():
    """A second process with the vault open for writing, as the app keeps it while it runs."""
    from support.cli import cli_env

    code = (
        "import sys\n"
        "from privacy_tui.vault.paths import paths\n"
        "from privacy_tui.vault.vault import Vault\n"
        "v = Vault.open(paths(), writable=True, passphrase=sys.argv[1])\n"
        "print('holding', flush=True)\n"
        "sys.stdin.read()\n"
        "v.close()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, PASSPHRASE], env=cli_env(), stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"  # waits for the lock, no sleep
    return holder


@pytest.mark.parametrize("with_summary", [True, False], ids=["from the summary", "from the vault"])
def test_notifies_once_a_day_while_another_process_holds_the_vault(vault, capsys, with_summary):
    from privacy_tui.vault.paths import paths

    c = add("Mu SA", emails=["dpo@mu.example"], country="BE")
    sent_request(c, date(2026, 1, 5))
    if not with_summary:
        paths().summary.unlink()  # remind reads the vault itself (read-only)
    holder = _hold_vault_in_another_process()
    try:
        rc, _, err = run_main(capsys, "company", "add", "Nu SA")
        assert rc == 3 and "another privacy-tui process" in err  # the lock is really held
        rc, out, err = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
        assert rc == 10 and "notification: privacy-tui: 1 request overdue" in out and err == ""
        rc, out, err = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
        assert rc == 10 and "notification:" not in out and err == ""  # recorded without the lock
        rc, data = remind(capsys, "--notify", "--today", "2026-02-10")
        assert data["notified"] == {}
        rc, out, _ = run_main(capsys, "remind", "--notify", "--today", "2026-02-11")
        assert "notification:" in out  # a new day
    finally:
        holder.communicate("", timeout=60)
    assert holder.returncode == 0
    record = paths().notified.read_bytes()
    assert b"Mu SA" not in record and c.id.encode() not in record  # encrypted beside the vault


def test_notified_record_is_bound_to_its_vault_and_survives_garbage(vault, capsys):
    from privacy_tui.services.session import open_store
    from privacy_tui.vault.paths import paths

    c = add("Omicron BV", emails=["dpo@omicron.example"], country="NL")
    sent_request(c, date(2026, 1, 5))
    assert "notification:" in run_main(capsys, "remind", "--notify", "--today", "2026-02-10")[1]
    target = paths().notified
    good = target.read_bytes()
    target.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))  # tampered: not trusted, notified again
    assert "notification:" in run_main(capsys, "remind", "--notify", "--today", "2026-02-10")[1]
    with open_store() as store:
        assert store.notified.read() is not None  # rewritten, valid again
        other = type(store.notified)(target, "another-vault", store.vault._key)
    assert other.read() is None  # a record never decrypts for another vault
    target.unlink()
    vault_bytes = paths().vault.read_bytes()
    target.symlink_to(paths().vault)  # not a regular file of ours: never followed, never written through
    rc, out, err = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
    assert rc == 10 and "notification:" in out and "is a symlink" in err and len(err.splitlines()) == 1
    assert target.is_symlink() and paths().vault.read_bytes() == vault_bytes


def test_legacy_record_in_the_vault_is_honoured_once(vault, capsys):
    from privacy_tui.services.session import open_store

    c = add("Pi Oy", emails=["dpo@pi.example"], country="FI")
    r = sent_request(c, date(2026, 1, 5))
    with open_store(write=True) as store:
        store.set_setting("remind_notified", {"desktop": {f"{r.id}:overdue": "2026-02-10"}})
    rc, out, _ = run_main(capsys, "remind", "--notify", "--today", "2026-02-10")
    assert "notification:" not in out  # already notified today by an older version


def test_email_summary_once_per_day(vault, capsys, make_smtp_server):
    server = make_smtp_server()
    assert run_main(capsys, "profile", "set", "--name", "Nu Person", "--email", "nu@example.org")[0] == 0
    rc, out, err = run_main(capsys, "config", "smtp", "--host", server.host, "--port", str(server.port),
                            "--security", "none", "--from", "nu@example.org", "--timeout", "5")
    assert rc == 0, err
    c = add("Xi AS", emails=["dpo@xi.example"], country="NO")
    r = sent_request(c, date(2026, 1, 5))
    rc, data = remind(capsys, "--today", "2026-02-10", "--email")
    assert rc == 10 and data["notified"]["email"] == {"via": "email", "to": "nu@example.org", "count": 1}
    got = server.wait_for_message()
    assert got.rcpt_tos[0] == "nu@example.org"
    text = got.data.decode()
    assert "Subject: privacy-tui: 1 request overdue (2026-02-10)" in text and r.reference in text and "Xi AS" in text
    rc, data = remind(capsys, "--today", "2026-02-10", "--email")
    assert data["notified"] == {} and len(server.received) == 1


def test_email_failure_keeps_the_listing_and_retries_next_run(vault, capsys):
    c = add("Omicron Kft", emails=["dpo@omicron.example"], country="HU")
    sent_request(c, date(2026, 1, 5))
    rc, out, err = run_main(capsys, "remind", "--email", "--today", "2026-02-10")
    assert rc == 10 and "Omicron Kft" in out
    assert err.startswith("warning: the email summary was not sent: SMTP is not configured")

