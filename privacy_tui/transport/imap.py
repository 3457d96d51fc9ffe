"""A read-only IMAP client: EXAMINE, UID SEARCH, UID FETCH (RFC822.SIZE, BODY.PEEK[]) — nothing else.

Never STORE, EXPUNGE, MOVE, COPY or SELECT: the mailbox is the user's, and a sync must leave
every flag (\\Seen included) exactly as it was. TLS always (implicit or STARTTLS, certificate
and host name checked). Each operation (connect and log in, open one folder, one search, one
fetch) has one total deadline: a watchdog shuts the socket when it passes, so a server that
drips bytes cannot hold a sync forever. A literal larger than the cap is refused before it is
read, whatever RFC822.SIZE claimed.
"""

from __future__ import annotations

import imaplib
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import cast

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.transport.imap_settings import ImapSettings

MAX_MESSAGE = 25 * 1024 * 1024
FETCH_BATCH = 100  # UIDs per FETCH of bodies
FETCH_BYTES = 40 * 1024 * 1024  # bodies per FETCH, by their announced sizes
_LINE_CAP = 1_000_000


class _Capped:
    """Mixed into imaplib's classes: refuses oversized literals before reading them."""

    max_literal = MAX_MESSAGE + 64 * 1024

    def read(self, size):  # imaplib reads every {n} literal through here
        if size > self.max_literal:
            raise imaplib.IMAP4.abort(f"the server sent a literal of {size} bytes, more than the limit")
        return super().read(size)


class _IMAP4(_Capped, imaplib.IMAP4):
    pass


class _IMAP4_SSL(_Capped, imaplib.IMAP4_SSL):
    pass


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    uidnext: int
    exists: int


class FolderMissing(TransportError):
    pass


class ImapClient:
    def __init__(self, settings: ImapSettings, password: str) -> None:
        self.settings = settings
        self._password = password
        self.conn: imaplib.IMAP4 | None = None

    @property
    def _open(self) -> imaplib.IMAP4:
        # The read-only commands run between connect() and close() only.
        if self.conn is None:
            raise RuntimeError("ImapClient used before connect() or after close()")
        return self.conn

    # --- deadline ----------------------------------------------------------------------------
    @contextmanager
    def _deadline(self, what: str) -> Iterator[None]:
        limit = self.settings.timeout
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            sock = getattr(self.conn, "sock", None)
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(limit, kill)
        timer.daemon = True
        timer.start()
        try:
            yield
        except (imaplib.IMAP4.error, OSError, EOFError, ssl.SSLError) as exc:
            if fired.is_set():
                raise TransportError(f"IMAP {what} took longer than {limit:g} s; stopped") from None
            raise TransportError(f"IMAP {what} failed: {_why(exc)}") from None
        finally:
            timer.cancel()
        if fired.is_set():
            raise TransportError(f"IMAP {what} took longer than {limit:g} s; stopped")

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.settings.ca_file or None)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    # --- session -----------------------------------------------------------------------------
    def connect(self) -> ImapClient:
        s = self.settings
        with self._deadline(f"connection to {s.host}:{s.port}"):
            context = self._context()
            server_name = s.tls_server_name or s.host
            if s.security == "ssl":
                self.conn = _IMAP4_SSL(s.host, s.port, ssl_context=_NamedContext.of(context, server_name), timeout=s.timeout)
            else:
                self.conn = _IMAP4(s.host, s.port, timeout=s.timeout)
                self.conn.starttls(ssl_context=_NamedContext.of(context, server_name))
            try:
                self.conn.login(s.username, self._password)
            except imaplib.IMAP4.error as exc:
                if not isinstance(exc, imaplib.IMAP4.abort):
                    raise UserError(f"the IMAP server refused the login for {s.username!r}: {_why(exc)}") from None
                raise
        return self

    def close(self) -> None:
        if self.conn is not None:
            try:
                with self._deadline("logout"):
                    self.conn.logout()
            except TransportError:
                pass
            finally:
                try:
                    self.conn.shutdown()
                except (OSError, AttributeError):
                    pass
                self.conn = None

    def __enter__(self) -> ImapClient:
        return self.connect()

    def __exit__(self, *exc) -> None:
        self.close()

    # --- read-only commands -----------------------------------------------------------------
    def examine(self, folder: str) -> FolderState:
        """Open `folder` read-only (EXAMINE): its UIDVALIDITY, UIDNEXT and message count."""
        with self._deadline(f"opening folder {folder!r}"):
            typ, data = self._open.select(_quote(folder), readonly=True)  # readonly=True sends EXAMINE
            if typ != "OK":
                raise FolderMissing(f"the folder {folder!r} does not exist on the server (or cannot be opened)")
            # imaplib files a response code ("[UIDVALIDITY n]") as bytes; only untagged data
            # followed by a literal is stored as a tuple.
            validity = cast(bytes, self._open.untagged_responses.get("UIDVALIDITY", [b"0"])[-1])
            uidnext = cast(bytes, self._open.untagged_responses.get("UIDNEXT", [b"0"])[-1])
            exists = data[0] if data and data[0] else b"0"
        return FolderState(int(validity), int(uidnext), int(exists))

    def uids_after(self, last_uid: int, *, since: str = "") -> list[int]:
        """UIDs above `last_uid` (and on/after `since`, an IMAP date like 01-Dec-2026), ascending."""
        criteria = [f"UID {last_uid + 1}:*"]
        if since:
            criteria.append(f"SINCE {since}")
        with self._deadline("search"):
            typ, data = self._open.uid("SEARCH", *criteria)
        if typ != "OK":
            raise TransportError(f"IMAP search failed: {_why(data)}")
        found = sorted({int(x) for x in b" ".join(d for d in data if d).split() if x.isdigit()})
        return [u for u in found if u > last_uid]  # "n:*" includes the last message even below n

    def sizes(self, uids: list[int]) -> dict[int, int]:
        if not uids:
            return {}
        out: dict[int, int] = {}
        for chunk in _chunks(uids, 500):
            with self._deadline("size check"):
                typ, data = self._open.uid("FETCH", _set(chunk), "(RFC822.SIZE)")
            if typ != "OK":
                raise TransportError(f"IMAP fetch failed: {_why(data)}")
            for item in data:
                line = item[0] if isinstance(item, tuple) else item
                if not isinstance(line, bytes):
                    continue
                m_uid, m_size = re.search(rb"UID (\d+)", line), re.search(rb"RFC822\.SIZE (\d+)", line)
                if m_uid and m_size:
                    out[int(m_uid.group(1))] = int(m_size.group(1))
        return out

    def fetch(self, uids: list[int]) -> list[tuple[int, bytes]]:
        """(uid, exact bytes) for each UID, fetched with BODY.PEEK[] (never sets \\Seen)."""
        if not uids:
            return []
        with self._deadline("fetch"):
            typ, data = self._open.uid("FETCH", _set(uids), "(UID BODY.PEEK[])")
        if typ != "OK":
            raise TransportError(f"IMAP fetch failed: {_why(data)}")
        out = []
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                m_uid = re.search(rb"UID (\d+)", item[0])
                if m_uid:
                    out.append((int(m_uid.group(1)), bytes(item[1])))
        return out


