"""`import json` for the inbox: received messages and their blobs (the raw message, the attachments).

Every blob a new record needs must be in the export's `blobs` (base64) and prove itself before
anything is written: its sha256 must equal the export's `blob_sha256` for it, a raw message's
also the record's own `sha256` and `size`, an attachment's length its `size`. Blobs keep their id
unless this vault already holds a different blob under it (then a new id, and the record points
at it). Writing is `write_blobs` (encrypted, before the vault refers to them) and then the
records in the caller's one vault write.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

from privacy_tui.vault.blobs import MAX_BLOB, valid_id
from privacy_tui.vault.store import Store


@dataclass
class InboxImport:
    records: list[dict] = field(default_factory=list)  # new records, blob ids as they will be stored
    blobs: dict[str, bytes] = field(default_factory=dict)  # blob id in the file -> its bytes (to write)
    reuse: set[str] = field(default_factory=set)  # blob ids this vault already holds with the same bytes
    duplicates: int = 0  # records whose message the vault already has


def _needs(rec: dict) -> list[tuple[str, str, int, str]]:
    """(blob id, what, expected size, expected sha256 or "") of every blob the record refers to."""
    found = [(rec["blob"], "the raw message", rec.get("size", -1), rec["sha256"])]
    for i, att in enumerate(rec.get("attachments") or ()):
        if att.get("blob"):
            found.append((att["blob"], f"attachment {i + 1}", att.get("size", -1), ""))
    return found


def check_inbox(records: list[dict], payload: dict, store: Store, company_ids: set[str], request_ids: set[str],
                existing: list[dict]) -> tuple[InboxImport, list[str]]:
    """What to import from the export's inbox records, and every problem (nothing written)."""
    problems: list[str] = []
    result = InboxImport()
    blobs, digests = payload.get("blobs", {}), payload.get("blob_sha256", {})
    if not isinstance(blobs, dict) or not isinstance(digests, dict):
        return result, ["`blobs` and `blob_sha256` must be objects keyed by blob id"]
    existing_ids = {str(r.get("id")) for r in existing}
    existing_hashes = {r.get("sha256") for r in existing}
    seen: set[str] = set()
    decoded: dict[str, tuple[bytes, str]] = {}
    for rec in records:
        where = f"tables.inbox ({rec['id']})"
        if rec["id"] in seen:
            problems.append(f"{where}: the id appears twice")
        seen.add(rec["id"])
        if rec["id"] in existing_ids:
            continue
        if rec["sha256"] in existing_hashes:
            result.duplicates += 1  # the same message imported before under another id
            continue
        if rec.get("request_id") and rec["request_id"] not in request_ids:
            problems.append(f"{where}: request_id {rec['request_id']} is neither in the file nor in the vault")
        if rec.get("company_id") and rec["company_id"] not in company_ids:
            problems.append(f"{where}: company_id {rec['company_id']} is neither in the file nor in the vault")
        for bid, what, size, sha in _needs(rec):
            if bid not in decoded:
                got = _decode(bid, blobs.get(bid), digests.get(bid))
                if isinstance(got, str):
                    problems.append(f"{where}: {what} (blob {bid}) {got}")
                    continue
                decoded[bid] = got
            data, digest = decoded[bid]
            if sha and digest != sha:
                problems.append(f"{where}: {what} (blob {bid}) does not match the record's sha256")
            if size >= 0 and len(data) != size:
                problems.append(f"{where}: {what} (blob {bid}) is {len(data)} bytes, the record says {size}")
        existing_hashes.add(rec["sha256"])
        result.records.append(rec)
    held = set(store.vault.blobs.ids())
    for bid, (data, digest) in decoded.items():
        if bid in held and store.vault.blobs.sha256(bid) == digest:
            result.reuse.add(bid)
        else:
            result.blobs[bid] = data
    return result, problems


def _decode(bid: str, value: Any, digest: Any) -> tuple[bytes, str] | str:
    """(bytes, sha256) of one exported blob, or what is wrong with it."""
    if not valid_id(bid):
        return "has an invalid id"
    if not isinstance(value, str):
        return "is missing from the file's `blobs`"
    if len(value) > (MAX_BLOB // 3 + 1) * 4:
        return f"is larger than the {MAX_BLOB >> 20} MiB limit"
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return "is not valid base64"
    sha = hashlib.sha256(data).hexdigest()
    if not isinstance(digest, str):
        return "has no sha256 in the file's `blob_sha256` (export it again with this privacy-tui)"
    if digest != sha:
        return "does not match its sha256 in `blob_sha256` (altered or truncated)"
    return data, sha


def write_blobs(store: Store, plan: InboxImport) -> list[str]:
    """Store the plan's blobs encrypted (durable before returning) and point its records at them.

    Returns the ids written, for the caller to delete should the vault write fail."""
    blob_store = store.vault.blobs
    held = set(blob_store.ids())
    renamed: dict[str, str] = {}
    written: list[str] = []
    batch = blob_store.pack()  # one pack file for the import, as for received mail
    try:
        for bid, data in plan.blobs.items():
            # A different blob under the same id in this vault: stored under a new id instead.
            new = batch.put(data, what="an imported blob", blob_id=None if bid in held else bid)
            written.append(new)
            if new != bid:
                renamed[bid] = new
        batch.commit()
    except BaseException:
        batch.abort()
        raise
    if renamed:
        for rec in plan.records:
            rec["blob"] = renamed.get(rec["blob"], rec["blob"])
            for att in rec.get("attachments") or ():
                if att.get("blob"):
                    att["blob"] = renamed.get(att["blob"], att["blob"])
    return written


def delete_blobs(store: Store, blob_ids: list[str]) -> None:
    """Best effort after a failed import: an orphan blob is harmless (`vault check` lists it)."""
    from privacy_tui.services.inbox import delete_blobs as delete

    try:
        delete(store, blob_ids)
    except OSError:
        pass


__all__ = ["InboxImport", "check_inbox", "delete_blobs", "write_blobs"]
