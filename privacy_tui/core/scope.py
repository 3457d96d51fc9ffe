"""Which law gives this person a right against this company, and why, in words.

Each law decides its own reach, and the rules below follow them (checked 2026):

- GDPR Art. 3(1): it applies to processing "in the context of the activities of an
  establishment" in the Union, "regardless of whether the processing takes place in the Union",
  and protects anyone, wherever they live. Art. 3(2): a company with no EU establishment is
  covered when it offers goods or services to people "who are in the Union" or monitors their
  behaviour there. The UK GDPR Art. 3(1)-(2) says the same for the United Kingdom.
- CCPA: a "consumer" is "a natural person who is a California resident" (Cal. Civ. Code
  §1798.140(i)); the duty falls on a "business" above the thresholds of §1798.140(d). The other
  US state laws likewise protect only residents of their state (e.g. Va. Code §59.1-575
  "consumer" = "a natural person who is a resident of the Commonwealth"). A state without such a
  law (New York, for one) gives its residents nothing to invoke.
- PIPEDA s. 4(1)(a): it applies to every organisation for what it collects, uses or discloses
  in the course of commercial activities; s. 26(2)(b) and the exemption orders SOR/2003-374
  (Quebec), SOR/2004-219 (Alberta) and SOR/2004-220 (British Columbia) hand what happens inside
  those provinces to their own Acts (see laws/canada.py). A foreign company with a real and
  substantial connection to Canada is covered too (Lawson v. Accusearch, 2007 FC 125).
- LGPD art. 3: processing carried out in Brazil (I), aimed at offering goods or services to, or
  processing data of, individuals located in Brazil (II), or of data collected in Brazil (III).

Each law module (core/laws/) declares its own reach and words the reason; this module asks the
registry and orders the answers.

Order: a law that applies because of where the company is established binds it whatever the
person's residence, so it comes first; then the law of the person's residence; and when none
applies, the voluntary request, which cites no law. The other laws that also apply are kept as
alternatives, each with its own reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.gdpr import EU_EEA
from privacy_tui.core.laws.places import country_name, state_name
from privacy_tui.core.laws.registry import REGIMES, laws
from privacy_tui.core.laws.voluntary import KEY as VOLUNTARY


@dataclass(frozen=True)
class RegimeChoice:
    key: str
    reason: str  # one sentence, starting with the law's short name
    alternatives: tuple[RegimeChoice, ...] = ()


def _country(code: str) -> str:
    code = (code or "").strip().upper()
    return "GB" if code == "UK" else code


def _sub(code: str, country: str) -> str:
    code = (code or "").strip().upper()
    return code.removeprefix(f"{country}-") if country else code


def _establishments(company_country: str, company_subdivision: str, establishments: Iterable[str]) -> list[tuple[str, str]]:
    """(country, subdivision) pairs; the main one first. "CA-QC" style entries carry a subdivision."""
    out: list[tuple[str, str]] = []
    cc = _country(company_country)
    if cc:
        out.append((cc, _sub(company_subdivision, cc)))
    for raw in establishments:
        country, _, sub = (raw or "").strip().upper().partition("-")
        country = _country(country)
        if country and (country, sub) not in out:
            out.append((country, sub))
    return out


def _by_establishment(places: list[tuple[str, str]]) -> list[RegimeChoice]:
    found: list[RegimeChoice] = []
    for cc, sub in places:
        # The first law that claims the place: the laws' places do not overlap.
        reason = next((r for law in laws() if law.establishment and (r := law.establishment(cc, sub))), None)
        if reason and reason[0] not in {c.key for c in found}:
            found.append(RegimeChoice(*reason))
    return found


def _by_residence(pc: str, ps: str, company_regimes: frozenset[str]) -> list[RegimeChoice]:
    reason = next((r for law in laws() if law.residence and (r := law.residence(pc, ps, company_regimes))), None)
    return [RegimeChoice(*reason)] if reason else []


def _voluntary_reason(pc: str, ps: str) -> str:
    if not pc:
        why = "your profile has no country (set it with `privacy-tui profile set --country CC`)"
    elif pc == "US" and not ps:
        why = "your profile says you live in the United States but not in which state (set it with `privacy-tui profile set --state NY`)"
    elif pc == "US":
        why = f"you live in {state_name('US', ps)}, which has no general consumer privacy law"
    else:
        why = f"you live in {country_name(pc)}, whose law this program does not cover"
    places = [law.established_in for law in laws() if law.establishment and law.established_in]
    where = ", ".join(places[:-1]) + f" or {places[-1]}" if len(places) > 1 else "".join(places) or "a place whose law this program covers"
    return (
        f"Voluntary request: no privacy law gives you this right here — {why}, and the company is not established in "
        f"{where}. The letter asks the company to help voluntarily and cites no law"
    )


def choose_regime(
    residence_country: str,
    residence_state: str,
    company_country: str,
    company_subdivision: str = "",
    *,
    establishments: Iterable[str] = (),
    company_regimes: Iterable[str] = (),
) -> RegimeChoice:
    """The law for a request from a person living at (country, state) to a company established at
    (country, subdivision) and `establishments` ("DE", "CA-QC", ...), whose privacy notice or
    directory entry names `company_regimes` (a sign of whom it targets, never a reason alone to
    invoke a residence-based law)."""
    pc, cc = _country(residence_country), _country(company_country)
    ps = _sub(residence_state, pc)
    named = frozenset(str(r).strip().lower() for r in company_regimes)
    found = _by_establishment(_establishments(cc, company_subdivision, establishments))
    for choice in _by_residence(pc, ps, named):
        if choice.key not in {c.key for c in found}:
            found.append(choice)
    if not found:
        return RegimeChoice(VOLUNTARY, _voluntary_reason(pc, ps))
    return RegimeChoice(found[0].key, found[0].reason, tuple(found[1:]))


def resides_in(regime_key: str, residence_country: str, residence_state: str) -> bool:
    """Whether the profile's residence is the place the law protects (for "I am a resident of ...")."""
    regime = REGIMES.get(regime_key)
    if regime is None:
        return False
    pc = _country(residence_country)
    ps = _sub(residence_state, pc)
    if regime.country == "EU":
        return pc in EU_EEA
    if regime.subdivision:
        return pc == regime.country and ps == regime.subdivision
    return bool(regime.country) and pc == regime.country


def check_residence(regime_key: str, residence_country: str, residence_state: str) -> str:
    """For a law the user named: refuse one that protects only residents of another US state than
    the profile's; for a profile outside the US, a warning to keep with the request (the letter
    then claims no residence). Returns the warning, or ""."""
    regime = REGIMES.get(regime_key)
    if regime is None or regime.country != "US" or not regime.subdivision:
        return ""
    pc = _country(residence_country)
    ps = _sub(residence_state, pc)
    if not pc or (pc == "US" and not ps) or resides_in(regime_key, pc, ps):
        return ""
    protects = f"the {regime.short} protects only residents of {state_name('US', regime.subdivision)}"
    if pc == "US":
        raise UserError(
            f"{protects}, and your profile says you live in {state_name('US', ps)}; "
            "choose another --regime (or none, to have it chosen) or correct your profile"
        )
    return f"{protects}, and your profile says you live in {country_name(pc)}, so the letter does not claim that residence"


__all__ = ["VOLUNTARY", "RegimeChoice", "check_residence", "choose_regime", "country_name", "resides_in", "state_name"]
