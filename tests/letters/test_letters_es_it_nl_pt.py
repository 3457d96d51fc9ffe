"""Spanish, Italian, Dutch and Portuguese letters: each cites the GDPR (or, in Brazil, the LGPD) the
way that language's official text does, writes every date as Babel writes it for the letter's
locale (pt-BR for the LGPD, pt-PT for the GDPR), uses the salutation and closing a native reader
expects, and complains to the authority in its own procedure's words. One snapshot per language.

Every template of these languages is also rendered with a minimal and a full profile by the
sweep in tests/letters/test_letters_languages.py; this file checks what is particular to each language."""

from __future__ import annotations

import re
from datetime import UTC, date

import pytest
from babel.dates import format_date
from support.letters_snapshot import assert_snapshot

from privacy_tui.core import letter_language as lang
from privacy_tui.core.deadlines import compute_deadlines
from privacy_tui.core.grounds import grounds_for
from privacy_tui.core.laws.base import Regulator
from privacy_tui.core.letters import TEMPLATE_DIR, render_complaint, render_id_reply, render_reminder, render_request_letter
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines

TODAY = date(2026, 3, 3)
REF = "PT-ABCD2345"
TYPES = ("access", "deletion", "rectification", "restriction", "objection", "portability", "withdraw_consent")

# Per language: a person and a company of that country, the Babel locale of its GDPR letters,
# the salutation and closing, and how the official language version cites a point of Art. 15(1).
CASES = {
    "es": dict(
        profile=Profile(name="Begoña Núñez", email="begona@example.org", address="Calle de Alcalá 1\n28014 Madrid", country="ES"),
        company=Company(id="c1", name="Ejemplo Ibérica S.L.", address="Paseo de la Castellana 100\n28046 Madrid",
                        country="ES", emails=("privacidad@ejemplo.example",)),
        locale="es_ES", salutation="Estimados señores:", closing="Atentamente,",
        point="artículo 15, apartado 1, letra {})", deadline="artículo 12, apartado 3, del RGPD",
        regulator="Agencia Española de Protección de Datos (AEPD)",
        complaint=("Reclamación contra", "Conforme al artículo 77 del Reglamento General de Protección de Datos (RGPD), presento una reclamación contra"),
    ),
    "it": dict(
        profile=Profile(name="Niccolò Pellegrini", email="niccolo@example.org", address="Via del Corso 1\n00186 Roma", country="IT"),
        company=Company(id="c1", name="Esempio S.p.A.", address="Corso Buenos Aires 5\n20124 Milano",
                        country="IT", emails=("privacy@esempio.example",)),
        locale="it_IT", salutation="Gentili Signori,", closing="Distinti saluti,",
        point="articolo 15, paragrafo 1, lettera {})", deadline="articolo 12, paragrafo 3, del RGPD",
        regulator="Garante per la protezione dei dati personali",
        complaint=("Reclamo nei confronti di", "ai sensi dell'articolo 77 del regolamento generale sulla protezione dei dati (RGPD) e degli articoli 140-bis e seguenti del Codice in materia di protezione dei dati personali (d.lgs. 30 giugno 2003, n. 196), propongo reclamo"),
    ),
    "nl": dict(
        profile=Profile(name="Geertruida van Rijswijk", email="geertje@example.org", address="Prinsengracht 1\n1015 DK Amsterdam", country="NL"),
        company=Company(id="c1", name="Voorbeeld B.V.", address="Coolsingel 10\n3011 AD Rotterdam",
                        country="NL", emails=("privacy@voorbeeld.example",)),
        locale="nl_NL", salutation="Geachte heer, mevrouw,", closing="Met vriendelijke groet,",
        point="artikel 15, lid 1, onder {})", deadline="artikel 12, lid 3, AVG",
        regulator="Autoriteit Persoonsgegevens",
        complaint=("Klacht over", "Op grond van artikel 77 van de Algemene verordening gegevensbescherming (AVG) dien ik bij u een klacht in over"),
    ),
    "pt": dict(
        profile=Profile(name="João Gonçalves", email="joao@example.org", address="Rua Augusta 1\n1100-048 Lisboa", country="PT"),
        company=Company(id="c1", name="Exemplo, Lda.", address="Avenida da Liberdade 10\n1250-147 Lisboa",
                        country="PT", emails=("privacidade@exemplo.example",)),
        locale="pt_PT", salutation="Exmos. Senhores,", closing="Com os melhores cumprimentos,",
        point="artigo 15.º, n.º 1, alínea {})", deadline="artigo 12.º, n.º 3, do RGPD",
        regulator="Comissão Nacional de Proteção de Dados",
        complaint=("Queixa contra", "Nos termos do artigo 77.º do Regulamento Geral sobre a Proteção de Dados (RGPD), apresento queixa contra"),
    ),
}
# Words an English template would leave behind; none may reach a letter in these languages.
_ENGLISH = re.compile(r"\b(Article|GDPR|Dear|Yours|Please|request under|privacy team)\b")

