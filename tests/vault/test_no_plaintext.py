"""Nothing personal reaches the disk unencrypted: a full CLI session with a random canary in every
field leaves no file, anywhere the processes wrote, that contains the canary in UTF-8 or UTF-16."""

from __future__ import annotations

import json
import os
import re
import secrets
import stat
import time
from pathlib import Path

import pytest
from support.cli import cli_env, run_cli
from support.vault import PASSPHRASE, open_vault

from privacy_tui.vault.store import Store

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_SYSTEM_TEMP = (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))


def _needles(canary: str) -> list[bytes]:
    return [canary.encode(enc) for enc in ENCODINGS]


# What another process (another test run, the keyring daemon) may do while we walk: remove an
# entry, or replace a folder by a file. What has vanished holds nothing to find.
_VANISHED = (FileNotFoundError, NotADirectoryError)


def _files(root: Path, *, since: float | None = None, skip: tuple[Path, ...] = (), shared: bool = False):
    """Regular files under `root`. An entry that vanishes during the walk is passed over; in a
    `shared` folder (the system temp dirs, other users' folders) so is one we may not enter.
    Any other error fails the scan, so nothing that exists is ever skipped unseen."""
    tolerated = _VANISHED + ((PermissionError,) if shared else ())

    def onerror(exc: OSError) -> None:
        if not isinstance(exc, tolerated):
            raise exc

    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root, onerror=onerror):
        here = Path(folder)
        if any(here.is_relative_to(s) for s in skip):
            dirs[:] = []
            continue
        for name in names:
            f = here / name
            try:
                st = f.lstat()
            except tolerated:
                continue
            if not stat.S_ISREG(st.st_mode) or (since is not None and st.st_mtime < since):
                continue  # symlinks, sockets, FIFOs: nothing of ours is written through them
            yield f


def find_canary(roots, canary: str, *, since: float | None = None, skip: tuple[Path, ...] = (),
                shared: bool = False) -> list[str]:
    """Files under `roots` whose bytes contain the canary in any of ENCODINGS."""
    tolerated = _VANISHED + ((PermissionError,) if shared else ())
    needles = _needles(canary)
    hits = []
    for root in roots:
        for f in _files(root, since=since, skip=skip, shared=shared):
            try:
                data = f.read_bytes()
            except tolerated:
                continue
            hits += [f"{f} ({enc})" for enc, n in zip(ENCODINGS, needles, strict=True) if n in data]
    return hits


def test_scanner_finds_the_canary_in_every_encoding(tmp_path):
    """The scan below can fail: it does find the canary when it is there."""
    canary = "ptcanary" + secrets.token_hex(8)
    for enc in ENCODINGS:
        (tmp_path / enc).mkdir()
        (tmp_path / enc / "f.bin").write_bytes(b"\x00junk" + canary.encode(enc) + b"junk")
        assert find_canary([tmp_path / enc], canary) == [f"{tmp_path / enc / 'f.bin'} ({enc})"]
    assert find_canary([tmp_path], "ptcanary" + secrets.token_hex(8)) == []


def test_scan_of_a_shared_folder_survives_entries_vanishing_during_the_walk(tmp_path, monkeypatch):
    """Another process deletes a folder (and a file) between listing and reading: the scan goes
    on and still finds the canary in everything that remains."""
    canary = "ptcanary" + secrets.token_hex(8)
    for name in ("a", "gone", "z"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.bin").write_bytes(canary.encode())
    real_scandir = os.scandir

    def racing_scandir(path):
        path = Path(path)
        if path == tmp_path / "gone" and path.exists():
            (path / "f.bin").unlink()
            path.rmdir()  # vanished after its parent was listed
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", racing_scandir)
    for shared in (True, False):
        (tmp_path / "gone").mkdir(exist_ok=True)
        (tmp_path / "gone" / "f.bin").write_bytes(canary.encode())
        hits = find_canary([tmp_path], canary, shared=shared)
        assert sorted(hits) == [f"{tmp_path / n / 'f.bin'} (utf-8)" for n in ("a", "z")]


def test_a_folder_the_scan_may_not_enter_fails_it_outside_shared_folders(tmp_path, monkeypatch):
    """Only vanishing is forgiven in our own folders: an unreadable one would hide its files."""
    canary = "ptcanary" + secrets.token_hex(8)
    (tmp_path / "closed").mkdir()
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "f.bin").write_bytes(canary.encode())
    real_scandir = os.scandir

    def refusing(path):
        if Path(path) == tmp_path / "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert find_canary([tmp_path], canary, shared=True) == [f"{tmp_path / 'open' / 'f.bin'} (utf-8)"]
    with pytest.raises(PermissionError):
        find_canary([tmp_path], canary)


