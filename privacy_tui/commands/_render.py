"""Plain-text views of records for the command line."""

from __future__ import annotations

from collections.abc import Sequence

from privacy_tui.core.models import Company, Profile, Request
from privacy_tui.core.taxonomy import category_label


def company_text(company: Company, requests: Sequence[Request] = ()) -> str:
    prov = company.provenance
    lines = [f"{company.name}  ({company.id})"]

    def row(label: str, value: str, field: str) -> None:
        if not value:
            return
        src = prov.get(field)
        origin = f"  [{src.kind}{': ' + src.ref if src and src.ref else ''}]" if src else ""
        lines.append(f"  {label:<12} {value}{origin}")

    row("aliases", ", ".join(company.aliases), "aliases")
    row("emails", ", ".join(company.emails), "emails")
    row("web form", company.webform, "webform")
    row("website", company.website, "website")
    row("address", company.address.replace("\n", ", "), "address")
    row("country", "-".join(x for x in (company.country, company.subdivision) if x), "country")
    row("regimes", ", ".join(company.regimes), "regimes")
    if company.small_agent:
        row("small agent", "yes: double time limits under the LGPD (Resolução CD/ANPD nº 2/2022, art. 14)", "small_agent")
    row("rights", ", ".join(company.rights), "rights")
    if company.response_days is not None:
        row("responds in", f"{company.response_days} days (as the policy promises)", "response_days")
    if company.categories:
        lines.append("  categories:")
        for letter in company.categories:
            items = [d.item for d in company.data_items if d.category == letter]
            src = prov.get(f"category:{letter}") or prov.get("categories")
            lines.append(f"    {letter}  {category_label(letter)}" + (f": {', '.join(items)}" if items else ""))
            if src and src.evidence:
                lines.append(f"         \u201c{src.evidence[:160]}\u201d")
    if company.notes:
        row("notes", company.notes, "notes")
    if requests:
        lines.append("  requests:")
        for r in requests:
            lines.append(f"    {r.id}  {r.type:<16} {r.regime:<8} {r.reference}")
    return "\n".join(lines)


def profile_text(profile: Profile) -> str:
    lines = []
    for label, value in (
        ("name", profile.name),
        ("email", profile.email),
        ("address", profile.address.replace("\n", ", ")),
        ("country", profile.country),
        ("state", profile.state),
        ("phone", profile.phone),
    ):
        lines.append(f"{label:<10} {value or '-'}")
    for key, value in profile.extra.items():
        lines.append(f"{key:<10} {value}")
    return "\n".join(lines)
