"""`request new` chooses the law for the person and the company and says why; `--ground` and
`--situation`; the New York voluntary letter; Quebec/Alberta/BC requests and their regulators;
the DPC complaint prepared for its web form; `deadline --lives-in`."""

from __future__ import annotations

import json
import re

import pytest
from support.cli import run_main

TODAY = "2026-12-01"


def profile(capsys, country, state=""):
    rc, _, err = run_main(capsys, "profile", "set", "--name", "Pat Example", "--email", "pat@example.org",
                          "--country", country, "--state", state)
    assert rc == 0, err


def company(capsys, name, country, subdivision=""):
    args = ["company", "add", name, "--email", "privacy@corp.example", "--country", country]
    if subdivision:
        args += ["--subdivision", subdivision]
    rc, out, err = run_main(capsys, *args)
    assert rc == 0, err
    return out.strip()


def new(capsys, cid, *extra):
    rc, out, err = run_main(capsys, "request", "new", cid, *extra, "--today", TODAY)
    assert rc == 0, err
    return out.strip(), err


def complaint(capsys, cid):
    """An access request received on 1 September, then the complaint to the regulator: its JSON."""
    rid, _ = new(capsys, cid, "--type", "access", "--received", "2026-09-01")
    rc, out, err = run_main(capsys, "request", "escalate", rid, "--to", "regulator", "--json", "--today", TODAY)
    assert rc == 0, err
    return json.loads(out)


def letter(capsys, rid) -> str:
    rc, out, err = run_main(capsys, "request", "letter", rid)
    assert rc == 0, err
    return out


def show(capsys, rid) -> dict:
    rc, out, err = run_main(capsys, "request", "show", rid, "--json", "--today", TODAY)
    assert rc == 0, err
    return json.loads(out)


def test_new_yorker_writing_to_a_new_york_company_gets_a_voluntary_letter(vault, capsys):
    profile(capsys, "US", "NY")
    cid = company(capsys, "Empire Widgets Inc", "US", "NY")
    rid, err = new(capsys, cid, "--type", "access")
    assert re.fullmatch(r"r[0-9a-f]+", rid)  # stdout is the id alone
    assert "law: Voluntary request" in err and "New York" in err and "cites no law" in err
    assert show(capsys, rid)["regime"] == "voluntary"
    text = letter(capsys, rid)
    assert "GDPR" not in text and "Article" not in text and "§" not in text and "CCPA" not in text
    assert "voluntarily" in text
    # There is no regulator for a right no law gives.
    assert run_main(capsys, "request", "mark", rid, "sent", "--date", TODAY, "--today", TODAY)[0] == 0
    rc, out, err = run_main(capsys, "request", "escalate", rid, "--to", "regulator", "--today", "2027-03-01")
    assert rc == 2 and "voluntary request" in err and "Traceback" not in err


def test_a_londoner_writing_to_a_californian_company_gets_the_uk_gdpr(vault, capsys):
    profile(capsys, "GB")
    cid = company(capsys, "Sunshine Apps Inc", "US", "CA")
    rid, err = new(capsys, cid, "--type", "access")
    assert "UK GDPR: you live in the United Kingdom" in err
    text = letter(capsys, rid)
    assert "California" not in text and "Article 15 UK GDPR" in text
    # Asked for by name, the CCPA letter still does not claim a Californian residence.
    rid, err = new(capsys, cid, "--type", "access", "--regime", "ccpa")
    assert "does not claim that residence" in err
    assert "California resident" not in letter(capsys, rid)


def test_a_californian_gets_the_ccpa_with_the_reason(vault, capsys):
    profile(capsys, "US", "CA")
    cid = company(capsys, "Sunshine Apps Inc", "US", "CA")
    rid, err = new(capsys, cid, "--type", "deletion")
    assert "law: CCPA: you live in California" in err and "§1798.140(i)" in err
    data = show(capsys, rid)
    assert data["regime"] == "ccpa" and data["regime_reason"].startswith("CCPA: you live in California")
    rc, out, err = run_main(capsys, "request", "show", rid, "--today", TODAY)
    assert rc == 0 and "law             CCPA: you live in California" in out
    assert "I am a California resident" in letter(capsys, rid)


def test_a_state_law_of_another_state_is_refused(vault, capsys):
    profile(capsys, "US", "NY")
    cid = company(capsys, "Sunshine Apps Inc", "US", "CA")
    rc, out, err = run_main(capsys, "request", "new", cid, "--type", "access", "--regime", "ccpa", "--today", TODAY)
    assert rc == 2 and "protects only residents of California" in err and out == ""


@pytest.mark.parametrize(
    ("sub", "regime", "due", "regulator", "form"),
    [
        ("QC", "ca_qc", "2026-12-31", "Commission d'accès à l'information du Québec", "https://www.cai.gouv.qc.ca/"),
        ("AB", "ca_ab", "2027-01-15", "Office of the Information and Privacy Commissioner of Alberta", "https://oipc.ab.ca/"),
        ("BC", "ca_bc", "2027-01-14", "Office of the Information and Privacy Commissioner for British Columbia",
         "https://www.oipc.bc.ca/"),
    ],
)
def test_provincial_companies_get_their_province_act_and_commissioner(vault, capsys, sub, regime, due, regulator, form):
    profile(capsys, "CA", sub)
    cid = company(capsys, "Maple Co", "CA", sub)
    rid, err = new(capsys, cid, "--type", "access", "--received", TODAY)
    assert "instead of PIPEDA" in err
    data = show(capsys, rid)
    assert data["regime"] == regime and data["due"] == due
    assert "PIPEDA" not in letter(capsys, rid)
    rc, out, err = run_main(capsys, "request", "escalate", rid, "--to", "regulator", "--json", "--today", "2027-03-01")
    assert rc == 0, err
    rec = json.loads(out)["recipient"]
    assert rec["name"] == regulator and rec["webform"].startswith(form) and rec["email"] is None
    assert rec["key"] == {"QC": "cai", "AB": "oipc_ab", "BC": "oipc_bc"}[sub]


