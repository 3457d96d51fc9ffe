"""Backup, restore, check, export and import of the vault."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privacy_tui.core.errors import UserError, VaultError
from privacy_tui.vault import atomic, keyring_store, rollback
from privacy_tui.vault.envelope import read_header, unpack
from privacy_tui.vault.home import check_home
from privacy_tui.vault.lock import WriterLock
from privacy_tui.vault.paths import Paths, ensure_dir
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import PassphraseAsker, Vault


@dataclass(frozen=True)
class VaultInfo:
    """What the open vault's header and unlock say, for `vault check` and the settings screen."""

    vault_id: str
    kdf: Any
    key_in_keyring: bool
    unlocked_by: str
    generation: int
    rollback: rollback.Rollback | None  # a roll-back the user has not accepted yet


def vault_info(store: Store) -> VaultInfo:
    vault = store.vault
    header = vault.header
    return VaultInfo(
        vault_id=str(header["vault_id"]),
        kdf=header.get("kdf"),
        key_in_keyring=bool(header.get("keyring")),
        unlocked_by=vault.unlocked_by,
        generation=header.get("generation", 0),
        rollback=vault.rollback,
    )


def change_passphrase(store: Store, new_passphrase: str) -> None:
    """A new passphrase for the vault (the key stays; only its passphrase slot is rewritten)."""
    store.vault.change_passphrase(new_passphrase)


def reset_passphrase(store: Store, new_passphrase: str) -> None:
    """After unlocking with the recovery key: the new passphrase, and the keyring's copy of the
    key renewed when the vault keeps one there."""
    store.vault.change_passphrase(new_passphrase)
    if store.vault.header.get("keyring"):
        store.vault.set_keyring(True)


def check(store: Store) -> dict:
    """Every stored record through the record schema: counts, and one line per problem.

    A record whose text only needs cleaning (control characters, lone surrogates) is reported
    too; `vault repair` cleans those and removes the records that cannot be kept."""
    plan = repair_plan(store)
    problems = [p for found in plan["bad"].values() for p in found] + [
        f"{_label(where, cleaned)}: holds control characters or unstorable text (vault repair cleans it)"
        for where, cleaned in plan["clean"].items()
    ]
    blobs = check_blobs(store)
    problems += blobs.pop("problems")
    return {"counts": store.counts(), "blobs": blobs, "problems": problems}


def check_blobs(store: Store) -> dict:
    """Every blob decrypted and authenticated; references from the inbox without a blob are
    problems, blobs nothing refers to are listed (harmless leftovers of an interrupted import)."""
    from privacy_tui.services.inbox import referenced_blobs

    blob_store = store.vault.blobs
    ids = set(blob_store.ids())
    damaged = blob_store.verify_all()
    referenced = referenced_blobs(store)
    bad_packs = blob_store.pack_problems()
    problems = [f"pack {pid}: {why}" for pid, why in sorted(bad_packs.items())]
    problems += [f"blob {bid}: {why}" for bid, why in sorted(damaged.items())]
    problems += [f"{where}: its blob {bid} is missing" for bid, where in sorted(referenced.items()) if bid not in ids]
    return {"count": len(ids), "damaged": len(damaged), "unreferenced": sorted(ids - set(referenced)),
            "packs": {**blob_store.pack_counts(), **{pid: None for pid in bad_packs}}, "problems": problems}


def _label(where: str, record: dict) -> str:
    rid = record.get("id")
    return f"{where} ({rid})" if isinstance(rid, str) and rid else where


_CHECKED = ("companies", "requests", "messages", "profile", "settings", "inbox")


def repair_plan(store: Store) -> dict:
    """What `vault repair` would do: {"bad": {"table/doc_id": problems}, "clean": {"table/doc_id": cleaned}}."""
    from privacy_tui.core.schema import check_record

    bad: dict[str, list[str]] = {}
    clean: dict[str, dict] = {}
    for table in _CHECKED:
        for doc_id, record in store.raw_records(table).items():
            where = f"{table}/{doc_id}"
            try:
                cleaned, problems = check_record(table, record, where)
            except Exception as exc:  # report, never crash: this is the diagnostic command
                cleaned, problems = None, [f"{where}: {type(exc).__name__}: {exc}"]
            if problems:
                bad[where] = problems
            elif cleaned is not None and cleaned != record:  # None comes only with problems
                clean[where] = cleaned
    return {"bad": bad, "clean": clean}