BR_PROFILE = Profile(name="Conceição Araújo", email="conceicao@example.org", address="Av. Paulista, 1000\n01310-100 São Paulo", country="BR")
BR_COMPANY = Company(id="c1", name="Exemplo Comércio Ltda.", address="Rua Oscar Freire, 10\n01426-000 São Paulo",
                     country="BR", emails=("dpo@exemplo.example",))
ANPD = Regulator(name="Autoridade Nacional de Proteção de Dados (ANPD)", country="BR")


def _request(rtype, regime="gdpr", country="ES", *events):
    return Request(id="r1", company_id="c1", type=rtype, regime=regime, reference=REF, country=country,
                   events=tuple(Event("r1", k, on) for k, on in events))


def _babel(d, locale):
    return format_date(d, format="long", locale=locale)


def _letter(code, rtype, **kw):
    case = CASES[code]
    grounds = kw.pop("grounds", ())
    if not grounds and rtype in ("objection", "restriction"):
        grounds = (next(iter(grounds_for("gdpr", rtype))),)
    return render_request_letter(_request(rtype, country=case["company"].country), case["company"], case["profile"],
                                 None, identity_fields=("name", "email"), today=TODAY, grounds=grounds,
                                 language=code, **kw)


@pytest.mark.parametrize("code", CASES)
def test_access_letter_snapshot(code):
    assert_snapshot(f"{code}_gdpr_access", _letter(code, "access"))


def test_lgpd_access_letter_snapshot():
    letter = render_request_letter(_request("access", "lgpd", "BR"), BR_COMPANY, BR_PROFILE, None,
                                   identity_fields=("name", "email"), today=TODAY, language="pt")
    assert_snapshot("pt_lgpd_access", letter)


@pytest.mark.parametrize("code", CASES)
def test_access_cites_every_point_of_article_15_as_the_official_version_does(code):
    case = CASES[code]
    body = _letter(code, "access").body
    for point in "abcdefgh":
        assert case["point"].format(point) in body, point
    assert case["deadline"] in body
    assert not _ENGLISH.search(body), _ENGLISH.search(body)
    assert "C-154/21" in body  # the Court's judgment on naming recipients


@pytest.mark.parametrize("code", CASES)
def test_every_gdpr_type_cites_its_own_article_in_the_subject(code):
    basis = lang.terms(code)["regimes"]["gdpr"]["basis"]
    numbers = {"access": "15", "deletion": "17", "rectification": "16", "restriction": "18", "objection": "21",
               "portability": "20", "withdraw_consent": "7"}
    for rtype in TYPES:
        letter = _letter(code, rtype)
        assert letter.subject.endswith(f"({basis[rtype]}) [{REF}]"), (rtype, letter.subject)
        assert re.search(rf"\b{numbers[rtype]}\b", basis[rtype])
        assert lang.terms(code)["regimes"]["gdpr"]["law"] in basis[rtype]


@pytest.mark.parametrize("code", CASES)
def test_dates_salutation_and_closing_are_the_languages_own(code):
    case = CASES[code]
    letter = _letter(code, "deletion", grounds=("not_needed",))
    body = letter.body
    due = compute_deadlines("gdpr", TODAY, country=case["company"].country, request_type="deletion")
    assert body.startswith(_babel(TODAY, case["locale"]) + "\n")
    assert _babel(due.due, case["locale"]) in body and _babel(due.extended_due, case["locale"]) in body
    assert f"\n{case['salutation']}\n\n" in body
    assert body.rstrip().endswith(f"{case['closing']}\n{case['profile'].name}")
    # The ground is the language's own sentence, with the point of Art. 17(1) it rests on.
    assert lang.terms(code)["regimes"]["gdpr"]["grounds"]["deletion"]["not_needed"] in body
    assert not _ENGLISH.search(body)


@pytest.mark.parametrize("code", CASES)
def test_every_ground_has_a_sentence_in_the_language(code):
    own = lang.terms(code)["regimes"]["gdpr"]["grounds"]
    for rtype in ("deletion", "objection", "restriction"):
        assert set(own[rtype]) == set(grounds_for("gdpr", rtype)), (code, rtype)


