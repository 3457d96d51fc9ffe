"""The SMTP password in the real OS keyring (Secret Service), and the environment fallback.

Run against a private, unlocked gnome-keyring with:
    scripts/with-keyring .venv/bin/python -m pytest tests/transport/test_smtp_secrets.py
Tests that need a keyring skip cleanly where none is available.
"""

from __future__ import annotations

import uuid

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.transport.smtp_settings import SmtpSettings
from privacy_tui.vault import keyring_store
from privacy_tui.vault.smtp_secrets import (
    ENV_VAR,
    SERVICE,
    NoKeyringError,
    delete_smtp_password,
    get_smtp_password,
    resolve_smtp_password,
    set_smtp_password,
)

needs_keyring = pytest.mark.skipif(
    not keyring_store.keyring_available(),
    reason="no OS keyring backend here (run through scripts/with-keyring)",
)


@pytest.fixture
def username():
    """A fresh account name per test, removed from the keyring afterwards."""
    name = f"test-{uuid.uuid4().hex}@example.org"
    yield name
    if keyring_store.keyring_available():
        keyring_store.delete_secret(SERVICE, name)


def smtp_settings(username: str) -> SmtpSettings:
    return SmtpSettings(host="smtp.example.org", port=465, security="ssl", username=username, from_addr="zoe@example.org")


@needs_keyring
def test_password_round_trip_in_the_real_keyring(username):
    assert get_smtp_password(username) is None
    set_smtp_password(username, "pässwörd 東京")
    assert get_smtp_password(username) == "pässwörd 東京"
    # Stored under our own service name, where other tools (and the vault key) do not collide.
    import keyring

    assert keyring.get_password(SERVICE, username) == "pässwörd 東京"
    assert keyring.get_password("privacy-tui", username) is None

    set_smtp_password(username, "changed")
    assert resolve_smtp_password(smtp_settings(username)) == "changed"

    assert delete_smtp_password(username) is True
    assert get_smtp_password(username) is None
    assert delete_smtp_password(username) is False


@needs_keyring
def test_environment_wins_over_the_keyring(username, monkeypatch):
    set_smtp_password(username, "from-keyring")
    monkeypatch.setenv(ENV_VAR, "from-env")
    assert resolve_smtp_password(smtp_settings(username)) == "from-env"


@needs_keyring
def test_missing_password_says_how_to_store_one(username):
    with pytest.raises(UserError, match="config smtp") as info:
        resolve_smtp_password(smtp_settings(username))
    assert ENV_VAR in str(info.value)


def test_without_a_keyring_the_error_points_to_the_environment(username, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    for call in (lambda: set_smtp_password(username, "pw"), lambda: get_smtp_password(username),
                 lambda: resolve_smtp_password(smtp_settings(username))):
        with pytest.raises(NoKeyringError) as info:
            call()
        assert ENV_VAR in str(info.value) and "\n" not in str(info.value)
    monkeypatch.setenv(ENV_VAR, "from-env")
    assert resolve_smtp_password(smtp_settings(username)) == "from-env"


def test_no_username_means_no_password_needed():
    assert resolve_smtp_password(smtp_settings("")) == ""


def test_empty_username_or_password_is_refused(username):
    with pytest.raises(UserError, match="username"):
        set_smtp_password("", "pw")
    with pytest.raises(UserError, match="password is empty"):
        set_smtp_password(username, "")
