"""The Inbox use cases: received replies stored as evidence, matched, understood and applied.

Shared by `privacy-tui inbox ...` and the app. Received mail lives in the vault table `inbox`
(the table `messages` holds what was sent); the exact bytes of each message and of its
attachments are encrypted blobs beside the vault (vault/blobs.py), referenced by id.

`ingest_many` handles a whole batch (one sync or one import) with one vault write: the match
index is built once from the vault, so each message costs a few dictionary lookups. The
batch's blobs go into one pack file (vault/packs.py), made durable before the vault write;
when the vault write fails the pack is deleted again, so nothing the vault does not know
about is left behind.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Request, new_id, now_iso
from privacy_tui.vault.blobs import MAX_BLOB
from privacy_tui.vault.store import Store

TABLE = "inbox"
LEARNED_SETTING = "inbox.learned_domains"  # sender domain -> company id, learned on accept


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    matched: int = 0
    auto_applied: int = 0
    refused: list[str] = field(default_factory=list)  # one line per message not stored, and why
    ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.added} new message(s)", f"{self.matched} matched", f"{self.auto_applied} applied automatically"]
        if self.duplicates:
            parts.append(f"{self.duplicates} already in the inbox")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts)


# --- reading ---------------------------------------------------------------------------------


def _records(store: Store) -> dict[str, dict]:
    return store.raw_records(TABLE)


def _all(store: Store) -> list[dict]:
    return [r for r in _records(store).values() if isinstance(r, dict)]


def _sort_key(rec: dict) -> tuple:
    # New first, unmatched first among them, then the newest.
    state_rank = {"new": 0, "accepted": 1, "ignored": 2}.get(rec.get("state", ""), 3)
    return (state_rank, rec.get("request_id") is not None, _neg(rec.get("date") or rec.get("received") or ""))


def _neg(text: str) -> tuple:
    return tuple(-ord(c) for c in text)


def list_messages(store: Store, *, unmatched: bool = False, new: bool = False) -> list[dict]:
    found = [
        r for r in _all(store)
        if (not unmatched or r.get("request_id") is None) and (not new or r.get("state") == "new")
    ]
    return sorted(found, key=_sort_key)


def _find(store: Store, ident: str) -> tuple[int, dict]:
    ident = (ident or "").strip()
    if not ident:
        raise UserError("no message id given")
    records = _records(store)
    hits = [(k, r) for k, r in records.items() if isinstance(r, dict) and r.get("id") == ident]
    if not hits:
        hits = [(k, r) for k, r in records.items() if isinstance(r, dict) and str(r.get("id", "")).startswith(ident)]
    if len(hits) > 1:
        raise UserError(f"message id {ident!r} is ambiguous: {', '.join(sorted(r['id'] for _, r in hits)[:5])}")
    if not hits:
        raise UserError(f"no received message with id {ident!r} (see `privacy-tui inbox list`)")
    return int(hits[0][0]), dict(hits[0][1])


def get_message(store: Store, ident: str) -> dict:
    """The record plus the full plain-text body, read back from the encrypted raw message."""
    from privacy_tui.core.inbox.message import parse_message

    _, rec = _find(store, ident)
    parsed = parse_message(store.vault.blobs.get(rec["blob"]))
    return dict(rec, text=parsed.text, links=list(parsed.links))


def raw_message(store: Store, ident: str) -> bytes:
    _, rec = _find(store, ident)
    return store.vault.blobs.get(rec["blob"])


def attachment(store: Store, ident: str, index: int) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of the attachment at position `index` of the record's list."""
    _, rec = _find(store, ident)
    attachments = rec.get("attachments") or []
    if not 0 <= index < len(attachments):
        raise UserError(f"message {rec['id']} has {len(attachments)} attachment(s); there is no number {index}")
    att = attachments[index]
    if not att.get("blob"):
        raise UserError(f"attachment {att.get('filename') or index} was not stored ({att.get('note') or 'too large'})")
    return att.get("filename", ""), att.get("content_type", ""), store.vault.blobs.get(att["blob"])


def waiting_count(store: Store) -> int:
    return sum(1 for r in _all(store) if r.get("state") == "new")


def messages_for_request(store: Store, request_id: str) -> list[dict]:
    return sorted((r for r in _all(store) if r.get("request_id") == request_id), key=lambda r: r.get("date") or r.get("received") or "")


