"""Regimes as data: keys, rights, regulators, aliases and the default choice."""

from __future__ import annotations

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import Period
from privacy_tui.core.laws.gdpr import EU_EEA
from privacy_tui.core.laws.registry import REGIMES, alias_targets, get_regime, resolve_regime
from privacy_tui.core.request_types import (
    REQUEST_TYPES,
    check_request_type,
    legal_basis,
    offered_types,
)
from privacy_tui.core.scope import choose_regime


def test_required_regimes_exist():
    for key in ("gdpr", "uk_gdpr", "ccpa", "pipeda", "lgpd", "us_va", "us_co", "us_ct", "us_ut", "us_tx", "us_or"):
        assert key in REGIMES
        assert REGIMES[key].key == key


@pytest.mark.parametrize("key", [k for k in REGIMES if k != "voluntary"])
def test_every_regime_is_complete(key):
    r = REGIMES[key]
    assert r.name and r.short and r.jurisdiction and r.law_citation
    assert r.request_types and set(r.request_types) <= set(REQUEST_TYPES)
    assert all(citation.strip() for citation in r.request_types.values())
    assert r.rule.citation
    assert r.regulators or r.regulator_by_country
    assert r.identity_hint
    for reg in r.regulators:
        assert reg.name and reg.country
        assert reg.website.startswith("https://")
        assert not reg.webform or reg.webform.startswith("https://")
        assert not reg.email or "@" in reg.email
    for t in r.request_types:
        rule = r.rule_for(t)
        assert rule.response.amount > 0
        if rule.extension:
            assert rule.extension.unit == rule.response.unit


def test_the_voluntary_request_cites_no_law_and_has_no_regulator():
    r = REGIMES["voluntary"]
    assert not r.law_citation and not r.regulators and not r.rule.citation
    assert all(basis == "" for basis in r.request_types.values())
    assert "30 days" in r.rule.note


def test_the_issue_rules():
    g, uk, ca = REGIMES["gdpr"], REGIMES["uk_gdpr"], REGIMES["ccpa"]
    assert g.rule.response == Period(1, "months") and g.rule.extension == Period(2, "months")
    assert g.regulator_by_country and g.regulators == ()
    assert uk.rule.response == Period(1, "months") and uk.regulators[0].name == "Information Commissioner's Office"
    assert ca.rule.acknowledgement == Period(10, "business_days")
    assert ca.rule.response == Period(45, "calendar_days") and ca.rule.extension == Period(45, "calendar_days")
    assert ca.rule_for("opt_out_sale").response == Period(15, "business_days")
    assert {r.name for r in ca.regulators} >= {"California Privacy Protection Agency"}
    assert any("Attorney General" in r.name for r in ca.regulators)
    assert REGIMES["pipeda"].rule.response == Period(30, "calendar_days")
    assert REGIMES["pipeda"].rule.extension == Period(30, "calendar_days")
    assert REGIMES["pipeda"].regulators[0].name == "Office of the Privacy Commissioner of Canada"
    assert REGIMES["lgpd"].rule.response == Period(15, "calendar_days") and REGIMES["lgpd"].rule.extension is None
    assert "ANPD" in REGIMES["lgpd"].regulators[0].name


def test_us_states_have_their_own_name_and_attorney_general():
    states = [r for k, r in REGIMES.items() if k.startswith("us_")]
    assert len(states) >= 10
    assert len({r.name for r in states}) == len(states)
    for r in states:
        assert r.country == "US" and r.subdivision
        assert r.regulators[0].subdivision == r.subdivision
        assert "Attorney General" in r.regulators[0].name or "Justice" in r.regulators[0].name
        assert r.rule.extension is not None  # all confirmed laws allow one extension (Utah included)
    assert REGIMES["us_ut"].rule.extension == Period(45, "calendar_days")
    assert REGIMES["us_ia"].rule.response == Period(90, "calendar_days")
    assert "rectification" not in REGIMES["us_ia"].request_types  # Iowa gives no correction right


