"""The vault: one encrypted TinyDB document, unlocked by the keyring, a passphrase or the recovery key.

The data key (random, 256-bit) encrypts the whole JSON document with AES-256-GCM. It is
stored wrapped under a passphrase-derived key and under the recovery key (both in the
header), and mirrored in the OS keyring for daily use. Every write goes through
`atomic.replace_file`, so the file on disk is always a complete, authenticated vault.
"""

from __future__ import annotations

import gc
import json
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from privacy_tui.core.errors import UserError, VaultError
from privacy_tui.core.models import SCHEMA_VERSION, now_iso
from privacy_tui.vault import atomic, crypto, home, keyring_store, rollback, summary
from privacy_tui.vault.envelope import RESTORE_HINT, pack, read_header, unpack
from privacy_tui.vault.errors import VaultLocked, WrongPassphrase
from privacy_tui.vault.lock import WriterLock
from privacy_tui.vault.migrations import migrate_document
from privacy_tui.vault.notified import NotifiedRecord
from privacy_tui.vault.paths import Paths, ensure_dir

PassphraseAsker = Callable[[], str | None]

# Far above any real vault (10,000 requests are ~10 MB), low enough that a hostile file cannot
# exhaust memory: the read stops here whatever the file claims to be.
MAX_VAULT_BYTES = 1 << 30

_SLOT_AAD = b"privacy-tui key slot "


def home_warning_pending(paths: Paths) -> bool:
    """Whether opening would warn about the home itself (then fast paths defer to the full open)."""
    try:
        home.check_home(paths)
    except VaultError:
        return True
    return home.owner_warning(paths) is not None


def _slot_aad(vault_id: str, slot: str) -> bytes:
    return _SLOT_AAD + slot.encode() + b" " + vault_id.encode()


def _parse_document(plaintext: bytes) -> dict:
    """json.loads with the cyclic garbage collector paused. Parsing 10,000 requests creates
    hundreds of thousands of containers, and the collections they trigger walk the growing
    document again and again (about a fifth of the open time; the one collection left after
    re-enabling walks it once). JSON cannot hold reference cycles: nothing is missed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            return orjson.loads(plaintext)
        except orjson.JSONDecodeError:
            # orjson refuses what the stdlib may have written long ago (NaN, huge ints).
            return json.loads(plaintext)
    finally:
        if enabled:
            gc.enable()


def _serialize(doc: dict) -> bytes:
    """Compact UTF-8 JSON; orjson is byte-identical to json.dumps here and about 8x faster."""
    try:
        return orjson.dumps(doc)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeError) or "surrogate" in str(exc):
        return "it holds text that is not valid Unicode, such as a lone surrogate"
    return f"it holds a value that is not plain text or numbers: {type(exc).__name__}"


class _VaultStorage(Storage):
    """TinyDB storage backed by the vault's decrypted document, kept in memory.

    TinyDB reads the storage on every query; decrypting 10 MB each time would be absurd, so
    reads return the cached document and writes go straight to disk (encrypted, atomic).
    """

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def read(self):
        return self._vault._doc

    def write(self, data) -> None:
        if self._vault._batch_depth:
            self._vault._doc = data  # written once when the batch ends
            self._vault._dirty = True
        else:
            self._vault._write_doc(data)

    def close(self) -> None:
        pass


def read_vault_bytes(path, name: str | None = None) -> bytes:
    """The vault file's bytes, bounded, never through a symlink; a one-line VaultError otherwise."""
    try:
        return atomic.read_file(path, MAX_VAULT_BYTES, name="a vault")
    except atomic.UnsafePath as exc:
        raise VaultError(f"cannot use {exc}") from None
    except OSError as exc:
        raise VaultError(f"cannot read the vault {name or path} ({exc.strerror or exc})") from None


def _write_error(exc: OSError) -> VaultError:
    reason = str(exc) if isinstance(exc, atomic.UnsafePath) else (exc.strerror or str(exc))
    return VaultError(f"could not write the vault ({reason}); nothing was changed")


