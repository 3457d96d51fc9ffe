"""The `inbox` and `config imap` commands: import (eml, folder, mbox; bounded), exact JSON keys,
accept / ignore / undo, exit codes, sync through the command line against Dovecot."""

from __future__ import annotations

import json
import mailbox
import os

import pytest
from support.cli import assert_one_line_error, cli_env, run_cli
from support.imap_servers import PASSWORD
from support.inbox import add_sent_request, reply
from support.vault import make_vault, open_vault

from privacy_tui.vault.store import Store

EXT = "Due to the complexity of your request we need to extend the deadline by two further months."
KEYS = ["id", "message_id", "from", "subject", "date", "request_id", "company_id", "kind", "confidence", "attachments", "state"]


@pytest.fixture
def request_(private_home):
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        _, request = add_sent_request(Store(vault))
    return request


def _list(*flags):
    rc, out, err = run_cli("inbox", "list", "--json", *flags)
    assert rc == 0, err
    return json.loads(out)


def test_import_eml_folder_and_mbox_then_list_with_the_exact_keys(request_, tmp_path):
    one = tmp_path / "one.eml"
    one.write_bytes(reply(sender="dpo@acme.example", subject=f"Re: {request_.reference}", body=EXT,
                          attachments=[("data.csv", "text/csv", b"a,b\n")]))
    folder = tmp_path / "exported"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "two.eml").write_bytes(reply(sender="news@shop.example", subject="Deals", body="50% off"))
    (folder / "notes.txt").write_text("not a message")
    box = mailbox.mbox(str(tmp_path / "archive.mbox"))
    for i in range(3):
        box.add(reply(sender="x@y.example", subject=f"mbox {i}", body="hello", message_id=f"<mb{i}@y.example>"))
    box.flush()
    box.close()
    rc, out, err = run_cli("inbox", "import", str(one), str(folder), str(tmp_path / "archive.mbox"))
    assert rc == 0, err
    assert out.startswith("5 new message(s), 1 matched")
    listed = _list()
    assert len(listed) == 5 and all(list(m) == KEYS for m in listed)
    matched = [m for m in listed if m["request_id"]]
    assert len(matched) == 1 and matched[0]["attachments"] == 1 and matched[0]["state"] == "new"
    assert isinstance(matched[0]["confidence"], float) and 0 <= matched[0]["confidence"] <= 1
    assert len(_list("--unmatched")) == 4
    # Importing the same files again adds nothing.
    rc, out, _ = run_cli("inbox", "import", str(one), str(tmp_path / "archive.mbox"))
    assert rc == 0 and out.startswith("0 new message(s)") and "4 already in the inbox" in out

    mid = matched[0]["id"]
    rc, out, err = run_cli("inbox", "show", mid, "--json")
    shown = json.loads(out)
    assert shown["text"].startswith("Due to the complexity") and shown["dkim"] == "none"
    rc, out, err = run_cli("inbox", "accept", mid)
    assert rc == 0, err
    assert "'extended' recorded" in out
    assert _list("--new") and all(m["id"] != mid for m in _list("--new"))
    rc, out, err = run_cli("request", "show", request_.id, "--json")
    assert "extended" in [e["kind"] for e in json.loads(out)["timeline"]]
    rc, _, err = run_cli("inbox", "undo", mid)
    assert rc == 0, err
    other = next(m["id"] for m in listed if m["request_id"] is None)
    rc, out, err = run_cli("inbox", "ignore", other)
    assert rc == 0 and "ignored" in out


def test_bad_paths_and_ids_are_one_line_errors(request_, tmp_path):
    rc, _, err = run_cli("inbox", "import", str(tmp_path / "missing.eml"))
    assert rc == 2
    assert_one_line_error(err, contains="does not exist")
    fifo = tmp_path / "pipe.eml"
    os.mkfifo(fifo)
    rc, _, err = run_cli("inbox", "import", str(fifo))
    assert rc == 2
    assert_one_line_error(err, contains="not a regular file")
    rc, _, err = run_cli("inbox", "show", "nope")
    assert rc == 2
    assert_one_line_error(err, contains="no received message")
    rc, _, err = run_cli("inbox", "accept", "nope", "--as", "fulfilled")
    assert rc == 2
    assert _list() == []


