"""Companies from the directory and from privacy policies, through the command line."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main
from support.http_static import static_server


@pytest.fixture
def vault(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery")
    assert run_main(capsys, "init")[0] == 0


def test_add_from_directory_copies_the_record_with_provenance(vault, capsys, shared_dir):
    assert run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))[0] == 0
    rc, out, _ = run_main(capsys, "directory", "search", "gogle", "--json")
    hit = json.loads(out)[0]
    slug = hit.get("slug") or hit["entry"]["slug"]
    rc, out, err = run_main(capsys, "company", "add", "--from-directory", slug)
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "show", out.strip(), "--json")
    company = json.loads(out)
    assert "Google" in company["name"]
    assert company["emails"] and company["country"]
    assert "gdpr" in company["regimes"]
    assert company["provenance"]["name"]["kind"] == "directory"
    assert company["provenance"]["name"]["ref"] == slug


def test_add_from_unknown_slug_is_a_clear_error(vault, capsys, shared_dir):
    assert run_main(capsys, "directory", "import", str(shared_dir / "directory" / "datarequests-db.json"))[0] == 0
    rc, _, err = run_main(capsys, "company", "add", "--from-directory", "no-such-company-xyz")
    assert rc == 2 and err.startswith("error: ") and err.count("\n") == 1


def test_import_policy_creates_a_company_with_evidence(vault, capsys, shared_dir):
    policy = shared_dir / "policies" / "wicresoft.txt"
    rc, out, err = run_main(capsys, "company", "import-policy", str(policy), "--yes")
    assert rc == 0, err
    company_id = out.strip().splitlines()[-1].split()[1]
    rc, out, _ = run_main(capsys, "company", "show", company_id, "--json")
    company = json.loads(out)
    assert "Wicresoft" in company["name"]
    assert company["response_days"] == 30
    assert company["categories"]
    prov = company["provenance"]
    assert prov["categories"]["kind"] == "policy" and prov["categories"]["ref"].endswith("wicresoft.txt")
    assert prov["response_days"]["evidence"]  # the sentence that promised the response time
    # "…, Bellevue, WA 98005, United States": the country comes from the policy's own address.
    assert company["country"] == "US" and "United States" in prov["country"]["evidence"]
    rc, out, _ = run_main(capsys, "company", "list")
    assert rc == 0 and " US " in out.splitlines()[1]
    # Importing again updates the same company instead of creating a second one.
    rc, out, _ = run_main(capsys, "company", "import-policy", str(policy), "--yes")
    assert out.strip().splitlines()[-1].startswith(f"updated {company_id}")
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    assert len(json.loads(out)) == 1


def test_import_policy_without_yes_and_no_terminal_saves_nothing(vault, capsys, shared_dir):
    rc, out, err = run_main(capsys, "company", "import-policy", str(shared_dir / "policies" / "casecraft.txt"))
    assert rc == 2 and "--yes" in err
    assert "CaseCraft" in out  # the facts were shown first
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    assert json.loads(out) == []


def test_import_policy_from_a_local_url(vault, capsys):
    page = (b"<html><head><title>Privacy Policy</title></head><body><h1>Example Shop Inc. Privacy Policy</h1>"
            b"<p>Example Shop Inc. (\"we\", \"us\") collects your name and email address.</p>"
            b"<p>To exercise your rights, email <a href=\"mailto:privacy@shop.example\">privacy@shop.example</a>. "
            b"We respond within 45 days.</p></body></html>")

    with static_server({"/privacy": ("text/html; charset=utf-8", page)}) as base:
        rc, out, err = run_main(capsys, "company", "import-policy", f"{base}/privacy", "--yes")
    assert rc == 0, err
    rc, out, _ = run_main(capsys, "company", "list", "--json")
    (company,) = json.loads(out)
    assert company["emails"] == ["privacy@shop.example"] and company["response_days"] == 45
    assert company["website"].startswith("http://127.0.0.1:")
