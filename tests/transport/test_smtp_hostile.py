"""Hostile SMTP peers: one total deadline per send, bounded replies, and no silent second copy.

Every peer is a raw socket server on 127.0.0.1 (tests/support/smtp_peers.py). The deadline given is
small (2 s); the tests assert which step it stopped at, never how long it took.
"""

from __future__ import annotations

import json

import pytest
from support.cli import run_main
from support.smtp_peers import endless, hang_up, reply, trickle

from privacy_tui.transport.message import make_message
from privacy_tui.transport.smtp import SmtpSendError, send_message

pytestmark = pytest.mark.timeout(60)

TODAY = "2026-03-03"


def letter():
    return make_message(from_addr="zoe@example.org", to=["privacy@acme.example"], subject="Access request",
                        body="Dear ACME,\n\nplease.\n")


def send(peer, **overrides):
    with pytest.raises(SmtpSendError) as info:
        send_message(peer.settings(**overrides), "", letter())
    return info.value


# --- the deadline covers every step -----------------------------------------------------------


def test_trickling_greeting_stops_at_the_total_deadline(make_peer):
    # One byte every 0.2 s: a per-read timeout of 2 s would never fire.
    peer = make_peer(greeting=trickle(b"220 " + b"slow" * 200 + b"\r\n"))
    err = send(peer)
    assert err.stage == "connect" and not err.maybe_delivered
    assert "did not answer within 2 s" in str(err) and "greeting" in str(err) and "step: connect" in str(err)
    assert peer.messages == []


def test_endless_greeting_continuation_is_cut_off(make_peer):
    peer = make_peer(greeting=endless(b"220-" + b"x" * 70 + b"\r\n"))
    err = send(peer, timeout=30.0)
    assert err.stage == "connect" and "more than 64 lines" in str(err)
    assert "did not answer" not in str(err)  # stopped by the line cap, not by the clock


def test_overlong_greeting_line_is_refused(make_peer):
    peer = make_peer(greeting=endless(b"x" * 1000))
    err = send(peer, timeout=30.0)
    assert err.stage == "connect" and "longer than 2048 bytes" in str(err)


def test_trickled_tls_handshake_is_held_to_the_deadline(make_peer):
    # A TLS record header announcing 16 KB, then one byte at a time: OpenSSL waits per read.
    peer = make_peer(greeting=trickle(b"\x16\x03\x03\x40\x00" + b"\x02" * 2000))
    err = send(peer, security="ssl", host="localhost")
    assert err.stage == "tls" and "did not answer within 2 s" in str(err) and "in the TLS handshake" in str(err)


@pytest.mark.parametrize("verb, stage, words", [(b"EHLO", "connect", "EHLO"), (b"MAIL", "mail", "MAIL FROM"),
                                                (b"RCPT", "rcpt", "RCPT TO"), (b"DATA", "data", "DATA")])
def test_every_step_is_inside_the_same_deadline(make_peer, verb, stage, words):
    peer = make_peer(verbs={verb: trickle(b"250 " + b"s" * 400 + b"\r\n")})
    err = send(peer)
    assert (err.stage, err.maybe_delivered) == (stage, False)
    assert "did not answer within 2 s" in str(err) and words in str(err) and f"step: {stage}" in str(err)
    assert peer.messages == []


def test_endless_ehlo_continuation_is_cut_off(make_peer):
    peer = make_peer(verbs={b"EHLO": endless(b"250-" + b"x" * 60 + b"\r\n")})
    err = send(peer, timeout=30.0)
    assert err.stage == "connect" and "more than 64 lines" in str(err) and "EHLO" in str(err)


def test_trickled_reply_after_data_may_have_been_delivered(make_peer):
    peer = make_peer(after_data=trickle(b"250 " + b"o" * 400 + b"\r\n"))
    err = send(peer)
    assert err.stage == "after_data" and err.maybe_delivered
    assert "did not answer within 2 s" in str(err) and "may have been delivered" in str(err)
    assert len(peer.messages) == 1


def test_clear_text_injected_after_starttls_is_never_read_as_a_tls_reply(make_peer, tls_certificate):
    # CVE-2011-0411 class: bytes sent before the handshake must not answer the EHLO inside TLS.
    peer = make_peer(tls=tls_certificate.server_context(), after_starttls=b"554 5.0.0 injected\r\n")
    result = send_message(peer.settings(security="starttls", ca_file=tls_certificate.ca_file), "", letter())
    assert result.server_reply.startswith("250") and len(peer.messages) == 1


# --- after DATA: only a clean 250/251/252 is success, only a clean 4xx/5xx a refusal ---------


