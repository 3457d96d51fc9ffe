"""Letters in other languages: every template of every language renders cleanly, cites its law
the way that language's official text does, and writes the deadline as Babel writes dates.

The sweep finds templates on disk (templates/letters/<lang>/<family>/<type>.txt.j2), so a new
language or letter type is tested as soon as it exists."""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import format_date

from privacy_tui.core import letter_language as lang
from privacy_tui.core.deadlines import compute_deadlines
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.registry import get_regime
from privacy_tui.core.letters import (
    TEMPLATE_DIR,
    render_complaint,
    render_id_reply,
    render_reminder,
    render_request_letter,
)
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines

TODAY = date(2026, 3, 3)
REF = "PT-ABCD2345"
MINIMAL_PROFILE = Profile(email="jo@example.org")
FULL_PROFILE = Profile(
    name="Zoë Łukasiewicz-Smith", email="zoe@example.org", address="Straße des 17. Juni 1, 10623 Berlin",
    country="DE", phone="+49 30 1234567", extra={"customer_number": "C-998877"},
)
MINIMAL_COMPANY = Company(id="c1", name="Acme")
FULL_COMPANY = Company(id="c2", name="Müller & Söhne GmbH", address="Hauptstraße 1\n10115 Berlin", country="DE",
                       emails=("datenschutz@mueller.example",))
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\bNone\b|\[\s*\]|\bundefined\b|Sir or Madam")

FOREIGN = [c for c in lang.language_codes() if c != lang.ENGLISH]


def _request_letters():
    for code in FOREIGN:
        regimes = lang.terms(code).get("regimes", {})
        for family in regimes:
            for path in sorted((TEMPLATE_DIR / code / family).glob("[!_]*.txt.j2")):
                yield code, family, path.name.removesuffix(".txt.j2")


def _request(regime, rtype, *events, country=""):
    return Request(id="r1", company_id="c1", type=rtype, regime=regime, reference=REF, country=country,
                   events=tuple(Event("r1", k, on) for k, on in events))


def _clean(letter, code, regime):
    text = letter.subject + "\n" + letter.body
    assert not _LEFTOVER.search(text), _LEFTOVER.search(text)
    assert "  \n" not in letter.body and "\n\n\n" not in letter.body
    assert REF in letter.subject and "\n" not in letter.subject
    assert lang.terms(code)["regimes"][regime]["law"] in text, "the law's local short name"


def _babel(d, code):
    return format_date(d, format="long", locale=lang.get_language(code).locale)


def test_german_exists_and_every_language_has_its_data():
    assert "de" in FOREIGN
    for code in FOREIGN:
        language = lang.get_language(code)
        assert language.name and language.native and language.locale
        for regime, law in language.terms["regimes"].items():
            get_regime(regime)  # a real law
            for key in ("law", "law_name", "law_citation", "deadline_citation", "basis"):
                assert law[key], (code, regime, key)


@pytest.mark.parametrize("code,regime,rtype", list(_request_letters()))
@pytest.mark.parametrize("full", [False, True], ids=["minimal", "full"])
def test_request_letters_render_cleanly(code, regime, rtype, full):
    profile, company = (FULL_PROFILE, FULL_COMPANY) if full else (MINIMAL_PROFILE, MINIMAL_COMPANY)
    fields = ("name", "email", "address", "extra.customer_number") if full else None
    country = "DE" if full else ""
    subdivision = ""
    if regime.startswith("ca_"):
        country, subdivision = "CA", regime[3:].upper()
    request = Request(id="r1", company_id="c1", type=rtype, regime=regime, reference=REF, country=country,
                      subdivision=subdivision)
    details = "Bitte löschen Sie auch mein Konto „zoe“." if full else ""
    grounds = ()
    if full and rtype in ("deletion", "restriction", "objection"):
        from privacy_tui.core.grounds import grounds_for

        grounds = tuple(g.key for g in grounds_for(regime, rtype).values() if not g.needs_situation)[:2]
    letter = render_request_letter(request, company, profile, None, identity_fields=fields, today=TODAY,
                                   details=details, grounds=grounds, language=code)
    _clean(letter, code, regime)
    basis = lang.terms(code)["regimes"][regime]["basis"][rtype]
    assert basis in letter.subject + letter.body, "the right article, cited the local way"
    due = compute_deadlines(regime, TODAY, country=country or company.country, subdivision=subdivision,
                            request_type=rtype).due
    assert _babel(due, code) in letter.body, "the deadline as the language writes dates"
    assert _babel(TODAY, code) in letter.body
    if full:
        assert details in letter.body and "C-998877" in letter.body and "Zoë Łukasiewicz-Smith" in letter.body
        assert "Email address" not in letter.body and "Postal address" not in letter.body
    for g in grounds:
        assert lang.terms(code)["regimes"][regime]["grounds"][rtype][g] in letter.body


def _followup_cases():
    for code in FOREIGN:
        for regime in lang.terms(code).get("regimes", {}):
            for kind in ("reminder", "complaint", "id_reply"):
                if (TEMPLATE_DIR / code / "followup" / f"{kind}.txt.j2").is_file():
                    yield code, regime, kind


