"""Input validation shared by the CLI, the app and importers: one clear message per problem."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from privacy_tui.core.errors import UserError

MAX_FIELD = 10_000
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SUBDIVISION = re.compile(r"^[A-Z0-9]{1,3}$")


def clean_text(field: str, value: str | None, *, required: bool = False, multiline: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise UserError(f"{field} must not be empty")
    if len(value) > MAX_FIELD:
        raise UserError(f"{field} is too long ({len(value)} characters; the limit is {MAX_FIELD})")
    if not multiline and ("\r" in value or "\n" in value):
        raise UserError(f"{field} must be on one line (it contains a line break)")
    if "\x00" in value:
        raise UserError(f"{field} contains a NUL character")
    return value


def clean_email(value: str, field: str = "email") -> str:
    value = clean_text(field, value, required=True)
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise UserError(f"invalid {field} {value!r}: {exc}") from None


def clean_url(value: str, field: str = "URL") -> str:
    value = clean_text(field, value)
    if not value:
        return ""
    if "://" not in value:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", value):  # javascript:, data:, mailto: ...
            raise UserError(f"invalid {field} {value!r}: expected an http(s) address such as https://example.com/privacy")
        value = "https://" + value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise UserError(f"invalid {field} {value!r}: expected an http(s) address such as https://example.com/privacy")
    return value


def clean_country(value: str | None) -> str:
    value = clean_text("country", value).upper()
    if value == "UK":
        value = "GB"
    if value and not _COUNTRY.match(value):
        raise UserError(f"invalid country {value!r}: use a two-letter ISO code such as GB, DE, US")
    return value


def clean_subdivision(value: str | None) -> str:
    value = clean_text("state/subdivision", value).upper()
    if value and not _SUBDIVISION.match(value):
        raise UserError(f"invalid state/subdivision {value!r}: use a code such as CA, VA, SCT")
    return value
