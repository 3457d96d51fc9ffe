"""The right law for the person and the company (core.scope), with the reason in words."""

from __future__ import annotations

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.scope import check_residence, choose_regime, resides_in


@pytest.mark.parametrize(
    ("lives", "state", "company", "sub", "key", "words"),
    [
        # No statute: a New Yorker writing to a New York company.
        ("US", "NY", "US", "NY", "voluntary", ("New York", "no general consumer privacy law", "cites no law")),
        ("US", "NY", "US", "CA", "voluntary", ("New York",)),  # the CCPA protects Californians only
        ("US", "", "US", "", "voluntary", ("not in which state",)),
        ("", "", "US", "TX", "voluntary", ("no country",)),
        ("US", "CA", "US", "NY", "ccpa", ("you live in California", "§1798.140(i)", "§1798.140(d)")),
        ("US", "VA", "US", "", "us_va", ("you live in Virginia", "Va. Code")),
        ("GB", "", "US", "CA", "uk_gdpr", ("you live in the United Kingdom", "Article 3(2) UK GDPR")),
        ("FR", "", "US", "", "gdpr", ("you live in France", "Article 3(2) GDPR")),
        ("US", "NY", "IE", "", "gdpr", ("established in Ireland", "Article 3(1) GDPR")),
        ("AU", "", "GB", "", "uk_gdpr", ("established in the United Kingdom", "Article 3(1) UK GDPR")),
        ("US", "NY", "CA", "QC", "ca_qc", ("Quebec", "instead of PIPEDA")),
        ("CA", "ON", "CA", "AB", "ca_ab", ("Alberta",)),
        ("GB", "", "CA", "BC", "ca_bc", ("British Columbia",)),
        ("CA", "QC", "CA", "ON", "pipeda", ("Ontario", "s. 4(1)(a)")),
        ("CA", "AB", "CA", "", "pipeda", ("set its province",)),
        ("CA", "ON", "US", "", "pipeda", ("you live in Canada", "Accusearch")),
        ("BR", "", "US", "", "lgpd", ("you live in Brazil", "art. 3, II")),
        ("US", "NY", "BR", "", "lgpd", ("art. 3, I",)),
    ],
)
def test_choose_regime_table(lives, state, company, sub, key, words):
    choice = choose_regime(lives, state, company, sub)
    assert choice.key == key, choice
    for w in words:
        assert w in choice.reason, (w, choice.reason)


def test_an_eu_company_and_a_californian_get_the_gdpr_with_the_ccpa_as_alternative():
    choice = choose_regime("US", "CA", "DE", "", company_regimes=("gdpr",))
    assert choice.key == "gdpr"
    assert [a.key for a in choice.alternatives] == ["ccpa"]
    assert "you live in California" in choice.alternatives[0].reason


def test_establishments_count_beside_the_main_seat():
    choice = choose_regime("US", "NY", "US", "NY", establishments=("CA-QC", "FR"))
    assert choice.key == "ca_qc" and {a.key for a in choice.alternatives} == {"gdpr"}


def test_the_policy_naming_the_ccpa_never_makes_a_new_yorker_a_californian():
    assert choose_regime("US", "NY", "US", "CA", company_regimes=("ccpa", "us_co")).key == "voluntary"


def test_residence_claims_follow_the_profile():
    assert resides_in("ccpa", "US", "CA") and resides_in("ccpa", "us", "US-CA")
    assert not resides_in("ccpa", "GB", "")  # a Londoner
    assert not resides_in("us_va", "US", "CA")
    assert resides_in("gdpr", "DE", "") and not resides_in("gdpr", "GB", "")
    assert resides_in("ca_qc", "CA", "QC") and not resides_in("ca_qc", "CA", "ON")


def test_a_state_law_chosen_by_hand_for_another_state_is_refused():
    with pytest.raises(UserError, match="protects only residents of California.*New York"):
        check_residence("ccpa", "US", "NY")
    assert "does not claim that residence" in check_residence("ccpa", "GB", "")
    assert check_residence("ccpa", "US", "CA") == ""
    assert check_residence("gdpr", "US", "NY") == ""  # establishment-based: not a residence question