def test_an_oversized_message_is_refused_with_a_note_and_the_rest_imported(request_, tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "a.eml").write_bytes(reply(sender="dpo@acme.example", subject=request_.reference, body=EXT))
    with open(folder / "huge.eml", "wb") as fh:
        fh.write(b"Subject: huge\r\n\r\n")
        fh.truncate(25 * 1024 * 1024 + 10)
    rc, out, err = run_cli("inbox", "import", str(folder))
    assert rc == 0, err
    assert out.startswith("1 new message(s)")
    assert "huge.eml" in err and "25 MB" in err
    assert len(_list()) == 1


def test_config_imap_presets_set_show(request_):
    rc, out, _ = run_cli("config", "imap", "presets", "--json")
    presets = {p["name"]: p for p in json.loads(out)}
    assert presets["gmail"]["host"] == "imap.gmail.com" and presets["gmail"]["port"] == 993
    assert set(presets) >= {"gmail", "outlook", "fastmail", "icloud", "yahoo", "gmx", "posteo", "mailbox_org", "proton"}
    rc, out, err = run_cli("config", "imap", "--preset", "fastmail", "--username", "ada@fastmail.example", "--folder", "INBOX",
                           "--folder", "Replies")
    assert rc == 0, err
    rc, out, _ = run_cli("config", "imap", "show", "--json")
    shown = json.loads(out)
    assert shown["host"] == "imap.fastmail.com" and shown["folders"] == ["INBOX", "Replies"]
    assert "password" not in out
    rc, _, err = run_cli("config", "imap", "--host", "bad host", "--username", "u")
    assert rc == 2
    rc, _, err = run_cli("inbox", "sync")  # no password anywhere, no keyring
    assert rc == 2
    assert_one_line_error(err, contains="PRIVACY_TUI_IMAP_PASSWORD")


@pytest.mark.timeout(180)
def test_sync_and_test_through_the_command_line(request_, dovecot):
    dovecot.deliver("INBOX", reply(sender="dpo@acme.example", subject=f"Re: {request_.reference}", body=EXT))
    rc, _, err = run_cli("config", "imap", "--host", "127.0.0.1", "--port", str(dovecot.ssl_port), "--security", "ssl",
                         "--username", "ada", "--ca-file", dovecot.ca_file)
    assert rc == 0, err
    env = cli_env(PRIVACY_TUI_IMAP_PASSWORD=PASSWORD)
    rc, out, err = run_cli("config", "imap", "test", env=env)
    assert rc == 0 and "IMAP OK" in out and "INBOX: 1 message" in out, err
    rc, out, err = run_cli("inbox", "sync", env=env)
    assert rc == 0, err
    assert out.startswith("fetched 1: 1 new message(s), 1 matched")
    assert err == ""  # no progress bar when stderr is not a terminal
    rc, out, err = run_cli("inbox", "sync", env=env)
    assert rc == 0 and out.startswith("fetched 0")
    rc, _, err = run_cli("inbox", "sync", env=cli_env(PRIVACY_TUI_IMAP_PASSWORD="wrong"))
    assert rc == 2
    assert_one_line_error(err, contains="refused the login")
    dovecot.stop()
    rc, _, err = run_cli("inbox", "sync", env=env)
    assert rc == 4
    assert_one_line_error(err)


@pytest.mark.timeout(180)
def test_remind_sync_fetches_replies_first(request_, dovecot):
    rc, out, err = run_cli("remind", "--sync", "--json")
    assert rc in (0, 10) and "IMAP is not configured" in err
    auto_ack = ("This is an automatic confirmation: we have received your data subject access request. "
                "Ticket #48213. We will respond within one month.")
    dovecot.deliver("INBOX", reply(sender="privacy@acme.example", subject=f"Re: [{request_.reference}]", body=auto_ack,
                                   in_reply_to=request_.message_id, headers={"Auto-Submitted": "auto-replied"}))
    rc, _, err = run_cli("config", "imap", "--host", "127.0.0.1", "--port", str(dovecot.port), "--security", "starttls",
                         "--username", "ada", "--ca-file", dovecot.ca_file)
    assert rc == 0, err
    rc, out, err = run_cli("remind", "--sync", "--json", env=cli_env(PRIVACY_TUI_IMAP_PASSWORD=PASSWORD))
    assert rc in (0, 10), err
    assert "1 applied automatically" in err
    json.loads(out)  # stdout stays the reminders' JSON
    rc, out, _ = run_cli("request", "show", request_.id, "--json")
    assert json.loads(out)["acknowledged"]
    dovecot.stop()
    rc, out, err = run_cli("remind", "--sync", "--json", env=cli_env(PRIVACY_TUI_IMAP_PASSWORD=PASSWORD))
    assert rc in (0, 10) and "inbox sync failed" in err
    json.loads(out)