def repair(store: Store) -> dict:
    """Clean what can be cleaned and remove the records that cannot be read, in one write.

    First the vault as it is goes to `backups/before-repair-<time>.ptv`, a copy the rotation
    of automatic backups never deletes: what a repair removes is still the user's evidence."""
    plan = repair_plan(store)
    if not plan["bad"] and not plan["clean"]:
        return {"removed": [], "cleaned": [], "problems": {}, "backup": None}
    paths = store.vault.paths
    ensure_dir(paths.backups)
    backup = backup_to(paths, paths.backups / f"before-repair-{atomic.backup_name().removeprefix('vault-')}", with_blobs=False)
    by_table: dict[str, tuple[list[str], dict[str, dict]]] = {}
    for where in plan["bad"]:
        table, _, doc_id = where.partition("/")
        by_table.setdefault(table, ([], {}))[0].append(doc_id)
    for where, cleaned in plan["clean"].items():
        table, _, doc_id = where.partition("/")
        by_table.setdefault(table, ([], {}))[1][doc_id] = cleaned
    if by_table:
        with store.batch():
            for table, (removed, cleaned) in by_table.items():
                if cleaned:
                    store.replace_records(table, cleaned)
                if removed:
                    store.remove_doc_ids(table, removed)
    return {"removed": sorted(plan["bad"]), "cleaned": sorted(plan["clean"]), "problems": plan["bad"], "backup": str(backup)}


def backup_to(paths: Paths, target: Path, *, force: bool = False, with_blobs: bool = True) -> Path:
    check_home(paths)
    if not paths.vault.exists():
        raise VaultError(f"no vault at {paths.vault}: nothing to back up")
    from privacy_tui.vault.vault import read_vault_bytes

    data = read_vault_bytes(paths.vault)
    unpack(data, name=str(paths.vault))  # never copy a damaged file over as a "backup"
    target = target.expanduser()
    if target.is_dir():
        target = target / "privacy-tui-backup.ptv"
    if target.exists():
        if not force:
            raise UserError(f"{target} already exists (use --force to overwrite)")
        target.unlink()
    try:
        atomic.write_new_file(target, data)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    if with_blobs:
        _backup_blobs(paths, blobs_beside(target))
    return target


MAX_RESTORE_BYTES = 512 * 1024 * 1024  # a busy vault is tens of MB


def blobs_beside(backup: Path) -> Path:
    """The folder holding a backup's blobs (encrypted copies), next to the backup file."""
    return backup.with_name(backup.name + ".blobs")


def _backup_blobs(paths: Paths, folder: Path) -> None:
    """Copy the encrypted blob files as they are (no key needed: they stay encrypted)."""
    source = paths.blobs
    try:
        if not atomic.require_kind(source, folder=True):
            return
        names = sorted(n for n in os.listdir(source) if n.endswith((".blob", PACK_SUFFIX)))
    except (OSError, atomic.UnsafePath):
        return
    if not names:
        return
    if os.path.lexists(folder):
        if not atomic.require_kind(folder, folder=True):
            raise UserError(f"{folder} is not a folder")
        for old in os.listdir(folder):
            (folder / old).unlink(missing_ok=True)
    else:
        folder.mkdir(mode=0o700)
    for name in names:
        try:
            data = atomic.read_file(source / name, _stored_limit(name), name="a blob")
        except FileNotFoundError:
            continue  # removed meanwhile (a request deleted by the app)
        except OSError as exc:
            raise UserError(f"cannot back up blob {name}: {exc}") from None
        try:
            atomic.write_new_file(folder / name, data)
        except OSError as exc:
            raise UserError(f"cannot write {folder / name}: {exc.strerror or exc}") from None
    atomic.fsync_dir(folder)


PACK_SUFFIX = ".pack"


def _stored_limit(name: str) -> int:
    from privacy_tui.vault.blobs import MAX_BLOB
    from privacy_tui.vault.packs import max_pack_bytes

    return max_pack_bytes(MAX_BLOB + 1024) if name.endswith(PACK_SUFFIX) else MAX_BLOB + 1024


def _read_backup_packs(source: Path, key: bytes, vault_id: str, paths: Paths) -> dict[str, list[str]]:
    """{pack id: its blob ids} of the packs beside a backup, every entry proven to open."""
    from privacy_tui.vault.blobs import BlobDamaged, BlobStore

    checker = BlobStore(paths, key, vault_id)
    found = {}
    for pack_id, path in _backup_entries(source, PACK_SUFFIX):
        try:
            found[pack_id] = checker.check_pack_file(pack_id, path)
        except BlobDamaged as exc:
            raise UserError(f"the backup's pack {path} cannot be used ({exc}); nothing was restored") from None
    return found


def _read_backup_blobs(source: Path, key: bytes, vault_id: str, paths: Paths) -> dict[str, bytes]:
    """The blobs beside a backup, each proven to open with the backup's key and vault id."""
    from privacy_tui.vault.blobs import MAX_BLOB, BlobDamaged, BlobStore

    checker = BlobStore(paths, key, vault_id)
    found = {}
    for blob_id, path in _backup_entries(source, ".blob"):
        try:
            raw = atomic.read_file(path, MAX_BLOB + 1024, name="a blob")
            checker._open(blob_id, raw)
        except (OSError, BlobDamaged) as exc:
            raise UserError(f"the backup's blob {path} cannot be used ({exc}); nothing was restored") from None
        found[blob_id] = raw
    return found


