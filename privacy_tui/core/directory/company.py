"""Turning a directory entry into a company of the user's vault."""

from __future__ import annotations

from typing import Any

from privacy_tui.core.directory.normalize import name_key
from privacy_tui.core.directory.records import DirectoryEntry
from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.registry import directory_laws, laws
from privacy_tui.core.models import Company, Source
from privacy_tui.core.text import strip_controls
from privacy_tui.core.validation import clean_country, clean_email, clean_language, clean_text, clean_url


def regimes_for(relevant_countries: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Law keys from a record's relevant countries, in the registry's order: each law module names
    the relevance codes it answers to (`Law.directory_countries`: "all" and the EEA countries give
    "gdpr", "gb" "uk_gdpr", "us" "us_state", "ca" "pipeda", "br" "lgpd")."""
    found = {key for raw in relevant_countries for key in directory_laws(raw)}
    return tuple(law.key for law in laws() if law.key in found)


def _valid(check, *args, **kwargs) -> str:
    try:
        return check(*args, **kwargs)
    except UserError:
        return ""


def record_to_company(entry: DirectoryEntry, *, company_id: str, now: str) -> Company:
    """A vault Company copied from a directory entry; every field it sets is marked as coming
    from the directory (Source kind "directory", ref = the entry's slug)."""
    # Directory text is foreign: each field goes through the same validator as typed input, and a
    # value it refuses is left out (the user can add it by hand) rather than copied in.
    name = clean_text("name", strip_controls(entry.name), required=True)  # no company without a name
    own = name_key(name)
    aliases = tuple(a for a in (_valid(clean_text, "alias", strip_controls(r)) for r in entry.runs) if a and name_key(a) != own)
    values: dict[str, Any] = {  # Company's fields, each of its own type
        "name": name,
        "aliases": aliases,
        "website": _valid(clean_url, entry.web, "website"),
        "emails": tuple(e for e in (_valid(clean_email, x) for x in entry.emails) if e),
        "webform": _valid(clean_url, entry.webform, "web form URL"),
        "address": _valid(clean_text, "address", strip_controls(entry.address, multiline=True), multiline=True),
        "country": _valid(clean_country, entry.country),
        "regimes": regimes_for(entry.relevant_countries),
        # The language it asks to be written to in (datarequests.org `request-language`).
        "language": _valid(clean_language, entry.request_language),
    }
    source = Source(kind="directory", ref=entry.slug)
    provenance = {name: source for name, value in values.items() if value}
    return Company(id=company_id, provenance=provenance, created=now, updated=now, **values)


__all__ = ["record_to_company", "regimes_for"]
