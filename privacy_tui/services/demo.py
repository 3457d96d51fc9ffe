"""A demo home: fictional companies (example.com addresses) and requests in every state.

Built through the same services as real use (companies, requests, timeline events), so the
screenshots show what a real vault looks like. Dates are relative to `today`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from privacy_tui.core.errors import VaultError
from privacy_tui.core.models import DataItem, Profile, Source
from privacy_tui.vault.paths import Paths
from privacy_tui.vault.store import Store

DEMO_PASSPHRASE = "demo passphrase, not a secret"

POLICY_URL = "https://example-widgets.example.com/privacy"

# name, country, subdivision, regimes, categories
COMPANIES = (
    ("Example Widgets Ltd", "GB", "", ("uk_gdpr",), "ABDF"),
    ("Fictional Foods GmbH", "DE", "", ("gdpr",), "ABDG"),
    ("Acme Example Corp", "US", "CA", ("ccpa",), "ABDFK"),
    ("Sample Streaming Inc", "US", "VA", ("us_va",), "ADFK"),
    ("Demo Bank of Canada", "CA", "", ("pipeda",), "ABDI"),
    ("Placeholder Telecom Ltda", "BR", "", ("lgpd",), "ABFG"),
    ("Imaginary Insurance SA", "FR", "", ("gdpr",), "ABCDL"),
    ("Specimen Social Network", "IE", "", ("gdpr",), "ABFGHK"),
    ("Mock Mobility Ltd", "GB", "", ("uk_gdpr",), "ABG"),
    ("Test Travel Agency BV", "NL", "", ("gdpr",), "ABD"),
)

POLICY_ITEMS = (
    ("email_address", "A", "We collect your name, email address and postal address when you create an account."),
    ("name", "A", "We collect your name, email address and postal address when you create an account."),
    ("purchase_history", "D", "We keep a record of the products you buy from us and of your returns."),
    ("browsing_history", "F", "Our site records the pages you visit and the links you click."),
)


def _slug(name: str) -> str:
    return name.split()[0].lower() + "-" + name.split()[1].lower()


def populate(store: Store, today: date) -> dict:
    """Fill an open store with the demo data; returns counts."""
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.requests import append_event, build_request

    store.save_profile(
        Profile(name="Alex Example", email="alex@example.com", address="1 Example Street\nExampleton EX1 1EX",
                country="GB", state="", phone="")
    )
    companies = []
    with store.batch():
        for name, country, sub, regimes, cats in COMPANIES:
            slug = _slug(name)
            c = add_company(
                store, name=name, emails=[f"privacy@{slug}.example.com"], website=f"https://{slug}.example.com",
                country=country, subdivision=sub, regimes=list(regimes), categories=list(cats),
            )
            companies.append(c)
        # One company as a policy import leaves it: every fact with the quote it came from.
        first = companies[0]
        quote = Source("policy", POLICY_URL, "Contact our Data Protection Officer at privacy@example-widgets.example.com.", 1200)
        items = tuple(DataItem(item, cat, Source("policy", POLICY_URL, ev, 100)) for item, cat, ev in POLICY_ITEMS)
        prov = dict(first.provenance, emails=quote, **{f"category:{i[1]}": s.source for i, s in zip(POLICY_ITEMS, items, strict=True)})
        companies[0] = store.save_company(replace(first, data_items=items, response_days=30, provenance=prov,
                                                  rights=("access", "deletion", "rectification", "portability")))

    profile = store.profile()
    d = lambda n: today - timedelta(days=n)  # noqa: E731 - a date n days ago
    # (company index, type, created days ago, [(event, days ago, detail)])
    plans = [
        (0, "access", 70, [("sent", 70, "emailed"), ("acknowledged", 66, ""), ("fulfilled", 40, "data export received")]),
        (1, "deletion", 50, [("sent", 50, "emailed"), ("acknowledged", 48, "")]),  # overdue (one month passed)
        (2, "access", 20, [("sent", 20, "emailed"), ("acknowledged", 15, "ticket 4711")]),
        (5, "access", 10, [("sent", 10, "emailed")]),  # due within 7 days (LGPD: 15 days)
        # Waiting for the user's ID: "needs action" under the GDPR, whose clock waits (Art 12(6));
        # under PIPEDA or the CCPA the 30/45 days run on, so it would be overdue.
        (9, "access", 45, [("sent", 45, "emailed"), ("id_requested", 40, "asked for a copy of a bill")]),
        (3, "access", 25, [("sent", 25, "emailed"), ("extended", 10, "said they need more time")]),
        (6, "deletion", 120, [("sent", 120, "emailed"), ("denied", 95, "said the data is needed for a contract")]),
        (7, "access", 3, []),  # draft
        (8, "portability", 2, [("send_failed", 2, "SMTP: connection refused")]),
        (9, "objection", 200, [("sent", 200, "emailed"), ("withdrawn", 190, "settled by phone")]),
        (2, "opt_out_sale", 160, [("sent", 160, "emailed"), ("fulfilled", 150, "")]),
        (1, "access", 260, [("sent", 260, "emailed"), ("fulfilled", 240, "")]),
        (7, "deletion", 100, [("sent", 100, "emailed"), ("fulfilled", 75, "")]),
    ]
    requests = []
    for index, rtype, created, events in plans:
        company = companies[index]
        grounds = ("direct_marketing",) if rtype == "objection" else ()  # an objection names its ground
        # The demo's letters are English (its user lives in the UK), whatever the company's
        # country; the detail screen's language selector shows the other languages.
        r = build_request(company, profile, rtype, regime=company.regimes[0], grounds=grounds, today=d(created),
                          language="en")
        r = replace(r, created=f"{d(created).isoformat()}T09:00:00+00:00")
        for kind, ago, detail in events:
            if kind == "send_failed":
                from privacy_tui.core.models import Event

                r = replace(r, events=r.events + (Event(r.id, "send_failed", d(ago).isoformat(), "", detail, {}),))
                continue
            r = append_event(r, kind, d(ago), detail)
            if kind == "sent":
                r = replace(r, transport="smtp", sent_text=r.body)
        requests.append(r)
    store.save_requests(requests)
    return {"companies": len(companies), "requests": len(requests)}


def build_demo_home(home: Path, *, today: date, passphrase: str = DEMO_PASSPHRASE, use_keyring: bool = True) -> dict:
    """Create a new vault in `home` holding the demo data (refuses to touch an existing vault)."""
    from privacy_tui.vault.vault import Vault

    p = Paths(Path(home).expanduser().absolute())
    if p.vault.exists():
        raise VaultError(f"a vault already exists at {p.vault}; give an empty folder with --home")
    vault, _recovery = Vault.create(p, passphrase, use_keyring=use_keyring)
    try:
        counts = populate(Store(vault), today)
        counts["keyring"] = bool(vault.header.get("keyring"))
    finally:
        vault.close()
    counts["home"] = str(p.home)
    return counts
