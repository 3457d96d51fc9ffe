"""Nothing personal reaches the disk unencrypted: a full CLI session with a random canary in every
field leaves no file, anywhere the processes wrote, that contains the canary in UTF-8 or UTF-16."""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from helpers_vault import PASSPHRASE, cli_env, open_vault, run_cli
from privacy_tui.vault.store import Store

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")
_SYSTEM_TEMP = (Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"))


def _needles(canary: str) -> list[bytes]:
    return [canary.encode(enc) for enc in ENCODINGS]


def _files(root: Path, *, since: float | None = None, skip: tuple[Path, ...] = ()):
    if not root.is_dir():
        return
    for f in root.rglob("*"):
        try:
            if any(f.is_relative_to(s) for s in skip) or not f.is_file() or f.is_symlink():
                continue
            if since is not None and f.stat().st_mtime < since:
                continue
        except OSError:
            continue
        yield f


def find_canary(roots, canary: str, *, since: float | None = None, skip: tuple[Path, ...] = ()) -> list[str]:
    """Files under `roots` whose bytes contain the canary in any of ENCODINGS."""
    needles = _needles(canary)
    hits = []
    for root in roots:
        for f in _files(root, since=since, skip=skip):
            try:
                data = f.read_bytes()
            except OSError:
                continue
            hits += [f"{f} ({enc})" for enc, n in zip(ENCODINGS, needles) if n in data]
    return hits


def test_scanner_finds_the_canary_in_every_encoding(tmp_path):
    """The scan below can fail: it does find the canary when it is there."""
    canary = "ptcanary" + secrets.token_hex(8)
    for enc in ENCODINGS:
        (tmp_path / enc).mkdir()
        (tmp_path / enc / "f.bin").write_bytes(b"\x00junk" + canary.encode(enc) + b"junk")
        assert find_canary([tmp_path / enc], canary) == [f"{tmp_path / enc / 'f.bin'} ({enc})"]
    assert find_canary([tmp_path], "ptcanary" + secrets.token_hex(8)) == []


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
    assert find_canary(_SYSTEM_TEMP, canary, since=started, skip=(control,)) == []
    assert (private_home / "vault.ptv").is_file() and list((private_home / "backups").iterdir())

    # Positive control: the explicit plaintext export does contain it, and the scan sees that.
    cli("export", "json", str(control / "export.json"), "--plaintext")
    assert find_canary([control], canary) == [f"{control / 'export.json'} (utf-8)"]
    with open_vault() as vault:
        assert canary in Store(vault).profile().name
