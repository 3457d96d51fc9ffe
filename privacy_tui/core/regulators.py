"""Who a letter about a late or refusing company goes to: the company itself, or the regulator.

Pure domain logic over the records: the regimes' own regulators (ICO, CPPA, state attorneys
general, OPC, ANPD) are data in `core.laws`; the EU supervisory authorities are passed in by
the caller (`authorities`, a loader called only when the regime's regulator depends on the
country), so this module does no I/O. Drafting the letter is `services.escalation`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company, Profile, Request

# Germany has one authority per federal state (ISO 3166-2:DE codes, as the holidays package
# uses them); for a company the authority of the state where it is established is competent.
# Bavaria has two: BayLDA supervises private bodies, the other one public bodies.
_DE_STATE_AUTHORITY = {
    "BW": "debawueldb", "BY": "debaylda", "BE": "deberlbdi", "BB": "debralda", "HB": "debrelfdi",
    "HH": "dehmbbfdi", "HE": "dehessbdi", "MV": "demvldi", "NI": "dendslfd", "NW": "denrwldi",
    "RP": "derlpbdi", "SL": "desaarudz", "SN": "desaechsdsb", "ST": "desalbd", "SH": "deshuld", "TH": "detlfdi",
}
# The Federal Commissioner forwards complaints about companies to the competent state authority.
_DE_FALLBACK = "debfdi"
# Church and public-broadcasting authorities supervise only their own institutions.
_DE_SPECIAL = ("dekath", "deekd", "derf")


@dataclass(frozen=True)
class Recipient:
    """Who an escalation goes to and how they take it."""

    kind: str  # "company" | "regulator"
    name: str
    email: str = ""
    webform: str = ""
    address: str = ""
    website: str = ""
    key: str = ""  # directory slug or built-in key (--authority accepts it)
    note: str = ""  # why this one was chosen
    alternatives: tuple[tuple[str, str], ...] = ()  # (key, name) of others the person may choose (Art. 77 GDPR)
    language: str = ""  # the language it says it works in (an authority's complaint-language), "" unknown
    country: str = ""  # ISO alpha-2 of its seat or jurisdiction, for the language when none is stated
    subdivision: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "key": self.key or None,
            "email": self.email or None,
            "webform": self.webform or None,
            "address": self.address or None,
            "website": self.website or None,
            "note": self.note or None,
            "alternatives": [{"key": k, "name": n} for k, n in self.alternatives],
        }


# --- choosing the regulator ---------------------------------------------------------------------


def _regulator_key(reg) -> str:
    fixed = {"Information Commissioner's Office": "ico", "California Privacy Protection Agency": "cppa",
             "Office of the Privacy Commissioner of Canada": "opc"}
    if reg.name in fixed:
        return fixed[reg.name]
    if reg.country == "BR":
        return "anpd"
    if reg.country == "CA" and reg.subdivision:
        return "cai" if reg.subdivision == "QC" else f"oipc_{reg.subdivision.lower()}"
    if reg.country == "US" and reg.subdivision:
        return f"{reg.subdivision.lower()}_ag"
    return reg.name.lower().replace(" ", "_")


def _from_regulator(reg, note: str = "") -> Recipient:
    return Recipient("regulator", reg.name, reg.email, reg.webform, reg.address, reg.website, _regulator_key(reg), note,
                     country=reg.country, subdivision=reg.subdivision)


def _from_authority(a, note: str = "") -> Recipient:
    from privacy_tui.core.regulator_channels import WEBFORM_ONLY

    email, webform = a.email, a.webform
    if a.slug in WEBFORM_ONLY:
        # Complaints only through its form: never email them (core.regulator_channels).
        email, webform = "", WEBFORM_ONLY[a.slug]
        note = f"{note}; it takes complaints only through its web form" if note else "it takes complaints only through its web form"
    return Recipient("regulator", a.name, email, webform, a.address.replace("\n", ", "), a.web, a.slug, note,
                     language=a.complaint_language, country=a.country)


def _with_residence_authority(chosen: Recipient, profile: Profile, authorities: Sequence[Any]) -> Recipient:
    """Art. 77(1) GDPR: the person may complain in the member state where they live or work, beside
    the authority of the company's establishment; offer that one too."""
    from privacy_tui.core.directory import authorities_for_country
    from privacy_tui.core.laws.gdpr import EU_EEA

    home = profile.country.upper()
    if home not in EU_EEA:
        return chosen
    options = [a for a in authorities_for_country(home, authorities) if a.slug != chosen.key]
    if not options or any(a.slug == chosen.key for a in authorities_for_country(home, authorities)):
        return chosen
    if home == "DE" and len(options) > 1:
        picked, _ = _pick_german(options, [(profile.state, "where you live")] if profile.state else [])
        options = [picked]
    first = options[0]
    note = (f"{chosen.note}; under Article 77(1) GDPR you may instead complain to {first.name}, the authority where "
            f"you live or work (--authority {first.slug})")
    return replace(chosen, note=note, alternatives=tuple((a.slug, a.name) for a in options[:3]))


