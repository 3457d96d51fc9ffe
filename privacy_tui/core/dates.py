"""The dates privacy-tui accepts: ISO `YYYY-MM-DD` within a sane range.

`date.fromisoformat('9999-12-01')` succeeds, but a deadline three months later, an .ics end
date or "due within 7 days" overflows `date` later on, far from where the date came in. So
every date that enters (an option, a form field, an event, an import) is held to one range,
wide enough for any real request and its deadlines, narrow enough that all date arithmetic
on it stays within `date`'s years 1..9999.
"""

from __future__ import annotations

from datetime import date

from privacy_tui.core.errors import UserError

EARLIEST = date(1970, 1, 1)
LATEST = date(2199, 12, 31)


def check_date(value: date, what: str = "date") -> date:
    if not (EARLIEST <= value <= LATEST):
        raise UserError(
            f"{what} {value.isoformat()} is out of range: use a date from {EARLIEST.isoformat()} to {LATEST.isoformat()}"
        )
    return value


def parse_date(text: str, what: str = "date") -> date:
    """`YYYY-MM-DD` in range, else a one-line UserError (exit 2)."""
    try:
        value = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise UserError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None
    return check_date(value, what)
