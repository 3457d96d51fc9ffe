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


_cached: dict = {}


def _direct_ok() -> bool:
    import sys

    if not sys.platform.startswith("linux") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or "KDE" in os.environ.get("XDG_CURRENT_DESKTOP", "").upper():
        return False
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return not os.path.exists(os.path.join(config_home, "python_keyring", "keyringrc.cfg"))


def _secret_service_read(service: str, username: str) -> str | None:
    """Read an item exactly as keyring's SecretService backend stores it, through secretstorage
    (keyring's own dependency) alone: `import keyring` costs ~80 ms that `remind` cannot spare.
    Raises on any trouble, so the caller falls back to keyring itself."""
    from contextlib import closing

    import secretstorage

    connection = secretstorage.dbus_init()
    with closing(connection):
        collection = secretstorage.get_default_collection(connection)
        if collection.is_locked():
            raise RuntimeError("collection locked")
        for item in collection.search_items({"service": service, "username": username}):
            if item.is_locked():
                raise RuntimeError("item locked")
            return item.get_secret().decode("utf-8")
    return None


def _secret_service_direct():
    """On a plain Linux desktop, the Secret Service backend without keyring's discovery.

    keyring finds backends through entry points and imports every platform's module (macOS's
    runs ctypes.find_library, which spawns processes): about 200 ms on each command, more than
    `remind` may take in all. Where discovery would pick Secret Service anyway (no keyring
    configuration, not KDE, a session bus), go straight to it; anywhere else use discovery.
    """
    # No availability probe here (it costs a D-Bus connection): get/set report failure anyway.
    if not _direct_ok():
        return None
    try:
        from keyring.backends import SecretService

        return SecretService.Keyring()
    except Exception:
        return None


def _answers(backend) -> bool:
    """Whether the backend really works here (for the Secret Service: a daemon answers on the bus)."""
    try:
        return getattr(backend, "priority", 1) > 0
    except Exception:
        return False


def _backend():
    if keyring_disabled():
        return None
    # Looked up once per process and configuration (tests change the environment).
    key = tuple(os.environ.get(v, "") for v in ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "XDG_CONFIG_HOME", "HOME"))
    if key not in _cached:
        _cached[key] = _secret_service_direct() or _discovered_backend()
    return _cached[key]


def _discovered_backend():
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
    backend = _backend()
    return backend is not None and _answers(backend)


def keyring_name() -> str:
    backend = _backend()
    return type(backend).__module__ + "." + type(backend).__name__ if backend else "none"


def why_no_keyring() -> str:
    """Why the keyring cannot keep the vault key, in words for the user; "" when it can."""
    if keyring_disabled():
        return "the keyring is turned off by PRIVACY_TUI_NO_KEYRING"
    if keyring_available():
        return ""
    name = keyring_name()
    return "no usable OS keyring (such as the Secret Service) was found" + (f" ({name})" if name != "none" else "")


def get_secret(service: str, username: str) -> str | None:
    if keyring_disabled():
        return None
    if _direct_ok():
        try:
            return _secret_service_read(service, username)
        except Exception:
            pass  # locked, no daemon, another layout: let keyring itself answer
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


def _parse_entry(text: str | None) -> tuple[bytes, int] | None:
    """`KEY` (older entries) or `KEY GENERATION`: the data key and the highest vault version seen."""
    if not text:
        return None
    key_text, _, generation_text = text.strip().partition(" ")
    try:
        key = base64.b64decode(key_text, validate=True)
        generation = int(generation_text) if generation_text else 0
    except ValueError:
        return None
    return (key, max(generation, 0)) if len(key) == 32 else None


def load_entry(vault_id: str) -> tuple[bytes, int] | None:
    """The data key and the highest vault version (write counter) this keyring has seen."""
    return _parse_entry(get_secret(SERVICE, vault_id))


def store_data_key(vault_id: str, key: bytes, generation: int = 0) -> bool:
    # The version counter sits beside the key so a vault file copied back from an older
    # version is recognised (vault/rollback.py); the key alone is kept as before.
    text = base64.b64encode(key).decode("ascii")
    return set_secret(SERVICE, vault_id, f"{text} {generation}" if generation else text)


def forget_data_key(vault_id: str) -> bool:
    return delete_secret(SERVICE, vault_id)