def test_request_types_per_regime():
    assert legal_basis("gdpr", "access") == "Article 15 GDPR"
    assert legal_basis("gdpr", "withdraw_consent") == "Article 7(3) GDPR"
    assert legal_basis("uk_gdpr", "objection") == "Article 21 UK GDPR"
    assert "1798.110" in legal_basis("ccpa", "access") and "1798.115" in legal_basis("ccpa", "access")
    assert legal_basis("ccpa", "deletion") == "Cal. Civ. Code §1798.105"
    assert legal_basis("ccpa", "limit_sensitive") == "Cal. Civ. Code §1798.121"
    assert offered_types("ccpa") == ("access", "deletion", "rectification", "opt_out_sale", "limit_sensitive")
    assert "portability" not in offered_types("ccpa")
    assert "limit_sensitive" not in offered_types("gdpr")
    assert check_request_type("gdpr", " Access ") == "access"
    with pytest.raises(UserError, match="GDPR has no 'opt_out_sale' request; it offers: access"):
        legal_basis("gdpr", "opt_out_sale")
    with pytest.raises(UserError, match="unknown request type"):
        legal_basis("gdpr", "nope")


def test_get_regime_errors_name_valid_keys():
    with pytest.raises(UserError) as exc:
        get_regime("hipaa")
    assert "gdpr" in str(exc.value) and "us_state" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_us_state_alias():
    assert resolve_regime("us_state", subdivision="VA") == "us_va"
    assert resolve_regime("us_state", subdivision="us-co") == "us_co"
    assert resolve_regime("US_STATE", subdivision="CA") == "ccpa"
    assert get_regime("us_state", subdivision="TX").short == "TDPSA"
    with pytest.raises(UserError, match="known states"):
        resolve_regime("us_state", subdivision="NY")
    with pytest.raises(UserError, match="needs the US state"):
        resolve_regime("us_state")
    assert set(alias_targets("us_state").values()) <= set(REGIMES)


@pytest.mark.parametrize(
    "company_country,company_sub,company_regimes,profile_country,profile_state,expected",
    [
        ("US", "CA", ("ccpa",), "DE", "", "gdpr"),  # user in the EU
        ("US", "CA", ("ccpa",), "FR", "", "gdpr"),
        ("US", "", (), "GB", "", "uk_gdpr"),
        ("US", "", (), "UK", "", "uk_gdpr"),
        ("DE", "", ("gdpr",), "US", "CA", "gdpr"),  # EU establishment binds whoever you are (Art. 3(1)); CCPA is the alternative
        ("US", "", (), "US", "VA", "us_va"),
        ("US", "", (), "CA", "ON", "pipeda"),  # CA as a country is Canada
        ("US", "", (), "BR", "", "lgpd"),
        ("IE", "", (), "US", "NY", "gdpr"),  # EU establishment
        ("GB", "", (), "AU", "", "uk_gdpr"),
        ("US", "", ("us_co", "ccpa"), "US", "NY", "voluntary"),  # Colorado's law protects Coloradans only
        ("US", "TX", ("us_state",), "", "", "voluntary"),  # residence unknown: no residence-based law
        ("US", "", ("bogus",), "", "", "voluntary"),
        ("", "", (), "", "", "voluntary"),
        ("CA", "QC", (), "US", "NY", "ca_qc"),  # Quebec business: the Quebec Act, not PIPEDA
        ("CA", "ON", (), "CA", "QC", "pipeda"),  # Ontario business: PIPEDA
        ("CA", "", (), "CA", "AB", "pipeda"),
    ],
)
def test_default_regime(company_country, company_sub, company_regimes, profile_country, profile_state, expected):
    chosen = choose_regime(profile_country, profile_state, company_country, company_sub, company_regimes=company_regimes)
    assert chosen.key == expected


def test_eu_eea_list():
    assert len(EU_EEA) == 30 and "GB" not in EU_EEA and {"NO", "IS", "LI"} <= EU_EEA


def test_regimes_are_immutable():
    with pytest.raises(TypeError):
        REGIMES["x"] = REGIMES["gdpr"]  # type: ignore[index]
    with pytest.raises(TypeError):
        REGIMES["gdpr"].request_types["x"] = "y"  # type: ignore[index]
