"""Directory entry -> vault Company, regimes, seat countries, supervisory authorities."""

from __future__ import annotations

from functools import lru_cache

import pytest

from privacy_tui.core.directory import (
    DirectoryEntry,
    LoadResult,
    SupervisoryAuthority,
    authorities_for_country,
    record_to_company,
    regimes_for,
)
from privacy_tui.core.directory.countries import country_from_name, seat_country
from privacy_tui.core.models import Company, Source, from_record, to_record
from privacy_tui.services.directory_files import load_directory_path

NOW = "2026-08-01T12:00:00+00:00"


@lru_cache(maxsize=1)
def _real(path: str) -> LoadResult:
    return load_directory_path(path)


@pytest.fixture
def real(shared_dir) -> LoadResult:
    return _real(str(shared_dir / "directory" / "datarequests-db.json"))


def by_slug(result: LoadResult, slug: str) -> DirectoryEntry:
    return next(e for e in result.entries if e.slug == slug)


def test_google_becomes_a_company(real):
    company = record_to_company(by_slug(real, "google"), company_id="c0ffee01", now=NOW)
    assert isinstance(company, Company)
    assert company.id == "c0ffee01"
    assert company.name == "Google LLC"
    assert company.emails == ("data-access-requests@google.com",)
    assert company.webform == "https://takeout.google.com/"
    assert company.website == "https://www.google.com/"
    assert company.address.endswith("United States of America")
    assert company.country == "US"
    assert company.regimes == ("gdpr",)
    assert "YouTube" in company.aliases and "Gmail" in company.aliases
    assert company.created == company.updated == NOW
    expected = {"name", "aliases", "website", "emails", "webform", "address", "country", "regimes"}
    assert set(company.provenance) == expected
    assert all(src == Source(kind="directory", ref="google") for src in company.provenance.values())


def test_company_survives_the_vault_round_trip(real):
    company = record_to_company(by_slug(real, "facebook"), company_id="c1", now=NOW)
    assert from_record(Company, to_record(company)) == company


def test_only_fields_that_are_set_get_provenance(real):
    meta = record_to_company(by_slug(real, "facebook"), company_id="c1", now=NOW)
    assert meta.emails == () and "emails" not in meta.provenance
    assert meta.webform and meta.provenance["webform"].ref == "facebook"
    assert meta.country == "IE"


def test_brand_equal_to_the_name_is_not_an_alias(real):
    spotify = record_to_company(by_slug(real, "spotify"), company_id="c2", now=NOW)
    assert spotify.name == "Spotify AB"
    assert "Spotify GmbH" not in spotify.aliases  # same name once legal forms are set aside
    assert "aliases" not in spotify.provenance


def test_uk_record_gets_uk_gdpr(real):
    amazon_uk = record_to_company(by_slug(real, "amazon-gb"), company_id="c3", now=NOW)
    assert amazon_uk.regimes == ("uk_gdpr",)
    assert amazon_uk.country == "LU"  # the controller sits in Luxembourg


@pytest.mark.parametrize(
    ("countries", "regimes"),
    [
        (("all",), ("gdpr",)),
        (("de", "at"), ("gdpr",)),
        (("no", "is", "li"), ("gdpr",)),
        (("gb", "de"), ("gdpr", "uk_gdpr")),
        (("us", "ca", "br"), ("us_state", "pipeda", "lgpd")),  # not "ccpa": US people are not all Californians
        (("GB",), ("uk_gdpr",)),
        (("ch",), ()),
        ((), ()),
    ],
)
def test_regimes_for(countries, regimes):
    assert regimes_for(countries) == regimes


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("United States of America", "US"),
        ("The Netherlands", "NL"),
        ("Nederland", "NL"),
        ("Österreich", "AT"),
        ("Schweiz", "CH"),
        ("Czech Republic", "CZ"),
        ("Republic of Singapore", "SG"),
        ("Hrvatska", "HR"),
        ("España", "ES"),
        ("USA", "US"),
        ("Germany / Deutschland", "DE"),
        ("Atlantis", ""),
        ("", ""),
    ],
)
def test_country_from_name(name, code):
    assert country_from_name(name) == code


def test_seat_country_fallbacks():
    assert seat_country("Somewhere 1\nParis\nFrance", ("de",)) == "FR"  # the address wins
    assert seat_country("Somewhere 1\nNowhere", ("fr",)) == "FR"  # else the only relevant country
    assert seat_country("Somewhere 1\nNowhere", ("fr", "de")) == ""
    assert seat_country("Somewhere 1\nNowhere", ("all",)) == ""


def test_entry_built_by_hand_converts():
    entry = DirectoryEntry(
        slug="tiny", name="Tiny Shop GmbH", relevant_countries=("de",), country="DE", runs=("Tiny Shop", "Tiny App")
    )
    company = record_to_company(entry, company_id="c9", now=NOW)
    assert company.country == "DE" and company.regimes == ("gdpr",) and company.aliases == ("Tiny App",)
    assert set(company.provenance) == {"name", "aliases", "country", "regimes"}


# --- supervisory authorities ------------------------------------------------------------------


def test_authorities_for_germany(real):
    german = authorities_for_country("de", real.authorities)
    assert len(german) == 26
    assert all(isinstance(a, SupervisoryAuthority) and a.country == "DE" for a in german)
    assert {"debfdi", "debaylda", "deberlbdi"} <= {a.slug for a in german}


def test_authorities_for_france_any_case(real):
    assert [a.slug for a in authorities_for_country("FR", real.authorities)] == ["frcnil"]
    assert [a.slug for a in authorities_for_country(" gb ", real.authorities)] == ["gbico"]


def test_authorities_unknown_country(real):
    assert authorities_for_country("us", real.authorities) == []
    assert authorities_for_country("", real.authorities) == []


def test_authority_for_all_matches_everywhere():
    everywhere = SupervisoryAuthority(slug="edpb", name="Board", relevant_countries=("all",))
    local = SupervisoryAuthority(slug="frcnil", name="CNIL", country="FR", relevant_countries=("fr",))
    assert [a.slug for a in authorities_for_country("pt", [everywhere, local])] == ["edpb"]
    assert [a.slug for a in authorities_for_country("fr", [everywhere, local])] == ["edpb", "frcnil"]
