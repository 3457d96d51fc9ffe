"""Bringing received mail into the inbox: IMAP sync (read-only, incremental) and file import.

Sync keeps, per folder, the UIDVALIDITY and the highest UID already stored (vault setting
`inbox.sync_state`): the next sync asks only for UIDs above it, so "nothing new" is one search.
A changed UIDVALIDITY (the folder was recreated) starts the folder over; duplicates are then
recognised by Message-ID and bytes. Each fetched group is ingested (one vault write) together
with the new folder state, so a connection that drops mid-sync keeps what arrived before it.

Import reads .eml files, folders of them and mbox files, each message at most 25 MB (counted
while reading), non-regular files refused; an mbox is read line by line in one pass, message
by message, never loaded whole.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.services import inbox
from privacy_tui.vault.blobs import MAX_BLOB
from privacy_tui.vault.store import Store

STATE_SETTING = "inbox.sync_state"
IMAP_SETTING = "imap"
MAX_FOLDER_FILES = 100_000
MAX_WALK_DEPTH = 8
INGEST_BATCH = 1000  # messages per vault write during a sync
INGEST_BYTES = 100 * 1024 * 1024

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class SyncReport:
    fetched: int = 0
    ingest: inbox.IngestReport = field(default_factory=inbox.IngestReport)
    folders: dict[str, str] = field(default_factory=dict)  # folder -> what happened, in words
    warnings: list[str] = field(default_factory=list)


def imap_settings(store):
    from privacy_tui.transport.imap_settings import ImapSettings

    raw = store.setting(IMAP_SETTING)
    if not raw:
        return None
    return ImapSettings.from_dict(raw)


def save_imap_settings(store: Store, settings) -> None:
    store.set_setting(IMAP_SETTING, settings.validate().to_dict())


def configure_imap(store: Store, *, preset: str | None = None, **changes):
    """The stored IMAP account with the preset applied, then every change that is not None;
    validated and saved. Choosing another security without a port takes that security's port."""
    from privacy_tui.transport import imap_settings as mod

    current = imap_settings(store)
    if preset:
        chosen = mod.get_preset(preset)
        base = mod.ImapSettings(host=chosen.host, port=chosen.port, security=chosen.security,
                                username=(current.username if current else ""), tls_server_name=chosen.tls_server_name,
                                folders=current.folders if current else ("INBOX",))
    elif current is not None:
        base = current
    else:
        security = changes.get("security") or "ssl"
        base = mod.ImapSettings(host="", port=mod.DEFAULT_PORTS[security], security=security, username="")
    security = changes.get("security")
    if security and not changes.get("port") and not preset and (current is None or security != current.security):
        changes["port"] = mod.DEFAULT_PORTS[security]
    settings = mod.with_overrides(base, **changes).validate()
    save_imap_settings(store, settings)
    return settings


def _merge(total: inbox.IngestReport, part: inbox.IngestReport) -> None:
    total.added += part.added
    total.duplicates += part.duplicates
    total.matched += part.matched
    total.auto_applied += part.auto_applied
    total.refused += part.refused
    total.ids += part.ids


