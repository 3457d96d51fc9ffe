"""The OS keyring: where the vault's data key lives for daily use, so no passphrase is asked.

Service `privacy-tui`, username = the vault id. When no usable backend exists (a headless
machine without Secret Service) or `PRIVACY_TUI_NO_KEYRING=1`, every function here reports
"unavailable" and callers fall back to the passphrase.
"""

from __future__ import annotations

import base64
import os

SERVICE = "privacy-tui"


def keyring_disabled() -> bool:
    return os.environ.get("PRIVACY_TUI_NO_KEYRING", "") not in ("", "0")


def _backend():
    if keyring_disabled():
        return None
    try:
        import keyring
        from keyring.backends import fail, null
    except Exception:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    # chainer backends with nothing inside behave like "fail"
    if getattr(backend, "backends", None) == []:
        return None
    return backend


def keyring_available() -> bool:
    return _backend() is not None


def keyring_name() -> str:
    backend = _backend()
    return type(backend).__module__ + "." + type(backend).__name__ if backend else "none"


def get_secret(service: str, username: str) -> str | None:
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(service, username)
    except Exception:
        return None


def set_secret(service: str, username: str, secret: str) -> bool:
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(service, username, secret)
        return True
    except Exception:
        return False


def delete_secret(service: str, username: str) -> bool:
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.delete_password(service, username)
        return True
    except Exception:
        return False


def load_data_key(vault_id: str) -> bytes | None:
    text = get_secret(SERVICE, vault_id)
    if not text:
        return None
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def store_data_key(vault_id: str, key: bytes) -> bool:
    return set_secret(SERVICE, vault_id, base64.b64encode(key).decode("ascii"))


def forget_data_key(vault_id: str) -> bool:
    return delete_secret(SERVICE, vault_id)
