"""Backup, restore, check, export and import of the vault."""

from __future__ import annotations

import json
import os
from pathlib import Path

from privacy_tui.core.errors import UserError, VaultError
from privacy_tui.core.models import Company, Message, Profile, Request, from_record
from privacy_tui.paths import Paths, ensure_dir
from privacy_tui.vault import atomic
from privacy_tui.vault.envelope import unpack
from privacy_tui.vault.lock import WriterLock
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import PassphraseAsker, Vault

_TABLE_MODELS = {"companies": Company, "requests": Request, "messages": Message, "profile": Profile}


def check(store: Store) -> dict:
    """Parse every record; returns counts and the list of records that could not be read."""
    doc = store.vault.export_document()
    problems: list[str] = []
    for table, model in _TABLE_MODELS.items():
        for doc_id, record in doc.get(table, {}).items():
            try:
                from_record(model, record)
            except Exception as exc:  # report, never crash: this is the diagnostic command
                problems.append(f"{table}/{doc_id}: {type(exc).__name__}: {exc}")
    return {"counts": store.counts(), "problems": problems}


def backup_to(paths: Paths, target: Path, *, force: bool = False) -> Path:
    if not paths.vault.exists():
        raise VaultError(f"no vault at {paths.vault}: nothing to back up")
    data = paths.vault.read_bytes()
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
    return target


MAX_RESTORE_BYTES = 512 * 1024 * 1024  # a busy vault is tens of MB


def restore_from(paths: Paths, source: Path, *, passphrase: str | None = None, ask: PassphraseAsker | None = None) -> dict:
    """Replace the vault with a backup after proving the backup opens; the current vault becomes a backup."""
    from privacy_tui.transport.files import read_user_file  # regular files only, bounded

    try:
        data = read_user_file(source, MAX_RESTORE_BYTES, "privacy-tui vault backup (.ptv)")
    except OSError as exc:
        raise UserError(f"cannot read {source}: {exc.strerror or exc}") from None
    _, _, doc, _, _ = Vault.unlock_bytes(data, name=str(source), passphrase=passphrase, ask=ask)
    ensure_dir(paths.home)
    lock = WriterLock(paths.lock)
    lock.acquire()
    try:
        atomic.replace_file(paths.vault, data, backups=paths.backups)
    finally:
        lock.release()
    return {t: len(doc.get(t, {})) for t in ("companies", "requests", "messages")}


def export_plaintext(store: Store, target: Path, *, force: bool = False) -> Path:
    doc = store.vault.export_document()
    doc.pop("meta", None)
    payload = {"format": "privacy-tui-export", "version": 1, "vault_id": store.vault.vault_id, "tables": doc}
    target = target.expanduser()
    if target.exists() and not force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    data = json.dumps(payload, indent=2, ensure_ascii=False).encode("utf-8")
    if target.exists():
        target.unlink()
    atomic.write_new_file(target, data)
    return target


def import_plaintext(store: Store, source: Path) -> dict:
    """Merge an export into the vault: records are matched by id; existing ones are kept."""
    try:
        payload = json.loads(source.expanduser().read_bytes())
    except OSError as exc:
        raise UserError(f"cannot read {source}: {exc.strerror or exc}") from None
    except ValueError:
        raise UserError(f"{source} is not JSON") from None
    if not isinstance(payload, dict) or payload.get("format") != "privacy-tui-export":
        raise UserError(f"{source} is not a privacy-tui export (missing format marker)")
    tables = payload.get("tables") or {}
    # Validate everything first: a bad record aborts the import before anything is written.
    parsed: dict[str, list] = {}
    for table, model in _TABLE_MODELS.items():
        parsed[table] = []
        for record in (tables.get(table) or {}).values():
            try:
                parsed[table].append(from_record(model, record))
            except Exception as exc:
                raise UserError(f"{source}: a record in {table} is invalid ({exc}); nothing was imported") from None
    added = {"companies": 0, "requests": 0, "messages": 0}
    # One atomic write for the whole import: all of it lands, or (disk full, crash) none of it.
    with store.batch():
        for c in parsed["companies"]:
            if store.find_company(c.id) is None:
                store.save_company(c)
                added["companies"] += 1
        existing = {r.id for r in store.requests()}
        new_requests = [r for r in parsed["requests"] if r.id not in existing]
        if new_requests:
            store.save_requests(new_requests)
        added["requests"] = len(new_requests)
        for m in parsed["messages"]:
            if not store.messages(m.request_id) or all(x.id != m.id for x in store.messages(m.request_id)):
                store.save_message(m)
                added["messages"] += 1
        if parsed["profile"] and store.profile() == Profile():
            store.save_profile(parsed["profile"][0])
    return added


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")