def test_lgpd_has_every_ground_in_brazilian_portuguese():
    own = lang.terms("pt")["regimes"]["lgpd"]["grounds"]
    for rtype in ("deletion", "objection", "restriction"):
        assert set(own[rtype]) == set(grounds_for("lgpd", rtype)), rtype


@pytest.mark.parametrize("code", CASES)
def test_reminder_and_complaint_to_the_national_authority(code):
    case = CASES[code]
    request = _request("access", "gdpr", case["company"].country, ("sent", "2026-01-05"), ("acknowledged", "2026-01-07"))
    d = request_deadlines(request, country=case["company"].country)
    reminder = render_reminder(request, case["company"], case["profile"], d, today=date(2026, 2, 20), language=code)
    assert REF in reminder.subject and _babel(date(2026, 1, 5), case["locale"]) in reminder.subject
    assert _babel(d.active_due, case["locale"]) in reminder.body
    assert _babel(date(2026, 3, 6), case["locale"]) in reminder.body  # reply by: 14 days on
    assert "77" in reminder.body and lang.terms(code)["regimes"]["gdpr"]["regulator_fallback"] in reminder.body
    regulator = Regulator(name=case["regulator"], country=case["company"].country)
    complaint = render_complaint(request, case["company"], case["profile"], regulator, request.events, d,
                                 date(2026, 2, 20), language=code)
    subject_start, opening = case["complaint"]
    assert complaint.subject.startswith(f"{subject_start} {case['company'].name}") and REF in complaint.subject
    assert opening in complaint.body
    words = lang.terms(code)["events"]
    assert f"{_babel(date(2026, 1, 5), case['locale'])}: {words['sent']}" in complaint.body
    assert f"{_babel(date(2026, 1, 7), case['locale'])}: {words['acknowledged']}" in complaint.body
    assert case["regulator"] in complaint.body and "privacy" not in complaint.body.replace("privacy@", "")
    for letter in (reminder, complaint):
        assert not _ENGLISH.search(letter.subject + letter.body), _ENGLISH.search(letter.subject + letter.body)


@pytest.mark.parametrize("code", CASES)
def test_id_reply_says_the_clock_restarts_under_article_12(code):
    case = CASES[code]
    request = _request("access", "gdpr", case["company"].country, ("sent", "2026-01-05"), ("id_requested", "2026-01-08"))
    d = request_deadlines(request, country=case["company"].country)
    reply = render_id_reply(request, case["company"], case["profile"], d, identity_fields=("name", "email"),
                            today=date(2026, 1, 12), language=code)
    restarted = compute_deadlines("gdpr", date(2026, 1, 12), country=case["company"].country, request_type="access")
    assert _babel(restarted.due, case["locale"]) in reply.body
    assert _babel(date(2026, 1, 8), case["locale"]) in reply.body
    assert REF in reply.subject and case["profile"].name in reply.body


# --- the LGPD, in Brazilian Portuguese -----------------------------------------------------------


def _lgpd(rtype, grounds=()):
    return render_request_letter(_request(rtype, "lgpd", "BR"), BR_COMPANY, BR_PROFILE, None,
                                 identity_fields=("name", "email"), today=TODAY, grounds=grounds, language="pt")


def test_lgpd_letters_are_brazilian_and_cite_article_18_as_brazilian_law_does():
    basis = lang.terms("pt")["regimes"]["lgpd"]["basis"]
    for rtype in TYPES:
        grounds = (next(iter(grounds_for("lgpd", rtype))),) if rtype in ("objection", "restriction") else ()
        letter = _lgpd(rtype, grounds)
        body = letter.body
        assert letter.subject.endswith(f"({basis[rtype]}) [{REF}]")
        assert "Lei nº 13.709" in body and "Lei Geral de Proteção de Dados Pessoais (LGPD)" in body
        assert "\nPrezados Senhores,\n\n" in body and body.rstrip().endswith("Atenciosamente,\nConceição Araújo")
        # European Portuguese words do not belong in a Brazilian letter.
        assert not re.search(r"\b(RGPD|Exmos|receção|contacto|controlo)\b", body)
        assert not _ENGLISH.search(body)
        due = compute_deadlines("lgpd", TODAY, country="BR", request_type=rtype).due
        assert _babel(due, "pt_BR") in body
        if rtype == "access":
            assert "art. 19, II, da LGPD" in body and "15 (quinze) dias" in body
        else:
            assert "art. 18, § 4º, II" in body