class _NamedContext:
    """An SSLContext that checks the certificate for `server_name` instead of the host we dialled
    (Proton Mail Bridge: 127.0.0.1 presenting a certificate for 0.0.0.0)."""

    def __init__(self, context: ssl.SSLContext, server_name: str) -> None:
        self._context = context
        self._name = server_name

    @classmethod
    def of(cls, context: ssl.SSLContext, server_name: str) -> ssl.SSLContext:
        # A proxy, not a subclass: imaplib only calls wrap_socket and reads attributes, which
        # __getattr__ forwards, so to its callers it stands in for an SSLContext.
        return cast(ssl.SSLContext, cls(context, server_name))

    def wrap_socket(self, sock, server_hostname=None, **kw):
        return self._context.wrap_socket(sock, server_hostname=self._name, **kw)

    def __getattr__(self, name):
        return getattr(self._context, name)


def batches(uids: list[int], sizes: dict[int, int]) -> Iterator[list[int]]:
    """Groups of UIDs for one FETCH each: at most FETCH_BATCH messages and FETCH_BYTES bytes."""
    group: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if group and (len(group) >= FETCH_BATCH or total + size > FETCH_BYTES):
            yield group
            group, total = [], 0
        group.append(uid)
        total += size
    if group:
        yield group


def _chunks(items: list[int], n: int) -> Iterator[list[int]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _set(uids: list[int]) -> str:
    return ",".join(str(u) for u in uids)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _why(exc: object) -> str:
    from privacy_tui.core.text import printable

    if isinstance(exc, (list, tuple)):
        exc = b" ".join(x for x in exc if isinstance(x, bytes)).decode("utf-8", "replace")
    text = exc.decode("utf-8", "replace") if isinstance(exc, bytes) else str(exc)
    return printable(text[:300]) or type(exc).__name__


def imap_date(day) -> str:
    """An IMAP date (RFC 3501 date-text) in English month names whatever the locale."""
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{day.day:02d}-{months[day.month - 1]}-{day.year}"
