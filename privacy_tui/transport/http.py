"""The one HTTP client: every request the app makes goes through `fetch` here.

Used by policy fetch, directory update and DRP. The rules, each enforced on every hop:

- https only; plain http only to this machine (127.0.0.1, ::1, localhost) and only when the
  user typed that address. A redirect may stay on the very origin the user typed; any other
  redirect must be https and must not reach a loopback, private, link-local or reserved
  address, whether written as an address or reached through the DNS of a name.
- The address that is checked is the address connected to: names are resolved here, every
  address is checked, and the socket is opened to a checked address (TLS still verifies the
  name). Environment proxies are not used, since a proxy would do its own resolution.
- One total deadline per operation (DNS + connect + TLS + request + headers + body, redirects
  included), enforced by a watchdog that shuts the socket down, and by capping every socket
  timeout to what is left. The error names the step that was under way.
- URLs with credentials (`user:pw@`) are refused: they would end up in stored provenance.
- At most `max_bytes` of body, counted after decoding gzip/deflate (a small compressed body
  cannot expand past the cap); no other content encoding is accepted.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from privacy_tui.core.errors import TransportError
from privacy_tui.transport.files import size_text
from privacy_tui.transport.urls import (
    DEFAULT_NETWORK,
    Network,
    address_kind,
    check_url,
    is_local_name,
    is_loopback_host,
    is_public_address,
    literal_address,
    origin,
    system_resolve,
)

MAX_REDIRECTS = 5
ACCEPT_ENCODING = "gzip, deflate"


class HttpError(TransportError):
    """A request failed (exit 4). `step` says what was under way: "connecting", "reading the body", ..."""

    def __init__(self, message: str, *, step: str = "") -> None:
        super().__init__(message)
        self.step = step


class HttpTimeout(HttpError):
    """The operation's total deadline passed."""


class HttpRefused(HttpError):
    """A redirect or a name's DNS led somewhere the rules forbid; nothing was sent there."""


class HttpTooLarge(HttpError):
    """The body (after decoding) is larger than the cap."""


class HttpProtocolError(HttpError):
    """The peer's answer is not HTTP we can use (garbage, bad encoding)."""


# --- redirects -------------------------------------------------------------------------------


def _check_redirect(target: str, typed: str) -> bool:
    """Whether the hop to `target` is to the typed origin (then it is trusted like the typed URL).

    HttpRefused for a hop the rules forbid; the address checks happen when connecting.
    """
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
        parts.port  # noqa: B018
    except ValueError:
        raise HttpRefused(f"{typed} redirects to an invalid URL {target!r}", step="following a redirect") from None
    if parts.username is not None or parts.password is not None:
        raise HttpRefused(f"{typed} redirects to a URL with credentials: refused", step="following a redirect")
    if origin(target) == origin(typed):
        return True
    if parts.scheme.lower() != "https" or not host:
        raise HttpRefused(
            f"{typed} redirects to {target}, a refused address: redirects must go to https://", step="following a redirect"
        )
    return False


# --- the deadline and the guarded connection -------------------------------------------------


class _Deadline:
    """One total deadline: per-phase timeouts shrink to what is left; a watchdog ends any wait."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.step = "starting"
        self.in_body = False
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.end - time.monotonic()

    def cap(self, timeout: float | None, exc: type[Exception] = httpcore.ReadTimeout) -> float:
        left = self.left()
        if left <= 0 or self.expired:
            raise exc(f"deadline passed while {self.step}")
        return left if timeout is None else min(timeout, left)

    def watch(self, sock: socket.socket) -> None:
        # A duplicate descriptor: shutdown(2) acts on the socket, whichever descriptor (the TLS
        # wrapper detaches the original object) is in use.
        dup = sock.dup()
        with self._lock:
            if self.expired:
                dup.close()
                raise httpcore.ConnectTimeout("deadline passed")
            self._sockets.append(dup)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


@dataclass(frozen=True)
class _Hop:
    trusted: bool  # the typed URL, or a redirect to its origin
    network: Network


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline, host: str) -> None:
        self._inner = inner
        self._deadline = deadline
        self._host = host

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if not self._deadline.in_body:
            self._deadline.step = "waiting for the response"
        return self._inner.read(max_bytes, self._deadline.cap(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._deadline.step = "sending the request"
        self._inner.write(buffer, self._deadline.cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        self._deadline.step = f"the TLS handshake with {self._host}"
        inner = self._inner.start_tls(ssl_context, server_hostname, self._deadline.cap(timeout, httpcore.ConnectTimeout))
        return _Stream(inner, self._deadline, self._host)

    def get_extra_info(self, info: str) -> object:
        return self._inner.get_extra_info(info)


class _Refusal(Exception):
    """Raised inside httpcore's connect: carried out unchanged, turned into HttpRefused."""


