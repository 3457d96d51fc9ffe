"""The From header carries the profile's name as its display name, encoded by the email package
(RFC 5322 quoting, RFC 2047 for non-ASCII), never pasted in."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.transport.message import make_message, message_bytes


def from_header(**kwargs) -> tuple[str, str]:
    msg = make_message(to=["privacy@acme.example"], subject="Access request", body="Hello", **kwargs)
    raw = message_bytes(msg)
    line = next(ln for ln in raw.decode("ascii").splitlines() if ln.startswith("From:"))
    parsed = message_from_bytes(raw, policy=policy.default)["From"]
    return line, str(parsed.addresses[0].display_name)


@pytest.mark.parametrize("name, wire", [
    ("Ada Example", "From: Ada Example <ada@example.com>"),
    ('Ada "Countess" King, Jr.', 'From: "Ada \\"Countess\\" King, Jr." <ada@example.com>'),
    ("Zoë Łukasz", None),  # RFC 2047 encoded word
])
def test_profile_name_is_the_display_name(name, wire):
    line, shown = from_header(from_addr="ada@example.com", from_name=name)
    assert shown == name
    if wire:
        assert line == wire
    else:
        assert line.startswith("From: =?utf-8?") and line.endswith(" <ada@example.com>")


def test_without_a_name_the_bare_address_and_an_explicit_display_name_wins():
    assert from_header(from_addr="ada@example.com")[0] == "From: ada@example.com"
    assert from_header(from_addr="Ada Work <ada@example.com>", from_name="Ada Example")[1] == "Ada Work"


@pytest.mark.parametrize("name", ["Ada\r\nBcc: victim@example.net", "Ada\x1b[2J"])
def test_a_name_that_could_forge_a_header_is_refused(name):
    with pytest.raises(UserError):
        from_header(from_addr="ada@example.com", from_name=name)
