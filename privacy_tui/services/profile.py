"""Validating and saving the user's profile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Profile
from privacy_tui.core.validation import clean_country, clean_email, clean_subdivision, clean_text
from privacy_tui.vault.store import Store


def clean_profile_fields(fields: Mapping[str, str]) -> dict:
    out: dict = {}
    for key, value in fields.items():
        if key == "email":
            out[key] = clean_email(value) if value else ""
        elif key == "country":
            out[key] = clean_country(value)
        elif key == "state":
            out[key] = clean_subdivision(value)
        elif key == "address":
            out[key] = clean_text(key, value, multiline=True)
        elif key in ("name", "phone"):
            out[key] = clean_text(key, value)
        else:
            raise UserError(f"unknown profile field {key!r}")
    return out


def update_profile(store: Store, fields: Mapping[str, str], *, extra: Iterable[str] = ()) -> Profile:
    profile = store.profile()
    changes = clean_profile_fields(fields)
    extras = dict(profile.extra)
    for item in extra:
        if "=" not in item:
            raise UserError(f"invalid --extra {item!r}: use KEY=VALUE")
        key, value = item.split("=", 1)
        key = clean_text("extra key", key, required=True)
        value = clean_text(f"extra {key}", value)
        if value:
            extras[key] = value
        else:
            extras.pop(key, None)
    if not changes and not extra:
        raise UserError("nothing to change: give at least one option (see --help)")
    return store.save_profile(replace(profile, **changes, extra=extras))
