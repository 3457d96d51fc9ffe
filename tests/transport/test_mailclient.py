"""Handing letters to the user's mail client: .eml files, mailto: URLs, web-form text, opening."""

from __future__ import annotations

import email
import email.policy
import os
import socket
import stat
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.transport.mailclient import EML_WARNING, copy_text, mailto_url, open_url, write_eml
from privacy_tui.transport.message import make_message, message_bytes

BODY = "Dear ACME,\n\nZoë Łukasz 東京 asks: what do you hold? 100% & more + less #1\n"


def letter():
    return make_message(
        from_addr="Zoë Łukasz <zoe@example.org>",
        to=["ACME <privacy@acme.example>"],
        subject="Subject access request [PT-ABCD2345]",
        body=BODY,
        bcc=["zoe@example.org"],
    )


# --- .eml ---------------------------------------------------------------------------------------


def test_eml_is_a_private_standard_message_that_keeps_bcc(tmp_path):
    msg = letter()
    path = write_eml(msg, tmp_path / "request.eml")

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    back = email.message_from_bytes(raw, policy=email.policy.default)
    assert back["Subject"] == "Subject access request [PT-ABCD2345]"
    assert back["Message-ID"] == msg["Message-ID"]
    assert back["Bcc"] == "zoe@example.org"  # the user's client sends the copy to self
    assert back["X-Unsent"] == "1"  # Outlook opens it as a draft to send
    assert back.get_content().replace("\r\n", "\n") == BODY
    assert raw.endswith(message_bytes(msg)[message_bytes(msg).index(b"\r\n\r\n"):])  # same body bytes
    assert "NOT encrypted" in EML_WARNING


def test_eml_never_overwrites_without_force(tmp_path):
    target = tmp_path / "request.eml"
    target.write_text("the user's own file")
    os.chmod(target, 0o644)
    with pytest.raises(UserError, match="--force"):
        write_eml(letter(), target)
    assert target.read_text() == "the user's own file"

    write_eml(letter(), target, force=True)
    assert b"PT-ABCD2345" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # tightened on overwrite


def test_eml_path_errors_are_user_errors(tmp_path):
    with pytest.raises(UserError, match="folder"):
        write_eml(letter(), tmp_path)
    with pytest.raises(UserError, match="does not exist"):
        write_eml(letter(), tmp_path / "missing" / "x.eml")


# --- mailto: --------------------------------------------------------------------------------------


def test_mailto_url_is_rfc6068_encoded():
    url = mailto_url(["privacy+dsar@acme.example", "dpo@acme.example"], "Anfrage & Frage? #1 100%", BODY,
                     cc=["legal@acme.example"], bcc=["zoe@example.org"])
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert parts.path == "privacy%2Bdsar@acme.example,dpo@acme.example"
    assert " " not in url and "\n" not in url and "+" not in url.split("?", 1)[1]
    assert url.isascii()

    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    assert fields["subject"] == "Anfrage & Frage? #1 100%"
    assert fields["body"] == BODY.replace("\n", "\r\n")  # line breaks travel as %0D%0A
    assert "%0D%0A" in url and "%C3%AB" in url  # UTF-8 percent-encoding of ë
    assert fields["cc"] == "legal@acme.example" and fields["bcc"] == "zoe@example.org"
    assert [unquote(a) for a in parts.path.split(",")] == ["privacy+dsar@acme.example", "dpo@acme.example"]


def test_mailto_refuses_injection_and_bad_addresses():
    with pytest.raises(UserError):
        mailto_url(["privacy@acme.example"], "Subject\r\nBcc: attacker@evil.example", "body")
    with pytest.raises(UserError):
        mailto_url(["privacy@acme.example?bcc=attacker@evil.example"], "s", "b")
    with pytest.raises(UserError):
        mailto_url(["privacy@acme.example\nBcc: x@evil.example"], "s", "b")
    with pytest.raises(UserError, match="no recipient"):
        mailto_url([], "s", "b")


# --- web form text -----------------------------------------------------------------------------------


def test_copy_text_names_the_form_and_keeps_the_letter():
    text = copy_text("Subject access request [PT-ABCD2345]", BODY, "acme.example/privacy/request")
    assert text.startswith("Web form: https://acme.example/privacy/request\n")
    assert "Subject: Subject access request [PT-ABCD2345]\n" in text
    assert text.endswith(BODY)
    with pytest.raises(UserError, match="no web form"):
        copy_text("s", "b", "")
    with pytest.raises(UserError):
        copy_text("s", "b", "javascript:alert(1)")


# --- opening URLs ----------------------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="xdg-open is the Linux opener")
def test_open_url_hands_the_url_to_xdg_open(tmp_path, monkeypatch):
    # A stand-in xdg-open that reports its argument over a loopback socket.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(20)
    port = listener.getsockname()[1]
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "xdg-open"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import socket, sys\n"
        f"s = socket.create_connection(('127.0.0.1', {port}))\n"
        "s.sendall(sys.argv[1].encode())\n"
        "s.close()\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bindir))
    url = mailto_url(["privacy@acme.example"], "Subject", BODY)

    assert open_url(url) is True
    conn, _ = listener.accept()
    with conn, listener:
        conn.settimeout(20)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    assert b"".join(chunks).decode() == url


def test_open_url_reports_false_without_an_opener(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    if sys.platform in ("win32", "darwin"):
        pytest.skip("the desktop opener is always present there")
    assert open_url("mailto:privacy@acme.example") is False


def test_open_url_refuses_other_schemes():
    with pytest.raises(UserError):
        open_url("file:///etc/passwd")
