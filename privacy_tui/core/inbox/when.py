"""Dates written in replies, in English, German and French: "by 15 January 2027", "January 15,
2027", "bis zum 15.01.2027", "15. Januar 2027", "avant le 15 janvier 2027", "2027-01-15", and
relative periods ("valid for 7 days", "7 Tage gültig", "pendant 7 jours").

Own small month tables rather than dateparser or Babel: three languages' month names are
thirty-odd words, while dateparser brings a regex engine, time-zone data and two hundred
locales into a core that must stay small and predictable. Numeric dates are read day-first
(as written in Europe) except ISO dates and "Month D, YYYY"."""

from __future__ import annotations

import re
from datetime import date

from .phrases import at_word_start

_MONTHS = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = at_word_start(rf"({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}")  # every date form below has one: text without it is not scanned
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_PERIOD = re.compile(
    r"\b(\d{1,3})\s*(days?|tagen?|jours?|weeks?|wochen?|semaines?|hours?|stunden?|heures?)\b", re.IGNORECASE)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        found = date(y, m, d)
    except ValueError:
        return None
    return found if 1970 <= found.year <= 2199 else None


def dates_in(text: str) -> list[tuple[int, date]]:
    """(position, date) of every date written in `text`, in order of position."""
    found: list[tuple[int, date]] = []
    if not _YEAR.search(text):
        return found
    for m in _DAY_MONTH_YEAR.finditer(text):
        d = _safe(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d))
    for m in _MONTH_DAY_YEAR.finditer(text):
        d = _safe(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        if d:
            found.append((m.start(), d))
    for m in _ISO.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d))
    for m in _NUMERIC.finditer(text):
        d = _safe(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            found.append((m.start(), d))
    return sorted(found, key=lambda t: t[0])


def periods_in(text: str) -> list[tuple[int, int]]:
    """(position, days) of every period written in `text` ("7 days" -> 7, "2 Wochen" -> 14, "48 hours" -> 2)."""
    out = []
    for m in _PERIOD.finditer(text):
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit.startswith(("week", "woche", "semaine")):
            n *= 7
        elif unit.startswith(("hour", "stunde", "heure")):
            n = max(1, -(-n // 24))
        out.append((m.start(), n))
    return out


__all__ = ["dates_in", "periods_in"]