def referenced_blobs(store: Store) -> dict[str, str]:
    """{blob id: which record refers to it}, for `vault check`."""
    from privacy_tui.vault.blobs import valid_id

    found = {}
    for doc_id, rec in _records(store).items():
        if not isinstance(rec, dict):
            continue
        where = f"inbox/{doc_id} ({rec.get('id')})"
        # Only well-formed ids: anything else is a damaged record, which the schema reports.
        if valid_id(rec.get("blob")):
            found[rec["blob"]] = where
        attachments = rec.get("attachments")
        for att in attachments if isinstance(attachments, list) else ():
            if isinstance(att, dict) and valid_id(att.get("blob")):
                found[att["blob"]] = where
    return found


# --- the match index -------------------------------------------------------------------------


def _domain_of(value: str) -> str:
    value = (value or "").strip().lower()
    if "@" in value:
        return value.rpartition("@")[2].strip(">. ")
    if "://" in value:
        value = value.split("://", 1)[1]
    host = value.split("/", 1)[0].split(":", 1)[0].strip(".")
    return host.removeprefix("www.")


def request_keys(store: Store) -> list:
    """One RequestKey per request, from the vault as it is (one pass over each table)."""
    from privacy_tui.core.inbox.match import RequestKey
    from privacy_tui.core.timeline import CLOSING

    companies = {c.get("id"): c for c in store.raw_records("companies").values() if isinstance(c, dict)}
    sent_ids: dict[str | None, list[str]] = {}  # None: messages recorded without a request
    for msg in store.raw_records("messages").values():
        if isinstance(msg, dict) and msg.get("message_id"):
            sent_ids.setdefault(msg.get("request_id"), []).append(msg["message_id"].strip("<> "))
    keys = []
    for req in store.request_records():
        company = companies.get(req.get("company_id"), {})
        domains = {_domain_of(e) for e in company.get("emails") or () if isinstance(e, str)}
        if company.get("website"):
            domains.add(_domain_of(company["website"]))
        ids = set(sent_ids.get(req.get("id"), ()))
        if req.get("message_id"):
            ids.add(req["message_id"].strip("<> "))
        keys.append(RequestKey(
            request_id=req["id"],
            company_id=req.get("company_id", ""),
            reference=req.get("reference", ""),
            message_ids=tuple(sorted(i for i in ids if i)),
            domains=tuple(sorted(d for d in domains if d)),
            open=not any(e.get("kind") in CLOSING for e in req.get("events") or ()),
        ))
    return keys


def match_index(store: Store):
    from privacy_tui.core.inbox.match import MatchIndex

    learned = store.setting(LEARNED_SETTING, {}) or {}
    return MatchIndex.build(request_keys(store), learned if isinstance(learned, dict) else {})


# --- ingesting -------------------------------------------------------------------------------


def _event_day(rec: Mapping[str, Any]) -> date:
    text = (rec.get("date") or "")[:10]
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return date.today()
    return min(day, date.today())


def _apply(request: Request, rec: dict, kind: str, *, refresh: bool = True) -> tuple[Request, dict] | None:
    """The request with the event for `kind` appended, and the record of what was applied
    (refresh=False: its deadline fields are left for the caller to refresh)."""
    from privacy_tui.core.inbox.classify import event_for
    from privacy_tui.services.requests import append_event

    event = event_for(kind)
    if event is None:
        return None
    event = _known_event(event)
    data = {"inbox": rec["id"]}
    for key in ("ticket", "new_deadline", "link_expiry"):
        if rec.get(key):
            data[key] = rec[key]
    if rec.get("download_links"):
        data["download_links"] = list(rec["download_links"])[:5]
    detail = f"reply from {rec.get('from') or 'unknown sender'}: {rec.get('subject') or '(no subject)'}"[:500]
    updated = append_event(request, event, _event_day(rec), detail, data, refresh=refresh)
    return updated, {"request_id": request.id, "event": event, "at": updated.events[-1].at, "kind": kind}


def _known_event(event: str) -> str:
    from privacy_tui.core.timeline import EVENT_KINDS

    if event in EVENT_KINDS:
        return event
    return "id_requested" if event == "clarification_requested" else "message"