def test_lgpd_deletion_names_the_ground_and_the_duty_to_tell_other_agents():
    body = _lgpd("deletion", ("consent",)).body
    assert "porque os dados foram tratados com o meu consentimento (art. 18, VI, da LGPD)." in body
    assert "art. 18, § 6º" in body and "art. 16" in body


def test_lgpd_reminder_and_petition_to_the_anpd():
    request = _request("deletion", "lgpd", "BR", ("sent", "2026-01-05"))
    d = request_deadlines(request, country="BR")
    reminder = render_reminder(request, BR_COMPANY, BR_PROFILE, d, today=date(2026, 2, 20), language="pt")
    assert "art. 18, § 4º, da LGPD" in reminder.body and "art. 18, § 1º, da LGPD" in reminder.body
    assert "Autoridade Nacional de Proteção de Dados (ANPD)" in reminder.body
    assert reminder.body.rstrip().endswith("Atenciosamente,\nConceição Araújo")
    petition = render_complaint(request, BR_COMPANY, BR_PROFILE, ANPD, request.events, d, date(2026, 2, 20),
                                language="pt")
    assert petition.subject.startswith("Petição de titular contra Exemplo Comércio Ltda.") and REF in petition.subject
    assert "art. 18, § 1º, e do art. 55-J, V" in petition.body
    assert "Apresentei o requerimento primeiro ao controlador" in petition.body
    assert f"{_babel(date(2026, 1, 5), 'pt_BR')}: {lang.terms('pt')['events']['sent']}" in petition.body
    for letter in (reminder, petition):
        assert not re.search(r"\b(RGPD|Exmos|cumprimentos)\b", letter.body)


def test_gdpr_letters_to_portugal_are_european_portuguese():
    body = _letter("pt", "access").body
    assert "artigo 15.º do Regulamento (UE) 2016/679" in body and "receção" in body
    assert not re.search(r"\b(LGPD|Prezados|Atenciosamente|recepção)\b", body)


def test_portuguese_follow_ups_follow_the_law():
    """One language key, two variants: the follow-up templates pick theirs from the law."""
    for name in ("reminder", "id_reply", "complaint"):
        assert (TEMPLATE_DIR / "pt" / "followup" / "gdpr" / f"{name}.txt.j2").is_file()
        assert (TEMPLATE_DIR / "pt" / "followup" / "lgpd" / f"{name}.txt.j2").is_file()
    assert lang.terms("pt")["regimes"]["lgpd"]["locale"] == "pt_BR" and lang.get_language("pt").locale == "pt_PT"


@pytest.mark.parametrize("code", CASES)
def test_the_company_country_chooses_the_language(code):
    assert lang.language_for(country=CASES[code]["company"].country)[0] == code


def test_a_brazilian_company_gets_portuguese():
    assert lang.language_for(country="BR")[0] == "pt"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("code,regime,rtype", [("es", "gdpr", "rectification"), ("it", "gdpr", "portability"),
                                               ("nl", "gdpr", "rectification"), ("pt", "gdpr", "rectification"),
                                               ("pt", "lgpd", "rectification")])
def test_round_trip_through_smtp_keeps_the_text_exactly(make_smtp_server, code, regime, rtype):
    import email
    import email.policy
    from datetime import datetime

    from privacy_tui.transport.message import make_message
    from privacy_tui.transport.smtp import send_message

    if regime == "lgpd":
        profile, company = BR_PROFILE, BR_COMPANY
    else:
        profile, company = CASES[code]["profile"], CASES[code]["company"]
    letter = render_request_letter(_request(rtype, regime, company.country), company, profile, None,
                                   identity_fields=("name", "email"), today=TODAY,
                                   details="O meu apelido é «Gonçalves», não «Goncalves» — ¿ok? è così. Geëmigreerd.", language=code)
    accented = any(ord(ch) > 127 for ch in letter.subject)  # "rectificación", "portabilità": RFC 2047 needed
    assert accented or code == "nl"  # Dutch subjects are plain ASCII; its body is not ("ë" in the details)
    msg = make_message(from_addr=f"{profile.name} <{profile.email}>", to=list(company.emails), subject=letter.subject,
                       body=letter.body, date=datetime(2026, 3, 3, 9, 0, tzinfo=UTC))
    server = make_smtp_server()
    send_message(server.settings(), "", msg)
    raw = server.wait_for_message().data
    raw.decode("ascii")  # 7-bit on the wire
    header = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    if accented:
        assert "=?utf-8?" in header.split("Subject: ", 1)[1].split("\r\n")[0].lower()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == letter.subject and REF in parsed["Subject"]
    assert parsed.get_content().replace("\r\n", "\n") == letter.body
    assert profile.name in parsed["From"]
