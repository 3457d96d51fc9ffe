"""The holidays of Canada's Interpretation Acts: federal (R.S.C. 1985, c. I-21) for PIPEDA, and the
provincial Acts for the provincial private-sector laws where the `holidays` package's list differs.

PIPEDA is a federal Act, so a time limit under it that ends on a "holiday" runs to the next day
that is not one (s. 26), and "holiday" is the federal list of s. 35(1) in every province — not
the province's own statutory holidays (the `holidays` package's provincial tables differ: no
Remembrance Day in Ontario, Family Day, Boxing Day...). Sundays are holidays too (s. 35(1));
the deadline code treats them as rest days. Days proclaimed by a lieutenant governor for one
province only are not included.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher): stdlib only, no dateutil on this path.
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


def _nth_monday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))


def _monday_before_may25(year: int) -> date:
    """The day the Sovereign's birthday is kept in Canada, federally and in Quebec."""
    may25 = date(year, 5, 25)
    return may25 - timedelta(days=may25.weekday() or 7)


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> Mapping[date, str]:
    """date -> name for the s. 35(1) holidays other than Sundays, with the s. 35(2) Monday substitutes."""
    easter = _easter(year)
    days = {
        date(year, 1, 1): "New Year's Day",
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        # The Sovereign's birthday is celebrated on Victoria Day, the Monday before 25 May (Holidays Act s. 2).
        _monday_before_may25(year): "Victoria Day",
        date(year, 7, 1): "Canada Day",
        _nth_monday(year, 9, 1): "Labour Day",
        # Proclaimed every year as a day of general thanksgiving: the second Monday of October.
        _nth_monday(year, 10, 2): "Thanksgiving Day",
        date(year, 11, 11): "Remembrance Day",
        date(year, 12, 25): "Christmas Day",
    }
    if year >= 2021:  # S.C. 2021, c. 11, s. 3
        days[date(year, 9, 30)] = "National Day for Truth and Reconciliation"
    # s. 35(2): when New Year's Day, Canada Day or Remembrance Day falls on a Sunday, the next day is also a holiday.
    for d, name in list(days.items()):
        if name in ("New Year's Day", "Canada Day", "Remembrance Day") and d.weekday() == 6:
            days[d + timedelta(days=1)] = f"{name} (observed)"
    return dict(sorted(days.items()))


@lru_cache(maxsize=256)
def quebec_holidays(year: int) -> Mapping[date, str]:
    """The holidays of the Quebec Interpretation Act, CQLR c I-16, s. 61(23), other than Sundays.

    Read on legisquebec.gouv.qc.ca (s. 61) and the French text of s. 61(23): a) Sundays, b) 1 January,
    c) Good Friday, d) Easter Monday, e) 24 June, f) 1 July, or 2 July when the 1st is a Sunday,
    g) the first Monday of September, g.1) the second Monday of October, h) 25 December,
    i) the day the Governor General proclaims for the Sovereign's birthday (the Monday before
    25 May), j) days proclaimed by the government (not known in advance, not included). The
    `holidays` package's Quebec list lacks Easter Monday. Not holidays here, though often days off:
    2 January, 26 December, Remembrance Day, the National Day for Truth and Reconciliation.
    """
    easter = _easter(year)
    july1 = date(year, 7, 1)
    days = {
        date(year, 1, 1): "New Year's Day",
        easter - timedelta(days=2): "Good Friday",
        easter + timedelta(days=1): "Easter Monday",
        _monday_before_may25(year): "the Sovereign's birthday (National Patriots' Day)",
        date(year, 6, 24): "National Holiday (Fête nationale)",
        (july1 + timedelta(days=1) if july1.weekday() == 6 else july1): "Canada Day",
        _nth_monday(year, 9, 1): "Labour Day",
        _nth_monday(year, 10, 2): "Thanksgiving Day",
        date(year, 12, 25): "Christmas Day",
    }
    return dict(sorted(days.items()))


def british_columbia_extra(year: int) -> Mapping[date, str]:
    """Holidays of the BC Interpretation Act, RSBC 1996 c 238, s. 29 "holiday", that the `holidays`
    package's BC list lacks: Easter Monday (s. 29(a)) and 26 December (s. 29(c))."""
    return {_easter(year) + timedelta(days=1): "Easter Monday", date(year, 12, 26): "December 26"}


__all__ = ["british_columbia_extra", "federal_holidays", "quebec_holidays"]
