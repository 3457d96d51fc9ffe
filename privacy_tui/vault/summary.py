"""An encrypted summary of the vault for fast unattended reads (`privacy-tui remind`).

`remind` runs from a timer every day and must answer in a fraction of a second, but a busy
vault is tens of megabytes of JSON, mostly letter text it does not need. After every vault
write we also write `summary.ptv`: the requests' timeline facts (no letter text), company
names, the profile and settings, encrypted with the same data key. Its header names the vault
nonce it was made from, authenticated with it, so a summary left behind by a crash, a restore
or an older write never matches the current vault: readers then fall back to the vault itself.
The summary is derived data: losing it loses nothing.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

import orjson

from privacy_tui.vault import atomic

MAGIC = b"PTSUMRY\x00"
VERSION = 1
_PREFIX = struct.Struct(">HI")
_TRAILER = struct.Struct(">I")
MAX_BYTES = 1 << 30  # never read more than this, whatever is there

# The request fields reminders and status need; letters, messages and notes stay in the vault.
_REQUEST_FIELDS = ("id", "company_id", "type", "regime", "reference", "due", "extended_due", "ack_due", "created")


def build_summary(doc: dict) -> dict:
    requests = []
    for record in (doc.get("requests") or {}).values():
        slim = {k: record.get(k, "") for k in _REQUEST_FIELDS}
        slim["events"] = [{"kind": e.get("kind", ""), "date": e.get("date", "")} for e in record.get("events", ())]
        requests.append(slim)
    companies = {c.get("id", ""): c.get("name", "") for c in (doc.get("companies") or {}).values()}
    return {
        "requests": requests,
        "companies": companies,
        "settings": list((doc.get("settings") or {}).values()),
        "profile": list((doc.get("profile") or {}).values()),
    }


def write_summary(path: Path, key: bytes, vault_header: dict, doc: dict, vault_size: int) -> None:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    # The vault's size too: a truncated vault must not hide behind a summary that still matches.
    header = {"vault_id": vault_header["vault_id"], "vault_nonce": vault_header["nonce"], "nonce": None,
              "vault_size": vault_size}
    # The vault's version counter (vault/rollback.py), authenticated here for readers that never
    # authenticate the vault itself.
    for name in ("generation", "rollback_pending"):
        if name in vault_header:
            header[f"vault_{name}"] = vault_header[name]
    nonce = os.urandom(12)
    header["nonce"] = nonce.hex()
    header_bytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")
    aad = MAGIC + _PREFIX.pack(VERSION, len(header_bytes)) + header_bytes
    body = aad + AESGCM(key).encrypt(nonce, orjson.dumps(build_summary(doc)), aad)
    atomic.replace_file(path, body + _TRAILER.pack(zlib.crc32(body)))


def read_summary(path: Path, key: bytes, vault_header: dict, vault_size: int) -> dict | None:
    """The summary if it belongs to exactly this vault version and authenticates; else None."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        data = atomic.read_file(path, MAX_BYTES)
    except OSError:
        return None
    try:
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _PREFIX.size + _TRAILER.size:
            return None
        version, header_len = _PREFIX.unpack_from(data, len(MAGIC))
        if version != VERSION:
            return None
        start = len(MAGIC) + _PREFIX.size
        header = json.loads(data[start : start + header_len])
        if (
            header.get("vault_id") != vault_header.get("vault_id")
            or header.get("vault_nonce") != vault_header.get("nonce")
            or header.get("vault_size") != vault_size
        ):
            return None
        aad = data[: start + header_len]
        plaintext = AESGCM(key).decrypt(bytes.fromhex(header["nonce"]), data[start + header_len : -_TRAILER.size], aad)
        summary = orjson.loads(plaintext)
        if not isinstance(summary, dict):
            return None
        summary["_vault"] = {name: header[f"vault_{name}"] for name in ("generation", "rollback_pending") if f"vault_{name}" in header}
        return summary
    except (InvalidTag, ValueError, KeyError, TypeError, struct.error):
        return None


def remove_summary(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


class SummaryStore:
    """The read-only parts of `Store` that `remind` uses, answered from a summary."""

    def __init__(self, summary: dict, *, notified: Any = None) -> None:
        self._summary = summary
        self.notified = notified  # vault/notified.py's record for this vault
        self._settings = {s.get("key"): s.get("value") for s in summary.get("settings", ()) if isinstance(s, dict)}

    def request_records(self) -> list[dict]:
        return list(self._summary.get("requests", ()))

    def companies(self) -> list[Any]:
        from privacy_tui.core.models import Company

        return [Company(id=cid, name=name) for cid, name in (self._summary.get("companies") or {}).items()]

    def setting(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    def profile(self):
        from privacy_tui.core.models import Profile, from_record

        records = self._summary.get("profile") or []
        return from_record(Profile, records[0]) if records else Profile()