class Vault:
    def __init__(self, paths: Paths, header: dict, data_key: bytes, doc: dict, lock: WriterLock | None, unlocked_by: str):
        self.paths = paths
        self.header = header
        self._key = data_key
        self._doc = doc
        self._lock = lock
        self.unlocked_by = unlocked_by
        # One-line warnings for every command and the app to show (owner, rollback, repairs).
        self.warnings: list[str] = []
        self.rollback: rollback.Rollback | None = None
        self._keyring_generation: int | None = None
        self._batch_depth = 0
        self._dirty = False
        self.db = TinyDB(storage=lambda: _VaultStorage(self))

    # --- properties -------------------------------------------------------------------
    @property
    def vault_id(self) -> str:
        return self.header["vault_id"]

    @property
    def writable(self) -> bool:
        return self._lock is not None

    # --- creation ---------------------------------------------------------------------
    @classmethod
    def create(cls, paths: Paths, passphrase: str, *, use_keyring: bool = True) -> tuple[Vault, str]:
        """Create a new vault; returns it (open for writing) and the recovery key to show once."""
        if not passphrase:
            raise UserError("the passphrase must not be empty")
        home.check_home(paths)
        try:
            ensure_dir(paths.home)
        except OSError as exc:
            raise VaultError(f"cannot create the folder {paths.home} ({exc.strerror or exc})") from None
        lock = WriterLock(paths.lock)
        lock.acquire()
        try:
            if os.path.lexists(paths.vault):
                raise VaultError(f"a vault already exists at {paths.vault}; it was left unchanged")
            vault_id = uuid.uuid4().hex
            data_key = crypto.new_data_key()
            recovery_key = crypto.new_recovery_key()
            header = {
                "vault_id": vault_id,
                "created": now_iso(),
                "keyring": False,
            }
            cls._set_passphrase_slot(header, data_key, passphrase)
            recovery_salt = crypto.new_salt()
            header["recovery"] = {
                "salt": crypto.b64(recovery_salt),
                **crypto.wrap_key(crypto.recovery_kek(recovery_key, recovery_salt), data_key, _slot_aad(vault_id, "recovery")),
            }
            if use_keyring and keyring_store.store_data_key(vault_id, data_key, 1):
                header["keyring"] = True
            doc = {"meta": {"1": {"schema": SCHEMA_VERSION, "created": now_iso()}}}
            vault = cls(paths, header, data_key, doc, lock, "passphrase")
            vault._keyring_generation = 1 if header["keyring"] else None
            vault._write_doc(doc)
            return vault, recovery_key
        except BaseException:
            lock.release()
            raise

    @staticmethod
    def _set_passphrase_slot(header: dict, data_key: bytes, passphrase: str) -> None:
        params = crypto.default_kdf()
        salt = crypto.new_salt()
        kek = crypto.derive_key(passphrase, salt, params)
        header["kdf"] = params.to_dict()
        header["salt"] = crypto.b64(salt)
        header["passphrase"] = crypto.wrap_key(kek, data_key, _slot_aad(header["vault_id"], "passphrase"))

    # --- opening ----------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        paths: Paths,
        *,
        writable: bool = False,
        passphrase: str | None = None,
        ask: PassphraseAsker | None = None,
        recovery_key: str | None = None,
    ) -> Vault:
        home.check_home(paths)
        if not paths.vault.exists():
            raise VaultError(f"no vault at {paths.vault}: create one with `privacy-tui init`")
        lock = None
        repaired: list[str] = []
        if writable:
            lock = WriterLock(paths.lock)
            lock.acquire()
        try:
            if writable:
                repaired = home.repair_permissions(paths)
            header, key, doc, migrated, unlocked_by, seen = cls._unlock(
                read_vault_bytes(paths.vault), name=str(paths.vault), passphrase=passphrase, ask=ask, recovery_key=recovery_key
            )
            vault = cls(paths, header, key, doc, lock, unlocked_by)
            vault._keyring_generation = seen
            if unlocked_by != "keyring" and header.get("keyring") and keyring_store.keyring_available():
                # The keyring entry was deleted or lost: put it back, so daily use needs no passphrase.
                entry = keyring_store.load_entry(vault.vault_id)
                vault._keyring_generation = max(entry[1] if entry else 0, rollback.generation(header))
                keyring_store.store_data_key(vault.vault_id, key, vault._keyring_generation)
            vault.rollback = rollback.detect(paths, header, seen)
            owner = home.owner_warning(paths)
            vault.warnings = [w for w in (owner, vault.rollback and vault.rollback.message()) if w]
            if repaired:
                vault.warnings.append("permissions repaired: " + ", ".join(repaired))
            if writable:
                atomic.remove_stale_temps(paths.home)
                vault.blobs.remove_stale_temps()
                if migrated:
                    vault._write_doc(doc)
            return vault
        except BaseException:
            if lock:
                lock.release()
            raise

    @classmethod
    def unlock_bytes(
        cls,
        data: bytes,
        *,
        name: str,
        passphrase: str | None = None,
        ask: PassphraseAsker | None = None,
        recovery_key: str | None = None,
    ) -> tuple[dict, bytes, dict, bool, str]:
        """Authenticate and decrypt a vault file's bytes: (header, key, document, migrated, unlocked_by)."""
        header, key, doc, migrated, unlocked_by, _ = cls._unlock(
            data, name=name, passphrase=passphrase, ask=ask, recovery_key=recovery_key
        )
        return header, key, doc, migrated, unlocked_by

    @classmethod
    def _unlock(
        cls,
        data: bytes,
        *,
        name: str,
        passphrase: str | None = None,
        ask: PassphraseAsker | None = None,
        recovery_key: str | None = None,
    ) -> tuple[dict, bytes, dict, bool, str, int | None]:
        """unlock_bytes, plus the generation the keyring entry has seen (None without an entry)."""
        env = unpack(data, name=name)
        header = env.header
        try:
            vault_id = str(header["vault_id"])
            nonce = crypto.unb64(header["nonce"])
        except (KeyError, TypeError, ValueError):
            raise VaultError(f"{name} is damaged (incomplete header); {RESTORE_HINT}") from None

        def decrypt_with(key: bytes) -> bytes | None:
            try:
                return crypto.decrypt(key, nonce, env.ciphertext, env.aad)
            except crypto.DecryptionFailed:
                return None

        plaintext, key, unlocked_by, seen = None, None, "", None
        if recovery_key is not None:
            key = cls._unwrap_recovery(header, recovery_key)
            unlocked_by = "recovery"
        elif passphrase is None:
            entry = keyring_store.load_entry(vault_id)
            key, seen = entry if entry else (None, None)
            unlocked_by = "keyring"
            if key is not None:
                plaintext = decrypt_with(key)
                if plaintext is None:
                    key, seen = None, None  # a stale keyring entry: fall back to the passphrase
        if key is None:
            if passphrase is None:
                passphrase = os.environ.get("PRIVACY_TUI_PASSPHRASE") or (ask() if ask else None)
            if not passphrase:
                raise VaultLocked(
                    "the vault is locked: its key is not in the keyring and no passphrase was given "
                    "(run in a terminal, or set PRIVACY_TUI_PASSPHRASE)"
                )
            key = cls._unwrap_passphrase(header, passphrase)
            unlocked_by = "passphrase"
        if plaintext is None:
            plaintext = decrypt_with(key)
        if plaintext is None:
            raise VaultError(f"{name} failed its integrity check (authentication failed); {RESTORE_HINT}")
        try:
            doc = _parse_document(plaintext)
        except ValueError:
            raise VaultError(f"{name} holds unreadable data; {RESTORE_HINT}") from None
        doc, migrated = migrate_document(doc)
        return header, key, doc, migrated, unlocked_by, seen

    @staticmethod
    def _unwrap_passphrase(header: dict, passphrase: str) -> bytes:
        try:
            params = crypto.KdfParams.from_dict(header["kdf"])
            salt = crypto.unb64(header["salt"])
            slot = header["passphrase"]
        except (KeyError, TypeError, ValueError):
            raise VaultError(f"the vault header is damaged (key slot); {RESTORE_HINT}") from None
        try:
            return crypto.unwrap_key(crypto.derive_key(passphrase, salt, params), slot, _slot_aad(header["vault_id"], "passphrase"))
        except (crypto.DecryptionFailed, KeyError, ValueError):
            raise WrongPassphrase("wrong passphrase: the vault was left unchanged (forgot it? use `privacy-tui vault recover`)") from None

    @staticmethod
    def _unwrap_recovery(header: dict, recovery_key: str) -> bytes:
        try:
            kek = crypto.recovery_kek(recovery_key, crypto.unb64(header["recovery"]["salt"]))
        except ValueError as exc:
            raise UserError(str(exc)) from None
        except (KeyError, TypeError):
            raise VaultError(f"the vault header is damaged (recovery slot); {RESTORE_HINT}") from None
        try:
            return crypto.unwrap_key(kek, header["recovery"], _slot_aad(header["vault_id"], "recovery"))
        except (crypto.DecryptionFailed, KeyError, ValueError):
            raise VaultError("wrong recovery key: the vault was left unchanged") from None

    # --- writing ----------------------------------------------------------------------
    def _write_doc(self, doc: dict) -> None:
        if self._lock is None:
            # TinyDB changed the in-memory document before asking to write it: undo that.
            self._reload_from_disk()
            raise VaultError("the vault was opened read-only")
        header = dict(self.header, generation=rollback.generation(self.header) + 1)
        if self.rollback is not None:
            # Until the user accepts it, the warning travels with every later version.
            header[rollback.PENDING] = self.rollback.to_dict()
        try:
            header, blob = self.seal(header, self._key, doc)
        except Exception as exc:
            # TinyDB changed the in-memory document in place before asking to write it; a value
            # that cannot be serialised (a lone surrogate, a non-JSON type) would otherwise stay
            # there and make every later save of this session fail too. Go back to the last
            # written state, so the next save works and nothing half-done is kept.
            self._reload_from_disk()
            raise UserError(f"this change cannot be stored ({_why(exc)}); nothing was changed") from None
        try:
            atomic.replace_file(self.paths.vault, blob, backups=self.paths.backups)
        except OSError as exc:
            # The file on disk is intact (old version); forget our in-memory changes.
            try:
                self._reload_from_disk()
            except (OSError, VaultError, crypto.DecryptionFailed):
                pass  # the write error is what the user needs to hear
            raise _write_error(exc) from None
        self.header = header
        self._doc = doc
        try:
            summary.write_summary(self.paths.summary, self._key, header, doc, len(blob))
        except Exception:
            # Derived data only: a missing or stale summary makes readers use the vault itself.
            summary.remove_summary(self.paths.summary)

    @property
    def notified(self) -> NotifiedRecord:
        """The once-a-day notification record; readable and writable without the write lock."""
        return NotifiedRecord(self.paths.notified, self.vault_id, self._key)

    @property
    def blobs(self):
        """The encrypted blob store beside the vault (same data key, bound to this vault id)."""
        from privacy_tui.vault.blobs import BlobStore

        return BlobStore(self.paths, self._key, self.vault_id)

    @staticmethod
    def seal(header: dict, key: bytes, doc: dict) -> tuple[dict, bytes]:
        """The vault file for `doc`: `header` with a fresh nonce, authenticated, encrypted."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        plaintext = _serialize(doc)
        nonce = os.urandom(crypto.NONCE_BYTES)
        header = dict(header, nonce=crypto.b64(nonce))
        return header, pack(header, lambda aad: AESGCM(key).encrypt(nonce, plaintext, aad))

    def accept_rollback(self) -> rollback.Rollback | None:
        """The user confirms this older vault is the one to keep: it becomes the newest version."""
        accepted = self.rollback
        if accepted is None:
            return None
        header = dict(self.header, generation=max(rollback.generation(self.header), accepted.seen))
        header.pop(rollback.PENDING, None)
        old, self.header, self.rollback = self.header, header, None
        try:
            self.save()
        except BaseException:
            self.header, self.rollback = old, accepted
            raise
        self.warnings = [w for w in self.warnings if w != accepted.message()]
        self._remember_generation()
        return accepted

    def _remember_generation(self) -> None:
        """Raise the keyring's highest-seen generation to this vault's (never lower it)."""
        current = rollback.generation(self.header)
        if not self.header.get("keyring") or (self._keyring_generation or 0) >= current:
            return
        entry = keyring_store.load_entry(self.vault_id)
        if entry is None or entry[0] != self._key:
            return  # no entry, or another key's: nothing of ours to update
        if entry[1] < current:
            keyring_store.store_data_key(self.vault_id, self._key, current)
        self._keyring_generation = max(entry[1], current)

    @classmethod
    def open_summary(cls, paths: Paths, *, ask: PassphraseAsker | None = None) -> summary.SummaryStore | None:
        """A read-only view from the encrypted summary, or None when it is missing or stale."""
        if home_warning_pending(paths):
            return None  # the full open says what is wrong
        header = read_header(paths.vault)
        if header is None or "nonce" not in header:
            return None
        entry = keyring_store.load_entry(str(header.get("vault_id", "")))
        key, seen = entry if entry else (None, None)
        if key is None:
            passphrase = os.environ.get("PRIVACY_TUI_PASSPHRASE") or (ask() if ask else None)
            if not passphrase:
                return None
            try:
                key = cls._unwrap_passphrase(header, passphrase)
            except VaultError:
                return None
        try:
            size = paths.vault.stat().st_size
        except OSError:
            return None
        data = summary.read_summary(paths.summary, key, header, size)
        if data is None:
            return None
        # The summary's own (authenticated) header names the vault version it was made from.
        if rollback.detect(paths, {"vault_id": header.get("vault_id"), **data.get("_vault", {})}, seen) is not None:
            return None  # a rolled-back vault: the full open warns about it
        return summary.SummaryStore(data, notified=NotifiedRecord(paths.notified, str(header.get("vault_id", "")), key))

    def _reload_from_disk(self) -> None:
        env = unpack(read_vault_bytes(self.paths.vault), name=str(self.paths.vault))
        plaintext = crypto.decrypt(self._key, crypto.unb64(env.header["nonce"]), env.ciphertext, env.aad)
        self.header = env.header
        self._doc, _ = migrate_document(_parse_document(plaintext))
        self.db.clear_cache()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one atomic write; on error none of them is kept."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._dirty = False
                self._reload_from_disk()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self._dirty = False
            self._write_doc(self._doc)

    def save(self) -> None:
        """Write the current document (after changes to the header)."""
        self._write_doc(self._doc)

    # --- key management ---------------------------------------------------------------
    def change_passphrase(self, new_passphrase: str) -> None:
        if not new_passphrase:
            raise UserError("the passphrase must not be empty")
        header = dict(self.header)
        self._set_passphrase_slot(header, self._key, new_passphrase)
        old = self.header
        self.header = header
        try:
            self.save()
        except BaseException:
            self.header = old
            raise

    def set_keyring(self, enabled: bool) -> bool:
        if enabled:
            entry = keyring_store.load_entry(self.vault_id)
            seen = max(entry[1] if entry else 0, rollback.generation(self.header))
            ok = keyring_store.store_data_key(self.vault_id, self._key, seen)
            self._keyring_generation = seen if ok else None
        else:
            keyring_store.forget_data_key(self.vault_id)
            ok = False
        if bool(self.header.get("keyring")) != ok:
            self.header = dict(self.header, keyring=ok)
            self.save()
        return ok

    def export_document(self) -> dict:
        return json.loads(json.dumps(self._doc))

    def close(self) -> None:
        if self._lock is not None:
            try:
                # Once per session, not per write: a keyring round trip costs more than a small write.
                self._remember_generation()
            except Exception:
                pass  # the keyring is a second line of defence; the backups still hold the counter
            finally:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
