"""Quebec, Alberta and British Columbia: their own Acts, deadlines, day counting and commissioners.

The expected dates are worked out by hand from each statute (see core/laws/canada.py):
Quebec s. 32 (30 days; a deadline on a holiday or Sunday moves to the next day that is not a
holiday, Interpretation Act CQLR c I-16 s. 52; Saturday is not a holiday); Alberta s. 28(1)
(45 days, + 30 under s. 31; Interpretation Act RSA 2000 c I-8 s. 22(1)); BC s. 29 (30 "days",
and s. 1: "day does not include a holiday or a Saturday", so 30 business days, + 30 under s. 31).
"""

from __future__ import annotations

from datetime import date

import pytest

from privacy_tui.core.deadlines import compute_deadlines
from privacy_tui.core.laws.registry import REGIMES
from privacy_tui.core.request_types import offered_types


@pytest.mark.parametrize(
    ("regime", "received", "due", "extended", "why"),
    [
        ("ca_qc", date(2026, 12, 1), date(2026, 12, 31), None, "30 calendar days"),
        ("ca_qc", date(2026, 6, 1), date(2026, 7, 2), None, "Canada Day"),  # 1 July, next day
        ("ca_qc", date(2026, 1, 2), date(2026, 2, 2), None, "Sunday"),  # 1 Feb 2026 is a Sunday
        ("ca_qc", date(2026, 1, 1), date(2026, 1, 31), None, ""),  # a Saturday: not a holiday in Quebec
        # Quebec Interpretation Act s. 61(23): Easter Monday is a holiday (the holidays package omits it).
        ("ca_qc", date(2026, 3, 7), date(2026, 4, 7), None, "Easter Monday"),
        # s. 61(23)(f): when 1 July is a Sunday, 2 July is the holiday, so the deadline runs to 3 July.
        ("ca_qc", date(2029, 6, 1), date(2029, 7, 3), None, "a Sunday"),
        # Not on the s. 61(23) list: 26 December and 2 January (Saturdays here, not rest days in Quebec).
        ("ca_qc", date(2026, 11, 26), date(2026, 12, 26), None, "26 Dec 2026"),
        ("ca_qc", date(2026, 12, 3), date(2027, 1, 2), None, "2 Jan 2027"),
        # BC Interpretation Act s. 29(a): Good Friday and Easter Monday are not counted (by hand: 5 May, not 4 May).
        ("ca_bc", date(2026, 3, 20), date(2026, 5, 5), date(2026, 6, 17), "Easter Monday"),
        ("ca_ab", date(2026, 12, 1), date(2027, 1, 15), date(2027, 2, 16), "45 calendar days"),  # ext.: 14 Feb is a Sunday, 15 Feb Family Day
        ("ca_ab", date(2027, 1, 1), date(2027, 2, 16), date(2027, 3, 17), "Family Day"),
        ("ca_bc", date(2026, 12, 1), date(2027, 1, 14), date(2027, 2, 26), "Christmas Day"),
        # Labour Day, the National Day for Truth and Reconciliation and Thanksgiving are not counted.
        ("ca_bc", date(2026, 9, 1), date(2026, 10, 16), date(2026, 11, 30), "Truth and Reconciliation"),
    ],
)
def test_provincial_deadlines(regime, received, due, extended, why):
    d = compute_deadlines(regime, received, country="CA")
    assert (d.due, d.extended_due) == (due, extended)
    assert why in d.explanation_text()


def test_bc_counts_days_that_are_not_saturdays_sundays_or_holidays():
    rule = REGIMES["ca_bc"].rule
    assert (rule.response.amount, rule.response.unit) == (30, "business_days")
    assert REGIMES["ca_qc"].rule.extension is None  # the Quebec Act gives no extension
    assert REGIMES["ca_ab"].rule.extension.amount == 30


@pytest.mark.parametrize(
    ("regime", "regulator", "form"),
    [
        ("ca_qc", "Commission d'accès à l'information du Québec", "https://www.cai.gouv.qc.ca/"),
        ("ca_ab", "Office of the Information and Privacy Commissioner of Alberta", "https://oipc.ab.ca/"),
        ("ca_bc", "Office of the Information and Privacy Commissioner for British Columbia", "https://www.oipc.bc.ca/"),
    ],
)
def test_each_province_has_its_commissioner_and_its_own_rights(regime, regulator, form):
    r = REGIMES[regime]
    assert [x.name for x in r.regulators] == [regulator]
    assert r.regulators[0].webform.startswith(form) and not r.regulators[0].email
    assert "access" in offered_types(regime) and "rectification" in offered_types(regime)
    assert "PIPEDA" not in " ".join(r.request_types.values())


def test_the_provinces_day_rules_differ_from_each_other():
    qc, ab, bc = (REGIMES[k] for k in ("ca_qc", "ca_ab", "ca_bc"))
    assert qc.roll_forward and qc.rest_days == (6,) and qc.holiday_subdivision == "QC"
    assert ab.roll_forward and ab.rest_days == (6,) and ab.holiday_subdivision == "AB"
    assert not bc.roll_forward and bc.holiday_subdivision == "BC"


def test_interpretation_act_holiday_lists():
    from privacy_tui.core.deadlines import is_working_day
    from privacy_tui.core.interpretation_act import quebec_holidays

    qc = quebec_holidays(2026)
    assert date(2026, 4, 6) in qc and date(2026, 6, 24) in qc and date(2026, 5, 18) in qc
    assert date(2026, 11, 11) not in qc and date(2026, 12, 26) not in qc and date(2026, 9, 30) not in qc
    assert len(qc) == 9
    # BC s. 29(c): 26 December is a holiday (a Friday in 2025), as is Easter Monday.
    assert not is_working_day(date(2025, 12, 26), "CA", "BC")
    assert not is_working_day(date(2026, 4, 6), "CA", "BC")
    assert is_working_day(date(2026, 4, 7), "CA", "BC")