def ingest_many(
    store: Store,
    items: Iterable[tuple[bytes, dict]],
    *,
    dkim: Callable[[bytes], str] | None = None,
    progress: Callable[[int], None] | None = None,
    also: Callable[[], None] | None = None,
) -> IngestReport:
    """Store, match and classify a batch of raw messages with one vault write.

    `items` yields (raw bytes, meta) with meta keys source ('imap'|'import'), folder, uid,
    origin (a file name). Duplicates (same Message-ID, or same bytes) are skipped. `also` runs
    inside the same vault write (a sync stores its folder state with the messages)."""
    from privacy_tui.core.inbox.classify import AUTO_APPLY, AUTO_THRESHOLD, classify
    from privacy_tui.core.inbox.message import attachment_bytes, parse_message
    from privacy_tui.core.inbox.record import build_record
    from privacy_tui.core.models import from_record

    if dkim is None:
        from privacy_tui.transport.dkim_check import DkimChecker

        dkim = DkimChecker().check
    report = IngestReport()
    blobs = store.vault.blobs
    index = match_index(store)
    existing = _all(store)
    seen_ids = {r.get("message_id") for r in existing if r.get("message_id")}
    seen_hashes = {r.get("sha256") for r in existing if r.get("sha256")}
    taken = {r.get("id") for r in existing}
    request_docs = {r["id"]: r for r in store.request_records()}
    changed: dict[str, Request] = {}
    records: list[dict] = []
    received = now_iso()
    pack = blobs.pack()  # one pack file for the batch's messages and attachments
    put = pack.put

    try:
        for n, (raw, meta) in enumerate(items, 1):
            if progress:
                progress(n)
            where = meta.get("origin") or f"{meta.get('folder', '')} UID {meta.get('uid', '?')}"
            if len(raw) > MAX_BLOB:
                report.refused.append(f"{where}: {len(raw) >> 20} MiB is larger than the {MAX_BLOB >> 20} MiB limit for a message")
                continue
            digest = hashlib.sha256(raw).hexdigest()
            if digest in seen_hashes:  # the same bytes again: no need to parse them
                report.duplicates += 1
                continue
            parsed = parse_message(raw)
            if parsed.message_id and parsed.message_id in seen_ids:
                report.duplicates += 1
                continue
            seen_hashes.add(digest)
            if parsed.message_id:
                seen_ids.add(parsed.message_id)
            blob = put(raw, what="a message")
            attachments = []
            for att in parsed.attachments:
                entry = {"filename": att.filename, "content_type": att.content_type, "size": att.size, "blob": ""}
                if att.size > MAX_BLOB:
                    entry["note"] = f"larger than the {MAX_BLOB >> 20} MiB limit for an attachment; kept only inside the raw message"
                else:
                    entry["blob"] = put(attachment_bytes(raw, att.index), what="an attachment")
                attachments.append(entry)
            match = index.match(parsed)
            understanding = classify(parsed, matched=match.request_id is not None)
            record_id = _new_record_id(taken)
            rec = build_record(
                record_id=record_id, parsed=parsed, sha256=digest, blob=blob, attachments=attachments,
                dkim=dkim(raw), match=match, understanding=understanding, meta=dict(meta, size=len(raw)), received=received,
            )
            if rec["request_id"]:
                report.matched += 1
                if understanding.kind in AUTO_APPLY and rec["confidence"] >= AUTO_THRESHOLD:
                    request = changed.get(rec["request_id"])
                    if request is None and rec["request_id"] in request_docs:
                        request = from_record(Request, request_docs[rec["request_id"]])
                    if request is not None:
                        try:
                            applied = _apply(request, rec, understanding.kind, refresh=False)
                        except UserError:
                            applied = None  # e.g. the request is closed: left for the user
                        if applied is not None:
                            changed[request.id], rec["applied_event"] = applied
                            rec["state"], rec["auto_applied"] = "accepted", True
                            report.auto_applied += 1
            records.append(rec)
            report.ids.append(record_id)
        report.added = len(records)
        if changed:  # once per request, not per event applied
            from privacy_tui.services.requests import refresh_deadlines

            changed = {rid: refresh_deadlines(request) for rid, request in changed.items()}
        if records or also:
            pack.commit()  # the pack is durable before the vault refers to its blobs
            with store.batch():
                store.add_records(TABLE, records)
                if changed:
                    store.save_requests(changed.values())
                if also:
                    also()
        else:
            pack.abort()  # nothing new (all duplicates): no empty pack is left
    except BaseException:
        pack.abort()
        raise
    return report


def _new_record_id(taken: set) -> str:
    while True:
        candidate = new_id("in")
        if candidate not in taken:
            taken.add(candidate)
            return candidate


# --- the user's decisions --------------------------------------------------------------------


def _save_record(store: Store, doc_id: int, rec: dict) -> None:
    store.replace_records(TABLE, {str(doc_id): rec})


def _revert(store: Store, rec: dict) -> Request | None:
    """Remove the event this message added to its request's timeline (for undo / reassign)."""
    from privacy_tui.services.requests import refresh_deadlines

    applied = rec.get("applied_event")
    if not applied:
        return None
    try:
        request = store.request(applied["request_id"])
    except UserError:
        return None  # the request was removed meanwhile
    kept = tuple(
        e for e in request.events
        if not (e.kind == applied.get("event") and e.at == applied.get("at") and (e.data or {}).get("inbox") == rec["id"])
    )
    return refresh_deadlines(replace(request, events=kept))