def _backup_entries(source: Path, suffix: str) -> list[tuple[str, Path]]:
    """(id, path) of the files named `<valid id><suffix>` in the blob folder beside a backup, in
    name order; none when the backup has no such folder."""
    from privacy_tui.vault.blobs import valid_id

    folder = blobs_beside(source.expanduser())
    try:
        if not atomic.require_kind(folder, folder=True):
            return []
        names = sorted(os.listdir(folder))
    except (OSError, atomic.UnsafePath) as exc:
        raise UserError(f"cannot read {folder}: {exc}") from None
    ids = ((name.removesuffix(suffix), name) for name in names if name.endswith(suffix))
    return [(ident, folder / name) for ident, name in ids if valid_id(ident)]


def restore_from(paths: Paths, source: Path, *, passphrase: str | None = None, ask: PassphraseAsker | None = None) -> dict:
    """Replace the vault with a backup after proving the backup opens; the current vault becomes a backup."""
    from privacy_tui.transport.files import read_user_file  # regular files only, bounded

    try:
        data = read_user_file(source, MAX_RESTORE_BYTES, "privacy-tui vault backup (.ptv)")
    except OSError as exc:
        raise UserError(f"cannot read {source}: {exc.strerror or exc}") from None
    header, key, doc, _, _ = Vault.unlock_bytes(data, name=str(source), passphrase=passphrase, ask=ask)
    check_home(paths)
    blobs = _read_backup_blobs(source, key, str(header["vault_id"]), paths)  # all checked before anything is written
    packs = _read_backup_packs(source, key, str(header["vault_id"]), paths)
    ensure_dir(paths.home)
    lock = WriterLock(paths.lock)
    lock.acquire()
    try:
        # A restore is the user's choice: the restored version becomes the newest one, above
        # every version seen (vault/rollback.py), so it is not reported as rolled back.
        seen = [rollback.generation(header)]
        current = read_header(paths.vault) if paths.vault.exists() else None
        if current is not None and current.get("vault_id") == header.get("vault_id"):
            seen.append(rollback.generation(current))
        if os.path.lexists(paths.vault):
            seen.append(rollback.newest_backup_generation(paths, str(header.get("vault_id"))) or 0)
        entry = keyring_store.load_entry(str(header.get("vault_id")))
        if entry is not None:
            seen.append(entry[1])
        fresh = dict(header, generation=max(seen) + 1)
        fresh.pop(rollback.PENDING, None)
        from privacy_tui.vault.blobs import BlobStore

        # Blobs first: extra blobs are harmless, a vault pointing at missing ones is not.
        blob_store = BlobStore(paths, key, str(header["vault_id"]))
        for blob_id, raw in blobs.items():
            blob_store.put_raw(blob_id, raw)
        for pack_id in packs:
            blob_store.put_raw_pack(pack_id, blobs_beside(source.expanduser()) / f"{pack_id}{PACK_SUFFIX}")
        _, data = Vault.seal(fresh, key, doc)
        try:
            atomic.replace_file(paths.vault, data, backups=paths.backups)
        except OSError as exc:
            raise VaultError(f"could not restore the vault ({exc.strerror or exc}); the current vault was left unchanged") from None
    finally:
        lock.release()
    return {**{t: len(doc.get(t, {})) for t in ("companies", "requests", "messages", "inbox")}, "blobs": len(blobs) + sum(len(ids) for ids in packs.values())}


def export_plaintext(store: Store, target: Path, *, force: bool = False) -> Path:
    doc = store.vault.export_document()
    doc.pop("meta", None)
    blobs, digests = _export_blobs(store)
    # The sha256 of each blob lets `import json` prove every message and attachment arrived intact.
    payload = {"format": "privacy-tui-export", "version": 1, "vault_id": store.vault.vault_id, "tables": doc,
               "blobs": blobs, "blob_sha256": digests}
    target = target.expanduser()
    if target.exists() and not force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    data = json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
    if target.exists():
        target.unlink()
    try:
        atomic.write_new_file(target, data)
    except OSError as exc:
        raise UserError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def _export_blobs(store: Store) -> tuple[dict[str, str], dict[str, str]]:
    """The received messages and attachments, decrypted (base64), and their sha256, keyed by blob id."""
    import base64
    import hashlib

    blob_store = store.vault.blobs
    blobs, digests = {}, {}
    for bid in blob_store.ids():
        data = blob_store.get(bid)
        blobs[bid] = base64.b64encode(data).decode("ascii")
        digests[bid] = hashlib.sha256(data).hexdigest()
    return blobs, digests


def import_plaintext(store: Store, source: Path) -> dict:
    """Merge an export into the vault (see services.import_json); nothing is written unless
    the whole file is valid."""
    from privacy_tui.services.import_json import import_export

    return import_export(store, source)
