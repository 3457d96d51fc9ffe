"""Sending over SMTP to real aiosmtpd servers on 127.0.0.1: success, and every failure stage."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace

import pytest
from support.smtp_servers import closed_port, make_bridge_like_certificate, make_certificate

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.transport.message import make_message, message_bytes
from privacy_tui.transport.smtp import SmtpSendError, send_message, test_connection
from privacy_tui.transport.smtp_settings import SmtpSettings, get_preset

pytestmark = [
    pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS"),
    pytest.mark.timeout(60),
]

REFERENCE = "PT-ABCD2345"
BODY = "Dear ACME,\n\nI am Zoë Łukasz from 東京.\n.a line that starts with a dot\n\nRegards\n"
USER, PASSWORD = "zoe@example.org", "pässwörd 東京"  # non-ASCII: smtplib.login() could not send it
COMPANY = "privacy@acme.example"
SELF = "zoe@example.org"


def letter(**overrides):
    values = dict(
        from_addr=f"Zoë Łukasz <{SELF}>",
        to=[f"ACME Data Protection <{COMPANY}>"],
        subject=f"Subject access request [{REFERENCE}]",
        body=BODY,
        bcc=[SELF],
    )
    values.update(overrides)
    return make_message(**values)


def parsed(data: bytes):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_plain_loopback_delivers_the_exact_bytes(make_smtp_server):
    server = make_smtp_server()
    msg = letter()
    result = send_message(server.settings(), "", msg)

    got = server.wait_for_message()
    assert got.data == message_bytes(msg) == result.raw  # what is stored is what arrived
    assert got.mail_from == SELF
    assert got.rcpt_tos == (COMPANY, SELF)  # the Bcc copy to self is in the envelope...
    assert b"\r\nBcc:" not in got.data and not got.data.startswith(b"Bcc:")  # ...never in the headers
    assert result.server_reply.startswith("250 ")
    assert result.refused == {}

    received = parsed(got.data)
    assert REFERENCE in received["Subject"]
    assert received["Message-ID"] == result.message_id == msg["Message-ID"]
    assert result.message_id.endswith("@example.org>")
    assert received["Date"]
    assert received.get_content_charset() == "utf-8"
    assert received.get_content().replace("\r\n", "\n") == BODY  # UTF-8 text and the leading dot intact
    assert "AUTH" not in server.commands  # no username: no login attempted


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_tls_with_login_delivers(make_smtp_server, tls, mechanism):
    server = make_smtp_server(tls=tls, users={USER: PASSWORD}, auth_mechanisms=[mechanism])
    msg = letter()
    result = send_message(server.settings(username=USER), PASSWORD, msg)

    got = server.wait_for_message()
    assert got.data == message_bytes(msg)
    assert got.login == USER
    assert server.auth_attempts == [(mechanism, USER, True)]
    assert result.message_id == msg["Message-ID"]
    if tls == "starttls":
        assert server.commands[:3] == ["EHLO", "STARTTLS", "EHLO"]  # secured before AUTH
        assert server.commands.index("AUTH") > server.commands.index("STARTTLS")


@pytest.mark.parametrize("tls", ["none", "starttls", "ssl"])
def test_connection_test_logs_in_and_sends_nothing(make_smtp_server, tls):
    server = make_smtp_server(tls=tls, users={USER: PASSWORD}, auth_mechanisms=["LOGIN"])
    summary = test_connection(server.settings(username=USER), PASSWORD)

    assert "LOGIN" in summary and "nothing was sent" in summary
    assert ("TLSv1" in summary) == (tls != "none")
    assert server.auth_attempts == [("LOGIN", USER, True)]
    assert "MAIL" not in server.commands and server.received == []


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_wrong_password_fails_at_auth_and_sends_nothing(make_smtp_server, mechanism):
    server = make_smtp_server(tls="starttls", users={USER: PASSWORD}, auth_mechanisms=[mechanism])
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(username=USER), "wrong", letter())

    err = info.value
    assert (err.stage, err.maybe_delivered, err.smtp_code) == ("auth", False, 535)
    assert "app password" in str(err) and "wrong" not in str(err)  # the password is never echoed
    assert isinstance(err, TransportError)
    assert server.auth_attempts == [(mechanism, USER, False)]
    assert "MAIL" not in server.commands and server.received == []


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
def test_unknown_certificate_is_refused_without_ca_file(make_smtp_server, tls):
    server = make_smtp_server(tls=tls, users={USER: PASSWORD})
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(username=USER, ca_file=""), PASSWORD, letter())

    assert info.value.stage == "tls"
    assert "--ca-file" in str(info.value) and "certificate" in str(info.value)
    assert server.auth_attempts == [] and server.received == []


def test_certificate_from_another_ca_is_refused(make_smtp_server, tmp_path):
    server = make_smtp_server(tls="ssl", users={USER: PASSWORD})
    other = make_certificate(tmp_path / "other")
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(username=USER, ca_file=other.ca_file), PASSWORD, letter())
    assert info.value.stage == "tls" and "does not vouch" in str(info.value)
    assert server.auth_attempts == []


def test_proton_bridge_preset_verifies_its_0000_certificate(make_smtp_server, tmp_path):
    bridge_cert = make_bridge_like_certificate(tmp_path / "bridge")
    server = make_smtp_server(tls="starttls", certificate=bridge_cert, users={USER: PASSWORD})
    preset = get_preset("proton")
    assert (preset.host, preset.port, preset.security) == ("127.0.0.1", 1025, "starttls")
    settings = replace(preset.settings(username=USER, from_addr=SELF, ca_file=bridge_cert.ca_file), port=server.port)

    # The certificate names 0.0.0.0, not 127.0.0.1: only the preset's expected name makes it verify.
    with pytest.raises(SmtpSendError) as info:
        send_message(replace(settings, tls_server_name=""), PASSWORD, letter())
    assert info.value.stage == "tls" and "127.0.0.1" in str(info.value)
    assert server.auth_attempts == []

    send_message(settings, PASSWORD, letter())
    assert server.wait_for_message().login == USER


def test_missing_starttls_aborts_before_auth(make_smtp_server):
    # A plain server that would happily take the password in clear text.
    server = make_smtp_server(tls="none", users={USER: PASSWORD})
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(security="starttls", username=USER), PASSWORD, letter())

    assert info.value.stage == "tls" and not info.value.maybe_delivered
    assert "STARTTLS" in str(info.value)
    assert "AUTH" not in server.commands and server.auth_attempts == []
    assert "MAIL" not in server.commands and server.received == []


def test_implicit_tls_against_a_plain_server_fails_at_tls(make_smtp_server):
    server = make_smtp_server(tls="none")
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(security="ssl"), "", letter())
    assert info.value.stage == "tls" and server.received == []


def test_refused_recipient_sends_nothing_and_a_retry_delivers_once(make_smtp_server):
    server = make_smtp_server(reject_rcpt={COMPANY})
    msg = letter()
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(), "", msg)

    err = info.value
    assert (err.stage, err.maybe_delivered, err.smtp_code) == ("rcpt", False, 550)
    assert COMPANY in str(err) and "550" in err.server_reply
    assert "RSET" in server.commands and "DATA" not in server.commands
    assert server.received == []

    server.reject_rcpt.clear()  # the company fixed its mailbox; the user retries the same draft
    result = send_message(server.settings(), "", msg)
    assert len(server.received) == 1
    assert server.received[0].data == message_bytes(msg)
    assert result.message_id == msg["Message-ID"]  # same draft, same Message-ID


def test_refused_bcc_to_self_is_reported_not_fatal(make_smtp_server):
    server = make_smtp_server(reject_rcpt={SELF})
    result = send_message(server.settings(), "", letter())
    assert list(result.refused) == [SELF] and result.refused[SELF][0] == 550
    assert server.wait_for_message().rcpt_tos == (COMPANY,)


def test_explicit_envelope_replaces_header_recipients(make_smtp_server):
    server = make_smtp_server()
    send_message(server.settings(), "", letter(), envelope_to=["other@acme.example"])
    assert server.wait_for_message().rcpt_tos == ("other@acme.example",)


def test_message_refused_after_data(make_smtp_server):
    server = make_smtp_server(data_reply="554 5.7.1 Message rejected as spam")
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(), "", letter())

    err = info.value
    assert (err.stage, err.maybe_delivered, err.smtp_code) == ("data", False, 554)
    assert "rejected as spam" in str(err)
    assert server.received == [] and len(server.rejected) == 1


@pytest.mark.parametrize("verb, stage", [("MAIL", "mail"), ("RCPT", "rcpt"), ("DATA", "data")])
def test_connection_dropped_before_the_text_is_sent(make_smtp_server, verb, stage):
    server = make_smtp_server(close_on={verb})
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(), "", letter())

    assert info.value.stage == stage and not info.value.maybe_delivered
    assert "closed the connection" in str(info.value)
    assert server.received == []


def test_connection_lost_after_data_may_have_delivered(make_smtp_server):
    server = make_smtp_server(close_after_data=True)
    msg = letter()
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(), "", msg)

    err = info.value
    assert err.stage == "after_data" and err.maybe_delivered
    assert "may have been delivered — check your sent folder before resending" in str(err)
    assert "\n" not in str(err)  # one line for the CLI
    # It did arrive, exactly once: send_message never retries behind the user's back.
    assert len(server.received) == 1 and server.received[0].data == message_bytes(msg)


def test_silent_server_times_out_at_connect(stalling_server):
    with pytest.raises(SmtpSendError) as info:
        send_message(stalling_server.settings(timeout=1.0), "", letter())
    assert info.value.stage == "connect" and not info.value.maybe_delivered
    assert "did not answer within 1 s" in str(info.value)


def test_server_stalling_after_data_times_out_as_maybe_delivered(make_smtp_server):
    # The slow server from the fixtures: it holds its final reply far past our timeout.
    server = make_smtp_server(data_delay=60)
    with pytest.raises(SmtpSendError) as info:
        send_message(server.settings(timeout=1.0), "", letter())

    assert info.value.stage == "after_data" and info.value.maybe_delivered
    assert "did not answer within 1 s" in str(info.value)
    # The server holds the whole text: "may have been delivered" is the honest answer.
    assert server.data_arrived.wait(10) and server.arrived[0].rcpt_tos == (COMPANY, SELF)
    assert server.received == []  # no acceptance was ever sent


def test_refused_connection_fails_at_connect():
    settings = SmtpSettings(host="127.0.0.1", port=closed_port(), security="none", username="", from_addr=SELF)
    with pytest.raises(SmtpSendError) as info:
        send_message(settings, "", letter())
    assert info.value.stage == "connect" and "refused" in str(info.value)


def test_invalid_settings_are_a_user_error_before_any_connection(make_smtp_server):
    server = make_smtp_server()
    with pytest.raises(UserError):
        send_message(server.settings(from_addr="not an address"), "", letter())
    assert server.commands == []
