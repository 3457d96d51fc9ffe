"""The SMTP password: only in the OS keyring (service `privacy-tui-smtp`) or the environment.

It is never written to the vault or any file. On a headless machine without a Secret Service
the user passes it in `PRIVACY_TUI_SMTP_PASSWORD` for each run instead.
"""

from __future__ import annotations

import os
from typing import Protocol

from privacy_tui.core.errors import UserError
from privacy_tui.vault import keyring_store

SERVICE = "privacy-tui-smtp"
ENV_VAR = "PRIVACY_TUI_SMTP_PASSWORD"


class _HasUsername(Protocol):
    # transport.smtp_settings.SmtpSettings, named by shape: the vault sits below transport.
    @property
    def username(self) -> str: ...


class NoKeyringError(UserError):
    """No usable OS keyring: the password cannot be stored, only passed in the environment."""


def _require_keyring() -> None:
    if not keyring_store.keyring_available():
        raise NoKeyringError(
            "no OS keyring is available to keep the SMTP password (headless system, or "
            f"PRIVACY_TUI_NO_KEYRING is set); set {ENV_VAR} in the environment when sending instead"
        )


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise UserError("the SMTP username is empty: set it with `privacy-tui config smtp --username USER`")
    return username


def get_smtp_password(username: str) -> str | None:
    """The stored password, or None when none is stored. Raises NoKeyringError without a keyring."""
    username = _check_username(username)
    _require_keyring()
    return keyring_store.get_secret(SERVICE, username)


def set_smtp_password(username: str, password: str) -> None:
    username = _check_username(username)
    if not password:
        raise UserError("the SMTP password is empty")
    _require_keyring()
    if not keyring_store.set_secret(SERVICE, username, password):
        raise UserError(
            f"the OS keyring refused to store the SMTP password (is it locked?); unlock it or set {ENV_VAR} instead"
        )


def delete_smtp_password(username: str) -> bool:
    """Forget the stored password; False when there was none to forget."""
    username = _check_username(username)
    _require_keyring()
    if keyring_store.get_secret(SERVICE, username) is None:
        return False
    return keyring_store.delete_secret(SERVICE, username)


def resolve_smtp_password(settings: _HasUsername) -> str:
    """The password to log in with: the environment first (headless, CI), else the keyring.

    Servers without AUTH (a local relay configured with no username) get an empty password.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    if not settings.username:
        return ""
    if not keyring_store.keyring_available():
        raise NoKeyringError(
            f"no SMTP password: no OS keyring is available here; set {ENV_VAR} in the environment"
        )
    password = keyring_store.get_secret(SERVICE, settings.username)
    if not password:
        raise UserError(
            f"no SMTP password stored for {settings.username!r} (or the keyring is locked); run "
            f"`privacy-tui config smtp` to store it, or set {ENV_VAR}"
        )
    return password


__all__ = [
    "ENV_VAR",
    "NoKeyringError",
    "SERVICE",
    "delete_smtp_password",
    "get_smtp_password",
    "resolve_smtp_password",
    "set_smtp_password",
]
