"""Identity claims (3.04) from the profile: only what the business lists in supported_verifications."""

from __future__ import annotations

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Profile
from privacy_tui.transport.drp import CLAIMS_FROM_PROFILE, missing_claims, select_claims

PROFILE = Profile(
    name="Ada Lovelace",
    email="ada@example.org",
    address="12 Analytical Row, Springfield 90210",
    country="us",
    state="CA",
    phone="(415) 555-2671",
    extra={"customer_number": "C-1"},
)


def test_only_supported_verifications_are_sent():
    assert select_claims(PROFILE, ["email"]) == {"email": "ada@example.org", "email_verified": False}


def test_phone_is_e164_and_address_is_an_oidc_address_object():
    claims = select_claims(PROFILE, ["phone_number", "address"], verified={"phone_number"})
    assert claims == {
        "phone_number": "+14155552671",
        "phone_number_verified": True,
        "address": {"formatted": "12 Analytical Row, Springfield 90210", "region": "CA", "country": "US"},
        "address_verified": False,
    }
    assert "name" not in claims and "email" not in claims


def test_no_verifications_listed_sends_name_and_email_only():
    assert select_claims(PROFILE, []) == {"name": "Ada Lovelace", "email": "ada@example.org", "email_verified": False}
    assert select_claims(PROFILE, ["fingerprint"]) == select_claims(PROFILE, [])


def test_empty_profile_fields_are_left_out_and_reported():
    thin = Profile(name="Ada", email="ada@example.org")
    assert select_claims(thin, ["email", "phone_number"]) == {"email": "ada@example.org", "email_verified": False}
    assert missing_claims(thin, ["email", "phone_number", "address"]) == ["phone_number", "address"]


def test_unparseable_phone_is_a_user_error():
    with pytest.raises(UserError, match="phone"):
        select_claims(Profile(phone="12", country="US"), ["phone_number"])


def test_every_profile_field_used_is_mapped():
    assert set(CLAIMS_FROM_PROFILE.values()) <= {"name", "email", "phone_number", "address"}
    assert {"name", "email", "phone", "address"} <= set(CLAIMS_FROM_PROFILE)
