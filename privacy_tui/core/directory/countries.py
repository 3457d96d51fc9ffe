"""Country codes from the country line of a postal address.

datarequests.org addresses end with the country, written in English or in the country's own
language ("Deutschland", "United States of America", "The Netherlands"). pycountry supplies
the names (ISO 3166-1 in English plus its translations), so nothing here lists countries by hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from privacy_tui.core.directory.normalize import fold

# Languages in which addresses in the directory name their country: the EU/EEA, Switzerland and
# the UK (the countries the records are kept for) plus English, which pycountry's names already are.
_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it", "lb",
    "lt", "lv", "mt", "nb", "nl", "nn", "pl", "pt", "ro", "sk", "sl", "sv",
)  # fmt: skip
_SEPARATORS = re.compile(r"\s*[/,;()|]\s*")


def _key(name: str) -> str:
    text = " ".join(fold(name).replace(".", " ").split())
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded country name -> alpha-2 code; built once, on first use (about 0.1 s)."""
    import gettext

    import pycountry

    english: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        english.append((country.alpha_3, code))
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                english.append((value, code))
    table: dict[str, str] = {}
    for name, code in english:
        table.setdefault(_key(name), code)
    for lang in _LANGUAGES:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for name, code in english:
            table.setdefault(_key(translation.gettext(name)), code)
    return table


def country_from_name(name: str) -> str:
    """ISO alpha-2 code (upper case) for a country name in English or a European language, or ""."""
    table = _names()
    key = _key(name)
    if not key:
        return ""
    if key in table:
        return table[key]
    # "Germany / Deutschland", "Switzerland (Schweiz)"
    for part in _SEPARATORS.split(name):
        code = table.get(_key(part))
        if code:
            return code
    return ""


def country_of_address(address: str) -> str:
    """The country code named by the last line of a postal address, or ""."""
    lines = [line.strip() for line in address.strip().splitlines() if line.strip()]
    return country_from_name(lines[-1]) if lines else ""


def seat_country(address: str, relevant_countries: tuple[str, ...]) -> str:
    """Where an organisation sits: the country its address names, else its only relevant country."""
    code = country_of_address(address)
    if code:
        return code
    specific = [c for c in relevant_countries if c != "all"]
    return specific[0].upper() if len(specific) == 1 else ""


__all__ = ["country_from_name", "country_of_address", "seat_country"]
