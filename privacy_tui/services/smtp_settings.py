"""The SMTP account as one use case, shared by `config smtp` and the settings screen.

Both start from what is stored and change only what the user gave, so fields one of them
cannot show (`ca_file`, `timeout`, `tls_server_name`) survive an edit in the other. A preset
fills host, port, security and the certificate name it needs (Proton Mail Bridge: 0.0.0.0).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.transport.smtp_settings import SmtpSettings, get_preset
from privacy_tui.vault.store import Store

FIELDS = ("host", "port", "security", "username", "from_addr", "ca_file", "timeout", "tls_server_name")
_LABELS = {"host": "host", "port": "port", "security": "security", "from_addr": "from address"}
_DEFAULTS: dict[str, Any] = {"host": "", "port": 0, "security": "", "username": "", "from_addr": "",
                             "ca_file": "", "timeout": 30.0, "tls_server_name": ""}


@dataclass(frozen=True)
class SmtpChange:
    settings: SmtpSettings
    note: str = ""  # what the preset asks the user to do besides picking it


def stored(store: Store) -> SmtpSettings | None:
    raw = store.setting("smtp")
    return SmtpSettings.from_dict(raw) if raw else None


def configured(store: Store) -> SmtpSettings:
    """The stored settings, for sending: a clear error when there are none."""
    settings = stored(store)
    if settings is None:
        raise UserError("SMTP is not configured: run `privacy-tui config smtp --preset NAME --username U --from ADDR`")
    return settings


def merge(base: SmtpSettings | None, *, preset: str | None = None, **fields: Any) -> SmtpChange:
    """`base` with the preset applied, then every field that is not None; validated.

    A certificate name belongs to a host: it is dropped when the host changes to something other
    than what the base (or preset) had, unless a new one is given.
    """
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown SMTP field(s) {sorted(unknown)}")
    values = base.to_dict() if base else dict(_DEFAULTS)
    anchor, note = values["host"], ""
    if preset:
        chosen = get_preset(preset)
        values.update(host=chosen.host, port=chosen.port, security=chosen.security, tls_server_name=chosen.tls_server_name)
        anchor, note = chosen.host, chosen.note
    given = {key: _clean(key, value) for key, value in fields.items() if value is not None}
    values.update(given)
    if "tls_server_name" not in given and values["host"] != anchor:
        values["tls_server_name"] = ""
    if "username" in given and not values["from_addr"] and "@" in values["username"]:
        values["from_addr"] = values["username"]
    missing = [_LABELS[key] for key in ("host", "port", "security", "from_addr") if not values[key]]
    if missing:
        raise UserError(f"missing SMTP setting(s): {', '.join(missing)}")
    return SmtpChange(SmtpSettings(**values).validate(), note)


def _clean(key: str, value: Any) -> Any:
    if key == "port":
        return _number(value, int, "port", "use a number from 1 to 65535 (usually 465 or 587)")
    if key == "timeout":
        return _number(value, float, "timeout", "use a number of seconds such as 30")
    if not isinstance(value, str):
        raise UserError(f"invalid SMTP {key.replace('_', ' ')} {value!r}")
    value = value.strip()
    if key == "ca_file" and value:
        return os.path.abspath(os.path.expanduser(value))
    return value


def _number(value: Any, kind: type, name: str, advice: str) -> Any:
    if isinstance(value, bool):
        raise UserError(f"invalid SMTP {name} {value!r}: {advice}")
    if isinstance(value, (int, float)):
        return value  # validate() judges the type and range
    try:
        return kind(str(value).strip())
    except ValueError:
        raise UserError(f"invalid SMTP {name} {value!r}: {advice}") from None


def save(store: Store, settings: SmtpSettings, *, password: str | None = None, bcc_self: bool | None = None) -> None:
    """Store the settings (validated again) and, when given, the password in the OS keyring."""
    settings.validate()
    if password and settings.username:
        from privacy_tui.vault.smtp_secrets import set_smtp_password

        set_smtp_password(settings.username, password)
    store.set_setting("smtp", settings.to_dict())
    if bcc_self is not None:
        store.set_setting("smtp_bcc_self", bcc_self)


__all__ = ["FIELDS", "SmtpChange", "merge", "save", "stored"]
