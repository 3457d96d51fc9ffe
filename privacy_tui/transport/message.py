"""Building an RFC 5322 message safely, and the exact bytes that are stored and sent.

No letter logic here: callers pass the subject (with the request's reference) and body.
Every header value goes through `check_header_value`, so a line break smuggled in through a
company name, a subject or an address can never add a header (header injection).
"""

from __future__ import annotations

import copy
import email.policy
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from email.errors import HeaderParseError, MessageDefect, NonASCIILocalPartDefect
from email.headerregistry import Address, HeaderRegistry
from email.message import EmailMessage
from email.utils import format_datetime, formatdate, getaddresses, make_msgid
from typing import Protocol, cast

from privacy_tui.core.errors import UserError

# SMTP line endings, and every defect is an error rather than something silently repaired.
# Headers up to 998 characters stay on one line (RFC 5322 2.1.1): the stdlib folder otherwise
# breaks a long Subject right after "Subject:", which some clients show with a leading space.
POLICY = email.policy.SMTP.clone(raise_on_defect=True, max_line_length=998)

# Headers that are set from make_message's own arguments; `headers=` may not replace them.
_MANAGED = {"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version",
            "content-type", "content-transfer-encoding"}
# RFC 5322 field name: printable ASCII except the colon.
_FIELD_NAME = re.compile(r"^[!-9;-~]+$")
# Removed from the bytes that leave this machine: the server must not see who else got a copy.
_HIDDEN = ("Bcc", "Resent-Bcc")
# The modern header parser: it reports malformed address lists as defects instead of guessing.
_HEADERS = HeaderRegistry()


class _AddressField(Protocol):
    """What the registry's address headers (To, Cc, ...) offer: parse defects and mailboxes."""

    @property
    def defects(self) -> tuple[MessageDefect, ...]: ...
    @property
    def addresses(self) -> tuple[Address, ...]: ...


def check_header_value(value: str, field: str) -> str:
    """Refuse a header value that spans lines or carries control characters (header injection)."""
    if not isinstance(value, str):
        raise UserError(f"{field} must be text")
    # str.splitlines also splits on \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029, which the
    # email package would treat as line breaks when folding.
    if "\r" in value or "\n" in value or len(value.splitlines()) > 1:
        raise UserError(f"{field} must be a single line: it contains a line break, which could add a forged header")
    if any(ord(c) < 32 and c != "\t" or ord(c) == 127 for c in value):
        raise UserError(f"{field} contains a control character; remove it and try again")
    return value


def parse_address(value: str, field: str = "address") -> Address:
    """One mailbox, "Name <user@example.com>" or "user@example.com", validated.

    Internationalised domains are converted to their ASCII form; non-ASCII local parts are
    refused because delivering them needs SMTPUTF8 end to end, which many servers lack.
    """
    check_header_value(value, field)
    try:
        # The registry builds "To" from BaseHeader and AddressHeader; it is declared as BaseHeader.
        parsed = cast(_AddressField, _HEADERS("To", value))
    except (IndexError, ValueError, TypeError, HeaderParseError):
        # The stdlib parser can crash on truncated input such as "user@" (IndexError).
        raise UserError(f"invalid {field} {value!r}: expected an address such as name@example.com") from None
    if any(isinstance(d, NonASCIILocalPartDefect) for d in parsed.defects):
        raise UserError(f"{field} {value!r} has non-ASCII characters before the @, which most mail servers cannot deliver")
    if parsed.defects or len(parsed.addresses) != 1:
        if len(parsed.addresses) > 1:
            raise UserError(f"{field} {value!r} holds more than one address; give one per entry")
        raise UserError(f"invalid {field} {value!r}: expected an address such as name@example.com")
    found = parsed.addresses[0]
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(found.addr_spec, check_deliverability=False)
    except EmailNotValidError as exc:
        raise UserError(f"invalid {field} {found.addr_spec!r}: {exc}") from None
    ascii_email = getattr(valid, "ascii_email", None)
    if not ascii_email:
        raise UserError(f"{field} {found.addr_spec!r} has non-ASCII characters before the @, which most mail servers cannot deliver")
    local, _, domain = ascii_email.rpartition("@")
    return Address(display_name=found.display_name, username=local, domain=domain)


