"""Creating and editing company records with validated fields and provenance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import CATEGORY_LETTERS, Company, Source, new_id, now_iso
from privacy_tui.core.validation import clean_country, clean_email, clean_subdivision, clean_text, clean_url
from privacy_tui.services.removal import Removal, remove_requests
from privacy_tui.vault.store import Store


def clean_letters(letters: Iterable[str]) -> tuple[str, ...]:
    out = set()
    for raw in letters:
        for part in str(raw).replace(",", " ").split():
            letter = part.strip().upper()
            if letter not in CATEGORY_LETTERS:
                raise UserError(f"invalid category {part!r}: CCPA categories are the letters A to L")
            out.add(letter)
    return tuple(sorted(out))


def clean_regimes(regimes: Iterable[str]) -> tuple[str, ...]:
    from privacy_tui.core.laws.registry import REGIMES, aliases

    out: list[str] = []
    for raw in regimes:
        for part in str(raw).replace(",", " ").split():
            key = part.strip().lower()
            if key in aliases() or key in REGIMES:
                if key not in out:
                    out.append(key)
            else:
                raise UserError(f"unknown regime {part!r}: choose from {', '.join(sorted(REGIMES))}")
    return tuple(out)


def company_fields(
    *,
    name: str | None = None,
    emails: Sequence[str] | None = None,
    website: str | None = None,
    webform: str | None = None,
    address: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
    regimes: Sequence[str] | None = None,
    categories: Sequence[str] | None = None,
    aliases: Sequence[str] | None = None,
    notes: str | None = None,
    small_agent: bool | None = None,
    language: str | None = None,
) -> dict:
    """Validate the fields that were given (None = leave unchanged); returns them cleaned."""
    out: dict = {}
    if name is not None:
        out["name"] = clean_text("name", name, required=True)
    if emails is not None:
        cleaned: list[str] = []
        for e in emails:
            addr = clean_email(e)
            if addr not in cleaned:
                cleaned.append(addr)
        out["emails"] = tuple(cleaned)
    if website is not None:
        out["website"] = clean_url(website, "website")
    if webform is not None:
        out["webform"] = clean_url(webform, "web form URL")
    if address is not None:
        out["address"] = clean_text("address", address, multiline=True)
    if country is not None:
        out["country"] = clean_country(country)
    if subdivision is not None:
        out["subdivision"] = clean_subdivision(subdivision)
    if regimes is not None:
        out["regimes"] = clean_regimes(regimes)
    if categories is not None:
        out["categories"] = clean_letters(categories)
    if aliases is not None:
        out["aliases"] = tuple(clean_text("alias", a, required=True) for a in aliases)
    if notes is not None:
        out["notes"] = clean_text("notes", notes, multiline=True)
    if small_agent is not None:
        if not isinstance(small_agent, bool):
            raise UserError("small_agent must be true or false")
        out["small_agent"] = small_agent
    if language is not None:
        from privacy_tui.core.validation import clean_language

        out["language"] = clean_language(language)
    return out


def _typed_provenance(fields: dict, existing: dict | None = None) -> dict:
    prov = dict(existing or {})
    for key, value in fields.items():
        if value not in ("", (), None):
            prov[key] = Source(kind="typed")
    return prov


def add_company(store: Store, **kwargs) -> Company:
    fields = company_fields(**kwargs)
    if "name" not in fields:
        raise UserError("name must not be empty")
    now = now_iso()
    company_id = _unique_id(store)
    company = Company(id=company_id, created=now, updated=now, provenance=_typed_provenance(fields), **fields)
    return store.save_company(company)


def edit_company(store: Store, ident: str, **kwargs) -> Company:
    company = store.company(ident)
    fields = company_fields(**kwargs)
    if not fields:
        raise UserError("nothing to change: give at least one option (see --help)")
    updated = replace(company, **fields, provenance=_typed_provenance(fields, dict(company.provenance)), updated=now_iso())
    if "small_agent" in fields and fields["small_agent"] != company.small_agent:
        return _with_requests_small_agent(store, updated)
    return store.save_company(updated)


def _with_requests_small_agent(store: Store, company: Company) -> Company:
    """The small-agent flag sets the time limit of the company's requests: carry it to them, deadlines refreshed."""
    from privacy_tui.core.events import CLOSING
    from privacy_tui.services.requests import refresh_deadlines

    with store.batch():
        saved = store.save_company(company)
        for r in store.requests(company.id):
            if r.small_agent != company.small_agent and not any(e.kind in CLOSING for e in r.events):
                store.save_request(refresh_deadlines(replace(r, small_agent=company.small_agent)))
    return saved


def save_new_company(store: Store, company: Company) -> Company:
    """Store a company built elsewhere (directory, policy import) under a fresh id."""
    now = now_iso()
    return store.save_company(replace(company, id=_unique_id(store), created=company.created or now, updated=now))


def remove_company(store: Store, ident: str, *, force: bool = False) -> tuple[Company, Removal | None]:
    """Remove a company; with `force`, its requests go with it the way `request remove` removes
    them (sent letters, inbox messages, blobs), so nothing is left pointing at a missing company."""
    company = store.company(ident)
    requests = store.requests(company.id)
    if requests and not force:
        raise UserError(
            f"{company.name} has {len(requests)} request(s) on record; they are evidence, so use --force to remove "
            "the company together with its requests, their messages and inbox replies"
        )
    if not requests:
        store.remove_company(company.id)
        return company, None
    return company, remove_requests(store, requests, company=company)


def _unique_id(store: Store) -> str:
    while True:
        candidate = new_id("c")
        if store.find_company(candidate) is None:
            return candidate
