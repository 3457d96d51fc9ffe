"""Companies from the directory and from privacy policies, through the command line."""

from __future__ import annotations

import json

import pytest
from conftest import run_main


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
