"""Helpers shared by the vault and CLI-foundation tests: make a vault, run the CLI, check refusals."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from privacy_tui.vault.paths import Paths, paths
from privacy_tui.vault.vault import Vault

REPO = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"


def cli_env(*, passphrase: str | None = PASSPHRASE, keyring: bool = False, **extra: str) -> dict[str, str]:
    """Environment for a CLI subprocess: the test's home, fast KDF (conftest.py), no keyring unless asked.

    `passphrase=None` leaves PRIVACY_TUI_PASSPHRASE unset (the vault must come from the keyring).
    """
    env = dict(os.environ)
    # The package may not be installed in the venv: make `-m privacy_tui` find this checkout.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.pop("PRIVACY_TUI_DEBUG", None)
    env.pop("PRIVACY_TUI_PASSPHRASE", None)
    env.pop("PRIVACY_TUI_NO_KEYRING", None)
    if passphrase is not None:
        env["PRIVACY_TUI_PASSPHRASE"] = passphrase
    if not keyring:
        env["PRIVACY_TUI_NO_KEYRING"] = "1"
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None,
            timeout: float = 60) -> tuple[int, str, str]:
    """Run `python -m privacy_tui ARGS` (stdin is never a terminal); returns (rc, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "privacy_tui", *args],
        env=cli_env() if env is None else env,
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        cwd=str(cwd) if cwd else None,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr


def make_vault(p: Paths | None = None, *, passphrase: str = PASSPHRASE, use_keyring: bool = False) -> tuple[Paths, str]:
    """Create a vault (closed again); returns its paths and the recovery key."""
    p = p or paths()
    vault, recovery = Vault.create(p, passphrase, use_keyring=use_keyring)
    vault.close()
    return p, recovery


def open_vault(p: Paths | None = None, *, writable: bool = False, passphrase: str = PASSPHRASE) -> Vault:
    return Vault.open(p or paths(), writable=writable, passphrase=passphrase)


def assert_one_line_error(stderr: str, *, contains: str | tuple[str, ...] = ()) -> str:
    """stderr is exactly one line `error: ...`, no traceback; returns the message."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {stderr!r}"
    assert stderr.endswith("\n")
    assert lines[0].startswith("error: "), stderr
    message = lines[0][len("error: "):]
    assert message.strip(), stderr
    wanted = (contains,) if isinstance(contains, str) else contains
    for part in wanted:
        assert part.lower() in message.lower(), f"{part!r} not in {message!r}"
    return message


# --- crafting vault files --------------------------------------------------------------------

MAGIC_LEN = 8
_PREFIX = struct.Struct(">HI")


def fix_crc(data: bytes) -> bytes:
    """Recompute the CRC32 trailer, as an attacker (or a newer writer) would."""
    body = data[:-4]
    return body + struct.pack(">I", zlib.crc32(body))


def with_format_version(data: bytes, version: int) -> bytes:
    """The same vault claiming another format version, with a valid checksum."""
    body = bytearray(data[:-4])
    struct.pack_into(">H", body, MAGIC_LEN, version)
    return fix_crc(bytes(body) + b"\0\0\0\0")


def layout(data: bytes) -> dict[str, range]:
    """Byte ranges of the envelope's parts (magic, version, header length, header, ciphertext, crc)."""
    version_at = MAGIC_LEN
    _, header_len = _PREFIX.unpack_from(data, version_at)
    header_at = version_at + _PREFIX.size
    body_at = header_at + header_len
    return {
        "magic": range(0, MAGIC_LEN),
        "version": range(version_at, version_at + 2),
        "header_len": range(version_at + 2, header_at),
        "header": range(header_at, body_at),
        "ciphertext": range(body_at, len(data) - 4 - 16),
        "gcm_tag": range(len(data) - 4 - 16, len(data) - 4),
        "crc": range(len(data) - 4, len(data)),
    }


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes (to prove a refusal changed nothing at all)."""
    return {str(f.relative_to(root)): f.read_bytes() for f in sorted(root.rglob("*")) if f.is_file()}