@pytest.mark.parametrize("code,regime,kind", list(_followup_cases()))
@pytest.mark.parametrize("full", [False, True], ids=["minimal", "full"])
def test_followups_render_cleanly(code, regime, kind, full):
    profile, company = (FULL_PROFILE, FULL_COMPANY) if full else (MINIMAL_PROFILE, MINIMAL_COMPANY)
    rtype = next(iter(lang.terms(code)["regimes"][regime]["basis"]))
    country, subdivision = ("CA", regime[3:].upper()) if regime.startswith("ca_") else ("DE", "")
    request = Request(id="r1", company_id="c1", type=rtype, regime=regime, reference=REF, country=country,
                      subdivision=subdivision,
                      events=(Event("r1", "sent", "2026-01-05"), Event("r1", "id_requested", "2026-01-08"),
                              Event("r1", "partially_fulfilled", "2026-02-01")))
    d = request_deadlines(request, country=country, subdivision=subdivision)
    fields = ("name", "email", "address") if full else ("email",)
    if kind == "reminder":
        letter = render_reminder(request, company, profile, d, identity_fields=fields, today=date(2026, 4, 1),
                                 language=code)
        assert _babel(date(2026, 4, 15), code) in letter.body  # reply-by, 14 days on
    elif kind == "complaint":
        regime_obj = get_regime(regime, subdivision=subdivision)
        from privacy_tui.core.laws.base import Regulator

        regulator = regime_obj.regulators[0] if regime_obj.regulators else Regulator(
            name="Berliner Beauftragte für Datenschutz und Informationsfreiheit", country="DE")
        letter = render_complaint(request, company, profile, regulator, request.events, d, date(2026, 5, 1),
                                  identity_fields=fields, language=code)
        assert regulator.name in letter.body
        assert company.name in letter.subject
        words = lang.terms(code)["events"]
        # "5. Januar 2026: ...", "5 janvier 2026 : ..." (French puts a space before the colon)
        for on, kind in ((date(2026, 1, 5), "sent"), (date(2026, 2, 1), "partially_fulfilled")):
            assert re.search(rf"{re.escape(_babel(on, code))} ?: {re.escape(words[kind])}\n", letter.body), kind
    else:
        letter = render_id_reply(request, company, profile, d, identity_fields=fields, today=date(2026, 1, 10),
                                 details="Meine Kundennummer ist C-998877." if full else "", language=code)
        assert _babel(date(2026, 1, 8), code) in letter.body
    _clean(letter, code, regime)
    assert _babel(d.active_due, code) in letter.body or kind == "id_reply"
    assert lang.terms(code)["regimes"][regime]["basis"][rtype] in letter.subject + letter.body


# --- the machinery -------------------------------------------------------------------------------


def test_dates_come_from_babel():
    d = date(2026, 3, 7)
    assert lang.long_date(d) == "7 March 2026"
    assert lang.long_date(d, "de") == format_date(d, format="long", locale="de_DE") == "7. März 2026"


def test_unknown_language_is_a_clear_error_listing_the_choices():
    with pytest.raises(UserError) as err:
        lang.check_language("xx")
    assert err.value.exit_code == 2
    assert "'xx'" in str(err.value) and "en (English)" in str(err.value) and "de (German)" in str(err.value)
    assert lang.check_language("DE") == "de" and lang.check_language("de-AT") == "de"


def test_a_law_the_language_has_no_letters_for_is_a_clear_error():
    with pytest.raises(UserError, match="no German letters for this law .ccpa.; it is available in: en"):
        render_request_letter(_request("ccpa", "access"), FULL_COMPANY, FULL_PROFILE, None, today=TODAY,
                              language="de")


@pytest.mark.parametrize(
    "stated,country,subdivision,fallback,expected",
    [
        ("de", "", "", "en", "de"),  # the directory's request-language wins
        ("DE", "GB", "", "en", "de"),
        ("", "DE", "", "en", "de"),  # else the company's country
        ("", "AT", "", "en", "de"),
        ("", "US", "", "de", "en"),  # a country we have no language for: English, not the user's
        ("", "", "", "de", "de"),  # nothing known: the user's own
        ("xx", "DE", "", "en", "de"),  # a stated language without letters falls through to the country
    ],
)
def test_language_for(stated, country, subdivision, fallback, expected):
    assert lang.language_for(stated=stated, country=country, subdivision=subdivision, fallback=fallback)[0] == expected


def test_country_table_covers_the_issue():
    table = lang.COUNTRY_LANGUAGE
    assert {table[c] for c in ("DE", "AT", "CH")} == {"de"}
    assert {table[c] for c in ("FR", "BE", "LU")} == {"fr"}
    assert (table["ES"], table["IT"], table["NL"], table["PT"], table["BR"]) == ("es", "it", "nl", "pt", "pt")
    assert lang.SUBDIVISION_LANGUAGE[("BE", "VLG")] == "nl"


def test_records_keep_a_language_code_and_refuse_anything_else():
    from privacy_tui.core.schema import check_record

    base = {"id": "r1", "company_id": "c1", "type": "access", "regime": "gdpr", "reference": REF}
    kept, problems = check_record("requests", {**base, "language": "es"}, "requests[0]")
    assert not problems and kept["language"] == "es"  # a language without letters yet is kept, not lost
    for bad in ("DE", "deu", "d\x1b", 7):
        kept, problems = check_record("requests", {**base, "language": bad}, "requests[0]")
        assert any("language" in p for p in problems), (bad, problems)
    kept, problems = check_record("companies", {"id": "c1", "name": "Acme", "language": "fr"}, "companies[0]")
    assert not problems and kept["language"] == "fr"
    kept, problems = check_record("messages", {"id": "m1", "request_id": "r1", "kind": "reminder", "language": "x"},
                                  "messages[0]")
    assert any("language" in p for p in problems)
