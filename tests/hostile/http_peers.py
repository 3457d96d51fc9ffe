"""Hostile HTTP peers on 127.0.0.1, for tests and benchmarks/hostile.py.

One raw-socket server (threads) whose behaviour is chosen by the request path:

    /ok                 a small HTML page
    /json               a small JSON array (a DRP directory with no business)
    /trickle-body       headers, then one body byte per tick, forever
    /trickle-headers    the status line, then one header byte per tick, forever
    /silent             reads the request and never answers
    /endless            headers without a length, then an endless body
    /gzip-bomb          Content-Encoding: gzip, a small body inflating to BOMB_BYTES
    /deflate-bomb       the same with deflate
    /garbage            bytes that are not HTTP
    /endless-header     one header line that never ends
    /redirect?to=URL    302 to URL
    /chain/N            302 to /chain/N+1, forever

Anything after the first path segment is ignored (/silent/v1/agent/X is /silent).

`TlsPeer` serves the same on TLS with a throw-away CA, and `SilentTcp` accepts connections and
never says anything (a TLS handshake that never completes). Pacing uses an Event, so stopping
the server ends every handler at once.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import socketserver
import ssl
import threading
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

TICK = 0.05  # seconds between trickled bytes
BOMB_BYTES = 200 * 1024 * 1024
HTML = b"<html><head><title>Privacy Policy</title></head><body><p>Write to privacy@example.com.</p></body></html>"

_bombs: dict[str, bytes] = {}


def bomb(kind: str = "gzip", size: int = BOMB_BYTES) -> bytes:
    """A body of zeros compressed with gzip or deflate (kept: compressing takes a moment)."""
    key = f"{kind}:{size}"
    if key not in _bombs:
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS if kind == "gzip" else zlib.MAX_WBITS)
        parts, left = [], size
        while left:
            step = min(left, 1024 * 1024)
            parts.append(packer.compress(bytes(step)))
            left -= step
        parts.append(packer.flush())
        _bombs[key] = b"".join(parts)
    return _bombs[key]


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def _stop(self) -> threading.Event:
        return self.server.stop

    def _read_request(self) -> str:
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                break
            data += chunk
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split(" ")
        return parts[1] if len(parts) > 1 else "/"

    def _send(self, data: bytes) -> None:
        self.request.sendall(data)

    def _answer(self, status: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self._send(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)

    def _trickle(self, prefix: bytes, byte: bytes) -> None:
        self._send(prefix)
        while not self._stop().wait(TICK):
            self._send(byte)

    def handle(self) -> None:
        try:
            path = self._read_request()
            self.server.seen.append(path)
            self._serve(path)
        except OSError:
            pass  # the client gave up: that is what most of these peers are for

    def _serve(self, path: str) -> None:
        parts = urlsplit(path)
        # The first segment picks the behaviour, so a DRP client may append its endpoints.
        route = "/" + parts.path.lstrip("/").split("/", 1)[0]
        if route == "/ok":
            self._answer("200 OK", HTML, {"Content-Type": "text/html; charset=utf-8"})
        elif route == "/json":
            self._answer("200 OK", b"[]", {"Content-Type": "application/json"})
        elif route == "/trickle-body":
            self._trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n", b"x")
        elif route == "/trickle-headers":
            self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a")
        elif route == "/silent":
            self._stop().wait()
        elif route == "/endless":
            self._send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")
            chunk = b"x" * 65536
            while not self._stop().is_set():
                self._send(chunk)
        elif route in ("/gzip-bomb", "/deflate-bomb"):
            kind = route[1:].split("-")[0]
            body = bomb(kind, self.server.bomb_bytes)
            self._answer("200 OK", body, {"Content-Type": "text/html", "Content-Encoding": kind})
        elif route == "/garbage":
            self._send(bytes(range(256)) * 64)
        elif route == "/endless-header":
            self._send(b"HTTP/1.1 200 OK\r\nX-Long: ")
            chunk = b"a" * 65536
            while not self._stop().is_set():
                self._send(chunk)
        elif route == "/redirect":
            target = parse_qs(parts.query).get("to", ["/ok"])[0]
            self._answer("302 Found", b"", {"Location": target})
        elif route == "/chain":
            n = int(parts.path.split("/")[2])
            self._answer("302 Found", b"", {"Location": f"/chain/{n + 1}"})
        else:
            self._answer("404 Not Found", b"")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, tls: ssl.SSLContext | None = None, bomb_bytes: int = BOMB_BYTES) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()
        self.seen: list[str] = []
        self.tls = tls
        self.bomb_bytes = bomb_bytes

    def get_request(self):
        sock, addr = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def finish_request(self, request, client_address) -> None:
        if self.tls is not None:
            try:
                request.do_handshake()
            except (OSError, ssl.SSLError):
                return
        super().finish_request(request, client_address)


class HostilePeer:
    """The server, as a context manager; `url(path)` is its address on 127.0.0.1."""

    scheme = "http"

    def __init__(self, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1", bomb_bytes: int = BOMB_BYTES) -> None:
        self._server = _Server(tls, bomb_bytes)
        self.host = host
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def seen(self) -> list[str]:
        return self._server.seen

    def url(self, path: str) -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def __enter__(self) -> HostilePeer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)


class TlsPeer(HostilePeer):
    """The same peer over TLS, with a certificate for `name` from a throw-away CA."""

    scheme = "https"

    def __init__(self, name: str, tmp: Path) -> None:
        server_ctx, self.client_context = tls_contexts(name, tmp)
        super().__init__(server_ctx, host=name)


class SilentTcp:
    """Accepts connections and never sends a byte: a TLS handshake that never completes."""

    def __init__(self) -> None:
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self.port = self._sock.getsockname()[1]

    def __enter__(self) -> SilentTcp:
        return self

    def __exit__(self, *exc: object) -> None:
        self._sock.close()


def tls_contexts(name: str, tmp: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server context, client context trusting only the throw-away CA) for host `name`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "privacy-tui test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_file, key_file = tmp / "server.pem", tmp / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cadata=ca.public_bytes(serialization.Encoding.PEM).decode("ascii"))
    return server, client


def pinned_resolver(mapping: dict[str, str]):
    """A resolver answering from `mapping` (name -> address) and nothing else: no real DNS."""

    def resolve(host: str, port: int) -> list[str]:
        if host not in mapping:
            raise socket.gaierror(f"{host} is not in the test's resolver")
        return [mapping[host]]

    return resolve


def loopback_counts_as_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """For tests that need a "public" peer: 127.0.0.1 stands in for the internet."""
    return ip.is_loopback


__all__ = ["BOMB_BYTES", "HostilePeer", "SilentTcp", "TlsPeer", "bomb", "loopback_counts_as_public", "pinned_resolver"]
