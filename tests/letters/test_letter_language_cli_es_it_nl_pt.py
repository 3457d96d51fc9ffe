"""Spanish, Italian, Dutch and Portuguese letters from the command line: a company in Spain,
Italy, the Netherlands or Portugal gets a letter in its country's language, a Brazilian one a
Brazilian Portuguese letter under the LGPD, and `--language` picks any of them by hand."""

from __future__ import annotations

import json
from datetime import date

import pytest
from babel.dates import format_date
from support.cli import run_main

TODAY = "2026-03-03"

# country -> (user, company, language, law, the subject of the access letter, a word of its closing)
CASES = {
    "ES": ("Begoña Núñez", "Ejemplo Ibérica S.L.", "es", "gdpr",
           "Solicitud de acceso a mis datos personales (artículo 15 del RGPD)", "Atentamente,", "es_ES"),
    "IT": ("Niccolò Pellegrini", "Esempio S.p.A.", "it", "gdpr",
           "Richiesta di accesso ai miei dati personali (articolo 15 del RGPD)", "Distinti saluti,", "it_IT"),
    "NL": ("Geertruida van Rijswijk", "Voorbeeld B.V.", "nl", "gdpr",
           "Verzoek om inzage in mijn persoonsgegevens (artikel 15 AVG)", "Met vriendelijke groet,", "nl_NL"),
    "PT": ("João Gonçalves", "Exemplo, Lda.", "pt", "gdpr",
           "Pedido de acesso aos meus dados pessoais (artigo 15.º do RGPD)", "Com os melhores cumprimentos,", "pt_PT"),
    "BR": ("Conceição Araújo", "Exemplo Comércio Ltda.", "pt", "lgpd",
           "Requerimento de acesso aos meus dados pessoais (arts. 18 e 19 da LGPD)", "Atenciosamente,", "pt_BR"),
}


def _setup(capsys, country):
    user, company, *_ = CASES[country]
    rc, _, err = run_main(capsys, "profile", "set", "--name", user, "--email", "me@example.org", "--country", country)
    assert rc == 0, err
    rc, _, err = run_main(capsys, "company", "add", company, "--country", country, "--email", "privacy@company.example")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    return {c["name"]: c["id"] for c in json.loads(out)}[company]


def _letter(capsys, request_id, *extra):
    rc, out, err = run_main(capsys, "request", "letter", request_id, "--json", "--today", TODAY, *extra)
    assert rc == 0, err
    return json.loads(out), err


@pytest.mark.parametrize("country", CASES)
def test_the_company_country_chooses_the_language(vault, capsys, country):
    user, _, code, law, subject, closing, locale = CASES[country]
    company_id = _setup(capsys, country)
    rc, out, err = run_main(capsys, "request", "new", company_id, "--type", "access", "--today", TODAY)
    assert rc == 0, err
    request_id = out.strip()
    assert f"the language of the recipient's country ({country})" in err
    letter, _ = _letter(capsys, request_id)
    assert letter["language"] == code
    rc, out, err = run_main(capsys, "request", "show", request_id, "--json", "--today", TODAY)
    assert rc == 0 and json.loads(out)["regime"] == law, err
    assert letter["subject"] == f"{subject} [{letter['reference']}]"
    assert letter["body"].startswith(format_date(date(2026, 3, 3), format="long", locale=locale))
    assert letter["body"].rstrip().endswith(f"{closing}\n{user}")

    # One switch to English and back: same request, same reference.
    english, err = _letter(capsys, request_id, "--language", "en")
    assert english["language"] == "en" and english["reference"] == letter["reference"]
    assert "3 March 2026" in english["body"]
    back, _ = _letter(capsys, request_id, "--language", code)
    assert back["subject"] == letter["subject"] and back["body"] == letter["body"]


