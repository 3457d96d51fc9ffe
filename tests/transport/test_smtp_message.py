"""Building messages: headers, encodings, exact bytes, and header injection refused."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.transport.message import (
    check_header_value,
    envelope_recipients,
    make_message,
    message_bytes,
    parse_address,
)

BODY = "Hello,\nZoë Łukasz 東京 asks for a copy of their data.\n"


def build(**overrides):
    values = dict(
        from_addr="Zoë Łukasz <zoe@example.org>",
        to=["ACME GmbH <privacy@acme.example>"],
        subject="Auskunftsersuchen nach Art. 15 DSGVO [PT-ABCD2345]",
        body=BODY,
    )
    values.update(overrides)
    return make_message(**values)


def test_message_has_the_standard_headers_and_utf8_body():
    msg = build(bcc=["zoe@example.org"], cc=["dpo@acme.example"])
    raw = message_bytes(msg)
    back = email.message_from_bytes(raw, policy=email.policy.default)

    assert back["Subject"] == "Auskunftsersuchen nach Art. 15 DSGVO [PT-ABCD2345]"
    assert back["From"].addresses[0].display_name == "Zoë Łukasz"
    assert back["To"] == "ACME GmbH <privacy@acme.example>" and back["Cc"] == "dpo@acme.example"
    assert back["Message-ID"].endswith("@example.org>") and back["Message-ID"] == msg["Message-ID"]
    assert back["Date"].datetime.tzinfo is not None
    assert back["MIME-Version"] == "1.0"
    assert back.get_content_type() == "text/plain" and back.get_content_charset() == "utf-8"
    assert back.get_content().replace("\r\n", "\n") == BODY
    assert raw.isascii()  # 7-bit clean: no server needs 8BITMIME or SMTPUTF8
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only


def test_message_bytes_drop_bcc_but_keep_it_on_the_message():
    msg = build(bcc=["zoe@example.org"])
    assert b"Bcc" not in message_bytes(msg) and b"zoe@example.org" in message_bytes(msg)  # From stays
    assert msg["Bcc"] == "zoe@example.org"
    assert envelope_recipients(msg) == (["privacy@acme.example"], ["zoe@example.org"])
    assert message_bytes(msg) == message_bytes(msg)  # stable: store once, send the same bytes


def test_ascii_body_stays_7bit_and_long_lines_are_encoded():
    short = message_bytes(build(body="plain ascii\n"))
    assert b"Content-Transfer-Encoding: 7bit" in short and b"plain ascii\r\n" in short
    long_line = "x" * 2000 + "\n"
    raw = message_bytes(build(body=long_line))
    assert b"quoted-printable" in raw and max(len(line) for line in raw.split(b"\r\n")) <= 998
    back = email.message_from_bytes(raw, policy=email.policy.default)
    assert back.get_content().replace("\r\n", "\n") == long_line


def test_explicit_message_id_and_date():
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    msg = build(message_id="<abc.123@example.org>", date=when, headers={"X-Privacy-TUI-Reference": "PT-ABCD2345"})
    assert msg["Message-ID"] == "<abc.123@example.org>"
    assert msg["Date"].datetime == when
    assert msg["X-Privacy-TUI-Reference"] == "PT-ABCD2345"
    with pytest.raises(UserError, match="Message-ID"):
        build(message_id="no-angle-brackets@example.org")
    with pytest.raises(UserError, match="time zone"):
        build(date=datetime(2026, 3, 1, 9, 30))


def test_internationalised_domain_becomes_ascii_and_non_ascii_mailbox_is_refused():
    msg = build(to=["Müller <info@müller.example>"])
    assert msg["To"].addresses[0].domain == "xn--mller-kva.example"
    with pytest.raises(UserError, match="non-ASCII"):
        build(to=["zoë@example.org"])


@pytest.mark.parametrize(
    "bad",
    ["not an address", "a@b.example, c@d.example", "<privacy@acme.example> trailing", "privacy@", ""],
)
def test_bad_addresses_are_refused(bad):
    with pytest.raises(UserError):
        build(to=[bad])


def test_a_single_string_is_one_recipient_not_characters():
    assert build(to="privacy@acme.example")["To"] == "privacy@acme.example"


# --- header injection: through a company name, a subject and an address ------------------------

INJECTIONS = [
    "\r\nBcc: attacker@evil.example",
    "\nBcc: attacker@evil.example",
    "\rBcc: attacker@evil.example",
    "\u2028Bcc: attacker@evil.example",  # Unicode line separator: splitlines() breaks on it
    "\x85Bcc: attacker@evil.example",
    "\x00",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_company_name_cannot_inject_headers(payload):
    with pytest.raises(UserError):
        build(to=[f"ACME{payload} <privacy@acme.example>"])


@pytest.mark.parametrize("payload", INJECTIONS)
def test_subject_cannot_inject_headers(payload):
    with pytest.raises(UserError):
        build(subject=f"Access request [PT-ABCD2345]{payload}")


@pytest.mark.parametrize("payload", INJECTIONS)
def test_address_cannot_inject_headers(payload):
    for field in ("to", "cc", "bcc"):
        with pytest.raises(UserError):
            build(**{field: [f"privacy@acme.example{payload}"]})
    with pytest.raises(UserError):
        build(from_addr=f"zoe@example.org{payload}")


def test_extra_headers_are_checked_too():
    with pytest.raises(UserError):
        build(headers={"X-Ref": "PT-1\r\nBcc: attacker@evil.example"})
    with pytest.raises(UserError, match="header name"):
        build(headers={"X-Ref\r\nBcc": "x"})
    with pytest.raises(UserError, match="set by make_message"):
        build(headers={"Bcc": "attacker@evil.example"})


def test_check_header_value_allows_ordinary_text():
    assert check_header_value("ACME — Données personnelles\t(ref)", "subject") == "ACME — Données personnelles\t(ref)"
    with pytest.raises(UserError, match="single line"):
        check_header_value("a\nb", "subject")


def test_parse_address_keeps_display_name():
    addr = parse_address('"ACME, Inc." <privacy@ACME.example>', "recipient")
    assert addr.display_name == "ACME, Inc." and addr.addr_spec == "privacy@acme.example"