class _Backend(httpcore.NetworkBackend):
    def __init__(self, deadline: _Deadline, hop: _Hop) -> None:
        self._deadline = deadline
        self._hop = hop
        self._inner = httpcore.SyncBackend()

    def _addresses(self, host: str, port: int) -> list[str]:
        network = self._hop.network
        literal = literal_address(host)
        if literal is not None:
            if self._hop.trusted or network.is_public(literal):
                return [str(literal)]
            raise _Refusal(f"a redirect to {host}, a {address_kind(literal)} address, is refused")
        self._deadline.step = f"resolving {host}"
        found = _resolve(network, host, port, self._deadline)
        if self._hop.trusted and (is_loopback_host(host) or is_local_name(host)):
            return found  # the user typed a name on their own network
        public = [a for a in found if (ip := literal_address(a)) is not None and network.is_public(ip)]
        if not public:
            ip = literal_address(found[0]) if found else None
            kind = address_kind(ip) if ip is not None else "unusable"
            raise _Refusal(f"{host} resolves to {found[0] if found else 'nothing'}, a {kind} address: refused")
        return public

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: object = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in self._addresses(host, port):
            self._deadline.step = f"connecting to {host}"
            try:
                stream = self._inner.connect_tcp(
                    address, port, self._deadline.cap(timeout, httpcore.ConnectTimeout), local_address, socket_options  # type: ignore[arg-type]
                )
            except httpcore.ConnectError as exc:
                last = exc
                continue
            self._deadline.watch(stream.get_extra_info("socket"))
            return _Stream(stream, self._deadline, host)
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: object = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not used")

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(0.0, self._deadline.left())))


def _resolve(network: Network, host: str, port: int, deadline: _Deadline) -> list[str]:
    """The resolver bounded by the deadline: getaddrinfo itself cannot be interrupted."""
    box: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = list(network.resolve(host, port))
        except Exception as exc:  # reported below, in this thread
            box["error"] = exc
        done.set()

    threading.Thread(target=run, daemon=True).start()
    if not done.wait(max(0.0, deadline.left())):
        raise httpcore.ConnectTimeout(f"resolving {host}")
    if "error" in box:
        raise httpcore.ConnectError(f"cannot resolve {host}: {box['error']}")
    found = box["value"]
    assert isinstance(found, list)
    if not found:
        raise httpcore.ConnectError(f"cannot resolve {host}")
    return found


class _Transport(httpx.HTTPTransport):
    def __init__(self, deadline: _Deadline, hop: _Hop) -> None:
        context = hop.network.ssl_context or httpx.create_ssl_context()
        super().__init__(verify=context, trust_env=False)
        # httpx has no public switch for the network backend; the pool is rebuilt with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=context, max_connections=1, network_backend=_Backend(deadline, hop)
        )


# --- the body --------------------------------------------------------------------------------


def _decoder(encoding: str, url: str) -> zlib._Decompress | None:
    word = encoding.strip().lower()
    if word in ("", "identity"):
        return None
    if word in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if word == "deflate":
        return zlib.decompressobj()
    raise HttpProtocolError(f"{url} answered with content encoding {encoding!r}, which was not asked for", step="reading the body")


