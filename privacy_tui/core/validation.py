"""Input validation shared by the CLI, the app and importers: one validator per field, one clear
message per problem.

Every entry point (CLI options, the app's forms, import json, directory, policy, DRP) goes
through these, and the send path applies the same rules, so nothing accepted here is refused
later at send time.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit, urlunsplit

from privacy_tui.core.dates import EARLIEST, LATEST, check_date
from privacy_tui.core.errors import UserError
from privacy_tui.core.text import describe_char, find_control, normalize

MAX_FIELD = 10_000  # multi-line text typed by the user (a letter body, notes, an address)
MAX_LINE = 10_000  # one-line text (names, subjects): the same limit, a documented contract
# Deadlines are computed from event dates (adding months, skipping holidays): one range, core.dates.
MIN_YEAR, MAX_YEAR = EARLIEST.year, LATEST.year
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_SUBDIVISION = re.compile(r"^[A-Z0-9]{1,3}$")


def clean_text(field: str, value: str | None, *, required: bool = False, multiline: bool = False, limit: int | None = None) -> str:
    """Typed text as it may be stored: normalised (NFC, LF, no lone surrogates), trimmed, refused
    when empty (if required), too long, or holding a control character (tab and newline only
    where the field is multi-line)."""
    if value is not None and not isinstance(value, str):
        raise UserError(f"{field} must be text")
    value = normalize(value or "").strip()
    if required and not value:
        raise UserError(f"{field} must not be empty")
    limit = limit or (MAX_FIELD if multiline else MAX_LINE)
    if len(value) > limit:
        raise UserError(f"{field} is too long ({len(value)} characters; the limit is {limit})")
    bad = find_control(value, multiline=multiline)
    if bad is not None:
        if bad == "\n":
            raise UserError(f"{field} must be on one line (it contains a line break)")
        raise UserError(f"{field} contains a control character {describe_char(bad)}")
    return value


def clean_email(value: str, field: str = "email") -> str:
    """An address every send path accepts: valid syntax, ASCII before the @ (delivering anything
    else needs SMTPUTF8 end to end, which many servers lack); the domain may be international."""
    value = clean_text(field, value, required=True)
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(value, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise UserError(f"invalid {field} {value!r}: {exc}") from None
    return valid.normalized


def clean_url(value: str, field: str = "URL") -> str:
    value = clean_text(field, value)
    if not value:
        return ""
    if "://" not in value:
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", value):  # javascript:, data:, mailto: ...
            raise UserError(f"invalid {field} {value!r}: expected an http(s) address such as https://example.com/privacy")
        value = "https://" + value
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a non-numeric port
    except ValueError:
        raise UserError(f"invalid {field} {value!r}: expected an http(s) address such as https://example.com/privacy") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
        raise UserError(f"invalid {field} {value!r}: expected an http(s) address such as https://example.com/privacy")
    return without_credentials(value)


def without_credentials(url: str) -> str:
    """The URL with any user:password@ removed: a stored website or provenance must never keep a
    password someone typed into an address."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def clean_country(value: str | None) -> str:
    value = clean_text("country", value).upper()
    if value == "UK":
        value = "GB"
    if value and not _COUNTRY.match(value):
        raise UserError(f"invalid country {value!r}: use a two-letter ISO code such as GB, DE, US")
    return value


def clean_language(value: str | None) -> str:
    """An ISO 639-1 language code ("de"; "DE" and "de-AT" accepted), or "" for unknown."""
    value = clean_text("language", value).strip().lower().replace("_", "-").split("-")[0]
    if not value:
        return ""
    import pycountry

    if len(value) != 2 or pycountry.languages.get(alpha_2=value) is None:
        raise UserError(f"invalid language {value!r}: use a two-letter ISO 639-1 code such as de, fr, en")
    return value


def clean_subdivision(value: str | None) -> str:
    value = clean_text("state/subdivision", value).upper()
    if value and not _SUBDIVISION.match(value):
        raise UserError(f"invalid state/subdivision {value!r}: use a code such as CA, VA, SCT")
    return value


def clean_day(value: date, field: str = "date") -> date:
    """A date a request's timeline may hold (the record schema applies the same range)."""
    return check_date(value, field)
