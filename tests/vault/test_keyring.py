"""The OS keyring (real Secret Service): daily use without a passphrase, fallback to the passphrase.

Run with `scripts/with-keyring .venv/bin/python -m pytest tests/vault/test_keyring.py` (as `make test` does).
Without a Secret Service these tests skip, except under scripts/with-keyring (PT_INSIDE_DBUS set),
where a missing keyring is a failure: CI can never skip them silently.
"""

from __future__ import annotations

import json
import os

import pytest
from support.cli import assert_one_line_error, cli_env, run_cli
from support.vault import PASSPHRASE, tree_snapshot

from privacy_tui.vault import keyring_store
from privacy_tui.vault.envelope import unpack
from privacy_tui.vault.paths import paths


@pytest.fixture(autouse=True)
def secret_service():
    if not keyring_store.keyring_available():
        message = f"no usable OS keyring ({keyring_store.keyring_name()})"
        if os.environ.get("PT_INSIDE_DBUS"):
            pytest.fail(f"{message}, although scripts/with-keyring started one")
        pytest.skip(f"{message}: run under scripts/with-keyring")
    created: list[str] = []
    yield created
    for vault_id in created:
        keyring_store.forget_data_key(vault_id)


def _vault_id() -> str:
    return unpack(paths().vault.read_bytes()).header["vault_id"]


def _init(secret_service, *args: str) -> str:
    rc, out, err = run_cli("init", *args, env=cli_env(keyring=True))
    assert rc == 0, err
    vault_id = _vault_id()
    secret_service.append(vault_id)
    return vault_id


def _check(env) -> dict:
    rc, out, err = run_cli("vault", "check", "--json", env=env)
    assert rc == 0, err
    return json.loads(out)


KEYRING_ONLY = dict(passphrase=None, keyring=True)  # no PRIVACY_TUI_PASSPHRASE, stdin not a terminal


def test_init_then_a_new_process_opens_without_passphrase(secret_service):
    vault_id = _init(secret_service)
    assert keyring_store.load_entry(vault_id) is not None
    assert unpack(paths().vault.read_bytes()).header["keyring"] is True
    rc, out, err = run_cli("company", "add", "Keyring Co", env=cli_env(**KEYRING_ONLY))
    assert rc == 0, err
    info = _check(cli_env(**KEYRING_ONLY))
    assert info["unlocked_by"] == "keyring" and info["counts"]["companies"] == 1


def test_no_keyring_env_requires_the_passphrase(secret_service):
    _init(secret_service)
    before = tree_snapshot(paths().home)
    rc, out, err = run_cli("company", "list", env=cli_env(passphrase=None, keyring=False))
    assert rc == 3
    assert_one_line_error(err, contains="PRIVACY_TUI_PASSPHRASE")
    assert tree_snapshot(paths().home) == before
    info = _check(cli_env(keyring=False))
    assert info["unlocked_by"] == "passphrase"


def test_deleted_entry_falls_back_to_passphrase_without_losing_data(secret_service):
    vault_id = _init(secret_service)
    rc, company_id, err = run_cli("company", "add", "Survivor Ltd", env=cli_env(**KEYRING_ONLY))
    assert rc == 0, err
    assert keyring_store.forget_data_key(vault_id)
    assert keyring_store.load_entry(vault_id) is None

    # Without the entry and without a passphrase: refused, nothing changed.
    before = tree_snapshot(paths().home)
    rc, out, err = run_cli("company", "list", env=cli_env(**KEYRING_ONLY))
    assert rc == 3
    assert_one_line_error(err, contains="locked")
    assert tree_snapshot(paths().home) == before

    # With the passphrase: everything is still there, and the entry is put back.
    rc, out, err = run_cli("company", "show", company_id.strip(), "--json", env=cli_env(keyring=True))
    assert rc == 0, err
    assert json.loads(out)["name"] == "Survivor Ltd"
    assert keyring_store.load_entry(vault_id) is not None
    assert _check(cli_env(**KEYRING_ONLY))["unlocked_by"] == "keyring"


def test_stale_entry_falls_back_to_passphrase(secret_service):
    vault_id = _init(secret_service)
    keyring_store.store_data_key(vault_id, os.urandom(32))  # a key that does not open this vault
    assert _check(cli_env(keyring=True))["unlocked_by"] == "passphrase"
    rc, out, err = run_cli("company", "list", env=cli_env(keyring=True))
    assert rc == 0, err
    # The correct key was written back over the stale one.
    assert _check(cli_env(**KEYRING_ONLY))["unlocked_by"] == "keyring"


def test_init_no_keyring_stores_nothing(secret_service):
    rc, out, err = run_cli("init", "--no-keyring", env=cli_env(keyring=True))
    assert rc == 0, err
    vault_id = _vault_id()
    secret_service.append(vault_id)
    assert keyring_store.load_entry(vault_id) is None
    assert unpack(paths().vault.read_bytes()).header["keyring"] is False
    rc, out, err = run_cli("company", "list", env=cli_env(**KEYRING_ONLY))
    assert rc == 3
    assert_one_line_error(err, contains="locked")
    assert _check(cli_env(keyring=True))["unlocked_by"] == "passphrase"
    assert keyring_store.load_entry(vault_id) is None  # opening with the passphrase does not add it


def test_passwd_keeps_keyring_access(secret_service):
    _init(secret_service)
    rc, out, err = run_cli("vault", "passwd", env=cli_env(keyring=True, PRIVACY_TUI_NEW_PASSPHRASE="brand new phrase"))
    assert rc == 0, err
    assert _check(cli_env(**KEYRING_ONLY))["unlocked_by"] == "keyring"
    rc, out, err = run_cli("company", "list", env=cli_env(keyring=False, passphrase=PASSPHRASE))
    assert rc == 3
    assert_one_line_error(err, contains="wrong passphrase")
    assert _check(cli_env(keyring=False, passphrase="brand new phrase"))["unlocked_by"] == "passphrase"


def test_fast_secret_service_read_matches_keyring(real_keyring):
    """remind reads the vault key through secretstorage directly; it must see what keyring wrote."""
    import keyring

    from privacy_tui.vault import keyring_store

    if not keyring_store._direct_ok():
        pytest.skip("not a plain Linux Secret Service session")
    service = "privacy-tui-test-direct"
    keyring.set_password(service, "someone", "s3cret value")
    try:
        assert keyring_store._secret_service_read(service, "someone") == "s3cret value"
        assert keyring_store.get_secret(service, "someone") == "s3cret value"
        assert keyring_store._secret_service_read(service, "nobody") is None
    finally:
        keyring.delete_password(service, "someone")