def _read_body(response: httpx.Response, url: str, max_bytes: int, deadline: _Deadline) -> bytes:
    decoder = _decoder(response.headers.get("content-encoding", ""), url)
    declared = response.headers.get("content-length", "").strip()
    too_large = f"{url} sends more than {size_text(max_bytes)} ({max_bytes:,} bytes): stopped"
    if decoder is None and declared.isdigit() and int(declared) > max_bytes:
        raise HttpTooLarge(f"{url} is {int(declared):,} bytes, larger than {size_text(max_bytes)}: not downloaded", step="reading the body")
    body = bytearray()
    try:
        for chunk in response.iter_raw():
            deadline.cap(None)
            if decoder is None:
                body += chunk
            else:
                # max_length: never inflate more than one byte past the cap, whatever the ratio.
                body += decoder.decompress(chunk, max_bytes - len(body) + 1)
            if len(body) > max_bytes:
                raise HttpTooLarge(too_large, step="reading the body")
        if decoder is not None:
            body += decoder.flush()
            if len(body) > max_bytes:
                raise HttpTooLarge(too_large, step="reading the body")
    except zlib.error:
        raise HttpProtocolError(f"{url} sent a body that does not decode as {response.headers['content-encoding']}", step="reading the body") from None
    return bytes(body)


# --- the request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class HttpResponse:
    url: str  # the final URL, after redirects
    status: int
    reason: str
    headers: Mapping[str, str] = field(default_factory=httpx.Headers)  # case-insensitive
    content: bytes = b""

    def json(self) -> object:
        import json

        return json.loads(self.content)


def fetch(
    method: str,
    url: str,
    *,
    deadline: float,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    content: bytes | None = None,
    redirects: int = MAX_REDIRECTS,
    network: Network | None = None,
) -> HttpResponse:
    """One request under the rules above, redirects followed (up to `redirects`; 0 returns the 3xx).

    `url` is the address the user gave (checked by `check_url`, UserError if refused). Every
    other failure is an HttpError (exit 4) whose message says which step failed.
    """
    typed = check_url(url)
    net = network or DEFAULT_NETWORK
    clock = _Deadline(deadline)
    current = typed
    trusted = True
    sent = {"User-Agent": "privacy-tui", **(headers or {}), "Accept-Encoding": ACCEPT_ENCODING}
    try:
        for hop in range(redirects + 1):
            with httpx.Client(transport=_Transport(clock, _Hop(trusted, net)), trust_env=False,
                              timeout=httpx.Timeout(deadline), follow_redirects=False) as client:
                clock.in_body = False
                request = client.build_request(method, current, headers=sent, content=content)
                response = client.send(request, stream=True)
                try:
                    clock.in_body = True
                    clock.step = "reading the body"
                    location = response.headers.get("location", "")
                    if response.is_redirect and location and redirects:
                        if hop == redirects:
                            raise HttpError(f"more than {redirects} redirects from {typed}: give the final address", step="following a redirect")
                        target = urljoin(current, location.strip())
                        trusted = _check_redirect(target, typed)
                        current = target
                        continue
                    body = _read_body(response, current, max_bytes, clock)
                    if clock.expired:  # the watchdog's shutdown reads as the end of a close-delimited body
                        raise httpcore.ReadTimeout("deadline passed")
                    return HttpResponse(current, response.status_code, response.reason_phrase, httpx.Headers(response.headers), body)
                finally:
                    response.close()
        raise HttpError(f"more than {redirects} redirects from {typed}: give the final address", step="following a redirect")
    except _Refusal as exc:
        raise HttpRefused(f"{typed}: {exc}", step=clock.step) from None
    except httpx.HTTPError as exc:
        if clock.expired or clock.left() <= 0 or isinstance(exc, httpx.TimeoutException):
            raise HttpTimeout(
                f"timed out after {deadline:g} s while {clock.step} ({current}): try again later", step=clock.step
            ) from None
        if isinstance(exc, httpx.ConnectError):
            raise HttpError(f"cannot connect to {current} ({_reason(exc)})", step=clock.step) from None
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.DecodingError)):
            raise HttpProtocolError(f"{current} did not answer with valid HTTP while {clock.step}", step=clock.step) from None
        raise HttpError(f"cannot fetch {current}: {_reason(exc)} while {clock.step}", step=clock.step) from None
    except httpcore.TimeoutException:
        raise HttpTimeout(f"timed out after {deadline:g} s while {clock.step} ({current}): try again later", step=clock.step) from None
    finally:
        clock.close()


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


__all__ = [
    "DEFAULT_NETWORK",
    "HttpError",
    "HttpProtocolError",
    "HttpRefused",
    "HttpResponse",
    "HttpTimeout",
    "HttpTooLarge",
    "MAX_REDIRECTS",
    "Network",
    "check_url",
    "fetch",
    "is_loopback_host",
    "is_public_address",
    "system_resolve",
]
