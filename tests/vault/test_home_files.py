"""The home's files: symlinks and entries of the wrong type are refused (never followed, never
replaced), permissions are repaired on every open that writes, a foreign owner is reported."""

from __future__ import annotations

import os
import stat

import pytest
from support.cli import assert_one_line_error, run_main
from support.vault import PASSPHRASE, make_vault, tree_snapshot

from privacy_tui.vault import atomic

READ = ("company", "list")
WRITE = ("company", "add", "Should Not Be Saved")


@pytest.fixture
def home(vault):
    return vault


@pytest.fixture
def victim(tmp_path):
    """A file of the user's outside the home that a planted symlink points at."""
    target = tmp_path / "elsewhere" / "bashrc"
    target.parent.mkdir()
    target.write_bytes(b"export PATH=/usr/bin\n")
    return target


def _cases(home, victim):
    return {
        "vault.lock": lambda: _swap_for_symlink(home.lock, victim),
        "vault.ptv": lambda: _move_and_link(home.vault, victim),
        "summary.ptv": lambda: _swap_for_symlink(home.summary, victim),
        "backups": lambda: _swap_for_symlink(home.backups, victim.parent),
    }


def _swap_for_symlink(path, target):
    if path.is_dir() and not path.is_symlink():
        for f in path.iterdir():
            f.unlink()
        path.rmdir()
    elif os.path.lexists(path):
        path.unlink()
    path.symlink_to(target)


def _move_and_link(path, target):
    # The real vault moved elsewhere and linked: still refused, and the file there untouched.
    target.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(target)


@pytest.mark.parametrize("entry", ["vault.lock", "vault.ptv", "summary.ptv", "backups"])
@pytest.mark.parametrize("command", [READ, WRITE, ("vault", "backups"), ("vault", "check")], ids=["read", "write", "backups", "check"])
def test_a_symlink_in_the_home_is_refused_and_its_target_untouched(home, victim, capsys, entry, command):
    run_main(capsys, "company", "add", "Before Ltd")  # a lock file, a summary and a backup exist
    assert home.lock.exists() and home.summary.exists() and atomic.list_backups(home.backups)
    _cases(home, victim)[entry]()
    before = tree_snapshot(victim.parent)
    rc, out, err = run_main(capsys, *command)
    assert rc == 3, (out, err)
    message = assert_one_line_error(err, contains=(entry, "symlink"))
    assert "unsafe home" in message
    assert tree_snapshot(victim.parent) == before
    assert os.path.islink(home.home / entry)


@pytest.mark.parametrize(
    "entry,make,kind",
    [
        ("backups", lambda p: p.write_bytes(b"not a folder"), "a regular file"),
        ("vault.lock", lambda p: p.mkdir(), "a folder"),
        ("vault.lock", lambda p: os.mkfifo(p), "a FIFO"),
        ("summary.ptv", lambda p: p.mkdir(), "a folder"),
    ],
)
def test_an_entry_of_the_wrong_type_is_refused_with_a_clear_message(home, capsys, entry, make, kind):
    path = home.home / entry
    if path.is_dir():
        for f in path.iterdir():
            f.unlink()
        path.rmdir()
    elif os.path.lexists(path):
        path.unlink()
    make(path)
    vault_before = home.vault.read_bytes()
    for command in (READ, WRITE):
        rc, out, err = run_main(capsys, *command)
        assert rc == 3, (command, out, err)
        assert_one_line_error(err, contains=(entry, kind))
    assert home.vault.read_bytes() == vault_before


def test_a_vault_that_is_a_folder_is_refused(home, capsys):
    home.vault.unlink()
    home.vault.mkdir()
    rc, _, err = run_main(capsys, *READ)
    assert rc == 3
    assert_one_line_error(err, contains=("vault.ptv", "a folder, not a regular file"))


def test_a_symlinked_temp_file_is_replaced_never_written_through(home, victim):
    tmp = home.home / f".tmp-vault.ptv.{os.getpid()}"
    tmp.symlink_to(victim)
    atomic.replace_file(home.vault, home.vault.read_bytes(), backups=home.backups)
    assert victim.read_bytes() == b"export PATH=/usr/bin\n"
    assert not os.path.lexists(tmp)


