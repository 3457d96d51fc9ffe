"""The agent key and bearer tokens in the OS keyring.

Run through `scripts/with-keyring .venv/bin/python -m pytest tests/drp/test_drp_keys.py` (a private
dbus session with an unlocked gnome-keyring); tests that need a keyring skip without one. They
use a per-test service name so a run on a desktop never touches the user's real DRP entries.
"""

from __future__ import annotations

import base64
import json
import secrets

import pytest

from privacy_tui.cli import main
from privacy_tui.core.errors import VaultError
from privacy_tui.transport.drp import sign_message, verify_key_b64, verify_signed_message
from privacy_tui.vault import drp_keys


def test_names_are_the_documented_ones():
    assert drp_keys.SERVICE == "privacy-tui-drp"
    assert drp_keys.AGENT_USERNAME == "agent-key"
    assert drp_keys.token_username("ACME_1") == "token:ACME_1"


@pytest.fixture
def keyring_service(monkeypatch):
    if drp_keys.keyring_status().startswith("unavailable"):
        pytest.skip("no keyring backend (run through scripts/with-keyring)")
    service = f"privacy-tui-drp-test-{secrets.token_hex(4)}"
    monkeypatch.setattr(drp_keys, "SERVICE", service)
    yield service
    import keyring

    for username in (drp_keys.AGENT_USERNAME, "token:ACME_1", "token:OTHER"):
        try:
            keyring.delete_password(service, username)
        except keyring.errors.PasswordDeleteError:
            pass


def test_key_is_created_once_and_kept_in_the_keyring(keyring_service):
    import keyring

    assert not drp_keys.has_agent_key()
    with pytest.raises(VaultError, match="drp keygen"):
        drp_keys.get_agent_key()
    key = drp_keys.load_or_create_agent_key()
    assert drp_keys.has_agent_key()
    again = drp_keys.load_or_create_agent_key()
    assert again.verify_key_bytes() == key.verify_key_bytes()
    stored = keyring.get_password(keyring_service, "agent-key")
    assert len(base64.b64decode(stored, validate=True)) == 32
    # the stored key signs messages that verify against the key we would register
    signed = sign_message(drp_keys.get_agent_key(), {"hello": "drp"})
    assert verify_signed_message(base64.b64decode(verify_key_b64(key)), signed) == {"hello": "drp"}


def test_rotate_replaces_the_key(keyring_service):
    first = drp_keys.load_or_create_agent_key()
    second = drp_keys.rotate_agent_key()
    assert second.verify_key_bytes() != first.verify_key_bytes()
    assert drp_keys.get_agent_key().verify_key_bytes() == second.verify_key_bytes()


def test_damaged_key_is_reported_not_replaced(keyring_service):
    import keyring

    keyring.set_password(keyring_service, "agent-key", "not a key")
    with pytest.raises(VaultError, match="damaged"):
        drp_keys.load_or_create_agent_key()
    assert keyring.get_password(keyring_service, "agent-key") == "not a key"


def test_tokens_per_business(keyring_service):
    assert drp_keys.get_token("ACME_1") is None
    drp_keys.store_token("ACME_1", "tok-1")
    drp_keys.store_token("OTHER", "tok-2")
    assert drp_keys.get_token("ACME_1") == "tok-1"
    drp_keys.store_token("ACME_1", "tok-3")  # re-pairing overwrites
    assert drp_keys.get_token("ACME_1") == "tok-3"
    assert drp_keys.delete_token("ACME_1") is True
    assert drp_keys.delete_token("ACME_1") is False
    assert drp_keys.get_token("ACME_1") is None
    assert drp_keys.get_token("OTHER") == "tok-2"


def test_cli_keygen_prints_the_verify_key(keyring_service, capsys):
    assert main(["drp", "keygen"]) == 0
    out, err = capsys.readouterr()
    verify_key = out.strip()
    assert verify_key == verify_key_b64(drp_keys.get_agent_key())
    assert "created" in err and "register" in err
    assert main(["drp", "keygen", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["verify_key"] == verify_key and shown["state"] == "existing"
    assert main(["drp", "keygen", "--rotate"]) == 0
    rotated = capsys.readouterr().out.strip()
    assert rotated != verify_key and rotated == verify_key_b64(drp_keys.get_agent_key())


# --- without a usable keyring -----------------------------------------------------------------


def test_keyring_turned_off(monkeypatch, capsys):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    with pytest.raises(drp_keys.KeyringUnavailable, match="PRIVACY_TUI_NO_KEYRING"):
        drp_keys.load_or_create_agent_key()
    assert main(["drp", "keygen"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_fail_backend_is_refused(monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(drp_keys.KeyringUnavailable, match="never in a file"):
        drp_keys.store_token("ACME_1", "tok")


def test_plaintext_file_backend_is_refused(monkeypatch):
    import keyring

    class PlaintextKeyring:  # stands in for keyrings.alt.file.PlaintextKeyring
        __module__ = "keyrings.alt.file"

        def set_password(self, *args):  # pragma: no cover - must never be reached
            raise AssertionError("the agent key must not go to a file")

    monkeypatch.setattr(keyring, "get_keyring", lambda: PlaintextKeyring())
    with pytest.raises(drp_keys.KeyringUnavailable):
        drp_keys.rotate_agent_key()
