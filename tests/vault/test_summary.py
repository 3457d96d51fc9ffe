"""The encrypted vault summary that `remind` reads: it matches exactly one vault version."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main

from privacy_tui.vault.paths import paths
from privacy_tui.vault.vault import Vault


@pytest.fixture
def filled(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery")
    assert run_main(capsys, "init")[0] == 0
    rc, out, _ = run_main(capsys, "company", "add", "Canary Summary Ltd", "--email", "privacy@canary.example", "--country", "GB")
    company = out.strip()
    rc, out, _ = run_main(capsys, "request", "new", company, "--type", "access", "--received", "2026-01-05", "--today", "2026-01-05")
    return company, out.strip()


def test_summary_matches_the_vault_and_holds_no_letter_text(filled):
    company, request = filled
    view = Vault.open_summary(paths())
    assert view is not None
    (record,) = view.request_records()
    assert record["id"] == request and record["due"] == "2026-02-05"
    assert [c.name for c in view.companies()] == ["Canary Summary Ltd"]
    assert "body" not in record and "subject" not in record
    raw = paths().summary.read_bytes()
    assert b"Canary Summary" not in raw and oct(paths().summary.stat().st_mode & 0o777) == "0o600"


def test_a_restored_or_damaged_vault_never_uses_a_stale_summary(filled, capsys, tmp_path):
    backup = tmp_path / "b.ptv"
    assert run_main(capsys, "vault", "backup", str(backup))[0] == 0
    old_summary = paths().summary.read_bytes()
    assert run_main(capsys, "company", "add", "Second Ltd")[0] == 0
    assert Vault.open_summary(paths()) is not None
    paths().summary.write_bytes(old_summary)  # a summary of an older vault version
    assert Vault.open_summary(paths()) is None
    data = bytearray(paths().summary.read_bytes())
    data[-20] ^= 0x01
    paths().summary.write_bytes(bytes(data))
    assert Vault.open_summary(paths()) is None
    # remind still answers, from the vault itself.
    rc, out, _ = run_main(capsys, "remind", "--json", "--today", "2026-03-01")
    assert rc == 10 and json.loads(out)["counts"]["overdue"] == 1


def test_truncated_vault_is_not_hidden_by_its_summary(filled, capsys):
    data = paths().vault.read_bytes()
    paths().vault.write_bytes(data[:-10])
    assert Vault.open_summary(paths()) is None
    rc, _, err = run_main(capsys, "remind", "--today", "2026-03-01")
    assert rc == 3 and err.startswith("error: ")