def sync(store: Store, settings, password: str, *, since: date | None = None, progress: Progress | None = None,
         client_factory=None, dkim=None) -> SyncReport:
    from privacy_tui.transport.imap import FolderMissing, ImapClient, batches, imap_date

    report = SyncReport()
    state = dict(store.setting(STATE_SETTING, {}) or {})
    factory = client_factory or ImapClient
    with factory(settings, password) as client:
        plans = []
        for folder in settings.folders:
            try:
                info = client.examine(folder)
            except FolderMissing as exc:
                report.folders[folder] = "not found on the server; skipped"
                report.warnings.append(str(exc))
                continue
            known = state.get(folder) or {}
            last = int(known.get("last_uid", 0)) if known.get("uidvalidity") == info.uidvalidity else 0
            if known and known.get("uidvalidity") != info.uidvalidity:
                report.warnings.append(f"folder {folder!r} was recreated on the server (UIDVALIDITY changed); reading it again")
            if known.get("uidvalidity") == info.uidvalidity and info.uidnext and info.uidnext <= last + 1:
                uids: list[int] = []  # nothing new: UIDNEXT says so without a search
            else:
                uids = client.uids_after(last, since=imap_date(since) if since else "")
            plans.append((folder, info, last, uids))
            if not uids:
                report.folders[folder] = "nothing new"
                if known.get("uidvalidity") != info.uidvalidity:
                    state[folder] = {"uidvalidity": info.uidvalidity, "last_uid": last}
        total = sum(len(p[3]) for p in plans)
        done = 0
        for folder, info, last, uids in plans:
            if not uids:
                continue
            client.examine(folder)
            sizes = client.sizes(uids)
            too_big = [u for u in uids if sizes.get(u, 0) > MAX_BLOB]
            for uid in too_big:
                report.ingest.refused.append(f"{folder} UID {uid}: {sizes[uid] >> 20} MiB is larger than the {MAX_BLOB >> 20} MiB limit; left on the server")
            wanted = [u for u in uids if u not in set(too_big)]
            pending: list[tuple[bytes, dict]] = []
            pending_bytes = 0
            groups = list(batches(wanted, sizes))
            for i, group in enumerate(groups):
                messages = client.fetch(group)
                report.fetched += len(messages)
                pending += [(raw, {"source": "imap", "folder": folder, "uid": uid}) for uid, raw in messages]
                pending_bytes += sum(len(raw) for _, raw in messages)
                done += len(group)
                state[folder] = {"uidvalidity": info.uidvalidity, "last_uid": max(max(group), last)}
                # One vault write per INGEST_BATCH messages: what arrived survives a dropped connection.
                if len(pending) >= INGEST_BATCH or pending_bytes >= INGEST_BYTES or i == len(groups) - 1:
                    snapshot = dict(state)
                    part = inbox.ingest_many(store, pending, dkim=dkim, also=partial(store.set_setting, STATE_SETTING, snapshot))
                    _merge(report.ingest, part)
                    pending, pending_bytes = [], 0
                if progress:
                    progress(done, total)
            if too_big and not wanted:
                state[folder] = {"uidvalidity": info.uidvalidity, "last_uid": max(max(too_big), last)}
            report.folders[folder] = f"{len(wanted)} fetched"
    if state != (store.setting(STATE_SETTING, {}) or {}):
        store.set_setting(STATE_SETTING, state)
    return report


def test_connection(settings, password: str, client_factory=None) -> str:
    from privacy_tui.transport.imap import FolderMissing, ImapClient

    with (client_factory or ImapClient)(settings, password) as client:
        lines = []
        for folder in settings.folders:
            try:
                info = client.examine(folder)
                lines.append(f"{folder}: {info.exists} message(s)")
            except FolderMissing:
                lines.append(f"{folder}: not found")
    return f"IMAP OK: logged in to {settings.host}:{settings.port} as {settings.username} ({'; '.join(lines)})"


# --- import from files ---------------------------------------------------------------------


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _read_message(path: Path) -> bytes:
    from privacy_tui.transport.files import read_user_file

    return read_user_file(path, MAX_BLOB, "message")


def _looks_like_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(5) == b"From "
    except OSError:
        return False


_BLOCK = 1 << 20  # bytes read at a time
_MARK = b"\nFrom "