@pytest.mark.parametrize("code,subject_start", [
    ("es", "Solicitud de supresión de mis datos personales (artículo 17 del RGPD)"),
    ("it", "Richiesta di cancellazione dei miei dati personali (articolo 17 del RGPD)"),
    ("nl", "Verzoek om wissing van mijn persoonsgegevens (artikel 17 AVG)"),
    ("pt", "Pedido de apagamento dos meus dados pessoais (artigo 17.º do RGPD)"),
])
def test_language_on_request_new_for_a_company_elsewhere(vault, capsys, code, subject_start):
    """A Spanish speaker in Germany writing to a German shop may write in Spanish: any GDPR
    supervisory authority and controller must deal with it, and the choice is the user's."""
    rc, _, err = run_main(capsys, "profile", "set", "--name", "Ana Pérez", "--email", "ana@example.org", "--country", "DE")
    assert rc == 0, err
    rc, _, err = run_main(capsys, "company", "add", "Schöne Möbel GmbH", "--country", "DE",
                          "--email", "datenschutz@moebel.example")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    shop = json.loads(out)[0]["id"]
    rc, out, err = run_main(capsys, "request", "new", shop, "--type", "deletion", "--ground", "not_needed",
                            "--language", code, "--today", TODAY)
    assert rc == 0, err
    assert "(chosen by you)" in err
    letter, _ = _letter(capsys, out.strip())
    assert letter["language"] == code and letter["subject"].startswith(subject_start)
    assert letter["reference"] in letter["subject"]


def test_portuguese_for_a_law_it_has_no_letters_for_is_refused(vault, capsys):
    rc, _, err = run_main(capsys, "profile", "set", "--name", "Ana", "--email", "ana@example.org", "--country", "US",
                          "--state", "CA")
    assert rc == 0, err
    rc, _, err = run_main(capsys, "company", "add", "Sunny Inc", "--country", "US", "--subdivision", "CA",
                          "--email", "privacy@sunny.example")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    sunny = json.loads(out)[0]["id"]
    rc, out, err = run_main(capsys, "request", "new", sunny, "--type", "access", "--regime", "ccpa",
                            "--language", "pt", "--today", TODAY)
    assert rc == 2 and out == "" and "no Portuguese letters for this law (ccpa)" in err and "Traceback" not in err


@pytest.mark.parametrize("country,code,subject_start,authority_words", [
    ("ES", "es", "Reclamación contra Ejemplo Ibérica S.L. (artículo 77 del RGPD)", "presento una reclamación contra"),
    ("IT", "it", "Reclamo nei confronti di Esempio S.p.A. ai sensi dell'articolo 77 del RGPD", "propongo reclamo"),
    ("NL", "nl", "Klacht over Voorbeeld B.V. (artikel 77 AVG)", "dien ik bij u een klacht in"),
    ("PT", "pt", "Queixa contra Exemplo, Lda. (artigo 77.º do RGPD)", "apresento queixa contra"),
    ("BR", "pt", "Petição de titular contra Exemplo Comércio Ltda. (art. 18, § 1º, da LGPD)", "apresento petição contra o controlador"),
])
def test_complaint_to_the_authority_is_in_its_language(vault, capsys, country, code, subject_start, authority_words):
    company_id = _setup(capsys, country)
    rc, out, err = run_main(capsys, "request", "new", company_id, "--type", "access", "--today", "2026-01-05")
    assert rc == 0, err
    request_id = out.strip()
    rc, _, err = run_main(capsys, "request", "mark", request_id, "sent", "--date", "2026-01-05")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "regulator", "--json",
                            "--today", "2026-03-03")
    assert rc == 0, err
    data = json.loads(out)
    assert data["language"] == code
    rc, shown, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-03-03")
    assert data["subject"].startswith(subject_start) and f"[{json.loads(shown)['reference']}]" in data["subject"]
    assert authority_words in data["body"] and data["recipient"]["name"] in data["body"]
    locale = CASES[country][6]
    assert format_date(date(2026, 1, 5), format="long", locale=locale) in data["body"]

    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "company", "--today", "2026-03-03")
    assert rc == 0, err
    assert f"language  {'Portuguese' if code == 'pt' else {'es': 'Spanish', 'it': 'Italian', 'nl': 'Dutch'}[code]}" in out
