"""Turning a privacy-policy analysis into a company record, keeping the evidence of every fact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company, DataItem, Source, now_iso
from privacy_tui.vault.store import Store


def load_and_analyze(arg: str) -> tuple[dict, str]:
    """Fetch or read the policy, analyse it; returns the analysis JSON and the source label."""
    from privacy_tui.core.policy import analyze_bytes
    from privacy_tui.transport.fetch import load_policy_source

    data, filename, content_type, source = load_policy_source(arg)
    analysis = analyze_bytes(data, filename=filename, content_type=content_type, source=source)
    result = analysis.to_json()  # `policy analyze --json`'s exact keys, plus what the import needs:
    result["language"] = analysis.language
    return result, source


def _ev(evidence: Any) -> tuple[str, int | None]:
    if isinstance(evidence, Mapping):
        return str(evidence.get("text") or ""), evidence.get("offset")
    return "", None


def _first_evidence(evidence: Any) -> tuple[str, int | None]:
    if isinstance(evidence, list) and evidence:
        return _ev(evidence[0])
    if isinstance(evidence, Mapping) and "text" not in evidence and evidence:
        return _ev(next(iter(evidence.values())))
    return _ev(evidence)


def _source(source: str, evidence: Any) -> Source:
    text, offset = _first_evidence(evidence)
    return Source(kind="policy", ref=source, evidence=text[:1000], offset=offset)


def fallback_name(analysis: Mapping[str, Any], source: str) -> str:
    if analysis.get("company"):
        return str(analysis["company"])
    host = urlsplit(source).hostname if "://" in source else ""
    if not host and analysis.get("emails"):
        host = str(analysis["emails"][0]).rpartition("@")[2]
    host = (host or "").removeprefix("www.")
    return host


_MULTILINE = frozenset({"address", "text"})


def company_from_analysis(analysis: Mapping[str, Any], source: str, *, name: str | None = None) -> Company:
    """A new company record (id to be assigned) from the analyzer's JSON."""
    from privacy_tui.core.foreign import strip_deep
    from privacy_tui.core.validation import clean_text, without_credentials

    # Policy text is foreign: normalised and stripped of control characters before it can reach
    # a record; a password typed into the address never reaches the website or the provenance.
    analysis = strip_deep(analysis, _MULTILINE)
    source = without_credentials(strip_deep(source))
    evidence = analysis.get("evidence") or {}
    company_name = clean_text("name", name or fallback_name(analysis, source))
    if not company_name:
        raise UserError("the policy never names its publisher: add the company first and use --company ID")
    prov: dict[str, Source] = {}
    fields: dict[str, Any] = {"name": company_name}
    if analysis.get("company"):
        prov["name"] = _source(source, evidence.get("company"))
    simple = {
        "emails": tuple(analysis.get("emails") or ()),
        "webform": (analysis.get("webforms") or [""])[0],
        "address": analysis.get("address") or "",
        "regimes": tuple(analysis.get("regimes") or ()),
        "categories": tuple(sorted(analysis.get("ccpa_categories") or ())),
        "rights": tuple(analysis.get("rights") or ()),
        "response_days": analysis.get("response_days"),
        "language": str(analysis.get("language") or ""),  # the letters' language (issue 15)
    }
    evidence_key = {"webform": "webforms"}
    for key, value in simple.items():
        if value in ("", (), None):
            continue
        fields[key] = value
        prov[key] = _source(source, evidence.get(evidence_key.get(key, key)))
    cat_evidence = evidence.get("ccpa_categories") or {}
    if isinstance(cat_evidence, Mapping):
        for letter in fields.get("categories", ()):
            if letter in cat_evidence:
                prov[f"category:{letter}"] = _source(source, cat_evidence[letter])
    items = []
    for raw in analysis.get("data_items") or ():
        text, offset = _ev(raw.get("evidence"))
        items.append(DataItem(item=raw["item"], category=raw["category"], source=Source("policy", source, text[:1000], offset)))
    if items:
        fields["data_items"] = tuple(items)
        cats = set(fields.get("categories", ())) | {i.category for i in items}
        fields["categories"] = tuple(sorted(cats))
    if fields.get("address"):
        from privacy_tui.core.policy.address import address_country

        country = address_country(fields["address"])
        if country:  # the policy's own address says where the company is established
            fields["country"] = country
            prov["country"] = prov["address"]
    if source.startswith(("http://", "https://")):
        parts = urlsplit(source)
        fields["website"] = f"{parts.scheme}://{parts.netloc}"
    now = now_iso()
    return Company(id="", created=now, updated=now, provenance=prov, **fields)


