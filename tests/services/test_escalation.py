"""`request escalate` and `request send-escalation`: the right authority for each regime, letters
with the dated timeline and no placeholders, stored as messages, sent by the usual transports."""

from __future__ import annotations

import base64
import email
import email.policy
import json
import re
from datetime import date

import pytest
from support.cli import run_main
from support.smtp_peers import reply

TODAY = "2026-04-20"


@pytest.fixture
def vault(vault, capsys):
    rc, _, err = run_main(capsys, "profile", "set", "--name", "Mia Muster", "--email", "mia@example.org",
                          "--address", "Musterweg 1, 20095 Hamburg", "--country", "DE", "--state", "HH")
    assert rc == 0, err


@pytest.fixture
def directory(vault, capsys, shared_dir):
    rc, _, err = run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))
    assert rc == 0, err


def add(name: str, **fields):
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        return add_company(store, name=name, **fields)


def late_request(company, *, regime=None, type="access", received=date(2026, 1, 15), events=()):
    """Sent on `received`, acknowledged a few days later, then silence.

    The profile lives in Germany, so the default regime is the GDPR; UK companies get the UK GDPR.
    """
    if regime is None and company.country == "GB":
        regime = "uk_gdpr"
    from privacy_tui.services.requests import append_event, new_request
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        r = new_request(store, company.id, type, regime=regime, received=received, today=received)
        for kind, on in (("acknowledged", date(received.year, received.month, received.day + 3)),) + tuple(events):
            r = append_event(r, kind, on)
        store.save_request(r)
    return r


def escalate(capsys, request_id, to, *extra, today=TODAY) -> dict:
    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", to, "--json", "--today", today, *extra)
    assert rc == 0, err
    return json.loads(out)


def assert_clean_letter(body: str) -> None:
    """No template leftovers, no empty values, no 'None'."""
    for bad in ("{{", "}}", "{%", "None", "TODO", "XXX", "Dear ,", ": \n", "  -  "):
        assert bad not in body, f"{bad!r} in letter:\n{body}"
    assert not re.search(r"\b(undefined|null)\b", body)


def assert_timeline(body: str, *lines: str) -> None:
    section = body.split("What happened, in date order:")[1]
    for line in lines:
        assert line in section, f"{line!r} not in the timeline:\n{section}"


# --- which authority -----------------------------------------------------------------------------


def test_uk_gdpr_goes_to_the_ico_through_its_web_form(vault, capsys):
    c = add("Acme Widgets Ltd", emails=["privacy@acme.example"], country="GB")
    r = late_request(c)
    data = escalate(capsys, r.id, "regulator")
    rec = data["recipient"]
    assert rec["name"] == "Information Commissioner's Office" and rec["key"] == "ico"
    assert rec["email"] is None and rec["webform"].startswith("https://ico.org.uk/")
    assert "Wilmslow" in rec["address"] and data["channel"] == "web form" and data["kind"] == "complaint"
    body = data["body"]
    assert body.startswith("20 April 2026") and "Dear Information Commissioner's Office" in body
    assert "The legal deadline was 16 February 2026 (Article 12A UK GDPR)" in body
    assert_timeline(body, "15 January 2026: request sent to the company", "18 January 2026: the company acknowledged the request")
    assert "Mia Muster" in body and "mia@example.org" in body
    assert_clean_letter(body)
    assert r.reference in data["subject"] and "Acme Widgets Ltd" in data["subject"]

    # No email: the default is the text to paste, headed by the form's address.
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--today", TODAY)
    assert rc == 0, err
    assert out.startswith(f"Web form: {rec['webform']}\nSubject: {data['subject']}") and "Postal address: " in out
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--via", "smtp", "--today", TODAY)
    assert rc == 2 and "takes no email" in err and "--via copy" in err
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"][:5], "--json", "--today", TODAY)
    sent = json.loads(out)
    assert sent["message_id"] == data["message_id"] and sent["url"] == rec["webform"] and sent["sent"] is False


