"""Real SMTP peers on 127.0.0.1 for tests: aiosmtpd servers with chosen behaviour, a server
that never answers, and throwaway TLS certificates made with `cryptography`.

tests/conftest.py registers this module's fixtures (make_smtp_server, tls_certificate,
stalling_server) for every test, so a test just names them; helpers such as make_certificate are
imported as `from support.smtp_servers import make_certificate`:

    def test_x(make_smtp_server):
        server = make_smtp_server(tls="starttls", users={"me": "pw"})
        send_message(server.settings(username="me"), "pw", msg)
        assert server.got_message.wait(5)
        assert server.received[0].data == message_bytes(msg)

Or call `start_smtp_server(...)` directly and `server.stop()` when done. A slow server for UI
tests: `make_smtp_server(data_delay=30)`; `server.release()` lets the held message through.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from privacy_tui.transport.smtp_settings import SmtpSettings

HOST = "127.0.0.1"
DEFAULT_FROM = "zoe@example.org"


# --- certificates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TestCertificate:
    """PEM files: `ca_file` is what a client trusts; the server presents cert_file/key_file."""

    ca_file: str
    cert_file: str
    key_file: str

    __test__ = False  # not a test class, despite the name

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


def _name(common_name: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def make_certificate(
    directory: Path,
    *,
    dns: Iterable[str] = ("localhost",),
    ips: Iterable[str] = ("127.0.0.1", "::1"),
) -> TestCertificate:
    """A throwaway CA and a server certificate it signed, valid for `dns` and `ips`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("privacy-tui test CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(next(iter(dns), "localhost")))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    return TestCertificate(
        ca_file=_write(directory / "ca.pem", ca_cert.public_bytes(pem)),
        cert_file=_write(directory / "server.pem", cert.public_bytes(pem)),
        key_file=_write(
            directory / "server.key",
            key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        ),
    )


