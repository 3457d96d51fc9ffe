"""The policy's language: detected from its text, carried to the company, used for its letters."""


import pytest
from support.cli import run_main

from privacy_tui.core.policy.analyze import analyze_text
from privacy_tui.core.policy.language import detect_language

GERMAN = (
    "Datenschutzerklärung der Beispiel Shop GmbH, Hauptstraße 1, 10115 Berlin, Deutschland. "
    "Wir verarbeiten Ihre personenbezogenen Daten nur, wenn dies für die Erbringung unserer Dienste "
    "erforderlich ist. Sie haben das Recht, Auskunft über die von uns gespeicherten Daten zu verlangen. "
    "Die Verarbeitung erfolgt auf der Grundlage von Art. 6 DSGVO und ist nicht mit einer automatisierten "
    "Entscheidung verbunden. Wir geben Ihre Daten nicht an Dritte weiter. Kontakt: datenschutz@beispiel-shop.de. "
) * 3


def test_the_shared_english_policies_are_english(shared_dir):
    for path in sorted((shared_dir / "policies").glob("*.txt")):
        assert detect_language(path.read_text(errors="replace")) == "en", path.name


@pytest.mark.parametrize("text", ["", "Acme Ltd", "privacy@acme.example 12345", "der the le el il het o " * 3])
def test_too_little_or_mixed_text_gives_no_verdict(text):
    assert detect_language(text) == ""


def test_the_analysis_reports_the_language_and_keeps_the_json_contract():
    analysis = analyze_text(GERMAN)
    assert analysis.language == "de" and "language" not in analysis.to_json()


def test_a_company_imported_from_a_german_policy_gets_german_letters(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    assert run_main(capsys, "init")[0] == 0
    assert run_main(capsys, "profile", "set", "--name", "Ada Example", "--email", "ada@example.com", "--country", "GB")[0] == 0
    policy = tmp_path / "datenschutz.txt"
    policy.write_text(GERMAN, encoding="utf-8")
    rc, out, err = run_main(capsys, "company", "import-policy", str(policy), "--yes")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "company", "list", "--json")
    import json

    company = json.loads(out)[0]
    assert company["language"] == "de"
    rc, out, err = run_main(capsys, "request", "new", company["id"], "--type", "access")
    assert rc == 0, err
    rc, letter, err = run_main(capsys, "request", "letter", out.split()[0])
    assert rc == 0 and "DSGVO" in letter and "Sehr geehrte" in letter