def test_gdpr_company_in_france_goes_to_the_cnil_from_the_directory(directory, capsys):
    c = add("Exemple SAS", emails=["dpo@exemple.example"], country="FR")
    r = late_request(c)
    data = escalate(capsys, r.id, "regulator")
    rec = data["recipient"]
    assert rec["key"] == "frcnil" and "CNIL" in rec["name"]
    assert rec["webform"] == "https://www.cnil.fr/fr/plaintes" and "PARIS" in rec["address"]
    assert "established" in rec["note"]
    # The CNIL's complaint language is French (issue 15); --language en gives the English letter.
    assert data["language"] == "fr" and "article 77 du RGPD" in data["body"]
    assert "Le délai légal (article 12, paragraphe 3, du RGPD) a expiré le 16 février 2026" in data["body"]
    assert_clean_letter(data["body"])
    data = escalate(capsys, r.id, "regulator", "--language", "en")
    assert "The legal deadline was 16 February 2026 (Article 12(3) GDPR)" in data["body"]
    assert_timeline(data["body"], "15 January 2026: request sent to the company")
    assert_clean_letter(data["body"])


def test_german_company_goes_to_its_state_authority_else_the_federal_one(directory, capsys):
    bavarian = add("Bayern Brezel GmbH", emails=["dsb@brezel.example"], country="DE", subdivision="BY")
    unknown_state = add("Irgendwo GmbH", emails=["dsb@irgendwo.example"], country="DE")
    us = add("Faraway Inc", emails=["privacy@faraway.example"], country="US", regimes=["gdpr"])
    rec = escalate(capsys, late_request(bavarian).id, "regulator")["recipient"]
    assert rec["key"] == "debaylda" and rec["email"] == "poststelle@lda.bayern.de"
    rec = escalate(capsys, late_request(unknown_state).id, "regulator")["recipient"]
    # No state known for the company, but the user lives in Hamburg: Art. 77 lets her complain there.
    assert rec["key"] == "dehmbbfdi"
    # A company outside the EU: the user's own country and state decide.
    rec = escalate(capsys, late_request(us, regime="gdpr").id, "regulator")["recipient"]
    assert rec["key"] == "dehmbbfdi" and "where you live" in rec["note"]
    # And --authority picks another one by slug.
    rec = escalate(capsys, late_request(bavarian).id, "regulator", "--authority", "iedpc")["recipient"]
    # The directory lists the DPC's email, but it takes complaints only through its web form.
    assert rec["key"] == "iedpc" and rec["email"] is None and rec["webform"] == "https://forms.dataprotection.ie/contact"
    rc, out, err = run_main(capsys, "request", "escalate", late_request(bavarian).id, "--to", "regulator",
                            "--authority", "Landesbeauftragte", "--today", TODAY)
    assert rc == 2 and "matches several authorities" in err and "debawueldb" in err


def test_german_company_without_state_and_user_elsewhere_goes_to_the_federal_commissioner(directory, capsys):
    assert run_main(capsys, "profile", "set", "--country", "AT", "--state", "")[0] == 0
    c = add("Irgendwo GmbH", emails=["dsb@irgendwo.example"], country="DE")
    rec = escalate(capsys, late_request(c, regime="gdpr").id, "regulator")["recipient"]
    assert rec["key"] == "debfdi" and "forwards complaints" in rec["note"]


def test_gdpr_without_the_directory_uses_the_shipped_authorities(vault, capsys):
    c = add("Exemple SAS", emails=["dpo@exemple.example"], country="FR")
    r = late_request(c)
    rc, out, err = run_main(capsys, "request", "escalate", r.id, "--to", "regulator", "--today", TODAY, "--json")
    assert rc == 0, err
    assert json.loads(out)["recipient"]["key"] == "frcnil"  # shipped with the package (tests/services/test_authorities_shipped.py)