def accept(store: Store, ident: str, *, as_kind: str | None = None, request_id: str | None = None) -> dict:
    """Confirm what a message is (and which request it answers); appends the timeline event
    through the request's event path, so the legal engine's clock rules apply."""
    from privacy_tui.core.inbox.classify import KINDS

    doc_id, rec = _find(store, ident)
    kind = (as_kind or rec.get("kind") or "").strip().lower()
    if kind not in KINDS:
        raise UserError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    if request_id:
        request = store.request(request_id)
    elif rec.get("request_id"):
        request = store.request(rec["request_id"])
    elif len(rec.get("proposed") or ()) == 1:
        request = store.request(rec["proposed"][0])
    else:
        proposed = ", ".join(rec.get("proposed") or ())
        hint = f" (proposed: {proposed})" if proposed else ""
        raise UserError(f"message {rec['id']} is not matched to a request: name one with --request RID{hint}")
    reverted = _revert(store, rec)
    if reverted is not None and reverted.id == request.id:
        request = reverted
    applied = _apply(request, dict(rec, kind=kind), kind) if kind != "unrelated" else None
    rec.update(request_id=request.id, company_id=request.company_id, kind=kind, state="accepted", auto_applied=False,
               applied_event=applied[1] if applied else None, confidence=1.0)
    with store.batch():
        if reverted is not None and reverted.id != request.id:
            store.save_request(reverted)
        if applied is not None:
            store.save_request(applied[0])
        elif reverted is not None and reverted.id == request.id:
            store.save_request(reverted)
        _learn(store, rec.get("from", ""), request.company_id)
        _save_record(store, doc_id, rec)
    return rec


def _learn(store: Store, sender: str, company_id: str) -> None:
    from privacy_tui.core.inbox.match import FREEMAIL

    domain = _domain_of(sender)
    if not domain or domain in FREEMAIL:
        return  # a gmail.com sender tells nothing about the company
    learned = dict(store.setting(LEARNED_SETTING, {}) or {})
    if learned.get(domain) != company_id:
        learned[domain] = company_id
        store.set_setting(LEARNED_SETTING, learned)


def ignore(store: Store, ident: str) -> dict:
    return _withdraw(store, ident, "ignored")


def undo(store: Store, ident: str) -> dict:
    """Back to 'new': the event the message added (automatically or on accept) is removed."""
    return _withdraw(store, ident, "new")


def _withdraw(store: Store, ident: str, state: str) -> dict:
    """The message to `state`, the event it added removed from its request, in one write."""
    doc_id, rec = _find(store, ident)
    reverted = _revert(store, rec)
    rec.update(state=state, applied_event=None, auto_applied=False)
    with store.batch():
        if reverted is not None:
            store.save_request(reverted)
        _save_record(store, doc_id, rec)
    return rec


def _of_requests(store: Store, wanted: set) -> tuple[list[str], list[str]]:
    """(doc ids, blob ids) of the received messages assigned to the requests in `wanted`."""
    from privacy_tui.vault.blobs import valid_id

    doomed = [k for k, r in _records(store).items() if isinstance(r, dict) and r.get("request_id") in wanted]
    blob_ids = []
    for k in doomed:
        rec = _records(store)[k]
        blob_ids.append(rec.get("blob"))
        attachments = rec.get("attachments")
        blob_ids += [a.get("blob") for a in (attachments if isinstance(attachments, list) else ()) if isinstance(a, dict)]
    return doomed, [b for b in blob_ids if valid_id(b)]


def referenced_by(store: Store, request_ids: Iterable[str]) -> tuple[int, list[str]]:
    """(how many received messages, their blob ids) of these requests: what a removal removes."""
    doomed, blob_ids = _of_requests(store, set(request_ids))
    return len(doomed), blob_ids


def remove_for_requests(store: Store, request_ids: Iterable[str]) -> list[str]:
    """Drop the received messages of removed requests from the vault; returns their blob ids,
    to delete once the vault write has succeeded (`delete_blobs`)."""
    doomed, blob_ids = _of_requests(store, set(request_ids))
    if doomed:
        store.remove_doc_ids(TABLE, doomed)
    return blob_ids


def delete_blobs(store: Store, blob_ids: Iterable[str]) -> None:
    store.vault.blobs.delete_many(blob_ids)  # each pack concerned rewritten once