def _matches(wanted: str, key: str, name: str) -> bool:
    w = wanted.strip().casefold()
    return bool(w) and (w == key.casefold() or w in name.casefold())


def _eu_country(company: Company | None, profile: Profile) -> tuple[str, str]:
    from privacy_tui.core.laws.gdpr import EU_EEA

    if company is not None and company.country.upper() in EU_EEA:
        return company.country.upper(), "company"
    if profile.country.upper() in EU_EEA:
        return profile.country.upper(), "user"
    return "", ""


def _pick_german(candidates: list, states: list[tuple[str, str]]) -> tuple[Any, str]:
    """The authority of the first known federal state in `states` ((code, whose words) pairs)."""
    by_slug = {a.slug: a for a in candidates}
    for state, where in states:
        slug = _DE_STATE_AUTHORITY.get(state.upper().removeprefix("DE-"))
        if slug in by_slug:
            return by_slug[slug], f"the authority of the federal state {state.upper()}, {where}"
    if _DE_FALLBACK in by_slug:
        return by_slug[_DE_FALLBACK], (
            "no federal state is known, so the Federal Commissioner, who forwards complaints to the competent "
            "state authority (set the company's state with `company edit ID --subdivision BY`, or choose with --authority)"
        )
    general = [a for a in candidates if not a.slug.startswith(_DE_SPECIAL)]
    return (general or candidates)[0], ""


def choose_regulator(request: Request, company: Company | None, profile: Profile, authority: str | None = None, *,
                     authorities: Callable[[], Sequence[Any]]) -> Recipient:
    """The authority to complain to, from the regime and the company's (else the user's) country.

    `authority` picks another one: a directory slug (e.g. `iedpc`), a built-in key (`ico`,
    `cppa`, `ca_ag`, `opc`, `anpd`, `va_ag`, ...) or part of its name. `authorities` loads the
    EU supervisory authorities (the shipped ones, updated by an imported directory); it is
    called only for a regime whose regulator depends on the country.
    """
    from privacy_tui.core.laws.registry import get_regime

    regime = get_regime(request.regime, subdivision=request.subdivision)
    if not regime.regulator_by_country:
        if authority:
            for reg in regime.regulators:
                if _matches(authority, _regulator_key(reg), reg.name):
                    return _from_regulator(reg, "chosen with --authority")
            keys = ", ".join(_regulator_key(r) for r in regime.regulators)
            raise UserError(f"no authority {authority!r} for {regime.short}; choose from: {keys}")
        if not regime.regulators:
            if regime.key == "voluntary":
                raise UserError("this was a voluntary request: no law gives the right, so there is no regulator to complain to")
            raise UserError(f"no regulator is known for {regime.short}")
        return _from_regulator(regime.regulators[0], f"the regulator for {regime.short}")

    from privacy_tui.core.directory import authorities_for_country

    known = list(authorities())
    if authority:
        exact = [a for a in known if a.slug == authority.strip().lower()]
        found = exact or [a for a in known if _matches(authority, a.slug, a.name)]
        if len(found) == 1:
            return _from_authority(found[0], "chosen with --authority")
        if not found:
            raise UserError(f"no supervisory authority matches {authority!r}: see `privacy-tui directory authorities`")
        raise UserError(f"{authority!r} matches several authorities: {', '.join(a.slug for a in found[:8])}")
    cc, whose = _eu_country(company, profile)
    if not cc:
        raise UserError(
            "cannot tell which EU supervisory authority to complain to: set the company's country "
            "(`privacy-tui company edit ID --country FR`) or yours (`privacy-tui profile set --country FR`), or pass --authority SLUG"
        )
    candidates = authorities_for_country(cc, known)
    if not candidates:
        raise UserError(f"no supervisory authority is known for {cc}; pass --authority SLUG (see `privacy-tui directory authorities`)")
    reason = (
        f"the supervisory authority of {cc}, where the company is established"
        if whose == "company"
        else f"the supervisory authority of {cc}, where you live"
    )
    if cc == "DE" and len(candidates) > 1:
        states = []
        if company is not None and whose == "company" and company.subdivision:
            states.append((company.subdivision, "where the company is established"))
        if profile.country.upper() == "DE" and profile.state:
            states.append((profile.state, "where you live"))
        chosen, why = _pick_german(candidates, states)
        lead = _from_authority(chosen, why or reason)
    else:
        lead = _from_authority(candidates[0], reason)
    return _with_residence_authority(lead, profile, known) if whose == "company" else lead


def company_recipient(company: Company) -> Recipient:
    if not company.emails and not company.webform:
        raise UserError(
            f"{company.name} has no privacy email address or web form: add one with `privacy-tui company edit {company.id} --email ADDR`"
        )
    return Recipient("company", company.name, company.emails[0] if company.emails else "", company.webform,
                     company.address, company.website, company.id, "the company's privacy contact",
                     language=company.language, country=company.country, subdivision=company.subdivision)



__all__ = ["Recipient", "choose_regulator", "company_recipient"]
