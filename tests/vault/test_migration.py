"""Schema migrations: a synthetic version-0 vault is upgraded on open, losslessly, and only
rewritten (with the old file kept as a backup) when opened for writing."""

from __future__ import annotations

import copy
import json

import pytest
from support.cli import run_cli
from support.vault import PASSPHRASE, make_vault, open_vault

from privacy_tui.core.errors import VaultError
from privacy_tui.core.models import SCHEMA_VERSION, Company, Request, from_record
from privacy_tui.vault.atomic import list_backups
from privacy_tui.vault.migrations import MIGRATIONS, document_version, migrate_document
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

OLD_EVENT = {"request_id": "r2", "kind": "sent", "date": "2023-06-01", "at": "2023-06-01T09:00:00+00:00", "detail": "", "data": {}}

# What privacy-tui wrote before schema 1: one `email` string per company, a stored request
# `status`, no "v" on records and no schema in `meta`.
V0_DOCUMENT = {
    "meta": {"1": {"created": "2023-05-01T10:00:00+00:00"}},
    "companies": {
        "1": {"id": "c1", "name": "Old Co", "email": "dpo@old.example", "website": "https://old.example",
              "legacy_field": "kept as is"},
        "2": {"id": "c2", "name": "No Email Ltd", "email": ""},
    },
    "requests": {
        "1": {"id": "r1", "company_id": "c1", "type": "access", "regime": "gdpr", "reference": "PT-OLD00001",
              "created": "2023-05-01T10:00:00+00:00", "status": "sent"},
        "2": {"id": "r2", "company_id": "c1", "type": "deletion", "regime": "gdpr", "reference": "PT-OLD00002",
              "created": "2023-06-01T09:00:00+00:00", "status": "overdue", "events": [OLD_EVENT]},
    },
    "profile": {"1": {"name": "Jo", "email": "jo@example.org"}},
}


@pytest.fixture
def v0_vault() -> bytes:
    """A real encrypted vault whose document is in the version-0 layout."""
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        vault._write_doc(copy.deepcopy(V0_DOCUMENT))
    data = p.vault.read_bytes()
    _, _, _, migrated, _ = Vault.unlock_bytes(data, name="v0", passphrase=PASSPHRASE)
    assert migrated  # the file really holds a version-0 document
    return data


def test_every_version_has_a_migration_step():
    assert all(v in MIGRATIONS for v in range(SCHEMA_VERSION))
    assert document_version(V0_DOCUMENT) == 0


def test_v0_document_migrates_to_current():
    doc, changed = migrate_document(copy.deepcopy(V0_DOCUMENT))
    assert changed and document_version(doc) == SCHEMA_VERSION
    c1, c2 = doc["companies"]["1"], doc["companies"]["2"]
    assert c1["emails"] == ["dpo@old.example"] and "email" not in c1
    assert c2["emails"] == []
    assert c1["legacy_field"] == "kept as is"  # unknown fields are never dropped
    r1, r2 = doc["requests"]["1"], doc["requests"]["2"]
    assert "status" not in r1 and "status" not in r2
    assert [e["kind"] for e in r1["events"]] == ["note"] and "sent" in r1["events"][0]["detail"]
    assert r2["events"] == [OLD_EVENT]  # a real timeline is kept; no note is invented
    assert all(r["v"] == SCHEMA_VERSION for t in ("companies", "requests") for r in doc[t].values())
    # The migrated records load as models.
    assert from_record(Company, c1).emails == ("dpo@old.example",)
    assert from_record(Request, r1).events[0].detail == "status before upgrade: sent"
    again, changed_again = migrate_document(copy.deepcopy(doc))
    assert not changed_again and again == doc  # idempotent


def test_document_without_meta_gets_a_schema():
    doc, changed = migrate_document({"companies": {"1": {"id": "c9", "name": "X", "email": "a@b.example"}}})
    assert changed and document_version(doc) == SCHEMA_VERSION
    assert doc["companies"]["1"]["emails"] == ["a@b.example"]


def test_newer_schema_is_refused():
    with pytest.raises(VaultError, match="upgrade privacy-tui"):
        migrate_document({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}})


def test_read_only_open_migrates_in_memory_and_leaves_the_file(v0_vault):
    with open_vault() as vault:
        store = Store(vault)
        old_co = store.company("c1")
        assert old_co.emails == ("dpo@old.example",) and old_co.website == "https://old.example"
        r1 = store.request("r1")
        assert isinstance(r1, Request) and r1.events[0].kind == "note"
        assert store.profile().name == "Jo"
    rc, out, err = run_cli("company", "list", "--json")
    assert rc == 0, err
    assert {c["id"]: c["emails"] for c in json.loads(out)} == {"c1": ["dpo@old.example"], "c2": []}
    assert paths().vault.read_bytes() == v0_vault


def test_writable_open_rewrites_and_keeps_the_old_file_as_backup(v0_vault):
    rc, out, err = run_cli("company", "add", "New Co")
    assert rc == 0, err
    data = paths().vault.read_bytes()
    assert data != v0_vault
    _, _, doc, migrated, _ = Vault.unlock_bytes(data, name="vault", passphrase=PASSPHRASE)
    assert not migrated and document_version(doc) == SCHEMA_VERSION
    assert doc["companies"]["1"]["legacy_field"] == "kept as is"
    assert {c["name"] for c in doc["companies"].values()} == {"Old Co", "No Email Ltd", "New Co"}
    # The version-0 file is among the automatic backups, byte for byte.
    assert any(b.read_bytes() == v0_vault for b in list_backups(paths().backups))
