"""SMTP settings: validation, vault round trip (never a password), provider presets."""

from __future__ import annotations

import json

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.transport.smtp_settings import PRESETS, SmtpSettings, get_preset


def settings(**overrides) -> SmtpSettings:
    values = dict(host="smtp.example.org", port=465, security="ssl", username="zoe", from_addr="zoe@example.org")
    values.update(overrides)
    return SmtpSettings(**values)


def test_valid_settings_round_trip_through_the_vault_without_a_password(tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    original = settings(ca_file=str(ca), timeout=12.5, tls_server_name="mail.example.org").validate()
    record = json.loads(json.dumps(original.to_dict()))  # what the vault stores
    assert not any("pass" in key.lower() for key in record)
    assert SmtpSettings.from_dict(record) == original
    assert SmtpSettings.from_dict({**record, "added_in_a_later_version": 1}) == original


def test_incomplete_record_is_a_clear_error():
    with pytest.raises(UserError, match="config smtp"):
        SmtpSettings.from_dict({"host": "smtp.example.org"})


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "LOCALHOST"])
def test_plain_smtp_is_allowed_to_this_computer(host):
    assert settings(host=host, port=1025, security="none").validate().is_loopback


@pytest.mark.parametrize("host", ["smtp.example.org", "192.168.1.10", "10.0.0.1", "127.0.0.1.example.org"])
def test_plain_smtp_is_refused_anywhere_else(host):
    with pytest.raises(UserError, match="only allowed to"):
        settings(host=host, security="none").validate()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"host": ""}, "SMTP host"),
        ({"host": "smtp example.org"}, "SMTP host"),
        ({"host": "smtp.example.org\r\nX: y"}, "line"),
        ({"port": 0}, "port"),
        ({"port": 70000}, "port"),
        ({"port": "465"}, "port"),
        ({"security": "tls"}, "security"),
        ({"username": "zoe\nBcc: x"}, "line"),
        ({"from_addr": "not-an-address"}, "from address"),
        ({"ca_file": "/nonexistent/ca.pem"}, "CA file"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": 10_000}, "timeout"),
    ],
)
def test_bad_settings_name_the_field(overrides, message):
    with pytest.raises(UserError, match=message):
        settings(**overrides).validate()


REQUIRED_PRESETS = {"gmail", "outlook", "fastmail", "icloud", "yahoo", "gmx", "posteo", "mailbox_org", "proton"}


def test_every_required_provider_has_a_preset_with_a_source():
    assert set(PRESETS) >= REQUIRED_PRESETS
    for preset in PRESETS.values():
        assert preset.source.startswith("https://"), preset.key
        assert preset.security in ("ssl", "starttls"), preset.key  # never plain text
        assert (preset.port, preset.security) in {(465, "ssl"), (587, "starttls"), (1025, "starttls")}, preset.key
        made = preset.settings(username="zoe", from_addr="zoe@example.org")
        assert made.validate() == made


@pytest.mark.parametrize(
    "key, host, port, security",
    [
        ("gmail", "smtp.gmail.com", 465, "ssl"),
        ("outlook", "smtp-mail.outlook.com", 587, "starttls"),
        ("office365", "smtp.office365.com", 587, "starttls"),
        ("fastmail", "smtp.fastmail.com", 465, "ssl"),
        ("icloud", "smtp.mail.me.com", 587, "starttls"),
        ("yahoo", "smtp.mail.yahoo.com", 465, "ssl"),
        ("gmx", "mail.gmx.net", 465, "ssl"),
        ("gmx_com", "mail.gmx.com", 465, "ssl"),
        ("posteo", "posteo.de", 465, "ssl"),
        ("mailbox_org", "smtp.mailbox.org", 465, "ssl"),
        ("proton", "127.0.0.1", 1025, "starttls"),
    ],
)
def test_preset_values_match_the_published_settings(key, host, port, security):
    preset = PRESETS[key]
    assert (preset.host, preset.port, preset.security) == (host, port, security)


def test_proton_preset_expects_the_bridge_certificate_name_and_says_to_export_it():
    preset = get_preset("proton")
    assert preset.tls_server_name == "0.0.0.0"
    assert "--ca-file" in preset.note
    assert preset.settings(username="u", from_addr="u@proton.me").tls_server_name == "0.0.0.0"


@pytest.mark.parametrize("name", ["mailbox.org", "Mailbox.org", "MAILBOX-ORG", "mailbox_org"])
def test_preset_lookup_accepts_common_spellings(name):
    assert get_preset(name).key == "mailbox_org"


def test_unknown_preset_lists_the_choices():
    with pytest.raises(UserError, match="gmail") as info:
        get_preset("aol")
    assert "proton" in str(info.value)