def _mbox_messages(fh, limit: int, *, block: int = _BLOCK) -> Iterator[bytes | None]:
    """The messages of an mbox, in one pass, as Python's mailbox.mbox cuts them: from the line
    after a "From " line up to the next such line, less the blank line that ends each message.
    A message larger than `limit` is yielded as None (its bytes are dropped as they are read,
    never kept); so is nothing else: memory stays within `limit` plus one block.

    (mailbox.mbox first builds a table of contents with a readline and a tell() per line, then
    seeks back for each message: a tenth of a 10,000-message import; here the file is read in
    blocks and cut where b"\nFrom " occurs.)"""
    buf = b""
    pos = 0  # where the unread part of buf begins (slicing per message would copy the block)
    eof = False

    def more() -> bool:
        nonlocal buf, pos, eof
        if eof:
            return False
        data = fh.read(block)
        if not data:
            eof = True
            return False
        buf = buf[pos:] + data
        pos = 0
        return True

    # Whatever comes before the first "From " line is no message.
    while len(buf) - pos < 5 and more():
        pass
    if not buf.startswith(b"From ", pos):
        while True:
            at = buf.find(_MARK, pos)
            if at >= 0:
                pos = at + 1
                break
            pos = max(pos, len(buf) - (len(_MARK) - 1))  # a mark may begin in these last bytes
            if not more():
                return
    while True:
        # buf[pos:] starts with a "From " line: skip to its end (a long one is dropped as read).
        end = buf.find(b"\n", pos)
        while end < 0:
            pos = len(buf)
            if not more():
                yield b""  # a From line at the very end: an empty message, as mailbox.mbox reads it
                return
            end = buf.find(b"\n", pos)
        pos = end + 1  # the message's first byte
        size = 0       # bytes of this message dropped so far (too large)
        scanned = pos  # where the search for the next From line resumes
        while True:
            if size == 0 and buf.startswith(b"From ", pos):
                at = pos
                break
            hit = buf.find(_MARK, scanned)
            if hit >= 0:
                at = hit + 1
                break
            if size == 0 and len(buf) - pos < 5 and b"From ".startswith(buf[pos:]) and not eof:
                more()  # too few bytes yet to tell whether a From line follows at once
                scanned = pos
                continue
            if eof:
                at = -1
                break
            scanned = max(pos, len(buf) - (len(_MARK) - 1))
            if size + (scanned - pos) > limit + 1:  # surely too large (+1: the blank line cut below)
                size += scanned - pos
                pos = scanned  # drop what is surely part of this message
            offset = scanned - pos
            more()
            scanned = pos + offset
        message = buf[pos:at] if at >= 0 else buf[pos:]
        if message == b"\n" or message.endswith(b"\n\n"):
            message = message[:-1]
        yield None if size or len(message) > limit else message
        if at < 0:
            return
        pos = at


def _mbox_items(path: Path, refused: list[str]) -> Iterator[tuple[bytes, dict]]:
    with open(path, "rb") as fh:
        for key, data in enumerate(_mbox_messages(fh, MAX_BLOB)):
            if data is None:
                refused.append(f"{path} message {key + 1}: larger than the {MAX_BLOB >> 20} MB limit for a message")
                continue
            yield data, {"source": "import", "origin": f"{path}#{key + 1}"}


def _folder_files(folder: Path) -> Iterator[Path]:
    count = 0
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=lambda e: None):
        if len(Path(root).parts) - base_depth >= MAX_WALK_DEPTH:
            dirs[:] = []
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith((".eml", ".mbox")):
                count += 1
                if count > MAX_FOLDER_FILES:
                    raise UserError(f"{folder} holds more than {MAX_FOLDER_FILES} message files; import it in parts")
                yield Path(root) / name


def import_items(paths: Iterable[Path], refused: list[str]) -> Iterator[tuple[bytes, dict]]:
    """(raw, meta) for every message in `paths`; problems per file go to `refused`."""
    for path in paths:
        path = Path(path).expanduser()
        if os.path.isdir(path):
            files: Iterable[Path] = _folder_files(path)
        elif os.path.lexists(path):
            files = [path]
        else:
            raise UserError(f"{path} does not exist")
        for file in files:
            if not _is_regular(file):
                refused.append(f"{file}: not a regular file; skipped")
                continue
            if file.suffix.lower() == ".mbox" or _looks_like_mbox(file):
                yield from _mbox_items(file, refused)
                continue
            try:
                yield _read_message(file), {"source": "import", "origin": str(file)}
            except UserError as exc:
                refused.append(str(exc))


def import_paths(store: Store, paths: Iterable[Path], *, progress: Callable[[int], None] | None = None, dkim=None) -> inbox.IngestReport:
    refused: list[str] = []
    for path in paths:  # refuse a missing or special path before anything is read
        p = Path(path).expanduser()
        if not os.path.lexists(p):
            raise UserError(f"{p} does not exist")
        if not os.path.isdir(p) and not _is_regular(p):
            raise UserError(f"{p} is not a regular file or a folder")
    report = inbox.ingest_many(store, import_items(paths, refused), dkim=dkim, progress=progress)
    report.refused = refused + report.refused
    return report


__all__ = ["SyncReport", "configure_imap", "import_paths", "imap_settings", "save_imap_settings", "sync", "test_connection", "TransportError"]
