"""The vault file's envelope: a plaintext header, the ciphertext, and a checksum.

    MAGIC (8) | format version (u16 BE) | header length (u32 BE) | header JSON | ciphertext | CRC32 (u32 BE)

The header holds no personal data: the vault id, key-derivation name and parameters, salt,
the data key wrapped twice (passphrase slot, recovery slot), the data nonce and whether the
key is mirrored in the OS keyring. Everything before the ciphertext is the AES-GCM
associated data, so any change to it fails authentication. The CRC32 trailer is not a
security measure (GCM is); it lets us tell "this file is damaged" apart from "wrong passphrase"
before any key is involved.
"""

from __future__ import annotations

import json
import os
import stat
import struct
import zlib
from dataclasses import dataclass

from privacy_tui.core.errors import VaultError

MAGIC = b"PTVAULT\x00"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">HI")
_TRAILER = struct.Struct(">I")
_MIN_SIZE = len(MAGIC) + _PREFIX.size + 2 + 16 + _TRAILER.size
_MAX_HEADER = 64 * 1024

RESTORE_HINT = "restore a backup with `privacy-tui vault restore FILE` (see `privacy-tui locate` for the backups folder)"


@dataclass(frozen=True)
class Envelope:
    header: dict
    aad: bytes  # the exact header bytes as stored, authenticated with the ciphertext
    ciphertext: bytes | memoryview  # a view into the file's bytes: a 10 MB vault is not copied


def pack(header: dict, encrypt) -> bytes:
    """Serialise the header and let `encrypt(aad)` produce the ciphertext bound to it."""
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    aad = MAGIC + _PREFIX.pack(FORMAT_VERSION, len(header_bytes)) + header_bytes
    ciphertext = encrypt(aad)
    crc = zlib.crc32(ciphertext, zlib.crc32(aad))  # the CRC of aad + ciphertext, without concatenating
    return b"".join((aad, ciphertext, _TRAILER.pack(crc)))


def unpack(data: bytes, *, name: str = "vault") -> Envelope:
    # An empty file, or one cut inside the magic bytes, is a truncated vault, not a foreign file.
    if len(data) < _MIN_SIZE and MAGIC.startswith(data[: len(MAGIC)]):
        raise VaultError(f"{name} is truncated ({len(data)} bytes); {RESTORE_HINT}")
    if not data.startswith(MAGIC):
        raise VaultError(
            f"{name} is not a privacy-tui vault (wrong magic bytes); use a file written by privacy-tui, or {RESTORE_HINT}"
        )
    # Slices of a memoryview share the file's bytes: no 10 MB copies on the way to the cipher.
    view = memoryview(data)
    # The version comes before the checksum: a future format may end differently.
    version, header_len = _PREFIX.unpack_from(view, len(MAGIC))
    if version > FORMAT_VERSION:
        raise VaultError(
            f"{name} was written by a newer privacy-tui (format {version}, this one reads up to {FORMAT_VERSION}); upgrade privacy-tui"
        )
    body, (crc,) = view[: -_TRAILER.size], _TRAILER.unpack(view[-_TRAILER.size :])
    if zlib.crc32(body) != crc:
        raise VaultError(f"{name} is damaged or truncated (checksum mismatch); {RESTORE_HINT}")
    if version < 1:
        raise VaultError(f"{name} has an invalid format version {version}; {RESTORE_HINT}")
    start = len(MAGIC) + _PREFIX.size
    if header_len > _MAX_HEADER or start + header_len > len(body):
        raise VaultError(f"{name} is damaged (bad header length); {RESTORE_HINT}")
    try:
        header = json.loads(bytes(body[start : start + header_len]).decode("ascii"))
        if not isinstance(header, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        raise VaultError(f"{name} is damaged (unreadable header); {RESTORE_HINT}") from None
    return Envelope(header=header, aad=bytes(body[: start + header_len]), ciphertext=body[start + header_len :])


def read_header(path) -> dict | None:
    """The plaintext header alone, without reading (or verifying) the body; None if unreadable.

    Only for fast paths that authenticate what they use some other way (vault/summary.py).
    """
    try:
        # Never through a symlink, never blocking on a FIFO: only a regular file has a header.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as f:
            prefix = f.read(len(MAGIC) + _PREFIX.size)
            if len(prefix) < len(MAGIC) + _PREFIX.size or not prefix.startswith(MAGIC):
                return None
            version, header_len = _PREFIX.unpack_from(prefix, len(MAGIC))
            if version != FORMAT_VERSION or header_len > _MAX_HEADER:
                return None
            header = json.loads(f.read(header_len).decode("ascii"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return header if isinstance(header, dict) else None
