"""The languages letters are written in, and which one a letter gets.

English letters live where they always have (`templates/letters/<family>/...`). Every other
language is one folder, `templates/letters/<code>/`, holding its templates (same family and
type names as English) and `terms.toml`: the law's local name and citation forms, the labels,
event words and ground sentences Python puts into a letter. A language exists because its
folder has a `terms.toml`, so adding one touches no Python.

Letter texts are deliberately not gettext catalogues: a letter is legal prose written per
language, while the interface (English for now) can be translated with gettext later without
touching any of this. Dates are written by Babel in the language's own long format.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from privacy_tui.core.errors import UserError

TEMPLATE_DIR = Path(__file__).parent / "templates" / "letters"
ENGLISH = "en"
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# The language a company's country works in when the directory and the policy say nothing.
# Multilingual countries by region where the subdivision tells (BE: VLG/WAL/BRU as in ISO
# 3166-2; CH by canton); otherwise the country's most used official language.
COUNTRY_LANGUAGE: Mapping[str, str] = MappingProxyType({
    "DE": "de", "AT": "de", "LI": "de", "CH": "de",
    "FR": "fr", "LU": "fr", "MC": "fr", "BE": "fr",
    "ES": "es", "IT": "it", "SM": "it", "VA": "it",
    "NL": "nl",
    "PT": "pt", "BR": "pt",
})
SUBDIVISION_LANGUAGE: Mapping[tuple[str, str], str] = MappingProxyType({
    ("BE", "VLG"): "nl", ("BE", "VAN"): "nl", ("BE", "VBR"): "nl", ("BE", "VLI"): "nl",
    ("BE", "VOV"): "nl", ("BE", "VWV"): "nl", ("BE", "WAL"): "fr", ("BE", "BRU"): "fr",
    ("CH", "GE"): "fr", ("CH", "VD"): "fr", ("CH", "NE"): "fr", ("CH", "JU"): "fr",
    ("CH", "TI"): "it",
    ("CA", "QC"): "fr",
})


@dataclass(frozen=True)
class LetterLanguage:
    code: str  # ISO 639-1
    name: str  # in English, for the (English) interface
    native: str  # its own name, shown next to it
    locale: str  # Babel locale for dates
    terms: Mapping[str, Any]  # terms.toml, read-only


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


_ENGLISH = LetterLanguage(ENGLISH, "English", "English", "en_GB", MappingProxyType({}))


@cache
def _load(code: str) -> LetterLanguage | None:
    path = TEMPLATE_DIR / code / "terms.toml"
    try:
        # Package data of a known, small size; read in one go.
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return LetterLanguage(code, data["name"], data["native"], data["locale"], _freeze(data))


@lru_cache(maxsize=1)
def language_codes() -> tuple[str, ...]:
    """"en" first, then every language with a folder and terms, alphabetically."""
    found = sorted(p.parent.name for p in TEMPLATE_DIR.glob("*/terms.toml") if len(p.parent.name) == 2)
    return (ENGLISH, *found)


def choices_text() -> str:
    return ", ".join(f"{c} ({get_language(c).name})" for c in language_codes())


def get_language(code: str) -> LetterLanguage:
    key = (code or "").strip().lower().replace("_", "-").split("-")[0]
    if key == ENGLISH:
        return _ENGLISH
    lang = _load(key) if key in language_codes() else None
    if lang is None:
        raise UserError(f"no letters in language {code!r}; choose from: {choices_text()}")
    return lang


def check_language(code: str) -> str:
    """The normalised code ("DE" -> "de", "fr-CA" -> "fr"); UserError (exit 2) with the list otherwise."""
    return get_language(code).code


def date_locale(code: str, regime_key: str = "") -> str:
    """The Babel locale a letter's dates are written in: the law's own when its terms name one
    (`[regimes.lgpd] locale = "pt_BR"`: Brazilian Portuguese), else the language's."""
    language = get_language(code)
    law = language.terms.get("regimes", {}).get(regime_key, {}) if regime_key else {}
    return law.get("locale") or language.locale


def long_date(d: date, code: str = ENGLISH, regime_key: str = "") -> str:
    """A date as the language writes it in a letter: '7 April 2026', '7. April 2026', '7 avril 2026'."""
    if code == ENGLISH:
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    from babel.dates import format_date

    return format_date(d, format="long", locale=date_locale(code, regime_key))


def has_template(code: str, name: str) -> bool:
    """Whether the language has the template `name` ("gdpr/access.txt.j2")."""
    return (TEMPLATE_DIR / name).is_file() if code == ENGLISH else (TEMPLATE_DIR / code / name).is_file()


def offers(code: str, regime_key: str, name: str) -> bool:
    """Whether letters in `code` exist for this law and template ("gdpr/access.txt.j2")."""
    if code == ENGLISH:
        return has_template(code, name)
    return has_template(code, name) and regime_key in get_language(code).terms.get("regimes", {})


def template_path(code: str, name: str) -> str:
    return name if code == ENGLISH else f"{code}/{name}"


def _known(code: str) -> str:
    code = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in language_codes() else ""


def language_for(
    *,
    stated: str = "",
    country: str = "",
    subdivision: str = "",
    fallback: str = ENGLISH,
) -> tuple[str, str]:
    """(language, why) for a recipient: the language it states (directory `request-language`,
    an authority's `complaint-language`, the policy), else its country's, else `fallback` (the
    user's own). A stated language we have no letters in falls through to the country."""
    if _known(stated):
        return _known(stated), "the recipient's stated language"
    country = (country or "").upper()
    by_region = SUBDIVISION_LANGUAGE.get((country, (subdivision or "").upper()))
    by_country = by_region or COUNTRY_LANGUAGE.get(country, "")
    if country and _known(by_country):
        return by_country, f"the language of the recipient's country ({country})"
    if country:
        # A recipient abroad reads English more surely than the user's own language.
        return ENGLISH, f"there are no letters in the language of the recipient's country ({country})"
    return (_known(fallback) or ENGLISH), "your own language"


def terms(code: str) -> Mapping[str, Any]:
    return get_language(code).terms


__all__ = [
    "COUNTRY_LANGUAGE",
    "ENGLISH",
    "LetterLanguage",
    "check_language",
    "date_locale",
    "choices_text",
    "get_language",
    "has_template",
    "language_codes",
    "language_for",
    "long_date",
    "offers",
    "template_path",
    "terms",
]
