"""A full disk or an unreadable vault: one line, exit 3, the vault unchanged, no temp file left.

The full disk is injected in-process (portable, no root or tmpfs needed): every write(2) or
fsync(2) on a file inside the home fails with ENOSPC, as it would on a full file system."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from support.cli import assert_one_line_error, run_main
from support.vault import open_vault, tree_snapshot

from privacy_tui.core.errors import VaultError
from privacy_tui.vault.store import Store


@pytest.fixture
def home(vault, capsys):
    rc, _, err = run_main(capsys, "company", "add", "Existing Ltd")
    assert rc == 0, err
    return vault


def _in(fd: int, folder: Path) -> bool:
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}")).is_relative_to(folder)
    except OSError:
        return False


@pytest.fixture
def full_disk(home, monkeypatch):
    """Make the home's file system full; returns a switch to turn it off again."""
    real_write, real_fsync = os.write, os.fsync
    state = {"full": True, "hits": 0, "only": None}

    def failing(real):
        def call(fd, *args):
            if state["full"] and _in(fd, home.home) and (state["only"] is None or state["only"](fd)):
                state["hits"] += 1
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(fd, *args)
        return call

    monkeypatch.setattr(os, "write", failing(real_write))
    monkeypatch.setattr(os, "fsync", failing(real_fsync))
    return state


def _files(home) -> set[str]:
    return {str(f.relative_to(home.home)) for f in home.home.rglob("*")}


@pytest.mark.parametrize("command", [
    ("company", "add", "Lost Ltd"),
    ("profile", "set", "--name", "Jo Example"),
    ("vault", "passwd"),
])
def test_a_full_disk_is_one_line_exit_3_and_leaves_the_vault_and_no_temp_file(home, full_disk, capsys, monkeypatch, command):
    monkeypatch.setenv("PRIVACY_TUI_NEW_PASSPHRASE", "another passphrase 123")
    before = tree_snapshot(home.home)
    rc, out, err = run_main(capsys, *command)
    assert full_disk["hits"] >= 1
    assert rc == 3, (out, err)
    assert_one_line_error(err, contains=("could not write the vault", "no space left on device", "nothing was changed"))
    full_disk["full"] = False
    after = tree_snapshot(home.home)
    after.pop("vault.lock"), before.pop("vault.lock")  # holds the writer's pid while it runs
    assert after == before  # no temp file, no new backup, the vault byte for byte
    rc, out, _ = run_main(capsys, "company", "list")
    assert rc == 0 and "Existing Ltd" in out and "Lost Ltd" not in out


def test_after_a_full_disk_the_same_session_goes_on_writing(home, full_disk):
    """The app keeps one Vault open: a failed write must not poison the later ones."""
    with open_vault(writable=True) as vault:
        store = Store(vault)
        company = store.companies()[0]
        with pytest.raises(VaultError, match="No space left on device"):
            store.save_company(company.__class__(**{**company.__dict__, "name": "Renamed Ltd"}))
        assert [c.name for c in store.companies()] == ["Existing Ltd"]  # memory matches the disk
        full_disk["full"] = False
        store.save_company(company.__class__(**{**company.__dict__, "name": "Renamed Ltd"}))
    with open_vault() as vault:
        assert [c.name for c in Store(vault).companies()] == ["Renamed Ltd"]
    assert not [f for f in _files(home) if ".tmp-" in f]


def test_a_summary_that_cannot_be_written_is_dropped_without_a_temp_file(home, full_disk, capsys):
    full_disk["only"] = lambda fd: ".tmp-summary.ptv" in os.readlink(f"/proc/self/fd/{fd}")
    rc, out, err = run_main(capsys, "company", "add", "Saved Ltd")
    assert rc == 0 and full_disk["hits"] >= 1, err
    assert not home.summary.exists()  # derived data: readers use the vault itself
    assert not [f for f in _files(home) if ".tmp-" in f]
    full_disk["full"] = False
    rc, out, _ = run_main(capsys, "company", "list")
    assert rc == 0 and "Saved Ltd" in out


def test_an_unreadable_vault_is_one_line_exit_3(home, monkeypatch, capsys):
    real_open = os.open

    def refusing(path, flags, *args, **kw):
        if Path(path) == home.vault:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", refusing)
    for command in (("company", "list"), ("company", "add", "X Ltd"), ("vault", "check")):
        rc, out, err = run_main(capsys, *command)
        assert rc == 3, (command, err)
        assert_one_line_error(err, contains=("cannot read the vault", "permission denied"))


def test_a_read_error_mid_file_is_one_line_exit_3(home, monkeypatch, capsys):
    real_read = os.read

    def failing(fd, n):
        if _in(fd, home.home) and os.readlink(f"/proc/self/fd/{fd}").endswith("vault.ptv"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", failing)
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 3
    assert_one_line_error(err, contains=("cannot read the vault", "input/output error"))


@pytest.mark.parametrize("exc,code", [
    (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/some/where/out.ptv"), 3),
    (OSError(errno.EIO, os.strerror(errno.EIO)), 3),
    (ConnectionResetError(errno.ECONNRESET, os.strerror(errno.ECONNRESET)), 4),
    (IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), "/some/where"), 2),
])
def test_an_os_error_no_command_expected_is_still_one_line_with_its_exit_code(home, capsys, monkeypatch, exc, code):
    import privacy_tui.services.vault_admin as vault_admin

    def failing(*args, **kw):
        raise exc

    monkeypatch.setattr(vault_admin, "backup_to", failing)
    rc, out, err = run_main(capsys, "vault", "backup", "/some/where/out.ptv")
    assert rc == code
    message = assert_one_line_error(err, contains=exc.strerror)
    assert "unexpected" not in message
    assert (exc.filename is None) or exc.filename in message


def test_an_export_to_a_folder_that_does_not_exist_is_one_line_exit_2(home, capsys, tmp_path):
    rc, out, err = run_main(capsys, "export", "json", str(tmp_path / "missing" / "x.json"), "--plaintext")
    assert rc == 2
    assert_one_line_error(err, contains=("cannot write", "no such file or directory"))


def test_a_failure_after_the_backup_link_removes_that_link_and_the_temp_file(home, monkeypatch, capsys):
    """The rename itself fails (EIO): the vault is unchanged, so no new backup and no temp file."""
    from privacy_tui.vault import atomic

    before = tree_snapshot(home.home)
    real_replace = os.replace

    def failing(src, dst, *args, **kw):
        if Path(dst) == home.vault:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_replace(src, dst, *args, **kw)

    monkeypatch.setattr(os, "replace", failing)
    rc, out, err = run_main(capsys, "company", "add", "Lost Ltd")
    assert rc == 3
    assert_one_line_error(err, contains=("could not write the vault", "input/output error"))
    after = tree_snapshot(home.home)
    after.pop("vault.lock"), before.pop("vault.lock")
    assert after == before and len(atomic.list_backups(home.backups)) == len(
        [k for k in before if k.startswith("backups/")])
