"""Encrypted blobs beside the vault: received messages and their attachments (the user's evidence).

Large content stays out of the vault document, which every write rewrites whole; the vault
holds only the blob ids. A blob is either one file `blobs/<id>.blob` (`put`) or an entry of a
pack `blobs/<pack id>.pack` holding the blobs of one import (`pack()`, vault/packs.py); both
hold the same bytes per blob:

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
from typing import TypeGuard

from privacy_tui.core.errors import UserError, VaultError
from privacy_tui.vault import atomic, crypto, packs
from privacy_tui.vault.paths import Paths

MAGIC = b"PTBLOB1\n"
MAX_BLOB = 25 * 1024 * 1024  # a message or an attachment (issue 14's cap)
_HEAD = len(MAGIC) + 32 + crypto.NONCE_BYTES
_TAG = 16
_ID = re.compile(r"^[0-9a-f]{32}$")
_SUFFIX = ".blob"
_AAD = b"privacy-tui blob "
_MAX_RAW = MAX_BLOB + _HEAD + _TAG


class BlobDamaged(VaultError):
    """A blob that is missing, truncated, altered or from another vault."""


def _aad(vault_id: str, blob_id: str, digest: bytes) -> bytes:
    return _AAD + vault_id.encode() + b" " + blob_id.encode() + b" " + digest


def _entry_ok(raw: bytes, length: int) -> bool:
    return len(raw) == length and raw.startswith(MAGIC)


def valid_id(blob_id: object) -> TypeGuard[str]:
    return isinstance(blob_id, str) and bool(_ID.match(blob_id))


class BlobStore:
    def __init__(self, paths: Paths, key: bytes, vault_id: str) -> None:
        self.folder = paths.blobs
        self._key = key
        self._vault_id = vault_id
        self._pack_rows: dict[str, tuple[tuple, list[packs.Row]]] = {}
        self._where: dict[str, tuple[str, int, int]] = {}
        self._bad_packs: dict[str, str] = {}

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

    def put(self, data: bytes, *, what: str = "a blob", blob_id: str | None = None) -> str:
        """Store `data` encrypted; returns its new id once it is durably on disk. Many blobs at
        once go into one pack instead (`pack()`)."""
        if len(data) > MAX_BLOB:
            raise UserError(f"{what} of {len(data) // (1 << 20)} MiB is larger than the {MAX_BLOB >> 20} MiB limit; not stored")
        self._ensure_folder()
        blob_id = blob_id or secrets.token_hex(16)
        entry = self._seal(blob_id, data)
        final = self._path(blob_id)
        tmp = self.folder / f"{atomic.TMP_PREFIX}{blob_id}.{os.getpid()}"
        try:
            atomic.write_new_file(tmp, entry)
            try:
                os.link(tmp, final, follow_symlinks=False)  # never replaces an existing entry
            finally:
                tmp.unlink(missing_ok=True)
            atomic.fsync_dir(self.folder)
        except OSError as exc:
            raise VaultError(f"could not store {what} ({exc.strerror or exc}); nothing was changed") from None
        return blob_id

    def _seal(self, blob_id: str, data: bytes) -> bytes:
        digest = hashlib.sha256(data).digest()
        nonce, sealed = crypto.encrypt(self._key, data, _aad(self._vault_id, blob_id, digest))
        return MAGIC + digest + nonce + sealed

    def pack(self) -> PackBatch:
        """A writer for many blobs at once (one import): one pack file instead of a file per
        blob. Its blobs are readable once `commit()` returns; `abort()` leaves nothing."""
        self._ensure_folder()
        return PackBatch(self)

    def delete(self, blob_id: str) -> None:
        self.delete_many([blob_id])

    def delete_many(self, blob_ids) -> None:
        """Remove blobs, files or pack entries; each pack concerned is rewritten once without
        them (removed evidence must not linger on disk)."""
        doomed = set(blob_ids)
        removed_file = False
        for blob_id in doomed:
            try:
                self._path(blob_id).unlink()
                removed_file = True
            except FileNotFoundError:
                pass
        by_pack: dict[str, set[str]] = {}
        if doomed:
            self._refresh_packs()
        for blob_id in doomed:
            where = self._where.get(blob_id)
            if where is not None:
                by_pack.setdefault(where[0], set()).add(blob_id)
        try:
            for pack_id, ids in sorted(by_pack.items()):
                rows = self._pack_rows[pack_id][1]
                packs.rewrite_without(self.folder, self._key, self._vault_id, pack_id, rows, ids)
        except OSError as exc:
            raise VaultError(f"could not remove blobs ({exc.strerror or exc})") from None
        finally:
            if by_pack:
                self._refresh_packs()
        if removed_file:
            atomic.fsync_dir(self.folder)

    def remove_stale_temps(self) -> None:
        """Temporary files of a writer killed before it linked its blob (call with the lock held)."""
        for name in self._names():
            if name.startswith(atomic.TMP_PREFIX):
                (self.folder / name).unlink(missing_ok=True)

    # --- reading ----------------------------------------------------------------------------
    # --- packs -------------------------------------------------------------------------------
    # _pack_rows: pack id -> (the file's identity when its index was read, its rows);
    # _where: blob id -> (pack id, offset, length). Refreshed when a lookup misses.
    def pack_ids(self) -> list[str]:
        found = []
        for name in self._names():
            if name.endswith(packs.SUFFIX) and valid_id(name[: -len(packs.SUFFIX)]):
                found.append(name[: -len(packs.SUFFIX)])
        return sorted(found)

    def _pack_path(self, pack_id: str) -> Path:
        if not valid_id(pack_id):
            raise BlobDamaged(f"invalid pack id {pack_id!r}")
        return self.folder / f"{pack_id}{packs.SUFFIX}"

    def _refresh_packs(self) -> None:
        """Read the index of every pack that is new or changed since last time (another
        process may have imported or removed meanwhile)."""
        old = self._pack_rows
        rows_by_pack: dict[str, tuple[tuple, list[packs.Row]]] = {}
        bad: dict[str, str] = {}
        for pack_id in self.pack_ids():
            try:
                st = os.lstat(self._pack_path(pack_id))
            except FileNotFoundError:
                continue
            ident = (st.st_ino, st.st_size, st.st_mtime_ns)
            if pack_id in old and old[pack_id][0] == ident:
                rows_by_pack[pack_id] = old[pack_id]
                continue
            try:
                rows = packs.read_index(self._pack_path(pack_id), self._key, self._vault_id, pack_id, max_entry=_MAX_RAW)
            except packs.PackDamaged as exc:
                bad[pack_id] = str(exc)
                continue
            rows_by_pack[pack_id] = (ident, rows)
        self._pack_rows, self._bad_packs = rows_by_pack, bad
        self._where = {b: (p, o, n) for p, (_, rows) in rows_by_pack.items() for b, o, n in rows}

    def _in_pack(self, blob_id: str) -> bytes | None:
        if blob_id not in self._where:
            self._refresh_packs()
        for attempt in (0, 1):
            where = self._where.get(blob_id)
            if where is None:
                return None
            pack_id, offset, length = where
            try:
                raw = packs.read_entry(self._pack_path(pack_id), offset, length)
                if attempt or _entry_ok(raw, length):
                    return raw
            except FileNotFoundError:
                if attempt:
                    return None
            except OSError as exc:
                raise BlobDamaged(f"cannot read blob {blob_id} ({exc.strerror or exc})") from None
            self._refresh_packs()  # rewritten by another process meanwhile: read its new index
        return None

    def pack_problems(self) -> dict[str, str]:
        """{pack id: problem} for every pack whose index does not open."""
        self._refresh_packs()
        return dict(self._bad_packs)

    def pack_counts(self) -> dict[str, int]:
        """{pack id: how many blobs it holds}, for `vault check`."""
        self._refresh_packs()
        return {p: len(rows) for p, (_, rows) in sorted(self._pack_rows.items())}

    def check_pack_file(self, pack_id: str, path: Path) -> list[str]:
        """The blob ids in the pack at `path` (a backup's copy), after opening every entry
        with this store's key and vault id; BlobDamaged otherwise."""
        try:
            rows = packs.read_index(path, self._key, self._vault_id, pack_id, max_entry=_MAX_RAW)
            for blob_id, offset, length in rows:
                self._open(blob_id, packs.read_entry(path, offset, length))
        except packs.PackDamaged as exc:
            raise BlobDamaged(str(exc)) from None
        except OSError as exc:
            raise BlobDamaged(f"cannot read pack {pack_id} ({exc.strerror or exc})") from None
        return [r[0] for r in rows]

    def put_raw_pack(self, pack_id: str, source: Path) -> None:
        """Copy a backup's pack in, entry by entry, each checked as it is copied."""
        self._ensure_folder()
        final = self._pack_path(pack_id)
        try:
            rows = packs.read_index(source, self._key, self._vault_id, pack_id, max_entry=_MAX_RAW)
        except packs.PackDamaged as exc:
            raise BlobDamaged(str(exc)) from None
        writer = packs.PackWriter(self.folder, self._key, self._vault_id, pack_id)
        try:
            for blob_id, offset, length in rows:
                raw = packs.read_entry(source, offset, length)
                self._open(blob_id, raw)  # what is written is what was checked
                writer.add(blob_id, raw)
        except BaseException:
            writer.abort()
            raise
        try:
            writer.finish(replace=os.path.lexists(final))
        except OSError as exc:
            raise VaultError(f"could not restore pack {pack_id} ({exc.strerror or exc})") from None

    def _read_raw(self, blob_id: str) -> bytes:
        path = self._path(blob_id)
        try:
            return atomic.read_file(path, _MAX_RAW, name="a blob")
        except FileNotFoundError:
            raw = self._in_pack(blob_id)
            if raw is not None:
                return raw
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
        """Every blob, in files and in packs."""
        found = set()
        for name in self._names():
            if name.endswith(_SUFFIX) and valid_id(name[: -len(_SUFFIX)]):
                found.add(name[: -len(_SUFFIX)])
        self._refresh_packs()
        return sorted(found | set(self._where))

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
        tmp = self.folder / f"{atomic.TMP_PREFIX}{blob_id}.{os.getpid()}"
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


class PackBatch:
    """The blobs of one import, appended to a pack (a new pack past packs.MAX_PACK)."""

    def __init__(self, store: BlobStore) -> None:
        self._store = store
        self._writer: packs.PackWriter | None = None
        self._done: list[Path] = []

    def put(self, data: bytes, *, what: str = "a blob", blob_id: str | None = None) -> str:
        """Append `data`; its id is `blob_id` when given (one the vault does not hold yet, e.g. an
        imported export's), else a new one."""
        if len(data) > MAX_BLOB:
            raise UserError(f"{what} of {len(data) // (1 << 20)} MiB is larger than the {MAX_BLOB >> 20} MiB limit; not stored")
        store = self._store
        blob_id = blob_id or store.new_id()
        try:
            if self._writer is None:
                self._writer = packs.PackWriter(store.folder, store._key, store._vault_id, store.new_id())
            self._writer.add(blob_id, store._seal(blob_id, data))
            if self._writer.size >= packs.MAX_PACK or len(self._writer.rows) >= packs.MAX_ENTRIES:
                self._finish()  # the next blob starts a new pack
        except OSError as exc:
            self.abort()
            raise VaultError(f"could not store {what} ({exc.strerror or exc}); nothing was changed") from None
        return blob_id

    def _finish(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None and writer.rows:
            self._done.append(writer.finish())
        elif writer is not None:
            writer.abort()

    def commit(self) -> None:
        """Every blob put so far durably on disk (before the vault refers to them)."""
        try:
            self._finish()
        except OSError as exc:
            self.abort()
            raise VaultError(f"could not store the received messages ({exc.strerror or exc}); nothing was changed") from None

    def abort(self) -> None:
        """Remove what this batch wrote (the vault does not refer to it)."""
        if self._writer is not None:
            self._writer.abort()
            self._writer = None
        for path in self._done:
            path.unlink(missing_ok=True)
        self._done = []