def test_write_new_file_never_follows_a_symlink(tmp_path, victim):
    link = tmp_path / "new"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        atomic.write_new_file(link, b"x")
    assert victim.read_bytes() == b"export PATH=/usr/bin\n"


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_permissions_are_repaired_on_every_open_that_writes(home, capsys):
    run_main(capsys, "company", "add", "Before Ltd")
    backup = atomic.list_backups(home.backups)[-1]
    home.directory.mkdir(mode=0o755)
    listing = home.directory / "directory.json"
    listing.write_bytes(b"{}")
    home.config.write_bytes(b"{}")
    os.chmod(home.home, 0o777)
    os.chmod(home.backups, 0o777)
    for f in (backup, home.vault, home.summary, home.lock, listing, home.config):
        os.chmod(f, 0o644)
    # A read leaves them (and says nothing about them); the next write repairs every one.
    rc, _, err = run_main(capsys, *READ)
    assert rc == 0 and _mode(home.home) == 0o777
    rc, _, err = run_main(capsys, "company", "add", "After Ltd")
    assert rc == 0, err
    assert _mode(home.home) == 0o700 and _mode(home.backups) == 0o700 and _mode(home.directory) == 0o700
    for f in (backup, home.vault, home.summary, home.lock, listing, home.config, *atomic.list_backups(home.backups)):
        assert _mode(f) == 0o600, f
    assert err.count("\n") == 1 and err.startswith("warning: permissions repaired: ") and "0777 -> 0700" in err
    rc, _, err = run_main(capsys, "company", "add", "Third Ltd")
    assert rc == 0 and err == ""  # nothing left to repair, nothing said


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the home to another account needs root")
def test_a_home_owned_by_another_account_is_reported_on_every_command(home, capsys):
    os.chown(home.home, 4242, 4242)
    try:
        for command in (READ, WRITE):
            rc, out, err = run_main(capsys, *command)
            assert rc == 0, err
            lines = err.splitlines()
            assert len(lines) == 1 and lines[0].startswith("warning: ") and "another account (uid 4242" in lines[0]
        rc, _, err = run_main(capsys, "remind")
        assert "another account" in err
    finally:
        os.chown(home.home, 0, 0)


def test_a_home_that_is_a_symlink_to_a_folder_works(private_home, monkeypatch, tmp_path, capsys):
    """A data folder moved elsewhere and linked back is a normal setup, not an attack."""
    real = tmp_path / "real-home"
    real.mkdir(mode=0o700)
    private_home.parent.mkdir(parents=True, exist_ok=True)
    private_home.symlink_to(real)
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    make_vault()
    for name in ("One Ltd", "Two Ltd"):
        rc, _, err = run_main(capsys, "company", "add", name)
        assert rc == 0 and err == "", err
    rc, out, err = run_main(capsys, "company", "list")
    assert rc == 0 and "Two Ltd" in out and err == ""
    assert (real / "vault.ptv").is_file() and atomic.list_backups(real / "backups")


def test_a_home_that_is_a_file_is_refused(private_home, monkeypatch, capsys):
    private_home.parent.mkdir(parents=True, exist_ok=True)
    private_home.write_bytes(b"not a folder")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    for command in (("init",), READ):
        rc, _, err = run_main(capsys, *command)
        assert rc == 3, err
        assert_one_line_error(err, contains=("is not a folder",))
    assert private_home.read_bytes() == b"not a folder"


def test_a_lock_file_hard_linked_to_another_file_is_never_truncated(home, capsys, tmp_path):
    victim = home.home.parent / "dotfile"  # same file system as the home: a hard link is possible
    victim.write_bytes(b"precious\n")
    home.lock.unlink(missing_ok=True)
    os.link(victim, home.lock)
    rc, _, err = run_main(capsys, *WRITE)
    assert rc == 3
    assert_one_line_error(err, contains=("vault.lock", "hard links"))
    assert victim.read_bytes() == b"precious\n"


def test_a_vault_that_is_a_fifo_never_hangs_a_command(home, capsys):
    """`remind` reads the header first on its fast path: a FIFO must not block it."""
    home.vault.unlink()
    os.mkfifo(home.vault)
    for command in (("remind",), READ):
        rc, _, err = run_main(capsys, *command)
        assert rc == 3
        assert_one_line_error(err, contains=("vault.ptv", "a FIFO"))


def test_read_header_refuses_symlinks_and_fifos(home, tmp_path):
    from privacy_tui.vault.envelope import read_header

    assert read_header(home.vault) is not None
    link = tmp_path / "link.ptv"
    link.symlink_to(home.vault)
    fifo = tmp_path / "fifo.ptv"
    os.mkfifo(fifo)
    assert read_header(link) is None and read_header(fifo) is None
