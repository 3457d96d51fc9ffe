"""The analysis as text for people: each fact, the sentence it was read from, and what is missing."""

from __future__ import annotations

import textwrap

from privacy_tui.core.laws.registry import law_label
from privacy_tui.core.policy.findings import Evidence, PolicyAnalysis
from privacy_tui.core.taxonomy import CATEGORIES, ITEMS

_LABELS = {
    "company": "company",
    "emails": "privacy e-mail",
    "webforms": "web forms",
    "address": "postal address",
    "regimes": "laws invoked",
    "ccpa_categories": "CCPA categories",
    "data_items": "data items",
    "rights": "rights offered",
    "response_days": "response time",
}
_WIDTH = 100


def _quote(ev: Evidence | None, indent: str = "    ") -> list[str]:
    if ev is None or not ev.text:
        return []
    text = ev.text if len(ev.text) <= 240 else ev.text[:237] + "..."
    lines = textwrap.wrap(f"\u201c{text}\u201d (at {ev.offset})", width=_WIDTH - len(indent))
    return [indent + line for line in lines]


def render_text(analysis: PolicyAnalysis) -> str:
    out: list[str] = []
    source = analysis.source or "(text)"
    out.append(f"Policy: {source} ({analysis.format}, {len(analysis.text):,} characters)")

    def fact(key: str, value: str, ev: Evidence | None) -> None:
        out.append(f"  {_LABELS[key] + ':':<17}{value}")
        out.extend(_quote(ev))

    if analysis.company:
        fact("company", analysis.company, analysis.company_evidence)
    for i, email in enumerate(analysis.emails):
        ev = analysis.email_evidence[i] if i < len(analysis.email_evidence) else None
        fact("emails", email + (" (best)" if i == 0 and len(analysis.emails) > 1 else ""), ev)
    for i, url in enumerate(analysis.webforms):
        fact("webforms", url, analysis.webform_evidence[i] if i < len(analysis.webform_evidence) else None)
    if analysis.address:
        fact("address", analysis.address, analysis.address_evidence)
    for regime in analysis.regimes:
        fact("regimes", law_label(regime), analysis.regime_evidence.get(regime))
    for letter in analysis.ccpa_categories:
        name = CATEGORIES[letter].name if letter in CATEGORIES else letter
        fact("ccpa_categories", f"{letter}. {name}", analysis.category_evidence.get(letter))
    if analysis.data_items:
        labels = [f"{ITEMS[i.item].label if i.item in ITEMS else i.item} ({i.category})" for i in analysis.data_items]
        wrapped = textwrap.wrap(", ".join(labels), width=_WIDTH - 19)
        out.append(f"  {_LABELS['data_items'] + ':':<17}{wrapped[0]}")
        out.extend(" " * 19 + line for line in wrapped[1:])
    for right in analysis.rights:
        fact("rights", right.replace("_", " "), analysis.right_evidence.get(right))
    if analysis.response_days is not None:
        fact("response_days", f"{analysis.response_days} days", analysis.response_evidence)
    missing = [_LABELS[k] for k in analysis.missing]
    if missing:
        out.append("  not found: " + ", ".join(missing))
    return "\n".join(out)
