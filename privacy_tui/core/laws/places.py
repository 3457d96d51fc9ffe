"""Country and subdivision names for the laws' reasons ("you live in Virginia")."""

from __future__ import annotations


def country_name(code: str) -> str:
    import pycountry  # its tables load on first use: only when a reason is worded

    if code == "GB":
        return "the United Kingdom"
    if code == "US":
        return "the United States"
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    name = getattr(found, "common_name", None) or found.name
    return f"the {name}" if name == "Netherlands" else name


def state_name(country: str, code: str) -> str:
    import pycountry

    found = pycountry.subdivisions.get(code=f"{country}-{code}")
    return found.name if found else code


__all__ = ["country_name", "state_name"]
