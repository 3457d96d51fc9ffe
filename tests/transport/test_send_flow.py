"""`request send` end to end: a real aiosmtpd server on 127.0.0.1, the vault's state after each case."""

from __future__ import annotations

import base64
import json

import pytest
from support.cli import run_main

TODAY = "2026-03-03"


@pytest.fixture
def home(cli_home):
    capsys = cli_home
    assert run_main(capsys, "profile", "set", "--name", "Zoë Łukasz", "--email", "zoe@example.org", "--country", "GB")[0] == 0
    rc, out, _ = run_main(capsys, "company", "add", "Acme Widgets Ltd", "--email", "privacy@acme.example", "--country", "GB")
    return out.strip()


def configure(capsys, server, **extra):
    args = ["config", "smtp", "--host", server.host, "--port", str(server.port), "--security", server.tls,
            "--from", "zoe@example.org", "--timeout", "5"]
    if server.ca_file:
        args += ["--ca-file", server.ca_file]
    for key, value in extra.items():
        args += [f"--{key}", value]
    rc, out, err = run_main(capsys, *args)
    assert rc == 0, err


def new_request(capsys, company):
    rc, out, err = run_main(capsys, "request", "new", company, "--type", "access", "--today", TODAY)
    assert rc == 0, err
    return out.strip()


def show(capsys, request_id):
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", TODAY)
    return json.loads(out)


def test_send_over_plain_loopback_records_the_exact_bytes(home, capsys, make_smtp_server):
    server = make_smtp_server()
    configure(capsys, server)
    request_id = new_request(capsys, home)
    rc, out, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 0, err
    got = server.wait_for_message()
    assert got.rcpt_tos[0] == "privacy@acme.example"
    text = got.data.decode("ascii")
    data = show(capsys, request_id)
    assert data["status"] == "sent" and data["sent"] == TODAY
    assert data["due"] == "2026-04-07"  # one month, Good Friday and Easter Monday skipped
    assert data["reference"] in text and "Message-ID:" in text and "Date:" in text
    from privacy_tui.services.session import open_store

    with open_store() as store:
        (message,) = store.messages(request_id)
    assert base64.b64decode(message.raw) == got.data  # what is stored is exactly what arrived
    assert message.server_reply.startswith("250")
    # Non-ASCII body survives (quoted-printable, UTF-8).
    import email

    parsed = email.message_from_bytes(got.data)
    assert "Zoë Łukasz" in parsed.get_payload(decode=True).decode("utf-8")
    # Idempotent: a second send is refused, --resend sends exactly one more.
    rc, _, err = run_main(capsys, "request", "send", request_id)
    assert rc == 2 and "already sent" in err and len(server.received) == 1
    assert run_main(capsys, "request", "send", request_id, "--resend", "--today", TODAY)[0] == 0
    assert len(server.received) == 2


def test_rejected_recipient_fails_cleanly_and_a_retry_sends_once(home, capsys, make_smtp_server):
    server = make_smtp_server(reject_rcpt={"*"})
    configure(capsys, server)
    request_id = new_request(capsys, home)
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 4 and err.startswith("error: ") and err.count("\n") == 1
    data = show(capsys, request_id)
    assert data["status"] == "send_failed"
    assert data["timeline"][-1]["kind"] == "send_failed" and "550" in data["timeline"][-1]["detail"]
    assert server.received == []
    rc, out, _ = run_main(capsys, "request", "letter", request_id)
    assert data["reference"] in out  # the draft is intact
    server.reject_rcpt = set()
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 0, err
    assert len(server.received) == 1
    assert show(capsys, request_id)["status"] == "sent"


def test_connection_lost_after_data_is_maybe_delivered_and_not_retried_blindly(home, capsys, make_smtp_server):
    server = make_smtp_server(close_after_data=True)
    configure(capsys, server)
    request_id = new_request(capsys, home)
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 4 and "may have been delivered" in err
    assert show(capsys, request_id)["status"] == "send_failed"
    server.close_after_data = False
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 2 and "--resend" in err
    assert len(server.received) == 1  # only the first (possibly delivered) copy


def test_starttls_with_auth_uses_keyring_free_env_password(home, capsys, make_smtp_server, monkeypatch):
    server = make_smtp_server(tls="starttls", users={"zoe": "s3cret"})
    monkeypatch.setenv("PRIVACY_TUI_SMTP_PASSWORD", "s3cret")
    configure(capsys, server, username="zoe")
    assert run_main(capsys, "config", "smtp", "test")[0] == 0
    assert server.received == []  # the test connects and authenticates, sends nothing
    request_id = new_request(capsys, home)
    rc, _, err = run_main(capsys, "request", "send", request_id, "--today", TODAY)
    assert rc == 0, err
    assert server.wait_for_message().login == "zoe"
    from privacy_tui.services.session import open_store

    with open_store() as store:
        assert "s3cret" not in json.dumps(store.vault.export_document())


@pytest.mark.parametrize("field, value", [("subject", "Hello\r\nBcc: victim@example.net"), ("address", "a@example.com\nBcc: x@y.z")])
def test_header_injection_is_refused(home, capsys, field, value):
    request_id = new_request(capsys, home)
    if field == "subject":
        rc, _, err = run_main(capsys, "request", "edit", request_id, "--subject", value)
    else:
        rc, _, err = run_main(capsys, "company", "edit", home, "--email", value)
    assert rc == 2 and "line" in err or "invalid" in err


def test_company_name_with_line_break_is_refused(home, capsys):
    rc, _, err = run_main(capsys, "company", "add", "Evil\r\nBcc: x@example.net")
    assert rc == 2 and err.startswith("error: ")


def test_eml_mailto_and_copy_do_not_mark_sent(home, capsys, tmp_path):
    request_id = new_request(capsys, home)
    target = tmp_path / "out.eml"
    rc, out, err = run_main(capsys, "request", "send", request_id, "--via", "eml", "--out", str(target))
    assert rc == 0, err
    import email

    msg = email.message_from_bytes(target.read_bytes())
    assert msg["To"] == "privacy@acme.example" and "PT-" in msg["Subject"]
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    rc, out, _ = run_main(capsys, "request", "send", request_id, "--via", "mailto")
    assert out.startswith("mailto:privacy@acme.example?") and "%0D%0A" in out
    rc, _, err = run_main(capsys, "request", "send", request_id, "--via", "copy")
    assert rc == 2 and "web form" in err
    assert run_main(capsys, "company", "edit", home, "--webform", "https://acme.example/privacy-request")[0] == 0
    rc, out, _ = run_main(capsys, "request", "send", request_id, "--via", "copy")
    assert out.startswith("Web form: https://acme.example/privacy-request") and "request mark" in out
    assert show(capsys, request_id)["status"] == "draft"
    assert run_main(capsys, "request", "mark", request_id, "sent", "--date", TODAY, "--today", TODAY)[0] == 0
    assert show(capsys, request_id)["status"] == "sent"