def make_bridge_like_certificate(directory: Path) -> TestCertificate:
    """Self-signed, issued for IP 0.0.0.0 like Proton Mail Bridge's (internal/certs/tls.go)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    now = datetime.now(UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name("0.0.0.0")
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("0.0.0.0"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    cert_file = _write(directory / "bridge.pem", cert.public_bytes(pem))
    key_file = _write(
        directory / "bridge.key",
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )
    return TestCertificate(ca_file=cert_file, cert_file=cert_file, key_file=key_file)


# --- aiosmtpd server ------------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes  # exactly what arrived between DATA and the final dot, dot-unstuffed
    login: str | None  # the AUTH login of the session, None without AUTH


@dataclass(eq=False)
class SmtpServer:
    """A running server. Behaviour fields may be changed between sends (e.g. stop rejecting)."""

    host: str
    port: int
    tls: str  # "none", "starttls" or "ssl" (implicit TLS)
    ca_file: str = ""
    reject_rcpt: set[str] = field(default_factory=set)  # addresses refused with 550; "*" refuses all
    data_reply: str | None = None  # e.g. "554 5.7.1 Rejected": refuse the message after DATA
    close_after_data: bool = False  # take the whole message, then drop the connection without a reply
    close_on: set[str] = field(default_factory=set)  # verbs ("MAIL", "RCPT", "DATA") answered by hanging up
    data_delay: float = 0.0  # hold the final reply this long, or until release()
    arrived: list[Received] = field(default_factory=list)  # every complete message text, before any reply
    received: list[Received] = field(default_factory=list)  # messages accepted (or taken, then dropped)
    rejected: list[Received] = field(default_factory=list)  # messages refused through data_reply
    commands: list[str] = field(default_factory=list)  # every verb the server saw, in order
    auth_attempts: list[tuple[str, str, bool]] = field(default_factory=list)  # (mechanism, login, ok)
    got_message: threading.Event = field(default_factory=threading.Event)  # set when one is accepted
    data_arrived: threading.Event = field(default_factory=threading.Event)  # set when a text is complete
    controller: Any = None
    # Set once by release(); from then on nothing is held. Not loop-bound until first awaited.
    _release: asyncio.Event = field(default_factory=asyncio.Event)

    def settings(self, **overrides: Any) -> SmtpSettings:
        values: dict[str, Any] = dict(
            host=self.host, port=self.port, security=self.tls, username="",
            from_addr=DEFAULT_FROM, ca_file=self.ca_file, timeout=10.0,
        )
        values.update(overrides)
        return SmtpSettings(**values)

    def release(self) -> None:
        """Let a message held by `data_delay` through now (and stop holding later ones)."""
        if self.controller is not None:
            self.controller.loop.call_soon_threadsafe(self._release.set)

    def wait_for_message(self, timeout: float = 10.0) -> Received:
        assert self.got_message.wait(timeout), "the SMTP server received no message"
        return self.received[-1]

    def stop(self) -> None:
        if self.controller is not None:
            self.release()
            self.controller.stop()
            self.controller = None


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(self, smtp, session, envelope, address, rcpt_options):
        refused = self.server.reject_rcpt
        if "*" in refused or address in refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, smtp, session, envelope):
        server = self.server
        got = Received(
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            data=bytes(envelope.original_content),
            login=session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        )
        server.arrived.append(got)
        server.data_arrived.set()
        # A client that gives up while the reply is held closes the connection, and aiosmtpd then
        # cancels this coroutine: such a message shows in `arrived` but never in `received`.
        if server.data_delay > 0:
            try:
                await asyncio.wait_for(server._release.wait(), server.data_delay)
            except TimeoutError:
                pass
        if server.data_reply:
            server.rejected.append(got)
            return server.data_reply
        server.received.append(got)
        server.got_message.set()
        if server.close_after_data:
            smtp.transport.abort()  # the reply below goes nowhere
        return f"250 2.0.0 Ok: queued as TEST{len(server.received)}"


class _RecordingSMTP(SMTP):
    """aiosmtpd's server, logging each verb and optionally hanging up on chosen ones."""

    def __init__(self, handler: _Handler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._smtp_methods = {verb: self._wrap(verb, method) for verb, method in self._smtp_methods.items()}

    def _wrap(self, verb: str, method: Callable) -> Callable:
        server: SmtpServer = self.event_handler.server

        @functools.wraps(method)  # keeps aiosmtpd's __smtp_syntax__ markers (HELP, STARTTLS gating)
        async def wrapper(arg):
            server.commands.append(verb)
            if verb in server.close_on:
                self.transport.close()
                return None
            return await method(arg)

        return wrapper


class _Controller(Controller):
    def factory(self):
        return _RecordingSMTP(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self):
        # Bound to port 0: read the port the OS chose before the base class connects to it.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def start_smtp_server(
    *,
    tls: str = "none",
    certificate: TestCertificate | None = None,
    users: dict[str, str] | None = None,
    auth_mechanisms: Iterable[str] | None = None,
    **behaviour: Any,
) -> SmtpServer:
    """Start an aiosmtpd server on 127.0.0.1 and a free port; call .stop() when done.

    tls: "none" (plain), "starttls" (offers STARTTLS) or "ssl" (implicit TLS); both TLS modes
    need `certificate`. users: login -> password; with users, AUTH is required before MAIL.
    auth_mechanisms: offer only these (e.g. ["LOGIN"]). behaviour: SmtpServer fields.
    """
    if tls not in ("none", "starttls", "ssl"):
        raise ValueError(f"tls must be none, starttls or ssl, not {tls!r}")
    if tls != "none" and certificate is None:
        raise ValueError("a TLS server needs a certificate")
    server = SmtpServer(host=HOST, port=0, tls=tls, ca_file=certificate.ca_file if certificate else "", **behaviour)
    kwargs: dict[str, Any] = {"server_hostname": "mail.test", "ident": "privacy-tui test ESMTP"}
    if tls == "starttls":
        kwargs["tls_context"] = certificate.server_context()
    elif tls == "ssl":
        kwargs["ssl_context"] = certificate.server_context()
    if users is not None:

        def authenticator(smtp, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and users.get(auth_data.login.decode("utf-8", "replace")) == auth_data.password.decode("utf-8", "replace")
            )
            login = auth_data.login.decode("utf-8", "replace") if isinstance(auth_data, LoginPassword) else ""
            server.auth_attempts.append((mechanism, login, ok))
            # handled=False: aiosmtpd itself answers 535 to a failed attempt.
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        kwargs["authenticator"] = authenticator
        kwargs["auth_required"] = True
        # aiosmtpd only counts STARTTLS as TLS; with implicit TLS the whole session is encrypted
        # already, and on the plain loopback server AUTH in the clear is the point of the test.
        kwargs["auth_require_tls"] = tls == "starttls"
        if auth_mechanisms is not None:
            wanted = {m.upper() for m in auth_mechanisms}
            kwargs["auth_exclude_mechanism"] = [m for m in ("LOGIN", "PLAIN") if m not in wanted]
    controller = _Controller(_Handler(server), hostname=HOST, port=0, **kwargs)
    server.controller = controller
    controller.start()
    server.port = controller.port
    return server


# --- a server that never answers -------------------------------------------------------------


@dataclass(eq=False)
class StallingServer:
    """Listens on 127.0.0.1 but never accepts: the kernel completes the TCP handshake, so the
    client connects and then waits forever for a greeting (only its timeout ends the wait)."""

    sock: socket.socket
    host: str = HOST

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    def settings(self, **overrides: Any) -> SmtpSettings:
        values: dict[str, Any] = dict(
            host=self.host, port=self.port, security="none", username="", from_addr=DEFAULT_FROM, timeout=1.0,
        )
        values.update(overrides)
        return SmtpSettings(**values)

    def stop(self) -> None:
        self.sock.close()


def start_stalling_server() -> StallingServer:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    sock.listen(8)
    return StallingServer(sock)


def closed_port() -> int:
    """A port on 127.0.0.1 with (almost certainly) nothing listening."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# --- pytest fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tls_certificate(tmp_path_factory) -> TestCertificate:
    return make_certificate(tmp_path_factory.mktemp("smtp-tls"))


@pytest.fixture
def make_smtp_server(tls_certificate) -> Iterator[Callable[..., SmtpServer]]:
    """Factory: make_smtp_server(tls=..., users=..., **behaviour); all stop at teardown.

    TLS servers use the session's `tls_certificate` unless `certificate=` is given.
    """
    servers: list[SmtpServer] = []

    def make(**kwargs: Any) -> SmtpServer:
        if kwargs.get("tls", "none") != "none":
            kwargs.setdefault("certificate", tls_certificate)
        server = start_smtp_server(**kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def stalling_server() -> Iterator[StallingServer]:
    server = start_stalling_server()
    yield server
    server.stop()
