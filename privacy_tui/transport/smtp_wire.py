"""An smtplib connection held to one total deadline, reading only well-formed, bounded replies.

smtplib's own timeout applies to each socket call, so a peer trickling one byte a second keeps
a "5 s" send alive for minutes, and its reply reader accepts any number of continuation lines
(an endless `220-` greeting grows without limit). Here every read and write gets the time that
is left of one deadline for the whole operation, and a watchdog shuts the socket down when it
passes, which also bounds the one step that is not ours to loop over: the TLS handshake.

Replies are parsed strictly (RFC 5321 §4.2: three digits 2xx–5xx, "-" or " " or nothing, the
same code on every line) with caps on line length and line count. Anything else raises
`MalformedReply`, which the caller must not mistake for a server's answer: after the DATA
terminator it means "may have been delivered".
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
import threading
import time

from privacy_tui.core.text import find_control

# RFC 5321 §4.5.3.1.5 allows 512 octets per reply line; servers are given four times that.
MAX_REPLY_LINE = 2048
# A long EHLO answer has some twenty lines; an endless continuation stops here.
MAX_REPLY_LINES = 64
_REPLY_LINE = re.compile(rb"([2-5][0-9][0-9])(?:([ -])(.*?))?\r?\n", re.DOTALL)


class MalformedReply(smtplib.SMTPException):
    """The peer sent something that is not an SMTP reply (or one beyond our limits)."""


class BoundedSMTP(smtplib.SMTP):
    """smtplib.SMTP with one deadline (time.monotonic() seconds) for everything it does.

    `implicit_tls` wraps the connection in TLS before the greeting (port 465). `phase` names
    what the connection is doing while it connects, for error messages. `reply_clean` is False
    when the last reply's text held bytes other than printable UTF-8.
    """

    def __init__(self, *, deadline: float, implicit_tls: ssl.SSLContext | None = None, local_hostname: str) -> None:
        self.deadline = deadline
        self.implicit_tls = implicit_tls
        self.phase = "connecting"
        self.reply_clean = True
        self._buffer = b""
        self._watch: socket.socket | None = None
        self._timer: threading.Timer | None = None
        self._expired = threading.Event()
        super().__init__(local_hostname=local_hostname, timeout=max(self.remaining(), 0.001))

    # --- the deadline ---------------------------------------------------------------------

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    @property
    def expired(self) -> bool:
        return self._expired.is_set() or self.remaining() <= 0

    def _left(self) -> float:
        left = self.remaining()
        if left <= 0 or self._expired.is_set():
            raise TimeoutError("the deadline passed")
        return left

    def _arm(self, sock: socket.socket) -> None:
        # A duplicate of the descriptor, so the watchdog can shut the connection down whatever
        # object (plain or TLS) currently wraps it; shutdown() acts on the socket, not the fd.
        self._watch = sock.dup()
        self._timer = threading.Timer(self._left(), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        self._expired.set()
        watch = self._watch
        if watch is not None:
            try:
                watch.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # --- smtplib hooks ----------------------------------------------------------------------

    def _get_socket(self, host, port, timeout):
        sock = socket.create_connection((host, port), self._left(), self.source_address)
        try:
            self._arm(sock)
            if self.implicit_tls is not None:
                self.phase = "in the TLS handshake"
                sock.settimeout(self._left())
                sock = self.implicit_tls.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
        self.phase = "waiting for the server's greeting"
        return sock

    def send(self, s) -> None:
        if self.sock:
            self.sock.settimeout(self._left())  # sendall: the timeout bounds the whole call
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        code = b""
        texts: list[bytes] = []
        clean = True
        while True:
            line = self._readline()
            match = _REPLY_LINE.fullmatch(line)
            if match is None or (code and match.group(1) != code):
                self.close()  # the stream is out of step: nothing after this can be trusted
                raise MalformedReply(f"a malformed reply line {_preview(line)}")
            code, separator, text = match.group(1), match.group(2), match.group(3) or b""
            clean = clean and _clean(text)
            texts.append(text.strip(b" \t\r"))
            if separator != b"-":
                break
            if len(texts) >= MAX_REPLY_LINES:
                self.close()
                raise MalformedReply(f"a reply of more than {MAX_REPLY_LINES} lines")
        self.reply_clean = clean
        return int(code), b"\n".join(texts)

    def _readline(self) -> bytes:
        while True:
            end = self._buffer.find(b"\n", 0, MAX_REPLY_LINE)
            if end >= 0:
                line, self._buffer = self._buffer[: end + 1], self._buffer[end + 1 :]
                return line
            if len(self._buffer) >= MAX_REPLY_LINE:
                self.close()
                raise MalformedReply(f"a reply line longer than {MAX_REPLY_LINE} bytes")
            if not self.sock:
                raise smtplib.SMTPServerDisconnected("not connected")
            try:
                self.sock.settimeout(self._left())
                chunk = self.sock.recv(4096)
            except OSError as exc:
                self.close()
                if self._expired.is_set():
                    raise TimeoutError("the deadline passed") from exc
                raise smtplib.SMTPServerDisconnected(f"Connection unexpectedly closed: {exc}") from exc
            if not chunk:
                self.close()
                if self._expired.is_set():
                    raise TimeoutError("the deadline passed")
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            self._buffer += chunk

    def starttls(self, *args, **kwargs):
        result = super().starttls(*args, **kwargs)
        # Bytes that came after the 220 in clear text are an injection attempt (CVE-2011-0411
        # class); they must never be read as if they came through TLS.
        self._buffer = b""
        return result

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._buffer = b""
            if self._timer is not None:
                self._timer.cancel()
            if self._watch is not None:
                self._watch.close()
                self._watch = None


def _clean(text: bytes) -> bool:
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return find_control(decoded, multiline=True) is None  # tab allowed; no newline can be here


def _preview(line: bytes) -> str:
    shown = line[:40].decode("ascii", "backslashreplace")
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in shown)
    return f"'{shown}'" + (f" ({len(line)} bytes)" if len(line) > 40 else "")


__all__ = ["BoundedSMTP", "MAX_REPLY_LINE", "MAX_REPLY_LINES", "MalformedReply"]
