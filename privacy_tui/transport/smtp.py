"""Sending one message over SMTP, reporting exactly how far it got when it fails.

The caller (the `request send` service) records the outcome: on success the exact bytes,
the Message-ID and the server's reply; on failure the stage and whether the message may
already have been delivered. Nothing here retries: one call puts at most one message on
the wire, so a retry by the user can never deliver twice behind their back.

Security: certificates are always verified (system CAs, or `ca_file` for a self-hosted
server); STARTTLS never falls back to plain text; the password is only sent inside TLS
(or to this machine when security is "none", which settings allow for loopback only).
"""

from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import cast

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.text import strip_controls
from privacy_tui.transport.message import (
    check_header_value,
    envelope_recipients,
    make_message,
    message_bytes,
    parse_address,
)
from privacy_tui.transport.smtp_settings import SmtpSettings
from privacy_tui.transport.smtp_wire import BoundedSMTP, MalformedReply

STAGES = ("connect", "tls", "auth", "mail", "rcpt", "data", "after_data")

# EHLO argument: an address literal rather than this computer's name, which would tell every
# mail provider (and their logs) the name of the user's machine; it also avoids getfqdn(),
# which can stall on a slow resolver.
EHLO_NAME = "[127.0.0.1]"
# Mechanisms we speak, best first. Both send the password itself, so only inside TLS.
AUTH_MECHANISMS = ("PLAIN", "LOGIN")
# The only replies to the end of DATA that mean "accepted". Anything else that is not a clean
# refusal (4xx/5xx) leaves it open whether the server kept the message.
ACCEPTED_AFTER_DATA = (250, 251, 252)
MAYBE_DELIVERED = "the message may have been delivered — check your sent folder before resending"


class SmtpSendError(TransportError):
    """Sending failed at `stage`; `maybe_delivered` only when the payload went out unanswered."""

    def __init__(
        self,
        message: str,
        *,
        stage: str,
        maybe_delivered: bool = False,
        smtp_code: int | None = None,
        server_reply: str = "",
    ) -> None:
        super().__init__(message)
        assert stage in STAGES, stage
        self.stage = stage
        self.maybe_delivered = maybe_delivered
        self.smtp_code = smtp_code
        self.server_reply = server_reply


@dataclass(frozen=True)
class SendResult:
    message_id: str
    server_reply: str  # the final reply to DATA, e.g. "250 2.0.0 Ok: queued as 4Xyz"
    refused: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # Bcc copies the server refused
    raw: bytes = b""  # the exact bytes transmitted (== message_bytes(msg))


class _TlsContext(ssl.SSLContext):
    """A verifying client context that itself knows the name the certificate must carry.

    smtplib passes the host given to SMTP(), which is empty when connect() is called
    separately (as here, to read the greeting). And Proton Mail Bridge serves on 127.0.0.1 a
    certificate issued for 0.0.0.0: the chain is still verified, only the expected name differs.
    """

    expected_name: str = ""

    def wrap_socket(self, sock, *args, server_hostname=None, **kwargs):
        return super().wrap_socket(sock, *args, server_hostname=self.expected_name or server_hostname, **kwargs)


MAX_CA_FILE_BYTES = 1024 * 1024  # a PEM bundle; the system's whole one is about 200 KB