@pytest.mark.parametrize(
    ("country", "subdivision", "regime", "authority", "name", "channel", "citation"),
    [
        ("US", "CA", "ccpa", None, "California Privacy Protection Agency", "https://cppa.ca.gov/", "11 CCR §7021"),
        ("US", "CA", "ccpa", "ca_ag", "California Attorney General (California Department of Justice)",
         "https://oag.ca.gov/", "11 CCR §7021"),
        ("US", "VA", "us_va", None, "Office of the Attorney General of Virginia", None, "Va. Code §59.1-577(B)(1)"),
        ("US", "NH", "us_nh", None, "New Hampshire Department of Justice, Data Privacy Unit", "DOJ-CPB@doj.nh.gov", "RSA 507-H:4"),
        ("CA", "", "pipeda", None, "Office of the Privacy Commissioner of Canada", "https://www.priv.gc.ca/", "PIPEDA s. 8(3)-(4)"),
        ("BR", "", "lgpd", None, "Autoridade Nacional de Proteção de Dados (ANPD)", "https://www.gov.br/anpd/", "LGPD Art. 19, II"),
    ],
)
def test_regulators_of_the_other_regimes(vault, capsys, country, subdivision, regime, authority, name, channel, citation):
    c = add("Example Corp", emails=["privacy@corp.example"], country=country, subdivision=subdivision)
    r = late_request(c, regime=regime, received=date(2026, 1, 12))
    extra = ("--authority", authority) if authority else ()
    if country == "BR":  # the ANPD's language is Portuguese (tests/letters/test_letter_language_cli_es_it_nl_pt.py); English here
        extra += ("--language", "en")
    data = escalate(capsys, r.id, "regulator", *extra)
    rec = data["recipient"]
    assert rec["name"] == name
    if channel is None:  # the Virginia AG takes complaints through its website
        assert rec["website"] == "https://www.oag.state.va.us" and rec["email"] is None
    elif "@" in channel:
        assert rec["email"] == channel and data["channel"] == "email"
    else:
        assert (rec["webform"] or "").startswith(channel) and data["channel"] == "web form"
    body = data["body"]
    assert f"Dear {name}," in body and f"({citation})" in body
    assert_timeline(body, "12 January 2026: request sent to the company", "15 January 2026: the company acknowledged the request")
    assert_clean_letter(body)


def test_unknown_authority_is_refused_with_the_choices(vault, capsys):
    c = add("Example Corp", emails=["privacy@corp.example"], country="US", subdivision="CA")
    r = late_request(c, regime="ccpa")
    rc, out, err = run_main(capsys, "request", "escalate", r.id, "--to", "regulator", "--authority", "fbi", "--today", TODAY)
    assert rc == 2 and "cppa" in err and "ca_ag" in err


# --- the reminder to the company, sent by SMTP, then part of the complaint's timeline -------------


def configure_smtp(capsys, server):
    rc, out, err = run_main(capsys, "config", "smtp", "--host", server.host, "--port", str(server.port),
                            "--security", "none", "--from", "mia@example.org", "--timeout", "5")
    assert rc == 0, err


