"""The IMAP password: only in the OS keyring (service `privacy-tui-imap`) or the environment."""

from __future__ import annotations

import os

from privacy_tui.core.errors import UserError
from privacy_tui.vault import keyring_store

SERVICE = "privacy-tui-imap"
ENV_VAR = "PRIVACY_TUI_IMAP_PASSWORD"


def set_imap_password(username: str, password: str) -> None:
    if not password:
        raise UserError("the IMAP password is empty")
    if not keyring_store.keyring_available():
        raise UserError(f"no OS keyring is available to keep the IMAP password; set {ENV_VAR} when syncing instead")
    if not keyring_store.set_secret(SERVICE, username, password):
        raise UserError(f"the OS keyring refused to store the IMAP password (is it locked?); set {ENV_VAR} instead")


def resolve_imap_password(username: str) -> str:
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    if not keyring_store.keyring_available():
        raise UserError(f"no IMAP password: no OS keyring is available here; set {ENV_VAR} in the environment")
    password = keyring_store.get_secret(SERVICE, username)
    if not password:
        raise UserError(
            f"no IMAP password stored for {username!r} (or the keyring is locked); run `privacy-tui config imap` "
            f"in a terminal to store it, or set {ENV_VAR}"
        )
    return password
