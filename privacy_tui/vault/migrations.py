"""Upgrading vault documents written by older versions of privacy-tui.

Every record carries "v" (its schema version) and the document's `meta` table carries the
version of the whole document. `MIGRATIONS[n]` turns a version-n document into version n+1.
Migrations never drop data they do not understand: unknown fields are kept.
"""

from __future__ import annotations

from collections.abc import Callable

from privacy_tui.core.errors import VaultError
from privacy_tui.core.models import SCHEMA_VERSION

Document = dict


def _v0_to_v1(doc: Document) -> Document:
    """Version 0 (pre-release) kept one `email` string per company and a stored `status`
    on requests; version 1 keeps a list of `emails` and derives status from the events."""
    for record in doc.get("companies", {}).values():
        if "emails" not in record:
            email = record.pop("email", "")
            record["emails"] = [email] if email else []
        record["v"] = 1
    for record in doc.get("requests", {}).values():
        legacy_status = record.pop("status", None)
        record.setdefault("events", [])
        if legacy_status and not record["events"]:
            record["events"].append(
                {"request_id": record.get("id", ""), "kind": "note", "date": record.get("created", "")[:10],
                 "at": record.get("created", ""), "detail": f"status before upgrade: {legacy_status}", "data": {}}
            )
        record["v"] = 1
    return doc


MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1}


def document_version(doc: Document) -> int:
    meta = doc.get("meta", {})
    for record in meta.values():
        if isinstance(record, dict) and "schema" in record:
            return int(record["schema"])
    return 0


def migrate_document(doc: Document) -> tuple[Document, bool]:
    """Return the document at SCHEMA_VERSION and whether anything changed."""
    if not isinstance(doc, dict):
        raise VaultError("the vault's contents are not a database document")
    version = document_version(doc)
    if version > SCHEMA_VERSION:
        raise VaultError(
            f"the vault's records use schema {version}, newer than this privacy-tui understands ({SCHEMA_VERSION}); upgrade privacy-tui"
        )
    changed = False
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        changed = True
    if changed:
        meta = doc.setdefault("meta", {})
        record = next((r for r in meta.values() if isinstance(r, dict) and "schema" in r), None)
        if record is None:
            meta["1"] = {"schema": version}
        else:
            record["schema"] = version
    return doc, changed