def _addresses(values: Iterable[str], field: str) -> list[Address]:
    if isinstance(values, str):  # a lone string is an easy mistake: "a@b" would iterate characters
        values = [values]
    return [parse_address(v, field) for v in values]


def make_message(
    *,
    from_addr: str,
    to: Sequence[str],
    subject: str,
    body: str,
    cc: Sequence[str] = (),
    bcc: Sequence[str] = (),
    message_id: str | None = None,
    date: str | datetime | None = None,
    headers: Mapping[str, str] | None = None,
    from_name: str = "",
) -> EmailMessage:
    """A UTF-8 plain-text message with Date and Message-ID, every header checked.

    `from_name` (the profile's name) becomes the From display name unless `from_addr` already
    has one; the email package quotes and RFC 2047-encodes it, so it is never pasted into the header.

    `bcc` lands in a Bcc header so the envelope includes it; `message_bytes` strips it.
    """
    sender = parse_address(from_addr, "from address")
    name = " ".join(check_header_value(from_name or "", "sender name").split())
    if name and not sender.display_name:
        sender = Address(display_name=name, username=sender.username, domain=sender.domain)
    recipients = _addresses(to, "recipient address")
    if not recipients:
        raise UserError("the message has no recipient")
    check_header_value(subject, "subject")
    if not isinstance(body, str):
        raise UserError("the message body must be text")

    msg = EmailMessage(policy=POLICY)
    msg["From"] = sender
    msg["To"] = recipients
    copies = _addresses(cc, "cc address")
    if copies:
        msg["Cc"] = copies
    blind = _addresses(bcc, "bcc address")
    if blind:
        msg["Bcc"] = blind
    msg["Subject"] = subject
    if date is None:
        msg["Date"] = formatdate(localtime=True)
    elif isinstance(date, datetime):
        if date.tzinfo is None:
            raise UserError("the message date needs a time zone")
        msg["Date"] = format_datetime(date)
    else:
        msg["Date"] = check_header_value(date, "date")
    if message_id is None:
        message_id = make_msgid(domain=sender.domain)
    check_header_value(message_id, "Message-ID")
    if not re.fullmatch(r"<[^<>\s@]+@[^<>\s@]+>", message_id):
        raise UserError(f"invalid Message-ID {message_id!r}: expected <unique@domain>")
    msg["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        if not _FIELD_NAME.match(name or ""):
            raise UserError(f"invalid header name {name!r}")
        if name.lower() in _MANAGED:
            raise UserError(f"the {name} header is set by make_message itself; pass it as an argument")
        msg[name] = check_header_value(value, f"header {name}")

    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    # Quoted-printable keeps non-ASCII text 7-bit clean, so the bytes never depend on whether
    # a server offers 8BITMIME, and what is stored is exactly what any server receives.
    plain = text.isascii() and all(len(line) <= 998 for line in text.split("\n"))
    msg.set_content(text, charset="utf-8", cte="7bit" if plain else "quoted-printable")
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """The exact bytes handed to the server (CRLF, no Bcc): store these, send these."""
    visible = copy.copy(msg)  # Message.__delitem__ rebuilds its header list, so `msg` stays intact
    for name in _HIDDEN:
        del visible[name]
    return visible.as_bytes(policy=POLICY)


def envelope_recipients(msg: EmailMessage) -> tuple[list[str], list[str]]:
    """(required, optional) envelope addresses: To and Cc must all be accepted; Bcc may be refused."""

    def collect(*names: str) -> list[str]:
        values = [str(v) for n in names for v in msg.get_all(n, [])]
        return [addr for _name, addr in getaddresses(values) if addr]

    required = collect("To", "Cc")
    optional = [a for a in collect("Bcc") if a not in required]
    return required, optional


def sender_address(msg: EmailMessage) -> str:
    values = getaddresses([str(v) for v in msg.get_all("From", [])])
    return values[0][1] if values else ""


__all__ = [
    "POLICY",
    "check_header_value",
    "envelope_recipients",
    "make_message",
    "message_bytes",
    "parse_address",
    "sender_address",
]
