"""The vault record of one received message (table `inbox`), and its public JSON shape.

Pure: built from what parsing, matching and classification found. The raw message and its
attachments live in encrypted blobs (vault/blobs.py); the record keeps their ids and what the
list, the timeline and a complaint need (sender, subject, date, kind, DKIM result, a snippet).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATES = ("new", "accepted", "ignored")
DKIM_RESULTS = ("pass", "fail", "none", "not checked")
SOURCES = ("imap", "import")
SNIPPET = 600  # characters of the body kept in the vault; the rest is read from the blob

# `inbox list --json`: exactly these keys (issue 14's contract).
LIST_KEYS = ("id", "message_id", "from", "subject", "date", "request_id", "company_id", "kind", "confidence",
             "attachments", "state")


def build_record(
    *,
    record_id: str,
    parsed: Any,
    sha256: str,
    blob: str,
    attachments: list[dict],
    dkim: str,
    match: Any,
    understanding: Any,
    meta: Mapping[str, Any],
    received: str,
) -> dict:
    return {
        "id": record_id,
        "message_id": parsed.message_id,
        "from": parsed.from_addr,
        "from_name": parsed.from_name,
        "to": list(parsed.to),
        "subject": parsed.subject,
        "date": parsed.date,
        "snippet": parsed.text[:SNIPPET],
        "request_id": match.request_id,
        "company_id": match.company_id,
        "kind": understanding.kind,
        "confidence": round(float(min(match.confidence, understanding.confidence) if match.request_id else understanding.confidence), 3),
        "match_confidence": round(float(match.confidence), 3),
        "state": "new",
        "attachments": attachments,
        "blob": blob,
        "sha256": sha256,
        "size": int(meta.get("size", 0)),
        "dkim": dkim,
        "ticket": understanding.ticket,
        "new_deadline": understanding.new_deadline,
        "download_links": list(understanding.download_links),
        "link_expiry": understanding.link_expiry,
        "links": list(parsed.links),
        "reasons": list(understanding.reasons),
        "match_reason": match.reason,
        "proposed": list(match.proposed),
        "folder": str(meta.get("folder", "")),
        "uid": int(meta.get("uid", 0) or 0),
        "source": str(meta.get("source", "import")),
        "origin": str(meta.get("origin", "")),
        "received": received,
        "applied_event": None,
        "auto_applied": False,
        "v": 1,
    }


def list_json(record: Mapping[str, Any]) -> dict:
    """The listed message exactly as `inbox list --json` promises it."""
    out = {key: record.get(key) for key in LIST_KEYS}
    out["attachments"] = len(record.get("attachments") or ())
    out["confidence"] = float(record.get("confidence") or 0.0)
    return out
