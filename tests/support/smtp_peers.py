"""Hostile SMTP peers on 127.0.0.1, written on raw sockets (aiosmtpd is too polite to misbehave).

A `ScriptedPeer` speaks just enough SMTP (EHLO, MAIL, RCPT, DATA, RSET, QUIT) and misbehaves in
one chosen place: its greeting or its reply after the DATA terminator. Each behaviour is a
function `(conn, stop)`; the ones below trickle, flood or garble. The peer counts every complete
message text it took (`messages`), so a test can tell how many copies reached it.

    peer = start_peer(after_data=garbage(b"\\x00\\xff\\xfe\\r\\n"))
    ...
    peer.stop()
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from privacy_tui.transport.smtp_settings import SmtpSettings

HOST = "127.0.0.1"
Behaviour = Callable[[socket.socket, threading.Event], None]


def reply(data: bytes) -> Behaviour:
    """Send `data` at once (a clean or a garbled reply)."""

    def act(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(data)

    return act


def trickle(data: bytes, every: float = 0.2) -> Behaviour:
    """One byte of `data` every `every` seconds: each read succeeds, the whole never ends in time."""

    def act(conn: socket.socket, stop: threading.Event) -> None:
        for i in range(len(data)):
            conn.sendall(data[i : i + 1])
            if stop.wait(every):
                return

    return act


def endless(line: bytes) -> Behaviour:
    """The same continuation line forever, as fast as the client takes it (no wait)."""

    def act(conn: socket.socket, stop: threading.Event) -> None:
        chunk = line * 64
        while not stop.is_set():
            conn.sendall(chunk)

    return act


def hang_up(conn: socket.socket, stop: threading.Event) -> None:
    conn.shutdown(socket.SHUT_RDWR)


@dataclass(eq=False)
class ScriptedPeer:
    greeting: Behaviour
    after_data: Behaviour
    verbs: dict[bytes, Behaviour] = field(default_factory=dict)  # e.g. {b"MAIL": trickle(...)}: replaces the reply
    tls: Any = None  # an ssl.SSLContext: offer STARTTLS
    after_starttls: bytes = b""  # sent in clear text right after the 220 to STARTTLS (an injection)
    sock: socket.socket = field(default_factory=lambda: socket.create_server((HOST, 0)))
    messages: list[bytes] = field(default_factory=list)  # every complete text taken, in order
    finished: threading.Event = field(default_factory=threading.Event)  # a connection ended
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    def settings(self, **overrides: Any) -> SmtpSettings:
        values: dict[str, Any] = dict(host=HOST, port=self.port, security="none", username="",
                                      from_addr="zoe@example.org", timeout=2.0)
        values.update(overrides)
        return SmtpSettings(**values)

    def start(self) -> ScriptedPeer:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn, conn.makefile("rb") as incoming:
                self.greeting(conn, self._stop)
                self._session(conn, incoming)
        except OSError:
            pass  # the client gave up (that is what most of these peers are for)
        finally:
            self.finished.set()

    def _session(self, conn: socket.socket, incoming) -> None:
        while True:
            line = incoming.readline(4096)
            if not line:
                return
            verb = line[:4].upper()
            if verb in self.verbs:
                self.verbs[verb](conn, self._stop)
            elif verb in (b"EHLO", b"HELO"):
                offer = b"250-STARTTLS\r\n" if self.tls is not None and not isinstance(conn, ssl.SSLSocket) else b""
                conn.sendall(b"250-peer.test\r\n" + offer + b"250 8BITMIME\r\n")
            elif verb == b"STAR" and self.tls is not None:
                conn.sendall(b"220 2.0.0 ready\r\n" + self.after_starttls)
                secure = self.tls.wrap_socket(conn, server_side=True)
                with secure.makefile("rb") as secure_incoming:
                    self._session(secure, secure_incoming)
                return
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                conn.sendall(b"250 2.0.0 OK\r\n")
            elif verb == b"DATA":
                conn.sendall(b"354 go ahead\r\n")
                text = bytearray()
                for data_line in incoming:
                    if data_line == b".\r\n":
                        break
                    text += data_line
                self.messages.append(bytes(text))
                self.after_data(conn, self._stop)
            elif verb == b"QUIT":
                conn.sendall(b"221 bye\r\n")
                return
            else:
                conn.sendall(b"502 5.5.1 not here\r\n")


# reply() builds a stateless sender, so sharing one as a default is safe.
def start_peer(*, greeting: Behaviour = reply(b"220 peer.test ESMTP\r\n"),  # noqa: B008
               after_data: Behaviour = reply(b"250 2.0.0 queued\r\n"),  # noqa: B008
               verbs: dict[bytes, Behaviour] | None = None, **options: Any) -> ScriptedPeer:
    return ScriptedPeer(greeting=greeting, after_data=after_data, verbs=dict(verbs or {}), **options).start()


@pytest.fixture
def make_peer() -> Iterator[Callable[..., ScriptedPeer]]:
    peers: list[ScriptedPeer] = []

    def make(**kwargs: Any) -> ScriptedPeer:
        peer = start_peer(**kwargs)
        peers.append(peer)
        return peer

    yield make
    for peer in peers:
        peer.stop()
