"""German letters: the DSGVO cited as German law texts cite it, a snapshot of the access letter,
and a real round trip through a local SMTP server that keeps every umlaut."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, date, datetime

import pytest
from babel.dates import format_date
from support.letters_snapshot import assert_snapshot

from privacy_tui.core.laws.base import Regulator
from privacy_tui.core.letters import render_complaint, render_reminder, render_request_letter
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines
from privacy_tui.transport.message import make_message
from privacy_tui.transport.smtp import send_message

TODAY = date(2026, 3, 3)
REF = "PT-ABCD2345"
PROFILE = Profile(name="Jürgen Weiß", email="juergen@example.org", address="Straße des 17. Juni 1\n10623 Berlin",
                  country="DE", state="BE")
SHOP = Company(id="c1", name="Schöne Möbel GmbH", address="Friedrichstraße 12\n10117 Berlin", country="DE",
               subdivision="BE", emails=("datenschutz@moebel.example",))
BERLIN = Regulator(name="Berliner Beauftragte für Datenschutz und Informationsfreiheit", country="DE", subdivision="BE")


def _request(rtype="access", *events):
    return Request(id="r1", company_id="c1", type=rtype, regime="gdpr", reference=REF, country="DE",
                   subdivision="BE", events=tuple(Event("r1", k, on) for k, on in events))


def test_access_letter_snapshot():
    letter = render_request_letter(_request(), SHOP, PROFILE, None, identity_fields=("name", "email"), today=TODAY,
                                   language="de")
    assert_snapshot("de_gdpr_access", letter)


def test_access_cites_every_part_of_article_15_the_german_way():
    body = render_request_letter(_request(), SHOP, PROFILE, None, today=TODAY, language="de").body
    for part in "abcdefgh":
        assert f"Art. 15 Abs. 1 lit. {part} DSGVO" in body
    assert "Art. 15 Abs. 2 DSGVO" in body and "Art. 15 Abs. 3 DSGVO" in body and "Art. 12 Abs. 3 DSGVO" in body
    assert "Article" not in body and "GDPR" not in body
    # 3 April 2026 is Good Friday, 6 April Easter Monday: the month ends on Tuesday 7 April.
    assert "bis zum " + format_date(date(2026, 4, 7), format="long", locale="de_DE") in body
    assert "7. April 2026" in body and body.startswith("3. März 2026\n")
    assert "Sehr geehrte Damen und Herren,\n\nhiermit verlange ich" in body
    assert body.rstrip().endswith("Mit freundlichen Grüßen\nJürgen Weiß")


def test_every_gdpr_type_cites_its_own_article():
    articles = {"access": "Art. 15", "deletion": "Art. 17", "rectification": "Art. 16", "restriction": "Art. 18",
                "objection": "Art. 21", "portability": "Art. 20", "withdraw_consent": "Art. 7 Abs. 3"}
    for rtype, article in articles.items():
        grounds = ("direct_marketing",) if rtype == "objection" else ()
        letter = render_request_letter(_request(rtype), SHOP, PROFILE, None, today=TODAY, grounds=grounds,
                                       language="de")
        assert f"nach {article} DSGVO [{REF}]" in f"{letter.subject}", (rtype, letter.subject)


def test_reminder_and_complaint_to_the_berlin_authority():
    request = _request("access", ("sent", "2026-01-05"))
    d = request_deadlines(request, country="DE", subdivision="BE")
    reminder = render_reminder(request, SHOP, PROFILE, d, today=date(2026, 2, 20), language="de")
    assert reminder.subject == f"Erinnerung: mein Antrag vom 5. Januar 2026 nach Art. 15 DSGVO ist überfällig [{REF}]"
    assert "bei der zuständigen Datenschutz-Aufsichtsbehörde beschweren" in reminder.body
    complaint = render_complaint(request, SHOP, PROFILE, BERLIN, request.events, d, date(2026, 2, 20), language="de")
    assert complaint.subject.startswith("Beschwerde nach Art. 77 DSGVO über Schöne Möbel GmbH")
    assert "hiermit erhebe ich Beschwerde nach Art. 77 DSGVO gegen Schöne Möbel GmbH" in complaint.body
    assert "5. Januar 2026: Antrag an das Unternehmen gesendet" in complaint.body
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in complaint.body


@pytest.mark.timeout(60)
def test_round_trip_through_smtp_keeps_the_german_text_exactly(make_smtp_server):
    letter = render_request_letter(_request("deletion"), SHOP, PROFILE, None, identity_fields=("name", "email"),
                                   today=TODAY, details="Bitte löschen Sie auch mein Kundenkonto „jweiss“ – danke.",
                                   language="de")
    assert any(ord(ch) > 127 for ch in letter.subject)  # "Löschung": the subject needs RFC 2047
    msg = make_message(from_addr=f"Jürgen Weiß <{PROFILE.email}>", to=list(SHOP.emails), subject=letter.subject,
                       body=letter.body, date=datetime(2026, 3, 3, 9, 0, tzinfo=UTC))
    server = make_smtp_server()
    send_message(server.settings(), "", msg)
    got = server.wait_for_message()
    raw = got.data
    raw.decode("ascii")  # 7-bit on the wire: headers encoded words, body transfer-encoded
    header = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    subject_line = header.split("Subject: ", 1)[1].split("\r\n")[0]
    assert "=?utf-8?" in subject_line.lower(), "RFC 2047 encoded word"
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == letter.subject
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == letter.body
    assert "„jweiss“ – danke." in parsed.get_content() and REF in parsed["Subject"]


def test_the_programs_own_timeline_details_are_german_and_the_users_words_stay():
    request = Request(id="r1", company_id="c1", type="access", regime="gdpr", reference=REF, country="DE",
                      events=(Event("r1", "sent", "2026-01-05", "", "emailed to datenschutz@moebel.example via smtp.example.net"),
                              Event("r1", "message", "2026-02-10", "", "reminder to the company emailed to datenschutz@moebel.example via 127.0.0.1"),
                              Event("r1", "denied", "2026-02-12", "", "they said: no")))
    d = request_deadlines(request, country="DE")
    body = render_complaint(request, SHOP, PROFILE, BERLIN, request.events, d, date(2026, 2, 20), language="de").body
    assert "5. Januar 2026: Antrag an das Unternehmen gesendet: per E-Mail an datenschutz@moebel.example\n" in body
    assert "10. Februar 2026: weitere Nachricht: Erinnerung per E-Mail an datenschutz@moebel.example gesendet\n" in body
    assert "12. Februar 2026: das Unternehmen hat den Antrag abgelehnt: they said: no\n" in body  # the user's words
    assert "emailed" not in body and "smtp.example.net" not in body and "127.0.0.1" not in body
