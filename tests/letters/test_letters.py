"""Letters: every template renders cleanly with minimal and full profiles; emails are standards-correct."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import UTC, date, datetime

import pytest

from privacy_tui.core.deadlines import compute_deadlines
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.registry import REGIMES
from privacy_tui.core.letters import (
    TEMPLATE_DIR,
    Letter,
    long_date,
    render_complaint,
    render_id_reply,
    render_reminder,
    render_request_letter,
    template_name,
)
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines
from privacy_tui.transport.message import make_message, message_bytes

TODAY = date(2026, 3, 3)
REF = "PT-ABCD2345"

MINIMAL_PROFILE = Profile(email="jo@example.org")
FULL_PROFILE = Profile(
    name="Zoë Łukasiewicz-Smith",
    email="zoe@example.org",
    address="12 Rue de l'Église, 75001 Paris",
    country="FR",
    state="",
    phone="+33 1 23 45 67 89",
    extra={"customer_number": "C-998877", "username": "zoe_ls"},
)
MINIMAL_COMPANY = Company(id="c1", name="Acme")
FULL_COMPANY = Company(
    id="c2", name="Globex Corporation", address="1 Infinite Loop, Springfield", country="GB", subdivision="ENG",
    emails=("privacy@globex.example",), categories=("A", "B", "F", "K"),
)

ALL = [(key, t) for key, regime in REGIMES.items() for t in regime.request_types]

_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bNone\b|\[\s*\]|\bundefined\b")


def _request(regime, rtype, *events, company="c1"):
    return Request(
        id="r1", company_id=company, type=rtype, regime=regime, reference=REF,
        events=tuple(Event("r1", k, on) for k, on in events),
    )


def _clean(letter: Letter) -> None:
    text = letter.subject + "\n" + letter.body
    assert not _LEFTOVER.search(text), _LEFTOVER.search(text)
    assert "  \n" not in letter.body and "\n\n\n" not in letter.body
    assert REF in letter.subject
    assert "\n" not in letter.subject


def test_every_regime_and_type_has_a_template_file():
    for key, rtype in ALL:
        assert (TEMPLATE_DIR / template_name(key, rtype)).is_file(), (key, rtype)


@pytest.mark.parametrize("regime,rtype", ALL)
@pytest.mark.parametrize("full", [False, True], ids=["minimal", "full"])
def test_request_letters_render_cleanly(regime, rtype, full):
    profile = FULL_PROFILE if full else MINIMAL_PROFILE
    company = FULL_COMPANY if full else MINIMAL_COMPANY
    fields = ("name", "email", "extra.customer_number") if full else None
    request = _request(regime, rtype)
    letter = render_request_letter(
        request, company, profile, None, identity_fields=fields, today=TODAY, details="Please use my new surname." if full else ""
    )
    _clean(letter)
    basis = REGIMES[regime].request_types[rtype]
    assert basis in letter.subject + letter.body, "the right article is cited"
    due = compute_deadlines(regime, TODAY, country=company.country, subdivision=company.subdivision, request_type=rtype).due
    assert long_date(due) in letter.body, "the legal deadline is stated as a date"
    if full:
        assert "C-998877" in letter.body and "Zoë Łukasiewicz-Smith" in letter.body
        assert "+33" not in letter.body and "Rue de l" not in letter.body  # not chosen, so not sent
        assert "zoe_ls" not in letter.body
        if regime == "ccpa":
            assert "Inferences" in letter.body or "(K)" in letter.body  # the CCPA's own categories are named
        else:
            assert "(K)" not in letter.body and "Inferences" not in letter.body  # other laws, other vocabulary
        assert "Please use my new surname." in letter.body
    else:
        assert "jo@example.org" in letter.body
        assert "Identifiers (A)" not in letter.body and "Your privacy notice" not in letter.body


def test_gdpr_access_asks_for_everything_in_article_15():
    letter = render_request_letter(_request("gdpr", "access"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY)
    for part in "abcdefgh":
        assert f"Article 15(1)({part})" in letter.body
    assert "Article 15(2)" in letter.body and "Article 15(3)" in letter.body
    assert letter.subject == "Subject access request under Article 15 GDPR [PT-ABCD2345]"
    uk = render_request_letter(_request("uk_gdpr", "access"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY)
    assert "Information Commissioner" in uk.body and "Article 15 UK GDPR" in uk.subject
    assert "7 April 2026" in uk.body  # Good Friday and Easter Monday skipped (company in England)


def test_ccpa_access_asks_for_categories_sources_purposes_third_parties_and_pieces():
    body = render_request_letter(_request("ccpa", "access"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY).body
    for words in ("categories of personal information", "categories of sources", "business or commercial purpose",
                  "categories of third parties", "specific pieces"):
        assert words in body
    assert "§§1798.110 and 1798.115" in body
    assert "confirm receipt" in body  # 10-business-day acknowledgement


def test_deletion_letters_ask_for_confirmation_and_notice_to_recipients():
    for regime, words in (("gdpr", "Article 19"), ("ccpa", "service providers and contractors"), ("lgpd", "Art. 18, §6")):
        body = render_request_letter(_request(regime, "deletion"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY).body
        assert "confirm in writing" in body
        assert words in body


def test_sent_request_uses_its_own_deadlines():
    request = _request("uk_gdpr", "access", ("sent", "2026-12-01"))
    d = request_deadlines(request, country="GB")
    letter = render_request_letter(request, FULL_COMPANY, MINIMAL_PROFILE, d, today=date(2026, 12, 1))
    assert "4 January 2027" in letter.body


def test_unknown_identity_field_is_a_clear_error():
    with pytest.raises(UserError, match="unknown identity field 'shoe_size'"):
        render_request_letter(_request("gdpr", "access"), FULL_COMPANY, FULL_PROFILE, None,
                              identity_fields=("shoe_size",), today=TODAY)


def test_type_the_regime_lacks_is_a_clear_error():
    with pytest.raises(UserError, match="no 'limit_sensitive' request"):
        render_request_letter(_request("gdpr", "limit_sensitive"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY)


# --- follow-ups ------------------------------------------------------------------------------------

FOLLOWUP_REGIMES = ["gdpr", "uk_gdpr", "ccpa", "us_va", "pipeda", "lgpd"]


@pytest.mark.parametrize("regime", FOLLOWUP_REGIMES)
@pytest.mark.parametrize("full", [False, True], ids=["minimal", "full"])
def test_reminder(regime, full):
    profile, company = (FULL_PROFILE, FULL_COMPANY) if full else (MINIMAL_PROFILE, MINIMAL_COMPANY)
    request = _request(regime, "access", ("sent", "2026-01-05"), ("acknowledged", "2026-01-06"))
    d = request_deadlines(request)
    letter = render_reminder(request, company, profile, d, today=date(2026, 4, 1))
    _clean(letter)
    assert "overdue" in letter.subject
    assert long_date(d.active_due) in letter.body and "5 January 2026" in letter.body
    assert "15 April 2026" in letter.body  # reply-by date, 14 days on
    assert REGIMES[regime].request_types["access"] in letter.body
    if REGIMES[regime].regulators:
        assert REGIMES[regime].regulators[0].name in letter.body


@pytest.mark.parametrize("regime", FOLLOWUP_REGIMES)
@pytest.mark.parametrize("full", [False, True], ids=["minimal", "full"])
def test_complaint_carries_the_dated_timeline(regime, full):
    profile, company = (FULL_PROFILE, FULL_COMPANY) if full else (MINIMAL_PROFILE, MINIMAL_COMPANY)
    request = _request(regime, "access", ("created", "2026-01-04"), ("sent", "2026-01-05"),
                       ("partially_fulfilled", "2026-02-01"))
    regulator = REGIMES[regime].regulators[0] if REGIMES[regime].regulators else REGIMES["uk_gdpr"].regulators[0]
    d = request_deadlines(request)
    letter = render_complaint(request, company, profile, regulator, request.events, d, date(2026, 5, 1))
    _clean(letter)
    assert f"Dear {regulator.name}," in letter.body
    assert "5 January 2026: request sent to the company" in letter.body
    assert "1 February 2026: the company answered only part of the request" in letter.body
    assert "request drafted" not in letter.body
    assert long_date(d.active_due) in letter.body
    assert company.name in letter.subject


def test_id_reply_restarts_gdpr_clock_but_not_ccpa():
    gdpr = _request("uk_gdpr", "access", ("sent", "2026-03-03"), ("id_requested", "2026-03-05"))
    letter = render_id_reply(gdpr, FULL_COMPANY, FULL_PROFILE, request_deadlines(gdpr),
                             identity_fields=("name", "address"), today=date(2026, 3, 10))
    _clean(letter)
    assert "5 March 2026" in letter.body and "Rue de l'Église" in letter.body
    assert "zoe@example.org" not in letter.body
    assert "10 April 2026" in letter.body  # one month from the day the information is supplied

    ccpa = _request("ccpa", "access", ("sent", "2026-11-22"), ("id_requested", "2026-11-25"))
    letter = render_id_reply(ccpa, FULL_COMPANY, FULL_PROFILE, request_deadlines(ccpa),
                             identity_fields=("name",), today=date(2026, 12, 1))
    _clean(letter)
    assert "not reset" in letter.body and "6 January 2027" in letter.body


def test_followups_refuse_unsent_requests():
    draft = _request("gdpr", "access")
    with pytest.raises(UserError, match="not been sent"):
        render_reminder(draft, FULL_COMPANY, FULL_PROFILE, None, today=TODAY)
    with pytest.raises(UserError, match="not been sent"):
        render_complaint(draft, FULL_COMPANY, FULL_PROFILE, REGIMES["uk_gdpr"].regulators[0], (), None, TODAY)
    sent = _request("gdpr", "access", ("sent", "2026-03-03"))
    with pytest.raises(UserError, match="id_requested"):
        render_id_reply(sent, FULL_COMPANY, FULL_PROFILE, request_deadlines(sent), identity_fields=("name",), today=TODAY)


# --- email ------------------------------------------------------------------------------------------


def _letter():
    return render_request_letter(_request("gdpr", "access"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY)


def test_a_rendered_letter_becomes_a_standards_correct_email():
    # The letter goes out through the one message builder (its header checks: test_smtp_message).
    letter = _letter()
    when = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    msg = make_message(from_addr="Zoë <zoe@example.org>", to=["privacy@globex.example"], bcc=["me@example.org"],
                       subject=letter.subject, body=letter.body, date=when)
    raw = message_bytes(msg)
    assert b"\r\n" in raw and b"me@example.org" not in raw  # Bcc is only on the envelope
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == letter.subject and REF in parsed["Subject"]
    assert parsed["To"] == "privacy@globex.example"
    assert parsed["Date"] == "Tue, 03 Mar 2026 09:30:00 +0000"
    assert re.fullmatch(r"<[^@<>]+@example\.org>", parsed["Message-ID"])
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == letter.body
    assert "Zoë Łukasiewicz-Smith" in parsed.get_content()