def test_reminder_is_stored_sent_by_smtp_and_cited_in_the_complaint(directory, capsys, make_smtp_server):
    from privacy_tui.services.session import open_store

    server = make_smtp_server()
    configure_smtp(capsys, server)
    c = add("Irish Data Ltd", emails=["privacy@irishdata.example"], country="IE")
    r = late_request(c)
    data = escalate(capsys, r.id, "company", today="2026-02-20")
    assert data["kind"] == "reminder" and data["recipient"]["email"] == "privacy@irishdata.example"
    body = data["body"]
    assert body.startswith("20 February 2026") and "On 15 January 2026 I sent you a request under Article 15 GDPR" in body
    assert "The legal deadline for your answer was 16 February 2026 (Article 12(3) GDPR)" in body
    assert "in any case by 6 March 2026" in body and "You acknowledged it" in body
    assert_clean_letter(body)

    with open_store() as store:
        [draft] = store.messages(r.id)
        request = store.request(r.id)
    assert draft.kind == "reminder" and draft.sent_at == "" and draft.body == body
    last = request.events[-1]
    assert last.kind == "message" and last.data["draft"] is True and last.data["escalation"] == draft.id

    rc, out, err = run_main(capsys, "request", "send-escalation", draft.id[:6], "--today", "2026-02-20")
    assert rc == 0, err
    got = server.wait_for_message()
    assert got.rcpt_tos[0] == "privacy@irishdata.example"
    mail = email.message_from_bytes(got.data, policy=email.policy.default)
    assert mail["Subject"].strip().startswith("Reminder: my access request of 15 January 2026 is overdue")
    assert mail["X-Privacy-Request-Reference"] == r.reference
    with open_store() as store:
        [sent] = store.messages(r.id)
        request = store.request(r.id)
    assert sent.sent_at and sent.transport == "smtp" and base64.b64decode(sent.raw) == got.data
    assert request.events[-1].detail.startswith("reminder to the company emailed to privacy@irishdata.example")
    rc, out, err = run_main(capsys, "request", "send-escalation", draft.id, "--today", "2026-02-20")
    assert rc == 2 and "already sent" in err and len(server.received) == 1

    complaint = escalate(capsys, r.id, "regulator", today=TODAY)
    assert complaint["recipient"]["key"] == "iedpc"
    assert_timeline(complaint["body"], "15 January 2026: request sent to the company",
                    "18 January 2026: the company acknowledged the request",
                    "20 February 2026: follow-up message: reminder to the company emailed to privacy@irishdata.example")
    assert "drafted" not in complaint["body"]  # unsent drafts are no evidence
    assert "passed 63 days ago" in complaint["body"]
    # The DPC takes complaints only through its web form: never emailed, the text is prepared for the form.
    rc, out, err = run_main(capsys, "request", "send-escalation", complaint["message_id"], "--today", TODAY)
    assert rc == 0, err
    assert out.startswith("Web form: https://forms.dataprotection.ie/contact\n")
    assert all("dataprotection.ie" not in rcpt for m in server.received for rcpt in m.rcpt_tos)
    rc, out, err = run_main(capsys, "request", "send-escalation", complaint["message_id"], "--via", "smtp", "--today", TODAY)
    assert rc == 2 and "takes no email" in err


def test_failed_smtp_send_is_recorded_and_retried_with_the_same_message_id(vault, capsys, make_smtp_server):
    from privacy_tui.services.session import open_store

    server = make_smtp_server(reject_rcpt={"dpo@reject.example"})
    configure_smtp(capsys, server)
    c = add("Reject Ltd", emails=["dpo@reject.example"], country="GB")
    r = late_request(c)
    data = escalate(capsys, r.id, "company")
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--today", TODAY)
    assert rc == 4 and "dpo@reject.example" in err
    with open_store() as store:
        [m] = store.messages(r.id)
        request = store.request(r.id)
    assert not m.sent_at and m.message_id and request.events[-1].data["failed"] is True
    server.reject_rcpt.clear()
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--today", TODAY)
    assert rc == 0, err
    assert f"Message-ID: {m.message_id}" in server.wait_for_message().data.decode()


def test_unclear_answer_after_data_needs_resend_for_the_reminder(vault, capsys, make_peer):
    # A 299 after the letter's text: the server may have kept it, so no silent second copy.
    peer = make_peer(after_data=reply(b"299 2.0.0 hmm\r\n"))
    rc, out, err = run_main(capsys, "config", "smtp", "--host", "127.0.0.1", "--port", str(peer.port),
                            "--security", "none", "--from", "mia@example.org", "--timeout", "5")
    assert rc == 0, err
    c = add("Maybe Ltd", emails=["dpo@maybe.example"], country="GB")
    reminder = escalate(capsys, late_request(c).id, "company")
    rc, out, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--today", TODAY)
    assert rc == 4 and "may have been delivered" in err
    rc, out, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--today", TODAY)
    assert rc == 2 and "--resend" in err and len(peer.messages) == 1
    rc, out, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--resend", "--today", TODAY)
    assert rc == 4 and len(peer.messages) == 2  # asked for explicitly: sent once more


