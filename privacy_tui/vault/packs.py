"""Packs: the blobs of one import (or one sync batch) in one encrypted file beside the vault.

One file per blob cost a create, a write and a share of a sync for every message: ~20% of a
10,000-message import. A pack is one file, written as the import goes and made durable once:

    PACK_MAGIC (8) | entry | entry | ... | sealed index | trailer

Each entry is, byte for byte, what a blob file holds (vault/blobs.py: MAGIC | sha256 |
nonce | AES-256-GCM ciphertext + tag, the vault id, blob id and sha256 as associated data), so
an entry is opened and checked exactly like a blob file and tampering is detected per entry.
The index lists (blob id, offset, length) of every entry, sealed with the data key and the
vault id and pack id as associated data; the trailer (not secret) says where it is:

    index offset (8) | index length (8) | index nonce (12) | END (8)

A pack is written under a temporary name (only ciphertext ever reaches the disk), fsynced,
hard-linked as `<pack id>.pack` (never replacing anything) and the folder fsynced before the
vault refers to any of its blobs: a writer killed at any instant leaves the vault and every
earlier blob as they were, plus at most a temporary file of ciphertext that the next unlock
removes. Removing blobs rewrites the pack without them (same steps, then an atomic rename
over the old pack), so removed evidence does not linger on disk.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

from privacy_tui.core.errors import VaultError
from privacy_tui.vault import atomic, crypto

PACK_MAGIC = b"PTPACK1\n"
END = b"PTPACKE\n"
SUFFIX = ".pack"
MAX_PACK = 128 * 1024 * 1024       # a writer starts a new pack beyond this (a sync batch is <= 100 MB)
MAX_ENTRIES = 200_000              # rows one index may hold
_ROW = struct.Struct(">16sQQ")      # blob id (16 raw bytes), offset, length
_TRAILER = struct.Struct(">QQ12s8s")
_AAD = b"privacy-tui pack "


class PackDamaged(VaultError):
    """A pack whose index is missing, truncated, altered or from another vault."""


Row = tuple[str, int, int]  # blob id (hex), offset, length


def _aad(vault_id: str, pack_id: str) -> bytes:
    return _AAD + vault_id.encode() + b" " + pack_id.encode()


def max_pack_bytes(max_entry: int) -> int:
    """The largest pack a writer makes: it rolls over after the entry that crosses MAX_PACK."""
    return MAX_PACK + max_entry + len(PACK_MAGIC) + _TRAILER.size + MAX_ENTRIES * _ROW.size + 16


class PackWriter:
    """Appends entries to a temporary file; `finish` makes it `<pack id>.pack`, durably."""

    def __init__(self, folder: Path, key: bytes, vault_id: str, pack_id: str) -> None:
        self.folder, self.pack_id = folder, pack_id
        self._key, self._vault_id = key, vault_id
        self.tmp = folder / f"{atomic.TMP_PREFIX}{pack_id}.{os.getpid()}{SUFFIX}"
        fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        self._fh = os.fdopen(fd, "wb", buffering=1 << 20)
        self.rows: list[Row] = []
        self.size = 0
        try:
            self._write(PACK_MAGIC)
        except BaseException:
            self.abort()
            raise

    def _write(self, data: bytes) -> None:
        self._fh.write(data)
        self.size += len(data)

    def add(self, blob_id: str, entry: bytes) -> None:
        if len(self.rows) >= MAX_ENTRIES:
            raise VaultError(f"a pack holds at most {MAX_ENTRIES} blobs")
        offset = self.size
        self._write(entry)
        self.rows.append((blob_id, offset, len(entry)))

    def finish(self, *, replace: bool = False) -> Path:
        """Index, trailer, fsync, then the final name (a new one, or over the old pack when
        `replace`), and the folder fsynced: once this returns the pack is on disk."""
        final = self.folder / f"{self.pack_id}{SUFFIX}"
        try:
            index = b"".join(_ROW.pack(bytes.fromhex(b), o, n) for b, o, n in self.rows)
            nonce, sealed = crypto.encrypt(self._key, index, _aad(self._vault_id, self.pack_id))
            offset = self.size
            self._write(sealed)
            self._write(_TRAILER.pack(offset, len(sealed), nonce, END))
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            if replace:
                os.replace(self.tmp, final)
            else:
                try:
                    os.link(self.tmp, final, follow_symlinks=False)  # never replaces an existing entry
                finally:
                    self.tmp.unlink(missing_ok=True)
            atomic.fsync_dir(self.folder)
        except BaseException:
            self.abort()
            raise
        return final

    def abort(self) -> None:
        try:
            self._fh.close()
        except OSError:
            pass
        self.tmp.unlink(missing_ok=True)


def _open(path: Path) -> int:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise atomic.UnsafePath(path, "is not a regular file")
    return fd


def _pread(fd: int, length: int, offset: int) -> bytes:
    chunks, got = [], 0
    while got < length:
        chunk = os.pread(fd, length - got, offset + got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_index(path: Path, key: bytes, vault_id: str, pack_id: str, *, max_entry: int) -> list[Row]:
    """The pack's rows, after checking its sealed index; PackDamaged when it does not open."""
    try:
        fd = _open(path)
    except FileNotFoundError:
        raise PackDamaged(f"pack {pack_id} is missing") from None
    except OSError as exc:
        raise PackDamaged(f"cannot read pack {pack_id} ({exc})") from None
    try:
        size = os.fstat(fd).st_size
        if size < len(PACK_MAGIC) + _TRAILER.size or _pread(fd, len(PACK_MAGIC), 0) != PACK_MAGIC:
            raise PackDamaged(f"pack {pack_id} is damaged (truncated or not a pack)")
        offset, length, nonce, end = _TRAILER.unpack(_pread(fd, _TRAILER.size, size - _TRAILER.size))
        if end != END or offset < len(PACK_MAGIC) or offset + length != size - _TRAILER.size \
                or length > MAX_ENTRIES * _ROW.size + 16:
            raise PackDamaged(f"pack {pack_id} is damaged (truncated or not a pack)")
        sealed = _pread(fd, length, offset)
    except OSError as exc:
        raise PackDamaged(f"cannot read pack {pack_id} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    try:
        index = crypto.decrypt(key, nonce, sealed, _aad(vault_id, pack_id))
    except crypto.DecryptionFailed:
        raise PackDamaged(f"pack {pack_id}'s index failed its integrity check (altered, or from another vault)") from None
    if len(index) % _ROW.size:
        raise PackDamaged(f"pack {pack_id}'s index is damaged")
    rows = []
    for raw_id, start, n in _ROW.iter_unpack(index):
        if start < len(PACK_MAGIC) or start + n > offset or n > max_entry:
            raise PackDamaged(f"pack {pack_id}'s index points outside the pack")
        rows.append((raw_id.hex(), start, n))
    return rows


def read_entry(path: Path, offset: int, length: int) -> bytes:
    """One entry's stored bytes (still encrypted); OSError when the pack cannot be read."""
    fd = _open(path)
    try:
        return _pread(fd, length, offset)
    finally:
        os.close(fd)


def rewrite_without(folder: Path, key: bytes, vault_id: str, pack_id: str, rows: list[Row], doomed: set[str]) -> None:
    """The pack again without the entries in `doomed` (copied still encrypted), renamed over
    the old one; the pack is removed when nothing is left in it."""
    path = folder / f"{pack_id}{SUFFIX}"
    kept = [r for r in rows if r[0] not in doomed]
    if not kept:
        path.unlink(missing_ok=True)
        atomic.fsync_dir(folder)
        return
    writer = PackWriter(folder, key, vault_id, pack_id)
    try:
        fd = _open(path)
        try:
            for blob_id, offset, length in kept:
                writer.add(blob_id, _pread(fd, length, offset))
        finally:
            os.close(fd)
    except BaseException:
        writer.abort()
        raise
    writer.finish(replace=True)
