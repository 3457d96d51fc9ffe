"""The letter's language on the command line: chosen for the recipient, shown, and changeable
with --language on `request new`, `request letter` and `request escalate`."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main

TODAY = "2026-03-03"


@pytest.fixture
def berlin(vault, capsys):
    """A user who lives in Berlin."""
    rc, _, err = run_main(capsys, "profile", "set", "--name", "Jürgen Weiß", "--email", "juergen@example.org",
                          "--country", "DE", "--state", "BE")
    assert rc == 0, err


def _company(capsys, name, *options) -> str:
    rc, out, err = run_main(capsys, "company", "add", name, *options)
    assert rc == 0, err
    return out.strip().split()[0] if out.strip() else ""


def _ids(capsys):
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    return {c["name"]: c["id"] for c in json.loads(out)}


def _new(capsys, company_id, *extra):
    rc, out, err = run_main(capsys, "request", "new", company_id, "--type", "access", "--today", TODAY, *extra)
    return rc, out.strip(), err


def _letter(capsys, request_id, *extra):
    rc, out, err = run_main(capsys, "request", "letter", request_id, "--json", "--today", TODAY, *extra)
    assert rc == 0, err
    return json.loads(out), err


def _shop(capsys):
    _company(capsys, "Schöne Möbel GmbH", "--country", "DE", "--subdivision", "BE",
             "--email", "datenschutz@moebel.example", "--address", "Friedrichstraße 12, 10117 Berlin")
    return _ids(capsys)["Schöne Möbel GmbH"]


def test_berlin_user_writing_to_a_german_shop_gets_german_and_can_switch_to_english(berlin, capsys):
    shop = _shop(capsys)
    rc, request_id, err = _new(capsys, shop)
    assert rc == 0, err
    assert "language: German (the language of the recipient's country (DE)); change it with --language" in err
    letter, _ = _letter(capsys, request_id)
    assert letter["language"] == "de"
    assert letter["subject"] == f"Auskunftsersuchen nach Art. 15 DSGVO [{letter['reference']}]"
    assert "3. März 2026" in letter["body"] and "Mit freundlichen Grüßen" in letter["body"]

    english, err = _letter(capsys, request_id, "--language", "en")
    assert "language: English: the draft was drawn up again" in err
    assert english["language"] == "en" and english["reference"] == letter["reference"]
    assert english["subject"].startswith("Subject access request under Article 15 GDPR")
    assert "3 March 2026" in english["body"]
    # Stored: reading it again without --language shows the English draft.
    again, _ = _letter(capsys, request_id)
    assert again == english

    back, _ = _letter(capsys, request_id, "--language", "DE")
    assert back["subject"] == letter["subject"] and back["body"] == letter["body"]
    rc, out, err = run_main(capsys, "request", "show", request_id, "--json", "--today", TODAY)
    shown = json.loads(out)
    assert shown["language"] == "de" and "country (DE)" in shown["language_reason"]
    rc, out, err = run_main(capsys, "request", "show", request_id, "--today", TODAY)
    assert "language        German (the language of the recipient's country (DE))" in out


def test_language_on_request_new_and_unknown_languages(berlin, capsys):
    shop = _shop(capsys)
    rc, request_id, err = _new(capsys, shop, "--language", "en")
    assert rc == 0 and "language: English (chosen by you)" in err
    assert _letter(capsys, request_id)[0]["subject"].startswith("Subject access request")

    rc, out, err = _new(capsys, shop, "--language", "xx")
    assert rc == 2 and out == ""
    assert "no letters in language 'xx'; choose from: en (English), de (German)" in err
    assert "Traceback" not in err
    rc, out, err = run_main(capsys, "request", "letter", request_id, "--language", "klingon", "--today", TODAY)
    assert rc == 2 and "choose from: en (English)" in err
    rc, out, err = run_main(capsys, "request", "list", "--json")
    assert len(json.loads(out)) == 1  # nothing was written by the refused commands


def test_a_law_without_letters_in_the_language_is_refused_or_falls_back(berlin, capsys):
    _company(capsys, "Sunny Inc", "--country", "US", "--subdivision", "CA", "--email", "privacy@sunny.example")
    sunny = _ids(capsys)["Sunny Inc"]
    rc, out, err = run_main(capsys, "request", "new", sunny, "--type", "access", "--regime", "ccpa",
                            "--language", "de", "--today", TODAY)
    assert rc == 2 and "no German letters for this law (ccpa); it is available in: en" in err
    rc, request_id, err = _new(capsys, sunny, "--regime", "ccpa")
    assert rc == 0 and "language: English" in err


def test_the_company_language_from_the_directory_wins(berlin, capsys, shared_dir):
    rc, _, err = run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))
    assert rc == 0, err
    rc, out, err = run_main(capsys, "company", "add", "--from-directory", "amtsgericht-hagen")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    court = json.loads(out)[0]
    from privacy_tui.services.session import open_store

    with open_store() as store:
        assert store.company(court["id"]).language == "de"
    rc, request_id, err = _new(capsys, court["id"])
    assert rc == 0 and "language: German (the recipient's stated language)" in err
    # A typed company language counts too, and a bad one is refused.
    _company(capsys, "Globex Ltd", "--country", "GB", "--email", "dpo@globex.example", "--language", "de")
    rc, request_id, err = _new(capsys, _ids(capsys)["Globex Ltd"], "--regime", "gdpr")
    assert rc == 0 and "language: German (the recipient's stated language)" in err
    rc, out, err = run_main(capsys, "company", "add", "Bad Lang", "--language", "zz")
    assert rc == 2 and "invalid language 'zz'" in err


def _sent_late(capsys, shop):
    rc, request_id, err = _new(capsys, shop)
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "mark", request_id, "sent", "--date", "2026-01-05")
    assert rc == 0, err
    return request_id


def test_complaint_to_the_berlin_authority_is_in_german_and_can_be_english(berlin, capsys):
    shop = _shop(capsys)
    request_id = _sent_late(capsys, shop)
    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "regulator", "--json",
                            "--today", "2026-03-03")
    assert rc == 0, err
    data = json.loads(out)
    assert data["recipient"]["key"] == "deberlbdi" and data["language"] == "de"
    assert data["subject"].startswith("Beschwerde nach Art. 77 DSGVO über Schöne Möbel GmbH")
    assert "5. Januar 2026: Antrag an das Unternehmen gesendet" in data["body"]
    assert data["recipient"]["name"] in data["body"]

    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "regulator", "--json",
                            "--language", "en", "--today", "2026-03-03")
    assert rc == 0, err
    english = json.loads(out)
    assert english["language"] == "en" and english["subject"].startswith("Complaint about Schöne Möbel GmbH")

    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "company", "--today", "2026-03-03")
    assert rc == 0, err
    assert "language  German (change it with --language)" in out
    assert "Subject: Erinnerung: mein Antrag vom 5. Januar 2026 nach Art. 15 DSGVO ist überfällig" in out

    rc, out, err = run_main(capsys, "request", "escalate", request_id, "--to", "company", "--language", "xx",
                            "--today", "2026-03-03")
    assert rc == 2 and "choose from: en (English)" in err
    from privacy_tui.services.session import open_store

    with open_store() as store:
        messages = store.messages(request_id)
    assert sorted(m.language for m in messages) == ["de", "de", "en"]  # each draft keeps its language


def test_resent_or_sent_requests_keep_their_text(berlin, capsys):
    request_id = _sent_late(capsys, _shop(capsys))
    rc, out, err = run_main(capsys, "request", "letter", request_id, "--language", "en", "--today", TODAY)
    assert rc == 2 and "already sent" in err
    assert _letter(capsys, request_id)[0]["language"] == "de"


