"""Letters in other languages with main's issue-13 behaviour: a complaint sent with --anyway before
the deadline claims no failure and tells the timeline as the English one does; a letter sent later
than drafted names the sending day's dates in its own language; LGPD letters are dated in pt_BR."""

from __future__ import annotations

import json
from datetime import date

import pytest
from babel.dates import format_date
from support.cli import run_main

from privacy_tui.core import letter_language as lang
from privacy_tui.core.laws.base import Regulator
from privacy_tui.core.letters import render_complaint, stated_dates
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines

# language, law -> (the sentence that claims the company failed, the closing that asks for an order)
FAILURE = {
    ("de", "gdpr"): ("ist meinem Antrag nach", "anzuweisen, meinem Antrag zu entsprechen"),
    ("fr", "gdpr"): ("qui n'a pas donné suite", "d'ordonner à"),
    ("es", "gdpr"): ("que no ha atendido debidamente", "que requieran a"),
    ("it", "gdpr"): ("che non ha dato seguito", "di ordinare a"),
    ("nl", "gdpr"): ("niet naar behoren afgehandeld", "te verplichten"),
    ("pt", "gdpr"): ("que não deu o devido seguimento", "que determinem que"),
    ("pt", "lgpd"): ("que não atendeu devidamente", "e determine que"),
}
# the words "it has not given me the answer the law requires", per language
NO_ANSWER = {"de": "hat es mir nicht gegeben", "fr": "ne m'a pas donné la réponse", "es": "No me ha dado la respuesta",
             "it": "Non mi ha dato la risposta", "nl": "niet het antwoord gegeven", "pt": "Não me deu a resposta"}


def _babel(d, code, regime=""):
    return format_date(d, format="long", locale=lang.date_locale(code, regime))


def _complaint(code, regime, premature, improper=""):
    country = "BR" if regime == "lgpd" else "DE"
    request = Request(id="r1", company_id="c1", type="access", regime=regime, reference="PT-ABCD2345", country=country,
                      language=code,
                      events=(Event("r1", "sent", "2026-01-05"), Event("r1", "acknowledged", "2026-01-07"),
                              Event("r1", "id_requested", "2026-01-08"), Event("r1", "info_supplied", "2026-01-09")))
    d = request_deadlines(request, country=country)
    return render_complaint(request, Company(id="c1", name="Acme"), Profile(name="Jo", email="jo@example.org"),
                            Regulator(name="The Authority", country=country), request.events, d, date(2026, 1, 20),
                            language=code, premature=premature, improper_ask=improper)


@pytest.mark.parametrize("code,regime", list(FAILURE))
def test_a_premature_complaint_claims_no_failure_and_tells_the_timeline(code, regime):
    failed, order = FAILURE[(code, regime)]
    early = _complaint(code, regime, premature=True).body
    assert failed not in early and order not in early and NO_ANSWER[code] not in early
    for on in (date(2026, 1, 7), date(2026, 1, 8), date(2026, 1, 9)):  # acknowledged, ID asked, ID given
        assert early.count(_babel(on, code, regime)) >= 2, on  # in the story and in the timeline
    late = _complaint(code, regime, premature=False).body
    assert failed in late and order in late and NO_ANSWER[code] in late
    assert "Cal. Civ. Code § 1798.130" in _complaint(code, regime, premature=False, improper="Cal. Civ. Code § 1798.130").body


def test_lgpd_letters_are_dated_in_brazilian_portuguese():
    assert lang.date_locale("pt", "lgpd") == "pt_BR"
    assert lang.date_locale("pt", "gdpr") == lang.date_locale("pt") == "pt_PT"
    d = date(2026, 1, 5)
    assert lang.long_date(d, "pt", "lgpd") == format_date(d, format="long", locale="pt_BR")


def test_stated_dates_are_in_the_letters_language():
    request = Request(id="r1", company_id="c1", type="access", regime="gdpr", reference="PT-ABCD2345", country="DE",
                      language="de")
    dates = stated_dates(request, Company(id="c1", name="Acme", country="DE"), date(2026, 3, 10))
    assert dates["today"] == "10. März 2026" and dates["due"] == "10. April 2026"


def test_a_german_letter_sent_later_names_the_deadline_from_the_sending_day(cli_home):
    capsys = cli_home
    assert run_main(capsys, "profile", "set", "--name", "Jo Beispiel", "--email", "jo@example.org", "--country", "DE")[0] == 0
    rc, cid, err = run_main(capsys, "company", "add", "Beispiel GmbH", "--country", "DE", "--email", "privacy@bsp.example")
    assert rc == 0, err
    rc, rid, err = run_main(capsys, "request", "new", cid.strip(), "--type", "access", "--today", "2026-03-03")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "letter", rid.strip(), "--json", "--today", "2026-03-03")
    assert rc == 0 and json.loads(out)["language"] == "de", err
    assert "7. April 2026" in json.loads(out)["body"]  # a month on is Good Friday: the next working day
    rc, out, err = run_main(capsys, "request", "letter", rid.strip(), "--json", "--today", "2026-03-10")
    body = json.loads(out)["body"]
    assert rc == 0, err
    assert "10. März 2026" in body and "10. April 2026" in body
    assert "7. April 2026" not in body and "3. März 2026" not in body


def test_a_german_reminder_drafted_earlier_is_redated_in_german_when_sent(cli_home):
    capsys = cli_home
    assert run_main(capsys, "profile", "set", "--name", "Jo Beispiel", "--email", "jo@example.org", "--country", "DE")[0] == 0
    rc, cid, err = run_main(capsys, "company", "add", "Beispiel GmbH", "--country", "DE", "--email", "privacy@bsp.example")
    rc, rid, err = run_main(capsys, "request", "new", cid.strip(), "--type", "access", "--received", "2026-01-05",
                            "--today", "2026-01-05")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "escalate", rid.strip(), "--to", "company", "--json", "--today", "2026-02-10")
    assert rc == 0, err
    draft = json.loads(out)
    assert draft["body"].startswith("10. Februar 2026") or "10. Februar 2026" in draft["body"]
    rc, out, err = run_main(capsys, "request", "send-escalation", draft["message_id"], "--via", "copy", "--json",
                            "--today", "2026-02-20")
    assert rc == 0, err
    text = json.loads(out)["text"]
    assert "20. Februar 2026" in text and "Erinnerung" in text and "Reminder" not in text
