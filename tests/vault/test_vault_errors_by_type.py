"""The refusals the app acts on carry their own types, and the store's bulk writes keep
TinyDB's document consistent through its public API."""

from __future__ import annotations

import pytest
from support.vault import PASSPHRASE, make_vault

from privacy_tui.core.errors import VaultError
from privacy_tui.core.models import Request
from privacy_tui.vault.errors import VaultLocked, WrongPassphrase
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def test_wrong_passphrase_and_locked_are_told_apart_by_type(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.delenv("PRIVACY_TUI_PASSPHRASE", raising=False)
    make_vault()
    with pytest.raises(WrongPassphrase) as wrong:
        Vault.open(paths(), writable=True, passphrase="not the passphrase")
    assert isinstance(wrong.value, VaultError) and wrong.value.exit_code == 3
    with pytest.raises(VaultLocked):
        Vault.open(paths(), writable=True)
    Vault.open(paths(), writable=True, passphrase=PASSPHRASE).close()


def _open_store(monkeypatch) -> Store:
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    make_vault()
    return Store(Vault.open(paths(), writable=True, passphrase=PASSPHRASE))


def _request(rid: str, company: str = "c1", subject: str = "draft") -> Request:
    return Request(id=rid, company_id=company, type="access", regime="gdpr", reference=f"ref-{rid}", subject=subject)


def test_save_requests_updates_and_inserts_in_one_write_and_survives_reopening(monkeypatch):
    store = _open_store(monkeypatch)
    try:
        store.save_request(_request("r1"))
        store.save_request(_request("r2"))
        generation = store.vault.header.get("generation", 0)
        store.save_requests([_request("r2", subject="sent"), _request("r3"), _request("r4")])
        assert store.vault.header.get("generation", 0) == generation + 1  # one atomic replacement
        assert {r.id: r.subject for r in store.requests()} == {"r1": "draft", "r2": "sent", "r3": "draft", "r4": "draft"}
        # TinyDB's own next id and query cache are still right: a later insert lands after the bulk ones.
        store.save_request(_request("r5", company="c2"))
        assert [r.id for r in store.requests("c2")] == ["r5"]
        assert sorted(int(k) for k in store.raw_records("requests")) == [1, 2, 3, 4, 5]
    finally:
        store.close()
    reopened = Store(Vault.open(paths(), writable=False, passphrase=PASSPHRASE))
    try:
        assert len(reopened.requests()) == 5 and reopened.request("r2").subject == "sent"
    finally:
        reopened.close()


def test_add_records_then_insert_never_reuses_an_id(monkeypatch):
    store = _open_store(monkeypatch)
    try:
        store.save_request(_request("r1"))
        store.add_records("requests", [dict(store.raw_records("requests")["1"], id=f"bulk{i}") for i in range(3)])
        store.save_request(_request("after"))
        ids = store.raw_records("requests")
        assert sorted(int(k) for k in ids) == [1, 2, 3, 4, 5]
        assert [ids[k]["id"] for k in sorted(ids, key=int)] == ["r1", "bulk0", "bulk1", "bulk2", "after"]
    finally:
        store.close()


def test_replace_records_keeps_order_and_refuses_an_unknown_doc_id(monkeypatch):
    store = _open_store(monkeypatch)
    try:
        for rid in ("a", "b", "c"):
            store.save_request(_request(rid))
        cleaned = dict(store.raw_records("requests")["2"], subject="sent")
        store.replace_records("requests", {"2": cleaned})
        assert [r.id for r in store.requests()] == ["a", "b", "c"]
        assert store.request("b").subject == "sent"  # not a stale cached query
        with pytest.raises(ValueError, match="no document 9"):
            store.replace_records("requests", {"9": cleaned})
        assert len(store.requests()) == 3
    finally:
        store.close()