def test_hand_offs_and_recording_a_web_form_submission(vault, capsys, tmp_path):
    from privacy_tui.services.session import open_store

    c = add("Acme Widgets Ltd", emails=["privacy@acme.example"], country="GB")
    r = late_request(c)
    reminder = escalate(capsys, r.id, "company")
    rc, out, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--via", "mailto")
    assert rc == 0 and out.startswith("mailto:privacy@acme.example?subject=Reminder")
    target = tmp_path / "reminder.eml"
    rc, out, err = run_main(capsys, "request", "send-escalation", reminder["message_id"], "--via", "eml", "--out", str(target))
    assert rc == 0 and target.exists() and b"To: privacy@acme.example" in target.read_bytes()

    complaint = escalate(capsys, r.id, "regulator")
    rc, out, err = run_main(capsys, "request", "send-escalation", complaint["message_id"], "--mark-sent",
                            "--date", "2026-04-19", "--today", TODAY)
    assert rc == 0 and "recorded as sent on 2026-04-19" in out
    with open_store() as store:
        messages = {m.kind: m for m in store.messages(r.id)}
        request = store.request(r.id)
    assert messages["complaint"].sent_at and messages["complaint"].transport == "copy"
    assert messages["reminder"].sent_at == ""  # handed off, never confirmed
    last = request.events[-1]
    assert last.date == "2026-04-19" and last.detail == "complaint to the Information Commissioner's Office sent through the web form"


def test_refusals(vault, capsys):
    from privacy_tui.services.requests import new_request
    from privacy_tui.services.session import open_store

    c = add("Acme Widgets Ltd", emails=["privacy@acme.example"], country="GB")
    done = late_request(c, events=(("fulfilled", date(2026, 2, 1)),))
    rc, out, err = run_main(capsys, "request", "escalate", done.id, "--to", "company", "--today", TODAY)
    assert rc == 2 and "closed" in err and "--to regulator" in err
    # Fulfilled within the deadline: a complaint needs a reason (incomplete: --anyway, or mark it partial).
    rc, out, err = run_main(capsys, "request", "escalate", done.id, "--to", "regulator", "--today", TODAY)
    assert rc == 2 and "within the deadline" in err and "--anyway" in err
    data = escalate(capsys, done.id, "regulator", "--anyway")
    assert data["recipient"]["key"] == "ico" and "has not complied" not in data["body"]
    with open_store(write=True) as store:
        draft = new_request(store, c.id, "access", today=date(2026, 4, 1))
    rc, out, err = run_main(capsys, "request", "escalate", draft.id, "--to", "regulator", "--today", TODAY)
    assert rc == 2 and "not been sent" in err
    rc, out, err = run_main(capsys, "request", "send-escalation", "mnothing", "--today", TODAY)
    assert rc == 2 and "no reminder or complaint" in err


def test_text_output_shows_the_letter_and_how_to_send_it(vault, capsys):
    c = add("Acme Widgets Ltd", emails=["privacy@acme.example"], country="GB")
    r = late_request(c)
    rc, out, err = run_main(capsys, "request", "escalate", r.id, "--to", "regulator", "--today", TODAY)
    assert rc == 0, err
    assert out.startswith("complaint m") and "drafted for Information Commissioner's Office" in out
    assert "Subject: Complaint about Acme Widgets Ltd" in out
    assert "Send it with: privacy-tui request send-escalation m" in out and "web form" in out
