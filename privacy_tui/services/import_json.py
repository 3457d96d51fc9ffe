"""`import json`: merge a privacy-tui JSON export into the vault, validated whole before writing.

The file is read with a byte limit, parsed, and every record is checked against the record
schema (`core.schema`) and against the other tables (a request's company, a message's request).
Any problem refuses the whole file, listing the first few, and nothing is written. A valid file
lands in one atomic write; the work is linear in the number of records (sets and one bulk
append per table, never a lookup per record).
"""

from __future__ import annotations

import json
from pathlib import Path

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import SCHEMA_VERSION, Profile, from_record
from privacy_tui.core.schema import check_table
from privacy_tui.transport.files import read_user_file
from privacy_tui.vault.store import Store

MAX_IMPORT_BYTES = 512 * 1024 * 1024  # an export of a very busy vault is tens of MB
SHOWN_PROBLEMS = 5
_TABLES = ("companies", "requests", "messages", "profile", "inbox")


def read_payload(data: bytes, name: str) -> dict:
    """The export (`tables`, `blobs`, `blob_sha256`), after checking the envelope. Lone surrogates ("\\ud800", which a
    strict parser refuses) are accepted here and dropped by the schema's normalisation."""
    import orjson

    try:
        payload = orjson.loads(data)
    except orjson.JSONDecodeError:
        try:
            payload = json.loads(data.decode("utf-8", errors="replace"))
        except RecursionError:
            raise UserError(f"{name} is nested too deeply to be a privacy-tui export; nothing was imported") from None
        except ValueError:
            raise UserError(f"{name} is not JSON; nothing was imported") from None
    if not isinstance(payload, dict) or payload.get("format") != "privacy-tui-export":
        raise UserError(f"{name} is not a privacy-tui export (missing format marker); nothing was imported")
    if payload.get("version", 1) != 1:
        raise UserError(f"{name} is an export format version this privacy-tui cannot read ({payload.get('version')!r}); nothing was imported")
    tables = payload.get("tables", {})
    if not isinstance(tables, dict):
        raise UserError(f"{name} is not a valid export: `tables` must be an object; nothing was imported")
    return {**payload, "tables": tables}


def validate_export(tables: dict, store: Store) -> tuple[dict[str, list[dict]], list[str]]:
    """Cleaned records per table, and every problem found (schema, duplicates, references)."""
    problems: list[str] = []
    good: dict[str, list[dict]] = {}
    for table in _TABLES:
        records, found = check_table(table, tables.get(table, {}), f"tables.{table}")
        problems.extend(found)
        good[table] = list(records.values())
    for table in ("companies", "requests", "messages"):
        seen: set[str] = set()
        for rec in good[table]:
            if rec["id"] in seen:
                problems.append(f"tables.{table}: the id {rec['id']} appears twice")
            seen.add(rec["id"])
    company_ids = {r["id"] for r in good["companies"]} | _ids(store, "companies")
    for rec in good["requests"]:
        if rec["company_id"] not in company_ids:
            problems.append(f"tables.requests ({rec['id']}): company_id {rec['company_id']} is neither in the file nor in the vault")
    request_ids = {r["id"] for r in good["requests"]} | _ids(store, "requests")
    for rec in good["messages"]:
        if rec["request_id"] not in request_ids:
            problems.append(f"tables.messages ({rec['id']}): request_id {rec['request_id']} is neither in the file nor in the vault")
    return good, problems


def _ids(store: Store, table: str) -> set[str]:
    return {str(r.get("id")) for r in store.raw_records(table).values() if isinstance(r, dict)}


def import_export(store: Store, source: Path) -> dict:
    """Merge an export into the vault: records are matched by id; existing ones are kept.
    Received messages come with their blobs, each checked by its sha256 before anything is written."""
    from privacy_tui.services.import_inbox import check_inbox, delete_blobs, write_blobs

    name = str(source)
    payload = read_payload(read_user_file(source, MAX_IMPORT_BYTES, "privacy-tui export (.json)"), name)
    good, problems = validate_export(payload["tables"], store)
    company_ids = {r["id"] for r in good["companies"]} | _ids(store, "companies")
    request_ids = {r["id"] for r in good["requests"]} | _ids(store, "requests")
    existing_inbox = [r for r in store.raw_records("inbox").values() if isinstance(r, dict)]
    inbox, found = check_inbox(good["inbox"], payload, store, company_ids, request_ids, existing_inbox)
    problems.extend(found)
    if problems:
        listed = "; ".join(problems[:SHOWN_PROBLEMS])
        more = f"; and {len(problems) - SHOWN_PROBLEMS} more" if len(problems) > SHOWN_PROBLEMS else ""
        raise UserError(f"{name} is not a valid export ({len(problems)} problem(s); nothing was imported): {listed}{more}")
    added = {}
    # Blobs first and durable: the vault never refers to a blob that is not on disk.
    written = write_blobs(store, inbox)
    try:
        # One atomic write for the whole import: all of it lands, or (disk full, crash) none of it.
        with store.batch():
            for table in ("companies", "requests", "messages"):
                existing = _ids(store, table)
                new = [dict(r, v=r.get("v", SCHEMA_VERSION)) for r in good[table] if r["id"] not in existing]
                store.add_records(table, new)
                added[table] = len(new)
            store.add_records("inbox", inbox.records)
            added["inbox"] = len(inbox.records)
            if good["profile"] and store.profile() == Profile():
                store.save_profile(from_record(Profile, good["profile"][0]))
    except BaseException:
        delete_blobs(store, written)
        raise
    added["blobs"] = len(written) + len(inbox.reuse)
    return added
