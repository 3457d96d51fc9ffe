"""When each reminder was last notified, per channel: `notified.ptv`, beside the vault.

`remind --notify/--email` must not repeat itself while the app holds the vault open for writing,
so this record lives outside the vault and is written without the vault's write lock: its own
small file, encrypted with the vault's data key (AES-GCM, the vault id and file kind as
associated data, so a record from another vault or of another kind never decrypts), replaced
atomically. What it holds is which request ids were notified on which day — about the user, so
never in clear text. It is derived data: losing it at worst repeats one day's notifications.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacy_tui.vault import atomic

MAGIC = b"PTNOTIF\x00"
# Far above any real record (a few dozen bytes per live reminder); a bigger file is not ours.
MAX_BYTES = 4 * 1024 * 1024
_NONCE = 12


def _aad(vault_id: str) -> bytes:
    return MAGIC + json.dumps({"vault_id": vault_id}, separators=(",", ":")).encode("ascii")


def _read_bounded(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, 65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
        return None
    except OSError:
        return None
    finally:
        os.close(fd)


@dataclass(frozen=True)
class NotifiedRecord:
    """The record of one vault: `read()` never fails (an unreadable record is empty), `write()`
    raises OSError only."""

    path: Path
    vault_id: str
    key: bytes = field(repr=False)

    def read(self) -> dict[str, Any] | None:
        """The stored record, or None when there is none that belongs to this vault."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        data = _read_bounded(self.path)
        aad = _aad(self.vault_id)
        if data is None or not data.startswith(MAGIC) or len(data) < len(aad) + _NONCE + 16:
            return None
        if data[: len(aad)] != aad:
            return None
        nonce, ciphertext = data[len(aad) : len(aad) + _NONCE], data[len(aad) + _NONCE :]
        try:
            record = json.loads(AESGCM(self.key).decrypt(nonce, ciphertext, aad))
        except (InvalidTag, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def write(self, record: dict[str, Any]) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        aad = _aad(self.vault_id)
        nonce = os.urandom(_NONCE)
        plaintext = json.dumps(record, sort_keys=True, separators=(",", ":")).encode("utf-8")
        atomic.replace_file(self.path, aad + nonce + AESGCM(self.key).encrypt(nonce, plaintext, aad))


__all__ = ["MAX_BYTES", "NotifiedRecord"]
