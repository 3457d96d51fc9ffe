"""Encrypted blobs beside the vault: received messages and their attachments (the user's evidence).

Large content stays out of the vault document, which every write rewrites whole; the vault
holds only the blob ids. Each blob is one file `blobs/<id>.blob`:

    MAGIC (8 bytes) | sha256 of the plaintext (32) | nonce (12) | AES-256-GCM ciphertext + tag

encrypted with the vault's data key and authenticated with the vault id, the blob id and the
plaintext's hash as associated data, so a blob cannot be swapped for another (or moved to
another vault) without `get` noticing. Written to a temporary file, fsynced, then hard-linked
under its final name (never replacing anything) and the folder fsynced: a writer killed at any
instant leaves either no blob or a complete one, and once `put` returns the blob is on disk.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import stat
from pathlib import Path

from privacy_tui.core.errors import UserError, VaultError
from privacy_tui.vault.paths import Paths
from privacy_tui.vault import atomic, crypto

MAGIC = b"PTBLOB1\n"
MAX_BLOB = 25 * 1024 * 1024  # a message or an attachment (issue 14's cap)
_HEAD = len(MAGIC) + 32 + crypto.NONCE_BYTES
_TAG = 16
_ID = re.compile(r"^[0-9a-f]{32}$")
_SUFFIX = ".blob"
_AAD = b"privacy-tui blob "


class BlobDamaged(VaultError):
    """A blob that is missing, truncated, altered or from another vault."""


def _aad(vault_id: str, blob_id: str, digest: bytes) -> bytes:
    return _AAD + vault_id.encode() + b" " + blob_id.encode() + b" " + digest


def _write_new(path: Path, data: bytes, *, fsync: bool) -> None:
    """Create `path` (0600, O_EXCL, never through a symlink) with `data`; fsync unless the
    caller syncs a whole batch later. A failed write removes the partial file."""
    if fsync:
        atomic.write_new_file(path, data)
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def valid_id(blob_id: object) -> bool:
    return isinstance(blob_id, str) and bool(_ID.match(blob_id))


class BlobStore:
    def __init__(self, paths: Paths, key: bytes, vault_id: str) -> None:
        self.folder = paths.blobs
        self._key = key
        self._vault_id = vault_id

    # --- paths ------------------------------------------------------------------------------
    def _path(self, blob_id: str) -> Path:
        if not valid_id(blob_id):
            raise BlobDamaged(f"invalid blob id {blob_id!r}")
        return self.folder / f"{blob_id}{_SUFFIX}"

    def _ensure_folder(self) -> None:
        try:
            if not atomic.require_kind(self.folder, folder=True):
                self.folder.mkdir(mode=0o700)
            elif stat.S_IMODE(os.lstat(self.folder).st_mode) != 0o700:
                os.chmod(self.folder, 0o700)
        except atomic.UnsafePath as exc:
            raise VaultError(f"unsafe home: {exc}; privacy-tui neither follows nor replaces it") from None

    # --- writing ----------------------------------------------------------------------------
    _ids: list[str] = []

    def new_id(self) -> str:
        """A fresh blob id (random, 128 bits), for callers that write blobs in the background.
        Drawn 256 at a time: one getrandom call per id cost ~2 ms under thread contention."""
        if not self._ids:
            pool = os.urandom(16 * 256)
            self._ids = [pool[i : i + 16].hex() for i in range(0, len(pool), 16)]
        return self._ids.pop()

    def put(self, data: bytes, *, what: str = "a blob", sync: bool = True, blob_id: str | None = None) -> str:
        """Store `data` encrypted; returns its new id once it is durably on disk. A batch passes
        sync=False and calls `sync()` once before the vault refers to its blobs (one folder
        fsync instead of thousands)."""
        if len(data) > MAX_BLOB:
            raise UserError(f"{what} of {len(data) // (1 << 20)} MiB is larger than the {MAX_BLOB >> 20} MiB limit; not stored")
        self._ensure_folder()
        blob_id = blob_id or secrets.token_hex(16)
        digest = hashlib.sha256(data).digest()
        nonce, sealed = crypto.encrypt(self._key, data, _aad(self._vault_id, blob_id, digest))
        final = self._path(blob_id)
        tmp = self.folder / f"{atomic._TMP_PREFIX}{blob_id}.{os.getpid()}"
        try:
            _write_new(tmp, MAGIC + digest + nonce + sealed, fsync=sync)
            try:
                os.link(tmp, final, follow_symlinks=False)  # never replaces an existing entry
            finally:
                tmp.unlink(missing_ok=True)
            if sync:
                atomic.fsync_dir(self.folder)
            else:
                self._unsynced = True
        except OSError as exc:
            raise VaultError(f"could not store {what} ({exc.strerror or exc}); nothing was changed") from None
        return blob_id

    _unsynced = False

    def sync(self) -> None:
        """Make blobs written with sync=False durable (contents and names) before the vault
        refers to them: one sync(2) for the batch instead of an fsync per file, which cost
        6 ms per message on this machine."""
        if self._unsynced:
            os.sync()
            self._unsynced = False

    def delete(self, blob_id: str) -> None:
        try:
            self._path(blob_id).unlink()
        except FileNotFoundError:
            return
        atomic.fsync_dir(self.folder)

    def remove_stale_temps(self) -> None:
        """Temporary files of a writer killed before it linked its blob (call with the lock held)."""
        for name in self._names():
            if name.startswith(atomic._TMP_PREFIX):
                (self.folder / name).unlink(missing_ok=True)

    # --- reading ----------------------------------------------------------------------------
    def _read_raw(self, blob_id: str) -> bytes:
        path = self._path(blob_id)
        try:
            return atomic.read_file(path, MAX_BLOB + _HEAD + _TAG, name="a blob")
        except FileNotFoundError:
            raise BlobDamaged(f"blob {blob_id} is missing from {self.folder}") from None
        except atomic.UnsafePath as exc:
            raise BlobDamaged(f"cannot use {exc}") from None
        except OSError as exc:
            raise BlobDamaged(f"cannot read blob {blob_id} ({exc.strerror or exc})") from None

    def get(self, blob_id: str) -> bytes:
        """The plaintext, after checking it is exactly what `put` stored for this id and vault."""
        raw = self._read_raw(blob_id)
        return self._open(blob_id, raw)

    def _open(self, blob_id: str, raw: bytes) -> bytes:
        if len(raw) < _HEAD + _TAG or not raw.startswith(MAGIC):
            raise BlobDamaged(f"blob {blob_id} is damaged (truncated or not a blob)")
        digest = raw[len(MAGIC) : len(MAGIC) + 32]
        nonce = raw[len(MAGIC) + 32 : _HEAD]
        try:
            data = crypto.decrypt(self._key, nonce, raw[_HEAD:], _aad(self._vault_id, blob_id, digest))
        except crypto.DecryptionFailed:
            raise BlobDamaged(f"blob {blob_id} failed its integrity check (altered, or from another vault)") from None
        if hashlib.sha256(data).digest() != digest:  # cannot happen with a valid tag; checked anyway
            raise BlobDamaged(f"blob {blob_id} failed its integrity check (hash)")
        return data

    def sha256(self, blob_id: str) -> str:
        raw = self._read_raw(blob_id)
        return raw[len(MAGIC) : len(MAGIC) + 32].hex()

    def _names(self) -> list[str]:
        try:
            if not atomic.require_kind(self.folder, folder=True):
                return []
        except atomic.UnsafePath:
            return []
        try:
            return os.listdir(self.folder)
        except FileNotFoundError:
            return []

    def ids(self) -> list[str]:
        found = []
        for name in self._names():
            if name.endswith(_SUFFIX) and valid_id(name[: -len(_SUFFIX)]):
                found.append(name[: -len(_SUFFIX)])
        return sorted(found)

    def verify_all(self) -> dict[str, str]:
        """{blob id: problem} for every blob that does not open; empty when all are intact."""
        problems = {}
        for blob_id in self.ids():
            try:
                self.get(blob_id)
            except BlobDamaged as exc:
                problems[blob_id] = str(exc)
        return problems

    # --- copies (backup / restore) ------------------------------------------------------------
    def raw(self, blob_id: str) -> bytes:
        """The encrypted file as stored (backups copy blobs without decrypting them)."""
        return self._read_raw(blob_id)

    def put_raw(self, blob_id: str, raw: bytes) -> None:
        """Store an encrypted blob copied from a backup, after proving it opens for this vault."""
        self._open(blob_id, raw)
        self._ensure_folder()
        final = self._path(blob_id)
        if os.path.lexists(final):
            if self._read_raw(blob_id) == raw:
                return
            final.unlink()
        tmp = self.folder / f"{atomic._TMP_PREFIX}{blob_id}.{os.getpid()}"
        try:
            atomic.write_new_file(tmp, raw)
            try:
                os.link(tmp, final, follow_symlinks=False)
            finally:
                tmp.unlink(missing_ok=True)
            atomic.fsync_dir(self.folder)
        except OSError as exc:
            if exc.errno == errno.EEXIST:
                return
            raise VaultError(f"could not restore blob {blob_id} ({exc.strerror or exc})") from None
