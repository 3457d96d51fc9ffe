"""Ready answers in German and French (core.inbox.answers_de / answers_fr), chosen like the letters'
language (the user's --language, else the request's letter language, else the company's), and the
CLI's --language and --body-file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from support.inbox import PASS, TODAY, make_inbox_home

from privacy_tui.core.inbox.answers import ANSWER_KINDS, covers, render_answer
from privacy_tui.core.text import find_control
from privacy_tui.services.inbox import list_messages
from privacy_tui.services.inbox_answer import prepare_answer
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

ARGS = {"company_name": "Shopwell GmbH", "reference": "PT-RLJSVD2C", "request_sent": date(2026, 11, 3),
        "due": date(2026, 12, 3), "profile_name": "Ada Example"}

# (language, law) -> one citation each answer must carry, as that language cites the law.
CITATIONS = {
    ("de", "gdpr"): {
        "excessive_id": ["Art. 12 Abs. 6 DSGVO", "Art. 5 Abs. 1 lit. c DSGVO", "Leitlinien 01/2022", "Rn. 69", "Rn. 77"],
        "webform_redirect": ["Art. 12 Abs. 2 DSGVO", "Art. 12 Abs. 3 DSGVO"],
        "clarification": ["Erwägungsgrund 63", "Art. 12 Abs. 3 DSGVO"],
        "no_data_with_evidence": ["Art. 15 Abs. 1 DSGVO"],
        "link_expired": ["Art. 12 Abs. 1 und Art. 15 Abs. 3 DSGVO"],
    },
    ("fr", "gdpr"): {
        "excessive_id": ["article 12, paragraphe 6, du RGPD", "article 5, paragraphe 1, point c), du RGPD",
                         "lignes directrices 01/2022", "point 69", "point 77"],
        "webform_redirect": ["article 12, paragraphe 2, du RGPD", "article 12, paragraphe 3, du RGPD"],
        "clarification": ["considérant 63", "article 12, paragraphe 3, du RGPD"],
        "no_data_with_evidence": ["article 15, paragraphe 1, du RGPD"],
        "link_expired": ["du RGPD"],
    },
    ("fr", "ca_qc"): {kind: ["article 32 de la Loi sur la protection des renseignements personnels dans le secteur privé"]
                      for kind in ANSWER_KINDS},
    ("fr", "pipeda"): {kind: ["LPRPDE, par. 8(3) et 8(4)"] for kind in ANSWER_KINDS},
}
DATES = {"de": ("3. November 2026", "3. Dezember 2026"), "fr": ("3 novembre 2026", "3 décembre 2026")}
OPENING = {"de": "Sehr geehrte Damen und Herren,", "fr": "Madame, Monsieur,"}
CLOSING = {"de": "Mit freundlichen Grüßen", "fr": "salutations distinguées."}
ENGLISH = ("Dear ", "Kind regards", "Please ", "request")


@pytest.mark.parametrize("kind", ANSWER_KINDS)
@pytest.mark.parametrize("language, regime", list(CITATIONS))
def test_each_answer_renders_in_the_language_with_the_laws_citation(kind, language, regime):
    subject, body = render_answer(kind, regime=regime, language=language, details="", **ARGS)
    assert subject.startswith("PT-RLJSVD2C")  # the code the company's systems match on
    assert body.startswith(OPENING[language]) and CLOSING[language] in body and body.rstrip().endswith("Ada Example")
    assert body.count("PT-RLJSVD2C") >= 2  # in the opening sentence and "keep the reference"
    sent, due = DATES[language]
    assert due in body and (sent in body)
    for citation in CITATIONS[(language, regime)][kind]:
        assert citation in body, citation
    for word in ENGLISH:
        assert word not in body, word
    assert find_control(body, multiline=True) is None and "{" not in body


@pytest.mark.parametrize("language", ["de", "fr"])
def test_the_users_words_go_in_as_given(language):
    _, body = render_answer("excessive_id", regime="gdpr", language=language, details="einen Scan\x1b[2J des Passes", **ARGS)
    assert "einen Scan[2J des Passes" in body and "\x1b" not in body


def test_a_law_without_answers_in_the_language_gets_english():
    assert covers("de", "gdpr") and covers("fr", "ca_qc") and not covers("de", "ccpa") and covers("en", "ccpa")
    _, body = render_answer("excessive_id", regime="ccpa", language="de", **ARGS)
    assert body.startswith("Dear Shopwell GmbH privacy team,") and "11 CCR §7060" in body


@pytest.fixture
def inbox_home(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    return make_inbox_home()


def id_reply(store) -> dict:
    return next(r for r in list_messages(store) if r["subject"].startswith("Re: Erasure"))


def test_the_answer_follows_the_requests_letter_language_or_the_users_choice(inbox_home):
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        store = Store(vault)
        reply = id_reply(store)
        request = store.request(reply["request_id"])
        assert request.regime == "gdpr"
        store.save_request(replace(request, language="de"))
        german = prepare_answer(store, reply["id"], today=TODAY)
        assert german.language == "de" and "Art. 12 Abs. 6 DSGVO" in german.body
        french = prepare_answer(store, reply["id"], today=TODAY, language="FR")
        assert french.language == "fr" and "article 12, paragraphe 6, du RGPD" in french.body
        store.save_request(replace(request, language="en"))
        assert prepare_answer(store, reply["id"], today=TODAY).language == "en"
        store.save_request(replace(request, language=""))  # before languages: the company's (a German company)
        company = store.find_company(request.company_id)
        assert company.country == "DE"
        assert prepare_answer(store, reply["id"], today=TODAY).language == "de"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    from privacy_tui.cli import main

    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_language_and_own_text(inbox_home, capsys, tmp_path):
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        reply = id_reply(store)
        before = len(store.messages(reply["request_id"]))
    day = ("--today", TODAY.isoformat())
    rc, out, err = run(capsys, "inbox", "answer", reply["id"], "--language", "fr", "--json", *day)
    assert rc == 0, err
    assert "article 12, paragraphe 6, du RGPD" in json.loads(out)["body"]
    rc, out, err = run(capsys, "inbox", "answer", reply["id"], "--language", "es", *day)
    assert rc == 2 and err.startswith("error: ") and "no ready answers in Spanish" in err and len(err.splitlines()) == 1
    mine = tmp_path / "mine.txt"
    mine.write_text("Meine eigenen Worte.\r\nZweite Zeile.\n", encoding="utf-8")
    rc, out, err = run(capsys, "inbox", "answer", reply["id"], "--body-file", str(mine), "--json", *day)
    assert rc == 0, err
    assert json.loads(out)["body"] == "Meine eigenen Worte.\nZweite Zeile.\n"
    (tmp_path / "big.txt").write_bytes(b"x" * 400_001)
    (tmp_path / "latin1.txt").write_bytes("Grüße".encode("latin-1"))
    for bad, words in (("big.txt", "larger"), ("latin1.txt", "not UTF-8")):
        rc, out, err = run(capsys, "inbox", "answer", reply["id"], "--body-file", str(tmp_path / bad), *day)
        assert rc == 2 and words in err and len(err.splitlines()) == 1, err
    with Vault.open(paths(), passphrase=PASS) as vault:
        assert len(Store(vault).messages(reply["request_id"])) == before + 2  # the refused ones stored nothing


def test_cli_own_text_from_standard_input(inbox_home, capsys, monkeypatch):
    import io
    import sys

    with Vault.open(paths(), passphrase=PASS) as vault:
        reply = id_reply(Store(vault))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Piped words.\n\x1b[31mno escape\n")))
    rc, out, err = run(capsys, "inbox", "answer", reply["id"], "--body-file", "-", "--json", "--today", TODAY.isoformat())
    assert rc == 0, err
    assert json.loads(out)["body"] == "Piped words.\n[31mno escape\n"  # the control character dropped, the rest kept