def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Certificate and host name always verified; `ca_file` replaces the system CAs."""
    context = _TlsContext(ssl.PROTOCOL_TLS_CLIENT)  # CERT_REQUIRED and check_hostname by default
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.expected_name = settings.tls_server_name or settings.host
    try:
        if settings.ca_file:
            # Read through the bounded reader: a FIFO or /dev/zero given as --ca-file never hangs.
            from privacy_tui.transport.files import read_user_file

            pem = read_user_file(settings.ca_file, MAX_CA_FILE_BYTES, "CA file (a PEM certificate)")
            context.load_verify_locations(cadata=pem.decode("ascii", errors="replace"))
        else:
            context.load_default_certs(ssl.Purpose.SERVER_AUTH)
    except (ssl.SSLError, OSError) as exc:
        raise UserError(f"cannot read CA file {settings.ca_file!r}: {_reason(exc)}; give a PEM certificate file") from None
    return context


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return exc.verify_message or str(exc)
    if isinstance(exc, ssl.SSLError):
        return exc.reason or str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _timed_out(exc: BaseException, smtp: BoundedSMTP | None = None) -> bool:
    # smtplib turns a write timeout into SMTPServerDisconnected; the timeout is its context.
    # After the watchdog shut the socket down any error is the deadline's doing.
    if smtp is not None and smtp.expired:
        return True
    return isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError)


def _reply_text(resp: bytes | str) -> str:
    text = resp.decode("utf-8", "replace") if isinstance(resp, bytes) else str(resp)
    return " ".join(strip_controls(text, multiline=True).split())  # multi-line replies on one line


def _clipped(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _network_error(
    settings: SmtpSettings, stage: str, doing: str, exc: BaseException, smtp: BoundedSMTP | None = None
) -> SmtpSendError:
    where = f"{settings.host}:{settings.port}"
    if _timed_out(exc, smtp):
        hint = ""
        if stage in ("connect", "tls") and settings.security == "starttls" and settings.port == 465:
            hint = "; port 465 expects --security ssl"
        return SmtpSendError(
            f"the SMTP server {where} did not answer within {settings.timeout:g} s (the limit for the whole "
            f"exchange) while {doing} (step: {stage}){hint}",
            stage=stage,
        )
    if isinstance(exc, MalformedReply):
        return SmtpSendError(f"the SMTP server {where} sent {exc} while {doing} (step: {stage})", stage=stage)
    if isinstance(exc, ssl.SSLCertVerificationError):
        if settings.ca_file:
            advice = f"the certificate in --ca-file {settings.ca_file} does not vouch for this server"
        else:
            advice = "if the server uses its own certificate (self-hosted, Proton Mail Bridge), pass it with --ca-file"
        return SmtpSendError(f"cannot verify the TLS certificate of {where}: {_reason(exc)}; {advice}", stage="tls")
    if isinstance(exc, ssl.SSLError):
        hint = "; port 587 usually needs --security starttls" if settings.security == "ssl" and settings.port != 465 else ""
        return SmtpSendError(f"TLS with {where} failed while {doing}: {_reason(exc)}{hint}", stage="tls")
    if isinstance(exc, socket.gaierror):
        return SmtpSendError(f"cannot find the SMTP server {settings.host!r}: check the host name and your network", stage=stage)
    if isinstance(exc, ConnectionRefusedError):
        return SmtpSendError(f"{where} refused the connection: is the host and port right, and is the server running?", stage=stage)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SmtpSendError(f"the SMTP server {where} closed the connection while {doing} (step: {stage})", stage=stage)
    return SmtpSendError(f"network error with {where} while {doing}: {_reason(exc)}", stage=stage)


def _refused(stage: str, what: str, code: int, resp: bytes | str) -> SmtpSendError:
    reply = f"{code} {_reply_text(resp)}".strip()
    return SmtpSendError(f"the server refused {what}: {reply}", stage=stage, smtp_code=code, server_reply=reply)


@dataclass
class _Connection:
    smtp: BoundedSMTP
    banner: str
    tls: str  # "implicit TLSv1.3", "STARTTLS TLSv1.3" or "none"
    mechanism: str  # AUTH mechanism used, "" without login


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _login(smtp: BoundedSMTP, settings: SmtpSettings, password: str) -> str:
    # Done by hand rather than smtplib.login(): that one cannot send non-ASCII passwords and
    # does not say which mechanism it used.
    if not smtp.has_extn("auth"):
        raise SmtpSendError(
            f"{settings.host}:{settings.port} offers no login (AUTH) on this connection; check --security, "
            "or clear the username if this server needs no login",
            stage="auth",
        )
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = next((m for m in AUTH_MECHANISMS if m in offered), "")
    if not mechanism:
        raise SmtpSendError(
            f"{settings.host} only offers login methods {', '.join(offered) or 'none'}; privacy-tui supports "
            f"{' and '.join(AUTH_MECHANISMS)}",
            stage="auth",
        )
    user, secret = settings.username.encode("utf-8"), password.encode("utf-8")
    if mechanism == "PLAIN":  # RFC 4616: authzid NUL authcid NUL passwd, UTF-8
        code, resp = smtp.docmd("AUTH", "PLAIN " + _b64(b"\0" + user + b"\0" + secret))
    else:
        code, resp = smtp.docmd("AUTH", "LOGIN " + _b64(user))
        if code == 334:
            code, resp = smtp.docmd(_b64(secret))
    if code != 235:
        reply = f"{code} {_reply_text(resp)}"
        raise SmtpSendError(
            f"the server rejected the login for {settings.username!r} ({reply}); check the username and "
            "password (many providers need an app password)",
            stage="auth",
            smtp_code=code,
            server_reply=reply,
        )
    return mechanism


def _close(smtp: BoundedSMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _open(settings: SmtpSettings, password: str) -> _Connection:
    """Connect, secure and log in; on any failure the socket is closed and SmtpSendError raised."""
    settings.validate()
    context = tls_context(settings) if settings.security != "none" else None
    where = f"{settings.host}:{settings.port}"
    # One deadline from here to the last reply: connect, TLS, login, the letter and its answer.
    deadline = time.monotonic() + settings.timeout
    smtp = BoundedSMTP(deadline=deadline, implicit_tls=context if settings.security == "ssl" else None,
                       local_hostname=EHLO_NAME)
    stage, doing = "connect", "connecting"
    try:
        try:
            code, banner = smtp.connect(settings.host, settings.port)
        finally:
            doing = smtp.phase
        if code != 220:
            raise _refused("connect", "the connection", code, banner)
        doing = "greeting the server (EHLO)"
        smtp.ehlo_or_helo_if_needed()
        tls = f"implicit {smtp.sock.version()}" if isinstance(smtp.sock, ssl.SSLSocket) else "none"
        if settings.security == "starttls":
            stage, doing = "tls", "starting TLS"
            if not smtp.has_extn("starttls"):
                # Abort before any credential or letter leaves this machine in clear text.
                raise SmtpSendError(
                    f"{where} does not offer STARTTLS, so nothing was sent (your password would travel "
                    "unencrypted); check the port, or use --security ssl (usually port 465)",
                    stage="tls",
                )
            code, resp = smtp.starttls(context=context)
            if code != 220:
                raise _refused("tls", "STARTTLS", code, resp)
            smtp.ehlo()  # capabilities must be asked again inside TLS (RFC 3207)
            tls = f"STARTTLS {cast(ssl.SSLSocket, smtp.sock).version()}"  # starttls() wrapped the socket
        mechanism = ""
        if settings.username:
            stage, doing = "auth", "logging in"
            mechanism = _login(smtp, settings, password)
    except SmtpSendError:
        smtp.close()
        raise
    except smtplib.SMTPHeloError as exc:
        smtp.close()
        raise _refused("connect", "the greeting (EHLO)", exc.smtp_code, exc.smtp_error) from None
    except smtplib.SMTPResponseException as exc:
        smtp.close()
        raise _refused(stage, doing, exc.smtp_code, exc.smtp_error) from None
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        if stage == "connect" and (isinstance(exc, ssl.SSLError) or doing == "in the TLS handshake"):
            stage = "tls"  # implicit TLS: the handshake is part of connecting
        raise _network_error(settings, stage, doing, exc, smtp) from None
    return _Connection(smtp=smtp, banner=_reply_text(banner), tls=tls, mechanism=mechanism)


def test_connection(settings: SmtpSettings, password: str) -> str:
    """Connect, secure, log in and QUIT; nothing is sent. Returns a one-line summary."""
    conn = _open(settings, password)
    _close(conn.smtp)
    login = f"logged in as {settings.username} ({conn.mechanism})" if conn.mechanism else "no login (no username set)"
    security = "unencrypted (this computer only)" if conn.tls == "none" else conn.tls
    return f"{settings.host}:{settings.port} ok: {conn.banner}; {security}; {login}; nothing was sent"


# Prevent pytest from collecting the function above when a test module imports it.
test_connection.__test__ = False  # type: ignore[attr-defined]


def _dot_stuffed(raw: bytes) -> bytes:
    # RFC 5321 4.5.2: a line starting with "." gets one more; the server strips it again.
    data = re.sub(rb"(?m)^\.", b"..", raw)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def send_message(
    settings: SmtpSettings,
    password: str,
    msg: EmailMessage,
    *,
    envelope_to: Sequence[str] | None = None,
) -> SendResult:
    """Send `msg` once. Every To/Cc recipient must be accepted (else nothing is sent); Bcc
    recipients the server refuses are listed in `SendResult.refused`.

    `envelope_to` replaces the recipients taken from the headers; all of them are then required.
    Raises SmtpSendError (stage, maybe_delivered) on failure, UserError for a bad message.
    """
    raw = message_bytes(msg)
    message_id = str(msg.get("Message-ID", ""))
    if envelope_to is None:
        required, optional = envelope_recipients(msg)
    else:
        required = [parse_address(a, "recipient address").addr_spec for a in envelope_to]
        optional = []
    if not required:
        raise UserError("the message has no recipient")
    sender = parse_address(settings.from_addr, "from address").addr_spec

    conn = _open(settings, password)
    smtp = conn.smtp
    stage, doing = "mail", "starting the message (MAIL FROM)"
    try:
        code, resp = smtp.mail(sender)
        if code != 250:
            raise _refused("mail", f"the sender {sender}", code, resp)
        stage, doing = "rcpt", "naming the recipients (RCPT TO)"
        refused: dict[str, tuple[int, str]] = {}
        for addr in required + optional:
            code, resp = smtp.rcpt(addr)
            if code not in (250, 251):
                refused[addr] = (code, _reply_text(resp))
        for addr in required:
            if addr in refused:
                code, text = refused[addr]
                smtp.rset()  # drop the transaction: no copy goes anywhere
                raise _refused("rcpt", f"the recipient {addr}", code, text)
        stage, doing = "data", "starting the message text (DATA)"
        code, resp = smtp.docmd("DATA")
        if code != 354:
            raise _refused("data", "the message text (DATA)", code, resp)
        doing = "sending the message text"
        smtp.send(_dot_stuffed(raw))
        # From here on the server holds the whole message; only its reply is missing.
        stage, doing = "after_data", "waiting for the server to confirm the message"
        code, resp = smtp.getreply()
        if not smtp.reply_clean or code not in ACCEPTED_AFTER_DATA:
            if smtp.reply_clean and 400 <= code <= 599:
                raise _refused("data", "the message", code, resp)
            reply = f"{code} {_reply_text(resp)}"
            raise SmtpSendError(
                f"the SMTP server {settings.host}:{settings.port} answered the message with {_clipped(reply)!r}, "
                f"which is neither an acceptance nor a refusal; {MAYBE_DELIVERED}",
                stage="after_data",
                maybe_delivered=True,
                smtp_code=code,
                server_reply=reply,
            )
    except SmtpSendError:
        _close(smtp)
        raise
    except smtplib.SMTPResponseException as exc:
        _close(smtp)
        raise _refused(stage, doing, exc.smtp_code, exc.smtp_error) from None
    except (OSError, smtplib.SMTPException) as exc:
        _close(smtp)
        error = _network_error(settings, stage, doing, exc, smtp)
        if stage == "after_data":
            raise SmtpSendError(f"{error}; {MAYBE_DELIVERED}", stage="after_data", maybe_delivered=True) from None
        raise error from None
    _close(smtp)
    reply = f"{code} {_reply_text(resp)}"
    return SendResult(message_id=message_id, server_reply=reply, refused=refused, raw=raw)


__all__ = [
    "ACCEPTED_AFTER_DATA",
    "AUTH_MECHANISMS",
    "MAYBE_DELIVERED",
    "STAGES",
    "SendResult",
    "SmtpSendError",
    "check_header_value",
    "make_message",
    "message_bytes",
    "send_message",
    "test_connection",
    "tls_context",
]
