"""Helpers shared by the vault tests: make and open a vault, craft vault files, prove nothing changed."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from privacy_tui.vault.paths import Paths, paths
from privacy_tui.vault.vault import Vault

PASSPHRASE = "correct horse battery staple"


def make_vault(p: Paths | None = None, *, passphrase: str = PASSPHRASE, use_keyring: bool = False) -> tuple[Paths, str]:
    """Create a vault (closed again); returns its paths and the recovery key."""
    p = p or paths()
    vault, recovery = Vault.create(p, passphrase, use_keyring=use_keyring)
    vault.close()
    return p, recovery


def open_vault(p: Paths | None = None, *, writable: bool = False, passphrase: str = PASSPHRASE) -> Vault:
    return Vault.open(p or paths(), writable=writable, passphrase=passphrase)


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
