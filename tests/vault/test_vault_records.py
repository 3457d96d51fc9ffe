"""The vault's records: `vault check` validates every one, `vault repair` cleans or removes the
bad ones, and a value that cannot be serialised never poisons the rest of a session."""

from __future__ import annotations

import json

import pytest
from support.cli import ok
from support.vault import PASSPHRASE

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company
from privacy_tui.vault.atomic import list_backups
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def _inject(*records: tuple[str, dict]) -> None:
    """Records written straight into the stored document, as an old version or a crafted
    import could have left them (no validation on this path)."""
    vault = Vault.open(paths(), writable=True, passphrase=PASSPHRASE)
    try:
        store = Store(vault)
        with store.batch():
            for table, record in records:
                store.add_records(table, [record])
    finally:
        vault.close()


@pytest.fixture
def vault(cli):
    ok(cli, "init")
    return ok(cli, "company", "add", "Good Co", "--email", "dpo@good.example").strip()


def test_check_reports_bad_records_and_repair_removes_them_after_a_backup(vault, cli):
    _inject(("companies", {"id": "cbad00001", "name": 12345, "v": 1}),
            ("requests", {"id": "rbad00001", "company_id": vault, "type": "teleport", "regime": "gdpr",
                          "reference": "PT-X", "events": [], "v": 1}))
    rc, out, err = cli("vault", "check")
    assert rc == 3 and "vault OK" not in out
    assert "cbad00001" in out and "name must be text" in out and "unknown value 'teleport'" in out
    report = json.loads(cli("vault", "check", "--json")[1])
    assert report["ok"] is False and len(report["problems"]) == 2

    dry = json.loads(ok(cli, "vault", "repair", "--dry-run", "--json"))
    assert dry["removed"] == ["companies/2", "requests/1"] and dry["backup"] is None
    assert json.loads(cli("vault", "check", "--json")[1])["ok"] is False  # a dry run changes nothing

    before = list_backups(paths().backups)
    out = ok(cli, "vault", "repair")
    assert "removed companies/2" in out and "removed requests/1" in out
    assert len(list_backups(paths().backups)) == len(before) + 1  # one write
    # The vault as it was is kept outside the rotation of automatic backups, and still opens.
    kept = list(paths().backups.glob("before-repair-*.ptv"))
    assert len(kept) == 1 and str(kept[0]) in out
    _, _, doc, _, _ = Vault.unlock_bytes(kept[0].read_bytes(), name="kept", passphrase=PASSPHRASE)
    assert any(r.get("id") == "cbad00001" for r in doc["companies"].values())
    assert "vault OK" in ok(cli, "vault", "check")
    assert [c["id"] for c in json.loads(ok(cli, "company", "list", "--json"))] == [vault]
    assert json.loads(ok(cli, "request", "list", "--json")) == []
    assert "nothing to repair" in ok(cli, "vault", "repair")


def test_repair_cleans_control_characters_and_keeps_the_record(vault, cli):
    _inject(("companies", {"id": "cesc00001", "name": "Evil\x1b]52;c;AAAA\x07 Corp", "address": "1 Road\x9b\nTown", "v": 1}))
    rc, out, _ = cli("vault", "check")
    assert rc == 3 and "cesc00001" in out and "control characters" in out
    out = ok(cli, "vault", "repair")
    assert "cleaned companies/2" in out
    shown = json.loads(ok(cli, "company", "show", "cesc00001", "--json"))
    assert shown["name"] == "Evil]52;c;AAAA Corp" and shown["address"] == "1 Road\nTown"
    assert "vault OK" in ok(cli, "vault", "check")


def test_a_lone_surrogate_fails_one_save_and_the_next_save_works(vault):
    vault_obj = Vault.open(paths(), writable=True, passphrase=PASSPHRASE)
    try:
        store = Store(vault_obj)
        before = paths().vault.read_bytes()
        with pytest.raises(UserError, match="cannot be stored.*surrogate"):
            store.save_company(Company(id="csur00001", name="Bad \ud800 name"))
        assert paths().vault.read_bytes() == before  # nothing half-written
        assert store.find_company("csur00001") is None  # the in-memory state went back too
        with pytest.raises(UserError):  # also inside a batch
            with store.batch():
                store.save_company(Company(id="csur00002", name="ok"))
                store.save_company(Company(id="csur00003", name="\udfff"))
        assert store.find_company("csur00002") is None
        store.save_company(Company(id="cgood0001", name="Fine Ltd"))  # the session still saves
    finally:
        vault_obj.close()
    reopened = Vault.open(paths(), passphrase=PASSPHRASE)
    try:
        names = sorted(c.name for c in Store(reopened).companies())
    finally:
        reopened.close()
    assert names == ["Fine Ltd", "Good Co"]


def test_remove_works_on_a_record_that_cannot_be_listed(vault, cli):
    _inject(("companies", {"id": "cbad00002", "name": ["not", "text"], "v": 1}))
    ok(cli, "company", "remove", "cbad00002", "--force")
    assert "vault OK" in ok(cli, "vault", "check")
