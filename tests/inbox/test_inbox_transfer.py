"""`export json` and `import json` carry the inbox: received messages and their blobs (raw message,
attachments) move to another home intact, each blob proved by its sha256 before anything is
written; a damaged export changes nothing."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from support.inbox import PASS, ZIP, make_inbox_home

from privacy_tui.services.inbox import attachment, list_messages, raw_message
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def run(capsys, *argv: str) -> tuple[int, str, str]:
    from privacy_tui.cli import main

    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def exported(tmp_path, monkeypatch, capsys):
    """An export of a vault with replies (one with a zip attachment), and a fresh empty home to import into."""
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    make_inbox_home()
    target = tmp_path / "export.json"
    rc, _, err = run(capsys, "export", "json", str(target), "--plaintext")
    assert rc == 0, err
    assert "UNENCRYPTED" in err and "received messages and attachments" in err
    before = {"list": inbox_views(capsys)}
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        before["raw"] = {r["id"]: raw_message(store, r["id"]) for r in list_messages(store)}
    fresh = tmp_path / "fresh-home"
    fresh.mkdir()
    monkeypatch.setenv("PRIVACY_TUI_HOME", str(fresh))
    Vault.create(paths(), PASS, use_keyring=False)[0].close()
    return target, before


def inbox_views(capsys) -> dict:
    rc, out, err = run(capsys, "inbox", "list", "--json")
    assert rc == 0, err
    listed = json.loads(out)
    shown = {}
    for item in listed:
        rc, out, err = run(capsys, "inbox", "show", item["id"], "--json")
        assert rc == 0, err
        shown[item["id"]] = json.loads(out)
    return {"listed": listed, "shown": shown}


def fresh_files() -> set[str]:
    folder = paths().blobs
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def test_round_trip_into_a_fresh_home_keeps_every_message_and_attachment(exported, capsys):
    source, before = exported
    payload = json.loads(source.read_bytes())
    assert payload["tables"]["inbox"] and len(payload["blobs"]) == len(payload["blob_sha256"]) >= 6
    rc, out, err = run(capsys, "import", "json", str(source))
    assert rc == 0, err
    assert "5 received messages (6 messages and attachments, kept encrypted)" in out
    assert inbox_views(capsys) == before["list"]
    with Vault.open(paths(), passphrase=PASS) as vault:
        store = Store(vault)
        records = list_messages(store)
        assert {r["id"]: raw_message(store, r["id"]) for r in records} == before["raw"]
        with_zip = next(r for r in records if r.get("attachments"))
        name, _, data = attachment(store, with_zip["id"], 0)
        assert name == "export.zip" and data == ZIP
        # Encrypted beside the vault, never in plaintext.
        for blob in paths().blobs.iterdir():
            assert ZIP[:64] not in blob.read_bytes()
        assert vault.blobs.verify_all() == {}
    # Importing the same export again adds nothing and writes no blob.
    files = fresh_files()
    rc, out, err = run(capsys, "import", "json", str(source))
    assert rc == 0 and "0 companies, 0 requests, 0 messages, 0 received messages" in out
    assert fresh_files() == files


def damage(payload: dict, how: str) -> dict:
    rec = next(r for r in payload["tables"]["inbox"].values() if r.get("attachments"))
    att_blob = rec["attachments"][0]["blob"]
    if how == "altered attachment":
        data = bytearray(base64.b64decode(payload["blobs"][att_blob]))
        data[10] ^= 1
        payload["blobs"][att_blob] = base64.b64encode(bytes(data)).decode()
    elif how == "missing raw message":
        del payload["blobs"][rec["blob"]]
    elif how == "not base64":
        payload["blobs"][rec["blob"]] = "***not base64***"
    elif how == "digest and blob both swapped":
        # A consistent swap in the blob list still fails against the record's own sha256.
        other = b"From: x@y\r\n\r\nsomething else"
        payload["blobs"][rec["blob"]] = base64.b64encode(other).decode()
        payload["blob_sha256"][rec["blob"]] = hashlib.sha256(other).hexdigest()
    elif how == "no digests":
        del payload["blob_sha256"]
    elif how == "unknown request":
        rec["request_id"] = "rzzzzzzzz"
    return payload


@pytest.mark.parametrize("how, words", [
    ("altered attachment", "does not match its sha256"),
    ("missing raw message", "is missing from the file's `blobs`"),
    ("not base64", "is not valid base64"),
    ("digest and blob both swapped", "does not match the record's sha256"),
    ("no digests", "has no sha256"),
    ("unknown request", "request_id rzzzzzzzz is neither in the file nor in the vault"),
])
def test_a_damaged_export_is_refused_whole_and_changes_nothing(exported, capsys, tmp_path, how, words):
    source, _ = exported
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(damage(json.loads(source.read_bytes()), how)), encoding="utf-8")
    vault_bytes, files = paths().vault.read_bytes(), fresh_files()
    rc, _, err = run(capsys, "import", "json", str(bad))
    assert rc == 2, err
    assert err.startswith("error: ") and len(err.splitlines()) == 1 and "nothing was imported" in err
    assert words in err
    assert paths().vault.read_bytes() == vault_bytes and fresh_files() == files
