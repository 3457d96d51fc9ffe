"""Identity claims (spec 3.04) built from the user's profile, and only those a business wants.

3.04: "for a Covered Business that specifies one or more supported_verifications in their
Service Directory entry, the corresponding user identity fields SHOULD be in request ...
Other identity fields SHOULD be omitted to limit unnecessary personal information
transmitted. If the Covered Business specifies no supported_verifications, it is up the
discression of the Authorized Agent." With none listed we send `name` and `email`, the claims
the reference implementation treats as required, and nothing more.

Profile field -> claim:
    name              -> "name"
    email             -> "email" (+ "email_verified")
    phone             -> "phone_number", E.164 as 3.04 requires (+ "phone_number_verified")
    address, state,   -> "address", an OpenID Connect Core 5.1.1 address object:
      country              {"formatted", "region", "country"} (+ "address_verified")
`*_verified` is true only for claims the caller says the agent has verified (3.04: "if the
user's email address has been affirmatively verified ... SHALL be specified as `true`").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Profile
from privacy_tui.transport.drp.vocabulary import VERIFICATIONS

CLAIMS_FROM_PROFILE: dict[str, str] = {
    "name": "name",
    "email": "email",
    "phone": "phone_number",
    "address": "address",
    "state": "address",
    "country": "address",
}

# What we send to a business that lists no supported_verifications.
DEFAULT_CLAIMS = ("name", "email")


def e164(phone: str, country: str = "") -> str:
    """`phone` in E.164 ("+14155552671"), reading national numbers in the profile's country."""
    import phonenumbers

    region = country.strip().upper() or None
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        where = f" for country {region}" if region else ""
        raise UserError(
            f"the profile's phone number {phone!r} is not a valid phone number{where}; "
            "write it with its country code, e.g. +1 415 555 2671"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def address_claim(profile: Profile) -> dict[str, str]:
    claim = {"formatted": profile.address.strip(), "region": profile.state.strip(), "country": profile.country.strip().upper()}
    return {k: v for k, v in claim.items() if v}


def wanted_claims(supported_verifications: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(v for v in dict.fromkeys(supported_verifications) if v in VERIFICATIONS)
    return wanted or DEFAULT_CLAIMS


def select_claims(
    profile: Profile, supported_verifications: Iterable[str], *, verified: Collection[str] = ()
) -> dict[str, Any]:
    """The identity claims to put in an exercise request for a business with these verifications."""
    claims: dict[str, Any] = {}
    for claim in wanted_claims(supported_verifications):
        if claim == "name" and profile.name.strip():
            claims["name"] = profile.name.strip()
        elif claim == "email" and profile.email.strip():
            claims["email"] = profile.email.strip()
            claims["email_verified"] = "email" in verified
        elif claim == "phone_number" and profile.phone.strip():
            claims["phone_number"] = e164(profile.phone, profile.country)
            claims["phone_number_verified"] = "phone_number" in verified
        elif claim == "address" and profile.address.strip():
            claims["address"] = address_claim(profile)
            claims["address_verified"] = "address" in verified
    return claims


def missing_claims(profile: Profile, supported_verifications: Iterable[str]) -> list[str]:
    """Claims the business wants that the profile cannot fill (to tell the user before sending)."""
    have = {
        "name": profile.name,
        "email": profile.email,
        "phone_number": profile.phone,
        "address": profile.address,
    }
    return [c for c in wanted_claims(supported_verifications) if not have.get(c, "").strip()]


__all__ = ["CLAIMS_FROM_PROFILE", "DEFAULT_CLAIMS", "address_claim", "e164", "missing_claims", "select_claims"]