def _merge(existing: Company, new: Company) -> Company:
    def union(a: tuple, b: tuple) -> tuple:
        return tuple(dict.fromkeys(a + b))

    prov = dict(existing.provenance)
    changes: dict[str, Any] = {}
    for key in ("emails", "regimes", "categories", "rights", "aliases"):
        merged = union(getattr(existing, key), getattr(new, key))
        if key == "categories":
            merged = tuple(sorted(merged))
        if merged != getattr(existing, key):
            changes[key] = merged
    for key in ("webform", "address", "country", "website", "response_days", "language"):
        old, value = getattr(existing, key), getattr(new, key)
        # A fact the user typed wins over one read from a policy.
        if value not in ("", None) and (old in ("", None) or prov.get(key, Source()).kind != "typed"):
            changes[key] = value
    seen = {(d.item, d.category) for d in existing.data_items}
    extra_items = tuple(d for d in new.data_items if (d.item, d.category) not in seen)
    if extra_items:
        changes["data_items"] = existing.data_items + extra_items
    for key, src in new.provenance.items():
        if key == "name":
            continue
        if prov.get(key, Source()).kind != "typed":
            prov[key] = src
    return replace(existing, **changes, provenance=prov, updated=now_iso())


def import_policy(store: Store, analysis: Mapping[str, Any], source: str, *, company_id: str | None = None) -> tuple[Company, bool]:
    """Create a company from the analysis, or merge it into an existing one; returns (company, created)."""
    from privacy_tui.services.companies import company_fields, save_new_company

    existing = store.company(company_id) if company_id else None
    new = company_from_analysis(analysis, source, name=existing.name if existing else None)
    # Re-validate what the analyzer produced with the same rules as typed input.
    cleaned = company_fields(emails=_deliverable(new.emails), webform=new.webform, address=new.address, categories=list(new.categories))
    new = replace(new, **cleaned)
    if existing is None:
        key = new.name.casefold()
        existing = next((c for c in store.companies() if c.name.casefold() == key or key in (a.casefold() for a in c.aliases)), None)
    if existing is not None:
        return store.save_company(_merge(existing, new)), False
    return save_new_company(store, new), True


def _deliverable(emails) -> list[str]:
    """The analyzer's addresses that every send path accepts; the others are left out."""
    from privacy_tui.core.validation import clean_email

    kept = []
    for e in emails:
        try:
            kept.append(clean_email(e))
        except UserError:
            pass
    return kept


def analysis_text(analysis: Mapping[str, Any], source: str) -> str:
    """The analysis for people: each fact with its evidence, and what was not found."""
    evidence = analysis.get("evidence") or {}
    lines = [f"Policy: {source}"]
    missing = []

    def fact(label: str, key: str, value: Any) -> None:
        if value in (None, "", [], ()):
            missing.append(label)
            return
        shown = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        lines.append(f"  {label:<14} {shown}")
        text, _ = _first_evidence(evidence.get(key))
        if text:
            lines.append(f"  {'':<14} \u201c{text[:200]}\u201d")

    fact("company", "company", analysis.get("company"))
    fact("emails", "emails", analysis.get("emails"))
    fact("web forms", "webforms", analysis.get("webforms"))
    fact("address", "address", analysis.get("address"))
    fact("regimes", "regimes", analysis.get("regimes"))
    fact("categories", "ccpa_categories", analysis.get("ccpa_categories"))
    fact("rights", "rights", analysis.get("rights"))
    days = analysis.get("response_days")
    fact("responds in", "response_days", f"{days} days" if days is not None else None)
    items = analysis.get("data_items") or []
    if items:
        lines.append(f"  {'data items':<14} " + ", ".join(f"{i['item']} ({i['category']})" for i in items[:40]))
    if missing:
        lines.append("  not found: " + ", ".join(missing))
    return "\n".join(lines)