def test_grounds_and_situation_on_the_command_line(vault, capsys):
    profile(capsys, "FR")
    cid = company(capsys, "Exemple SAS", "FR")
    rid, _ = new(capsys, cid, "--type", "deletion", "--ground", "not_needed", "--language", "en")
    text = letter(capsys, rid)
    assert "Article 17(1)(a) GDPR" in text and "17(1)(b)" not in text and "withdraw" not in text
    rid, _ = new(capsys, cid, "--type", "objection", "--ground", "particular_situation",
                 "--situation", "My address must stay confidential for my safety.", "--language", "en")
    text = letter(capsys, rid)
    assert "Article 21(1) GDPR" in text and "My address must stay confidential for my safety." in text
    assert "21(2)" not in text
    for bad, words in (
        (("--type", "objection"), "say which ground applies"),
        (("--type", "objection", "--ground", "particular_situation"), "--situation"),
        (("--type", "deletion", "--ground", "astrology"), "unknown ground"),
        (("--type", "access", "--ground", "not_needed"), "takes no --ground"),
    ):
        rc, out, err = run_main(capsys, "request", "new", cid, *bad, "--today", TODAY)
        assert rc == 2 and words in err and out == "", (bad, err)


def test_help_explains_each_ground(capsys):
    with pytest.raises(SystemExit) as exit_:
        run_main(capsys, "request", "new", "--help")
    assert exit_.value.code == 0
    flat = " ".join(capsys.readouterr().out.split())
    assert "not_needed: the company no longer needs your data" in flat
    assert "direct_marketing:" in flat and "particular_situation:" in flat and "--situation" in flat


def test_dpc_complaint_is_prepared_for_its_web_form_and_never_emailed(vault, capsys, shared_dir):
    rc, _, err = run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))
    assert rc == 0, err
    profile(capsys, "IE")
    cid = company(capsys, "Emerald Data Ltd", "IE")
    data = complaint(capsys, cid)
    assert data["recipient"]["key"] == "iedpc" and data["recipient"]["email"] is None
    assert data["recipient"]["webform"] == "https://forms.dataprotection.ie/contact"
    rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--today", TODAY)
    assert rc == 0, err
    assert out.startswith("Web form: https://forms.dataprotection.ie/contact\n") and data["subject"] in out
    for via in ("smtp", "eml", "mailto"):
        rc, out, err = run_main(capsys, "request", "send-escalation", data["message_id"], "--via", via, "--today", TODAY)
        assert rc == 2 and "takes no email" in err


def test_art_77_offers_the_authority_where_the_person_lives(vault, capsys, shared_dir):
    rc, _, err = run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))
    assert rc == 0, err
    profile(capsys, "FR")
    cid = company(capsys, "Emerald Data Ltd", "IE")
    rec = complaint(capsys, cid)["recipient"]
    assert rec["key"] == "iedpc"  # the lead authority, where the company is established
    assert "Article 77(1)" in rec["note"] and "frcnil" in rec["note"]
    assert {"key": "frcnil", "name": next(a["name"] for a in rec["alternatives"] if a["key"] == "frcnil")} in rec["alternatives"]


def test_virginia_complaints_go_through_the_attorney_generals_form(vault, capsys):
    profile(capsys, "US", "VA")
    cid = company(capsys, "Old Dominion Apps", "US", "VA")
    rec = complaint(capsys, cid)["recipient"]
    assert rec["webform"].startswith("https://www.oag.state.va.us/") and rec["email"] is None


def test_deadline_chooses_the_law_from_where_the_person_lives(capsys):
    rc, out, err = run_main(capsys, "deadline", "--lives-in", "US-NY", "--country", "US", "--received", TODAY, "--json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["regime"] == "voluntary" and "New York" in data["reason"]
    rc, out, err = run_main(capsys, "deadline", "--lives-in", "CA-QC", "--country", "CA", "--subdivision", "QC",
                            "--received", TODAY)
    assert rc == 0, err
    assert "Why:" in out and "Quebec" in out and "31 Dec 2026" in out
    rc, out, err = run_main(capsys, "deadline", "--received", TODAY)
    assert rc == 2 and "--lives-in" in err


def test_wizard_drafts_keep_each_laws_own_grounds_and_the_reason(vault, capsys):
    from datetime import date

    from privacy_tui.services.session import open_store
    from privacy_tui.ui.screens.new_request import draft_all

    profile(capsys, "FR")
    fr = company(capsys, "Exemple SAS", "FR")
    ca = company(capsys, "Maple Co", "CA", "ON")
    with open_store() as store:
        drafted = draft_all(store, [fr, ca], "deletion", "auto", ["name", "email"], date(2026, 12, 1),
                            ["not_needed"], "", "en")  # English: this test reads the English wording
    (c1, r1, p1), (c2, r2, p2) = drafted.requests
    assert not p1 and not p2, (p1, p2)
    assert "Article 17(1)(a) GDPR" in r1.body and r1.events[0].data["grounds"] == ["not_needed"]
    assert r1.events[0].data["regime_reason"].startswith("GDPR: the company is established in France")
    assert r2.regime == "pipeda" and "17(1)" not in r2.body and "grounds" not in r2.events[0].data
