"""The DRP agent's secrets in the OS keyring: its Ed25519 signing key and one bearer token per business.

Service `privacy-tui-drp`; username `agent-key` for the key (base64 of the 32-byte seed) and
`token:<business-id>` for tokens. The agent key is never written to a file: with no usable
keyring backend (or `PRIVACY_TUI_NO_KEYRING=1`) these functions raise instead of falling back,
and plaintext file backends (keyrings.alt) are refused for the same reason.
"""

from __future__ import annotations

import binascii
import os
from typing import Any

from privacy_tui.core.errors import VaultError
from privacy_tui.vault.agent_key import AgentKey, generate_agent_key

SERVICE = "privacy-tui-drp"
AGENT_USERNAME = "agent-key"


class KeyringUnavailable(VaultError):
    """No keyring backend that keeps secrets off plain files."""


def token_username(business_id: str) -> str:
    return f"token:{business_id}"


def _backend() -> Any:
    # Same switch as the vault's keyring use, so one variable turns every keyring use off.
    if os.environ.get("PRIVACY_TUI_NO_KEYRING", "") not in ("", "0"):
        raise KeyringUnavailable(
            "the keyring is turned off (PRIVACY_TUI_NO_KEYRING); DRP keeps its agent key only in the keyring"
        )
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
    except Exception as exc:  # a broken keyring config must read as "no keyring", not a traceback
        raise KeyringUnavailable(f"the keyring cannot be loaded ({exc}); DRP needs a system keyring") from None
    module = type(backend).__module__
    usable = not isinstance(backend, (fail.Keyring, null.Keyring)) and getattr(backend, "backends", None) != []
    if not usable or module.startswith("keyrings.alt"):
        raise KeyringUnavailable(
            "no system keyring is available (e.g. GNOME Keyring / KWallet / macOS Keychain); "
            "DRP keeps its agent key only there, never in a file"
        )
    return backend


def _call(action: str, func: Any, *args: str) -> Any:
    from keyring.errors import KeyringError

    try:
        return func(*args)
    except KeyringError as exc:
        raise VaultError(f"the keyring refused to {action} ({type(exc).__name__}: {exc}); unlock it and retry") from None


def _read(username: str) -> str | None:
    backend = _backend()
    return _call("read a DRP secret", backend.get_password, SERVICE, username)


def _write(username: str, secret: str) -> None:
    backend = _backend()
    _call("store a DRP secret", backend.set_password, SERVICE, username, secret)


def _delete(username: str) -> bool:
    from keyring.errors import KeyringError, PasswordDeleteError

    backend = _backend()
    try:
        backend.delete_password(SERVICE, username)
    except PasswordDeleteError:  # "not found" in every backend
        return False
    except KeyringError as exc:
        raise VaultError(f"the keyring refused to delete a DRP secret ({type(exc).__name__}: {exc}); unlock it and retry") from None
    return True


def get_agent_key() -> AgentKey:
    """The stored agent key; VaultError when there is none yet or it is damaged."""
    text = _read(AGENT_USERNAME)
    if not text:
        raise VaultError("no DRP agent key yet; create one with `privacy-tui drp keygen`")
    try:
        return AgentKey.from_seed_b64(text)
    except (ValueError, binascii.Error):
        raise VaultError(
            f"the DRP agent key in the keyring ({SERVICE}/{AGENT_USERNAME}) is damaged; "
            "replace it with `privacy-tui drp keygen --rotate` and register the new verify key"
        ) from None


def has_agent_key() -> bool:
    return bool(_read(AGENT_USERNAME))


def load_or_create_agent_key() -> AgentKey:
    """The agent key, creating and storing one if there is none (see `has_agent_key`).

    A read error raises rather than counting as "no key": silently replacing the registered
    key would break every pairing.
    """
    if has_agent_key():
        return get_agent_key()
    return rotate_agent_key()


def rotate_agent_key() -> AgentKey:
    """Replace the agent key with a new one (the old verify key stops working once re-registered)."""
    key = generate_agent_key()
    _write(AGENT_USERNAME, key.seed_b64())
    # Read back: some backends accept a write and drop it (e.g. a locked collection).
    if _read(AGENT_USERNAME) != key.seed_b64():
        raise VaultError("the keyring did not keep the DRP agent key; unlock it and retry")
    return key


def store_token(business_id: str, token: str) -> None:
    if not business_id or not token:
        raise ValueError("business id and token must not be empty")
    _write(token_username(business_id), token)


def get_token(business_id: str) -> str | None:
    return _read(token_username(business_id)) or None


def delete_token(business_id: str) -> bool:
    """Forget the bearer token for this business; False when there was none."""
    return _delete(token_username(business_id))


def keyring_status() -> str:
    """One line for `drp keygen` / doctor output: which backend would hold the key, or why none."""
    try:
        backend = _backend()
    except KeyringUnavailable as exc:
        return f"unavailable: {exc}"
    return f"{type(backend).__module__}.{type(backend).__name__}"


__all__ = [
    "AGENT_USERNAME",
    "SERVICE",
    "KeyringUnavailable",
    "delete_token",
    "get_agent_key",
    "get_token",
    "has_agent_key",
    "keyring_status",
    "load_or_create_agent_key",
    "rotate_agent_key",
    "store_token",
    "token_username",
]
