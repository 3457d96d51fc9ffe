"""Every way the vault can be unusable is refused the same way: exit code 3, one line
`error: <what is wrong>; <what to do>` on stderr, no traceback, and not one byte changed on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support.cli import assert_one_line_error, cli_env, run_cli
from support.vault import PASSPHRASE, fix_crc, layout, make_vault, open_vault, tree_snapshot, with_format_version

from privacy_tui.core.errors import VaultError
from privacy_tui.vault.paths import Paths, paths

READ = ("company", "list")
WRITE = ("company", "add", "Should Not Be Saved")


@pytest.fixture
def vault_bytes() -> bytes:
    p, _ = make_vault()
    rc, out, err = run_cli("company", "add", "Existing Ltd", "--email", "privacy@existing.example")
    assert rc == 0, err
    return p.vault.read_bytes()


def _assert_refused(args, *, env=None, contains=()) -> str:
    """Run the CLI and check the refusal contract; returns the error message."""
    home = paths().home
    before = tree_snapshot(home)
    rc, out, err = run_cli(*args, env=env)
    assert rc == 3, (args, rc, out, err)
    message = assert_one_line_error(err, contains=contains)
    assert out == ""
    assert tree_snapshot(home) == before, "a refused command changed files under the home folder"
    return message


def _refused_both_ways(contains, env=None) -> None:
    _assert_refused(READ, env=env, contains=contains)
    _assert_refused(WRITE, env=env, contains=contains)


# --- keys ------------------------------------------------------------------------------------

def test_wrong_passphrase(vault_bytes):
    _refused_both_ways(("wrong passphrase", "vault recover"), env=cli_env(passphrase="not the passphrase"))


def test_no_keyring_entry_and_no_passphrase(vault_bytes):
    # No keyring, no PRIVACY_TUI_PASSPHRASE, stdin not a terminal: refuse instead of hanging on a prompt.
    _refused_both_ways(("locked", "PRIVACY_TUI_PASSPHRASE"), env=cli_env(passphrase=None))


def test_wrong_recovery_key(vault_bytes):
    env = cli_env(PRIVACY_TUI_RECOVERY_KEY="AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA",
                  PRIVACY_TUI_NEW_PASSPHRASE="new passphrase 123")
    _assert_refused(("vault", "recover"), env=env, contains="wrong recovery key")


# --- damaged or foreign files ----------------------------------------------------------------

@pytest.mark.parametrize("keep", ["empty", 4, 8, 20, "half", "minus1", "minus5"])
def test_truncated_file(vault_bytes, keep):
    n = {"empty": 0, "half": len(vault_bytes) // 2, "minus1": len(vault_bytes) - 1, "minus5": len(vault_bytes) - 5}.get(keep, keep)
    paths().vault.write_bytes(vault_bytes[:n])
    message = _assert_refused(READ, contains="restore")
    assert "truncated" in message or "damaged" in message
    _assert_refused(WRITE, contains="restore")


@pytest.mark.parametrize("part", ["header", "ciphertext"])
def test_flipped_byte(vault_bytes, part):
    r = layout(vault_bytes)[part]
    data = bytearray(vault_bytes)
    data[r.start + 5] ^= 0x10
    paths().vault.write_bytes(bytes(data))
    _refused_both_ways(("damaged", "restore"))
    # Also when the checksum is made to match (a deliberate edit): authentication still refuses it.
    paths().vault.write_bytes(fix_crc(bytes(data)))
    _refused_both_ways("restore")


def test_newer_format_version(vault_bytes):
    paths().vault.write_bytes(with_format_version(vault_bytes, 2))
    message = _assert_refused(READ, contains=("newer", "upgrade"))
    assert "format 2" in message
    _assert_refused(WRITE, contains="upgrade")


def test_newer_record_schema(vault_bytes):
    # A vault whose records were written by a newer privacy-tui (schema > ours) is refused, not rewritten.
    with open_vault(writable=True) as vault:
        doc = vault.export_document()
        doc["meta"]["1"]["schema"] = 99
        vault._write_doc(doc)
    _refused_both_ways(("schema 99", "upgrade"))


@pytest.mark.parametrize("content", [
    b"",
    json.dumps({"_default": {"1": {"name": "plain tinydb"}}}).encode(),
    b"hello, I am a text file\n",
    os.urandom(4096),
    b"\x00" * 100,
])
def test_not_a_vault(private_home, content):
    make_vault()
    paths().vault.write_bytes(content)
    expected = "truncated" if content == b"" else "not a privacy-tui vault"
    _refused_both_ways((expected, "restore"))


def test_missing_vault_says_how_to_create_one(private_home):
    rc, out, err = run_cli(*READ)
    assert rc == 3
    assert_one_line_error(err, contains="privacy-tui init")
    assert not (private_home / "vault.ptv").exists()


# --- restore refuses bad backups and keeps the current vault ---------------------------------

def test_restore_refuses_bad_files(vault_bytes, tmp_path):
    bad = {
        "truncated": vault_bytes[: len(vault_bytes) // 3],
        "newer": with_format_version(vault_bytes, 7),
        "foreign": b'{"_default": {}}',
    }
    flipped = bytearray(vault_bytes)
    flipped[layout(vault_bytes)["ciphertext"].start] ^= 1
    bad["tampered"] = fix_crc(bytes(flipped))
    for name, data in bad.items():
        f = tmp_path / f"{name}.ptv"
        f.write_bytes(data)
        _assert_refused(("vault", "restore", str(f)))
        assert paths().vault.read_bytes() == vault_bytes


def test_restore_refuses_a_backup_whose_passphrase_is_wrong(vault_bytes, tmp_path):
    other = make_vault(Paths(tmp_path / "other"), passphrase="another passphrase")[0]
    _assert_refused(("vault", "restore", str(other.vault)), contains="wrong passphrase")
    assert paths().vault.read_bytes() == vault_bytes


# --- one writer at a time --------------------------------------------------------------------

_HOLDER = r"""
import os, sys
from pathlib import Path
from privacy_tui.vault.paths import Paths
from privacy_tui.vault.vault import Vault

vault = Vault.open(Paths(Path(sys.argv[1])), writable=True, passphrase=sys.argv[2])
print(f"ready {os.getpid()}", flush=True)
sys.stdin.read()  # hold the vault until the test closes our stdin
vault.close()
"""


def test_second_writer_is_refused_with_the_other_pid(vault_bytes):
    p = paths()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(p.home), PASSPHRASE],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
    )
    try:
        line = holder.stdout.readline()
        assert line.startswith("ready "), holder.stderr.read()
        pid = int(line.split()[1])
        assert pid == holder.pid
        message = _assert_refused(WRITE, contains=(f"pid {pid}", "try again"))
        assert "another privacy-tui process" in message
        _assert_refused(("profile", "set", "--name", "X"), contains=f"pid {pid}")
        with pytest.raises(VaultError, match=f"pid {pid}"):
            open_vault(writable=True)
        # Readers are not blocked by a writer.
        rc, out, err = run_cli(*READ)
        assert rc == 0 and "Existing Ltd" in out, err
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0, holder.stderr.read()
        holder.stdout.close()
        holder.stderr.close()
    # Once the holder is gone, writing works again.
    rc, out, err = run_cli(*WRITE)
    assert rc == 0, err
    assert p.vault.read_bytes() != vault_bytes