AMBIGUOUS = {
    "binary garbage": reply(b"\x00\xff\xfe\x80\x1b[2J garbage\r\n"),
    "20,000-character line": reply(b"500 " + b"L" * 20_000 + b"\r\n"),
    "2xx other than 250": reply(b"299 2.0.0 whatever\r\n"),
    "3xx": reply(b"354 more please\r\n"),
    "250 with an escape sequence": reply(b"250 ok \x1b]52;c;aGk=\x07\r\n"),
    "250 that is not UTF-8": reply(b"250 ok \xff\xfe\r\n"),
    "codes that change mid-reply": reply(b"250-ok\r\n554 no\r\n"),
    "disconnect": hang_up,
}


@pytest.mark.parametrize("behaviour", AMBIGUOUS.values(), ids=AMBIGUOUS.keys())
def test_unclear_answer_after_data_may_have_been_delivered(make_peer, behaviour):
    peer = make_peer(after_data=behaviour)
    err = send(peer)
    assert err.stage == "after_data" and err.maybe_delivered, str(err)
    assert "may have been delivered" in str(err) and "\n" not in str(err)
    assert "\x1b" not in str(err) and "\x00" not in str(err)  # the peer's bytes never reach the terminal raw
    assert len(peer.messages) == 1


@pytest.mark.parametrize("answer", [b"250 2.0.0 queued\r\n", b"251 ok\r\n", b"252 ok\r\n", b"250\r\n"])
def test_clean_acceptance_is_success(make_peer, answer):
    peer = make_peer(after_data=reply(answer))
    result = send_message(peer.settings(), "", letter())
    assert result.server_reply.startswith(answer[:3].decode())
    assert len(peer.messages) == 1


@pytest.mark.parametrize("answer, code", [(b"554 5.7.1 spam\r\n", 554), (b"451-try\r\n451 later\r\n", 451)])
def test_clean_refusal_is_a_refusal(make_peer, answer, code):
    peer = make_peer(after_data=reply(answer))
    err = send(peer)
    assert (err.stage, err.maybe_delivered, err.smtp_code) == ("data", False, code)


# --- `request send` records it and asks for --resend ------------------------------------------


@pytest.fixture
def home(cli_home):
    capsys = cli_home
    assert run_main(capsys, "profile", "set", "--name", "Zoe", "--email", "zoe@example.org", "--country", "GB")[0] == 0
    rc, out, err = run_main(capsys, "company", "add", "Acme Widgets Ltd", "--email", "privacy@acme.example", "--country", "GB")
    assert rc == 0, err
    return out.strip()


def request_over(capsys, company_id, peer) -> str:
    """SMTP configured to send through `peer` (2 s per send), and an access request to the company: its id."""
    rc, _, err = run_main(capsys, "config", "smtp", "--host", "127.0.0.1", "--port", str(peer.port), "--security", "none",
                          "--from", "zoe@example.org", "--timeout", "2")
    assert rc == 0, err
    rc, out, err = run_main(capsys, "request", "new", company_id, "--type", "access", "--today", TODAY)
    return out.strip()


@pytest.mark.parametrize("behaviour", [AMBIGUOUS["binary garbage"], AMBIGUOUS["20,000-character line"],
                                       AMBIGUOUS["2xx other than 250"], AMBIGUOUS["disconnect"],
                                       trickle(b"250 " + b"o" * 400 + b"\r\n")],
                         ids=["garbage", "long line", "299", "disconnect", "trickle"])
def test_request_send_records_maybe_delivered_and_requires_resend(home, capsys, make_peer, behaviour):
    peer = make_peer(after_data=behaviour)
    request_id = request_over(capsys, home, peer)

    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 4 and err.startswith("error: ") and "may have been delivered" in err and err.count("\n") == 1
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", TODAY)
    last = json.loads(out)["timeline"][-1]
    assert last["kind"] == "send_failed" and "may have been delivered" in last["detail"]
    from privacy_tui.services.session import open_store

    with open_store() as store:
        event = store.request(request_id).events[-1]
    assert event.data["maybe_delivered"] is True and event.data["stage"] == "after_data"

    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 2 and "--resend" in err
    assert len(peer.messages) == 1  # the refused retry put nothing on the wire


def test_request_send_names_the_step_that_ran_out_of_time(home, capsys, make_peer):
    peer = make_peer(greeting=trickle(b"220 " + b"slow" * 200 + b"\r\n"))
    request_id = request_over(capsys, home, peer)
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 4 and err.count("\n") == 1
    assert "did not answer within 2 s" in err and "greeting" in err and "step: connect" in err
    assert "may have been delivered" not in err and peer.messages == []
    from privacy_tui.services.session import open_store

    with open_store() as store:
        event = store.request(request_id).events[-1]
    assert event.data["maybe_delivered"] is False and event.data["stage"] == "connect"