def test_full_cli_session_leaves_no_plaintext(private_home, tmp_path):
    canary = "ptcanary" + secrets.token_hex(8)
    tmpdir, cwd, out, control = (tmp_path / n for n in ("tmpdir", "cwd", "out", "control"))
    for d in (tmpdir, cwd, out, control):
        d.mkdir()
    new_passphrase = "a new passphrase 456"
    env = cli_env(TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir))
    env_new = dict(env, PRIVACY_TUI_PASSPHRASE=new_passphrase)
    started = time.time() - 1  # mtime granularity

    def cli(*args: str, env=env) -> str:
        rc, stdout, stderr = run_cli(*args, env=env, cwd=cwd)
        assert rc == 0, (args, stdout, stderr)
        return stdout

    init_out = cli("init")
    recovery = re.search(r"([0-9A-Z]{5}(?:-[0-9A-Z]{5}){7})", init_out).group(1)
    company_id = cli(
        "company", "add", f"{canary} Holdings", "--email", f"dpo.{canary}@example.org", "--website", f"https://{canary}.example",
        "--webform", f"https://example.org/{canary}", "--address", f"1 {canary} Road", "--country", "GB", "--regime", "gdpr",
        "--category", "A", "--alias", f"{canary} brand", "--notes", f"note {canary}",
    ).strip()
    cli("company", "edit", company_id, "--notes", f"edited {canary}", "--email", f"new.{canary}@example.org")
    cli("company", "add", f"Second {canary}")
    cli("profile", "set", "--name", f"Jo {canary}", "--email", f"jo.{canary}@example.org", "--address", f"2 {canary} Street",
        "--country", "GB", "--state", "SCT", "--phone", "+44 1234 567890")
    cli("profile", "set", "--extra", f"customer_number={canary}")
    # The canary really went in (so finding none on disk means something).
    assert canary in cli("company", "list") and canary in cli("company", "list", "--json")
    assert canary in cli("company", "show", company_id, "--json") and canary in cli("company", "show", company_id)
    assert canary in cli("profile", "show") and canary in json.loads(cli("profile", "show", "--json"))["extra"]["customer_number"]
    cli("vault", "check")
    cli("vault", "check", "--json")
    cli("vault", "backups")
    cli("vault", "passwd", env=dict(env, PRIVACY_TUI_NEW_PASSPHRASE=new_passphrase))
    cli("vault", "backup", str(out / "copy.ptv"), env=env_new)
    cli("company", "remove", company_id, env=env_new)
    cli("vault", "restore", str(out / "copy.ptv"), env=env_new)
    cli("vault", "recover", env=dict(env, PRIVACY_TUI_RECOVERY_KEY=recovery, PRIVACY_TUI_NEW_PASSPHRASE=PASSPHRASE))
    cli("locate")
    assert canary in cli("company", "show", company_id)  # the restore brought it back

    # Where the processes could have written: the home (and HOME, XDG dirs around it), TMPDIR,
    # the working directory, the backup's folder, and any file touched since in the system temp dirs.
    roots = [private_home.parent, tmpdir, cwd, out]
    assert find_canary(roots, canary) == []
    assert find_canary(_SYSTEM_TEMP, canary, since=started, skip=(control,), shared=True) == []
    assert (private_home / "vault.ptv").is_file() and list((private_home / "backups").iterdir())

    # Positive control: the explicit plaintext export does contain it, and the scan sees that.
    cli("export", "json", str(control / "export.json"), "--plaintext")
    assert find_canary([control], canary) == [f"{control / 'export.json'} (utf-8)"]
    with open_vault() as vault:
        assert canary in Store(vault).profile().name
