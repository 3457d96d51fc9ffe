"""The legal lifecycle after sending, on the command line: appeals where the law gives one,
complaints only when something went wrong, CCPA requests overdue while waiting for ID, the
LGPD small-agent flag, and letters dated when they are sent (issue 13)."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main


def company(capsys, name, *extra):
    rc, out, err = run_main(capsys, "company", "add", name, "--email", "privacy@corp.example", *extra)
    assert rc == 0, err
    return out.strip()


def profile(capsys, country, state=""):
    args = ["profile", "set", "--name", "Ada Example", "--email", "ada@example.org", "--country", country]
    if state:
        args += ["--state", state]
    rc, _, err = run_main(capsys, *args)
    assert rc == 0, err


def sent_request(capsys, cid, received, *extra, rtype="access"):
    rc, out, err = run_main(capsys, "request", "new", cid, "--type", rtype, "--received", received, "--today", received, *extra)
    assert rc == 0, err
    return out.strip()


def mark(capsys, rid, kind, on):
    rc, _, err = run_main(capsys, "request", "mark", rid, kind, "--date", on, "--today", on)
    assert rc == 0, err


def escalate(capsys, rid, to, today, *extra):
    return run_main(capsys, "request", "escalate", rid, "--to", to, "--json", "--today", today, *extra)


def show(capsys, rid, today):
    rc, out, err = run_main(capsys, "request", "show", rid, "--json", "--today", today)
    assert rc == 0, err
    return json.loads(out)


def sent_in(capsys, name, country, state="", received="2026-01-15", *extra, rtype="access"):
    """The profile and the company in one place (country, state), and a request to it sent on `received`."""
    profile(capsys, country, state)
    cid = company(capsys, name, "--country", country, *(("--subdivision", state) if state else ()))
    return sent_request(capsys, cid, received, *extra, rtype=rtype)


def uk_request(capsys, received="2026-01-15"):
    return sent_in(capsys, "Acme Widgets Ltd", "GB", received=received)


def virginia_deletion(capsys):
    return sent_in(capsys, "Sample Streaming Inc", "US", "VA", "2026-09-01", rtype="deletion")


def appeal_drafted(capsys, rid):
    """Refused on 20 September, the appeal drafted on the 25th: its JSON."""
    mark(capsys, rid, "denied", "2026-09-20")
    rc, out, err = escalate(capsys, rid, "appeal", "2026-09-25")
    assert rc == 0, err
    return json.loads(out)


# --- appeals --------------------------------------------------------------------------------------


def test_virginia_appeal_after_a_refusal(cli_home):
    capsys = cli_home
    rid = virginia_deletion(capsys)
    # The Virginia letter may speak of an appeal: the law gives one.
    rc, out, _ = run_main(capsys, "request", "letter", rid)
    assert "how I can appeal your decision (Va. Code §59.1-577(C))" in out
    # Before any refusal there is nothing to appeal.
    rc, _, err = escalate(capsys, rid, "appeal", "2026-09-10")
    assert rc == 2 and "denied" in err
    data = appeal_drafted(capsys, rid)
    assert data["kind"] == "appeal" and data["recipient"]["email"] == "privacy@corp.example"
    body = data["body"]
    assert "I appeal that decision under Va. Code §59.1-577(C)" in body
    assert "within 60 calendar days" in body and "24 November 2026" in body  # 25 Sep + 60 days
    # The contact for a denied appeal is the Attorney General's complaint form (core/laws/us_states.py, its ag_webform).
    assert ("Office of the Attorney General of Virginia "
            "(https://www.oag.state.va.us/consumer-protection/index.php/file-a-complaint)") in body
    assert "You refused it on 20 September 2026" in body
    for bad in ("{{", "None", "CCPA", "GDPR"):
        assert bad not in body
    # Sent (here: recorded as sent through the company's channel): the timeline has the appeal and its deadline.
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--mark-sent", "--date", "2026-09-26",
                            "--today", "2026-09-26")
    assert rc == 0, err
    timeline = show(capsys, rid, "2026-09-26")["timeline"]
    appealed = [e for e in timeline if e["kind"] == "appealed"]
    assert len(appealed) == 1 and appealed[0]["date"] == "2026-09-26"
    assert appealed[0]["detail"] == "decision due by 2026-11-25 (Va. Code §59.1-577(C))"
    # One appeal only.
    rc, _, err = escalate(capsys, rid, "appeal", "2026-09-27")
    assert rc == 2 and "already appealed" in err
    # remind: the decision is due soon, then overdue.
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2026-11-20")
    kinds = {r["kind"] for r in json.loads(out)["reminders"]}
    assert "appeal_due_soon" in kinds
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2026-11-26")
    assert any(r["kind"] == "appeal_overdue" and r["deadline"] == "2026-11-25" for r in json.loads(out)["reminders"])
    # The company's decision on the appeal can be recorded after the refusal; then no more reminders.
    mark(capsys, rid, "fulfilled", "2026-11-27")
    assert show(capsys, rid, "2026-11-28")["status"] == "done"
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2026-11-28")
    assert json.loads(out)["reminders"] == []


@pytest.mark.parametrize("state,regime,reason", [
    ("UT", "us_ut", "the UCPA gives no appeal"),
    ("CA", "ccpa", "the CCPA gives no appeal"),
])
def test_no_appeal_where_the_law_gives_none(cli_home, state, regime, reason):
    capsys = cli_home
    rid = sent_in(capsys, "Example Corp", "US", state, "2026-09-01", rtype="deletion")
    assert show(capsys, rid, "2026-09-02")["regime"] == regime
    mark(capsys, rid, "denied", "2026-09-20")
    rc, out, err = escalate(capsys, rid, "appeal", "2026-09-25")
    assert rc == 2 and out == "" and reason in err and "--to regulator" in err
    # The letter does not promise an appeal the law does not give.
    rc, out, _ = run_main(capsys, "request", "letter", rid)
    assert "appeal" not in out.lower()


# --- complaints at the right time ----------------------------------------------------------------


def test_premature_complaint_is_refused_unless_anyway(cli_home):
    capsys = cli_home
    rid = uk_request(capsys)
    mark(capsys, rid, "acknowledged", "2026-01-18")
    rc, out, err = escalate(capsys, rid, "regulator", "2026-02-01")
    assert rc == 2 and "too early" in err and "2026-02-16" in err and "--anyway" in err
    rc, out, err = escalate(capsys, rid, "regulator", "2026-02-01", "--anyway")
    assert rc == 0, err
    body = json.loads(out)["body"]
    assert "has not complied" not in body and "has not answered" not in body
    assert "The company acknowledged my request on 18 January 2026." in body
    assert "The legal deadline is 16 February 2026 (Article 12A UK GDPR)" in body
    # --anyway is for complaints only.
    rc, _, err = escalate(capsys, rid, "company", "2026-02-01", "--anyway")
    assert rc == 2 and "--anyway goes with --to regulator" in err
    # After the deadline, the complaint goes ahead and follows the timeline: acknowledged, never "has not answered".
    rc, out, err = escalate(capsys, rid, "regulator", "2026-03-01")
    assert rc == 0, err
    body = json.loads(out)["body"]
    assert "has not complied" in body and "has not answered" not in body
    assert "acknowledged my request on 18 January 2026" in body and "It has not given me the answer the law requires." in body


def test_a_refusal_may_be_complained_about_at_once(cli_home):
    capsys = cli_home
    rid = uk_request(capsys)
    mark(capsys, rid, "id_requested", "2026-01-16")
    mark(capsys, rid, "info_supplied", "2026-01-17")
    mark(capsys, rid, "denied", "2026-01-20")
    rc, out, err = escalate(capsys, rid, "regulator", "2026-01-21")
    assert rc == 0, err
    assert "The company refused my request." in json.loads(out)["body"]


def test_uk_complaint_to_the_controller_comes_first_after_19_june_2026(cli_home):
    capsys = cli_home
    rid = uk_request(capsys, "2026-07-01")
    rc, _, err = escalate(capsys, rid, "regulator", "2026-08-10")
    assert rc == 2 and "s.164A" in err and "--to company" in err
    rc, out, err = escalate(capsys, rid, "company", "2026-08-10")
    assert rc == 0, err
    reminder = json.loads(out)
    assert "complaint under section 164A of the Data Protection Act 2018" in reminder["body"]
    assert "within 30 calendar days" in reminder["body"]
    rc, _, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--mark-sent", "--date",
                          "2026-08-10", "--today", "2026-08-10")
    assert rc == 0, err
    rc, out, err = escalate(capsys, rid, "regulator", "2026-08-12")
    assert rc == 0, err


def test_reminder_never_names_a_date_before_the_deadline(cli_home):
    capsys = cli_home
    rid = sent_in(capsys, "Beispiel GmbH", "DE", "", "2026-12-04", "--language", "en")  # due 4 January 2027; English wording
    rc, out, err = escalate(capsys, rid, "company", "2026-12-05")
    assert rc == 0, err
    body = json.loads(out)["body"]
    assert "by 4 January 2027, the date the law sets" in body and "December 2026, the date" not in body
    assert "in any case by" not in body


# --- CCPA: waiting for ID does not stop the 45 days ------------------------------------------------


def test_ccpa_request_waiting_for_id_is_overdue_in_remind_and_list(cli_home):
    capsys = cli_home
    rid = sent_in(capsys, "Acme Example Corp", "US", "CA", "2026-11-22")
    mark(capsys, rid, "id_requested", "2026-11-25")
    assert show(capsys, rid, "2026-12-20")["status"] == "needs_action"  # within the 45 days: your turn
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2027-01-07")
    data = json.loads(out)
    assert rc == 10 and data["overdue"] is True
    assert [(r["request_id"], r["kind"], r["deadline"]) for r in data["reminders"]] == [(rid, "overdue", "2027-01-06")]
    rc, out, _ = run_main(capsys, "request", "list", "--today", "2027-01-07")
    assert rc == 0 and "overdue" in out
    rc, out, _ = run_main(capsys, "request", "list", "--status", "overdue", "--json", "--today", "2027-01-07")
    assert [r["id"] for r in json.loads(out)] == [rid]
    assert "11 CCR §7021(b)" in show(capsys, rid, "2027-01-07")["explanation"]


def test_uk_request_waiting_for_id_is_not_overdue(cli_home):
    capsys = cli_home
    rid = uk_request(capsys)
    mark(capsys, rid, "clarification_requested", "2026-01-20")
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2026-03-01")
    # The ball is in the user's court (Art 12A stops the clock): "needs action", never overdue.
    data = json.loads(out)
    assert rc == 0 and data["overdue"] is False
    assert [(r["kind"], r["deadline"]) for r in data["reminders"]] == [("needs_action", "2026-01-20")]
    assert show(capsys, rid, "2026-03-01")["status"] == "needs_action"
    mark(capsys, rid, "clarification_given", "2026-01-29")
    # 20..29 January: ten days that do not count, added to the month's end before any roll-forward:
    # 15 Feb (a Sunday) + 10 = 25 Feb.
    data = show(capsys, rid, "2026-02-01")
    assert data["due"] == "2026-02-25" and "do not count" in data["explanation"]


def test_uk_fee_marked_on_the_command_line_moves_the_start(cli_home):
    capsys = cli_home
    rid = uk_request(capsys)
    # A payment with no fee asked for is refused, with the reason, exit 2.
    rc, _, err = run_main(capsys, "request", "mark", rid, "fee_paid", "--date", "2026-01-20", "--today", "2026-01-20")
    assert rc == 2 and "fee_requested" in err and "Traceback" not in err
    mark(capsys, rid, "fee_requested", "2026-01-20")
    assert show(capsys, rid, "2026-01-21")["status"] == "needs_action"
    mark(capsys, rid, "fee_paid", "2026-01-27")
    # Art 12A(2)(c): one month from the payment, 27 Jan -> 27 Feb 2026 (a Friday).
    data = show(capsys, rid, "2026-01-28")
    assert data["due"] == "2026-02-27" and "Article 12A(2)(c)" in data["explanation"]


# --- LGPD small agent -----------------------------------------------------------------------------


def test_lgpd_small_agent_flag_by_cli(cli_home):
    capsys = cli_home
    profile(capsys, "BR")
    cid = company(capsys, "Pequena Loja Ltda", "--country", "BR", "--small-agent")
    rc, out, _ = run_main(capsys, "company", "show", cid)
    assert "small agent" in out and "Resolução CD/ANPD nº 2/2022" in out
    rid = sent_request(capsys, cid, "2026-03-03")
    assert show(capsys, rid, "2026-03-04")["due"] == "2026-04-02"  # 30 days, not 15
    # Turning it off moves the open request's deadline back to the law's 15 days.
    assert run_main(capsys, "company", "edit", cid, "--no-small-agent")[0] == 0
    assert show(capsys, rid, "2026-03-04")["due"] == "2026-03-18"
    rc, out, _ = run_main(capsys, "company", "show", cid, "--json")
    assert json.loads(out)["small_agent"] is False


# --- PIPEDA: federal holidays ---------------------------------------------------------------------


def test_pipeda_deadline_on_remembrance_day_in_ontario(cli_home):
    capsys = cli_home
    rc, out, err = run_main(capsys, "deadline", "--regime", "pipeda", "--received", "2026-10-12", "--country", "CA",
                            "--subdivision", "ON", "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["due"] == "2026-11-12" and "Remembrance Day" in data["explanation"]


# --- a letter's dates are the sending day's ----------------------------------------------------------


def test_letter_drafted_1_dec_and_sent_10_dec_names_the_deadline_from_10_dec(cli_home, tmp_path):
    capsys = cli_home
    profile(capsys, "DE")
    cid = company(capsys, "Beispiel GmbH", "--country", "DE")
    # English wording (a German company would get German: tests/letters/test_letters_languages_merged.py)
    rc, out, err = run_main(capsys, "request", "new", cid, "--type", "access", "--today", "2026-12-01", "--language", "en")
    assert rc == 0, err
    rid = out.strip()
    rc, drafted, _ = run_main(capsys, "request", "letter", rid, "--today", "2026-12-01")
    assert "by 4 January 2027" in drafted or "4 January 2027" in drafted  # 1 Jan is a holiday, then a weekend
    rc, shown, _ = run_main(capsys, "request", "letter", rid, "--today", "2026-12-10")
    assert "10 December 2026" in shown and "11 January 2027" in shown and "4 January 2027" not in shown
    target = tmp_path / "letter.eml"
    rc, out, err = run_main(capsys, "request", "send", rid, "--via", "eml", "--out", str(target), "--today", "2026-12-10")
    assert rc == 0, err
    raw = target.read_text(encoding="utf-8")
    assert "11 January 2027" in raw and "4 January 2027" not in raw and "1 December 2026" not in raw


def test_escalation_drafted_earlier_is_dated_when_sent(cli_home):
    capsys = cli_home
    rid = virginia_deletion(capsys)
    draft = appeal_drafted(capsys, rid)
    assert "24 November 2026" in draft["body"]
    # Sent five days later: the date line and the decision date are the sending day's.
    rc, out, err = run_main(capsys, "request", "send-escalation", draft["message_id"], "--via", "copy", "--json",
                            "--today", "2026-09-30")
    assert rc == 0, err
    text = json.loads(out)["text"]
    assert text.count("30 September 2026") >= 1 and "29 November 2026" in text and "24 November 2026" not in text
    rc, out, _ = run_main(capsys, "request", "show", rid, "--json", "--today", "2026-09-30")
    assert rc == 0


def test_deadline_command_for_a_small_agent(cli_home):
    capsys = cli_home
    rc, out, err = run_main(capsys, "deadline", "--regime", "lgpd", "--received", "2026-03-03", "--country", "BR",
                            "--small-agent", "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["due"] == "2026-04-02" and "small processing agent" in data["explanation"]


def test_complaint_grounds_waiting_for_you_and_improper_id_demand(cli_home):
    capsys = cli_home
    rid = uk_request(capsys)
    mark(capsys, rid, "clarification_requested", "2026-01-20")
    rc, _, err = escalate(capsys, rid, "regulator", "2026-03-01")
    assert rc == 2 and "waiting for your answer" in err and "clarification_given" in err
    # CCPA opt-out: the business may not demand verification (11 CCR §7026(d)): a complaint is due at once.
    opt = sent_in(capsys, "Acme Example Corp", "US", "CA", "2026-03-02", rtype="opt_out_sale")
    mark(capsys, opt, "id_requested", "2026-03-03")
    rc, out, err = escalate(capsys, opt, "regulator", "2026-03-04")
    assert rc == 0, err
    data = json.loads(out)
    assert data["recipient"]["name"] == "California Privacy Protection Agency"
    assert "which the law does not allow for this request (11 CCR §7026(d))" in data["body"]


def test_pending_appeal_is_in_the_calendar_export(cli_home, tmp_path):
    capsys = cli_home
    rid = virginia_deletion(capsys)
    mid = appeal_drafted(capsys, rid)["message_id"]
    assert run_main(capsys, "request", "send-escalation", mid, "--mark-sent", "--date", "2026-09-25",
                    "--today", "2026-09-25")[0] == 0
    target = tmp_path / "deadlines.ics"
    rc, out, err = run_main(capsys, "export", "ics", str(target))
    assert rc == 0, err
    text = target.read_text(encoding="utf-8")
    assert f"UID:{rid}-appeal-due@privacy-tui" in text and "DTSTART;VALUE=DATE:20261124" in text
    assert f"UID:{rid}-due@privacy-tui" not in text  # the first deadline is over: only the appeal runs


def test_every_appeal_rule_says_what_was_read():
    from privacy_tui.core.laws.registry import REGIMES

    states = [r for r in REGIMES.values() if r.key.startswith("us_")]
    with_appeal = [r for r in states if r.appeal is not None]
    assert len(with_appeal) == 17
    assert all(r.appeal.source for r in with_appeal)
    # Nebraska's appeal is §87-1109 (§87-1108(3) sends the consumer there), not §87-1108(4).
    assert REGIMES["us_ne"].appeal.citation == "Neb. Rev. Stat. §87-1109"
    # Utah's Act gives none (Utah Code §13-61-203(3): reasons only).
    assert REGIMES["us_ut"].appeal is None and REGIMES["us_ut"].no_appeal_reason
