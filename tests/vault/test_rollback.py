"""Rollback: copying an older vault.ptv + summary.ptv back is reported on every command (and by
`vault check`) until `vault accept-rollback`; a `vault restore` is the user's choice and is not.

Without a keyring the newest backup holds the counter; with the real keyring (run under
scripts/with-keyring) the keyring entry does, so deleting the backups hides nothing."""

from __future__ import annotations

import json
import shutil

import pytest
from support.cli import run_main
from support.vault import PASSPHRASE, make_vault

from privacy_tui.vault import keyring_store
from privacy_tui.vault.envelope import read_header
from privacy_tui.vault.paths import paths


@pytest.fixture
def no_keyring(monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")


@pytest.fixture
def keyring_only(monkeypatch, real_keyring):
    monkeypatch.delenv("PRIVACY_TUI_NO_KEYRING", raising=False)
    monkeypatch.delenv("PRIVACY_TUI_PASSPHRASE", raising=False)
    created = []
    yield created
    for vault_id in created:
        keyring_store.forget_data_key(vault_id)


def _add(capsys, name: str) -> str:
    rc, out, err = run_main(capsys, "company", "add", name)
    assert rc == 0, err
    return err


def _copy_old(tmp_path):
    p = paths()
    saved = tmp_path / "old"
    saved.mkdir()
    for f in (p.vault, p.summary):
        shutil.copy2(f, saved / f.name)
    return saved


def _put_back(saved):
    p = paths()
    for f in saved.iterdir():
        shutil.copyfile(f, p.home / f.name)


def _warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if "rolled back" in line]


def _assert_warned(err: str) -> None:
    lines = _warning_lines(err)
    assert len(lines) == 1, err
    assert lines[0].startswith("warning: ") and "`privacy-tui vault accept-rollback`" in lines[0]


def test_an_older_copy_put_back_warns_on_every_command_until_accepted(no_keyring, capsys, tmp_path):
    make_vault()
    _add(capsys, "Kept Ltd")
    saved = _copy_old(tmp_path)
    _add(capsys, "Later Ltd")
    _add(capsys, "Latest Ltd")
    _put_back(saved)

    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and "Kept Ltd" in out and "Later Ltd" not in out
    _assert_warned(err)
    rc, out, err = run_main(capsys, "remind")  # the fast path (summary) defers to the full open
    _assert_warned(err)
    rc, out, err = run_main(capsys, "vault", "check", "--json")
    assert rc == 3
    report = json.loads(out)
    assert report["ok"] is False and report["rollback"]["source"] == "backups"
    assert report["rollback"] == {"generation": 2, "seen": 4, "source": "backups"}  # init, Kept | Later, Latest
    rc, out, err = run_main(capsys, "vault", "check")
    assert rc == 3 and "rolled back" in out

    # Writing to it does not make the warning go away, however many writes there are.
    for n in range(4):
        _assert_warned(_add(capsys, f"New {n} Ltd"))
    rc, out, err = run_main(capsys, "company", "list")
    _assert_warned(err)

    rc, out, err = run_main(capsys, "vault", "accept-rollback")
    assert rc == 0 and "accepted" in out, err
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and err == "" and "New 3 Ltd" in out
    rc, out, err = run_main(capsys, "vault", "check", "--json")
    assert rc == 0 and json.loads(out)["rollback"] is None
    rc, out, err = run_main(capsys, "vault", "accept-rollback")
    assert rc == 0 and "nothing to accept" in out


def test_normal_use_never_warns(no_keyring, capsys):
    make_vault()
    for n in range(3):
        assert _add(capsys, f"Co {n}") == ""
    rc, out, err = run_main(capsys, "vault", "check", "--json")
    assert rc == 0 and err == "" and json.loads(out)["rollback"] is None
    assert read_header(paths().vault)["generation"] == 4  # init + three writes


def test_an_old_vault_without_a_counter_opens_without_warning(no_keyring, capsys):
    """Vaults written before the counter existed have none anywhere: generation 0, no warning."""
    from privacy_tui.vault.vault import Vault

    p, _ = make_vault()
    vault = Vault.open(p, passphrase=PASSPHRASE)
    header = {k: v for k, v in vault.header.items() if k != "generation"}
    doc = vault.export_document()
    vault.close()
    shutil.rmtree(p.backups, ignore_errors=True)
    p.vault.write_bytes(Vault.seal(header, vault._key, doc)[1])
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and err == ""
    assert _add(capsys, "First Ltd") == ""
    assert read_header(p.vault)["generation"] == 1


def test_vault_restore_of_an_older_backup_is_not_a_rollback(no_keyring, capsys, tmp_path):
    make_vault()
    _add(capsys, "Kept Ltd")
    rc, _, err = run_main(capsys, "vault", "backup", str(tmp_path / "copy.ptv"))
    assert rc == 0, err
    _add(capsys, "Later Ltd")
    rc, out, err = run_main(capsys, "vault", "restore", str(tmp_path / "copy.ptv"))
    assert rc == 0, err
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and err == "" and "Kept Ltd" in out and "Later Ltd" not in out


def test_the_keyring_remembers_the_newest_version_when_the_backups_are_gone_too(keyring_only, capsys, tmp_path):
    p, _ = make_vault(use_keyring=True)
    vault_id = read_header(p.vault)["vault_id"]
    keyring_only.append(vault_id)
    _add(capsys, "Kept Ltd")
    saved = _copy_old(tmp_path)
    _add(capsys, "Later Ltd")
    assert keyring_store.load_entry(vault_id)[1] == read_header(p.vault)["generation"] == 3
    shutil.rmtree(p.backups)  # the attacker brings back the old backups folder, or none
    _put_back(saved)
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and "Later Ltd" not in out
    _assert_warned(err)
    assert "per the keyring" in err
    rc, out, err = run_main(capsys, "vault", "check", "--json")
    assert rc == 3 and json.loads(out)["rollback"]["source"] == "keyring"
    rc, out, err = run_main(capsys, "vault", "accept-rollback")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and err == ""
    assert keyring_store.load_entry(vault_id)[1] == read_header(p.vault)["generation"]


def test_a_keyring_entry_holding_only_the_key_still_opens(keyring_only, capsys):
    """Entries written before the counter existed: the key alone, base64."""
    import base64

    p, _ = make_vault(use_keyring=True)
    vault_id = read_header(p.vault)["vault_id"]
    keyring_only.append(vault_id)
    key, _ = keyring_store.load_entry(vault_id)
    keyring_store.set_secret(keyring_store.SERVICE, vault_id, base64.b64encode(key).decode())
    assert keyring_store.load_entry(vault_id) == (key, 0)
    rc, out, err = run_main(capsys, "company", "add", "Opened Ltd")
    assert rc == 0 and err == "", err
    assert keyring_store.load_entry(vault_id) == (key, read_header(p.vault)["generation"])
