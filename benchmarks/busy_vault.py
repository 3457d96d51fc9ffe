"""The busy vault both start-up benchmarks measure: companies in four jurisdictions and requests
spread over 400 days (nine in ten sent, a third of those fulfilled, some acknowledged).

Run inside `scripts/with-keyring`: the key must be in the Secret Service, as a user's is.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path


def build_vault(home: Path, requests: int, companies: int, today: date) -> None:
    from privacy_tui.core.models import Event, new_id, new_reference
    from privacy_tui.services.companies import add_company
    from privacy_tui.services.requests import append_event, build_request
    from privacy_tui.vault.paths import Paths
    from privacy_tui.vault.store import Store
    from privacy_tui.vault.vault import Vault

    vault, _ = Vault.create(Paths(home), "benchmark passphrase", use_keyring=True)
    if not vault.header.get("keyring"):
        sys.exit("no usable keyring: run this inside scripts/with-keyring")
    store = Store(vault)
    with store.batch():
        made = [
            add_company(store, name=f"Benchmark Company {i:03d}", emails=[f"privacy@c{i}.example.com"],
                        country=("DE", "GB", "FR", "US")[i % 4], subdivision="CA" if i % 4 == 3 else "",
                        regimes=[("gdpr", "uk_gdpr", "gdpr", "ccpa")[i % 4]])
            for i in range(companies)
        ]
    profile = store.profile()
    templates = [build_request(c, profile, "access", regime=c.regimes[0], today=today) for c in made]
    records = []
    for n in range(requests):
        base = templates[n % companies]
        rid = new_id("r")
        day = today - timedelta(days=n % 400)
        r = replace(base, id=rid, reference=new_reference(), events=(Event(rid, "created", day.isoformat()),))
        if n % 10:  # nine in ten were sent, on days spread over the last 400
            r = append_event(r, "sent", day, "emailed")
        if n % 3 == 0 and r.sent:
            r = append_event(r, "fulfilled", today - timedelta(days=max(0, n % 400 - 20)))
        elif n % 7 == 0 and r.sent:
            r = append_event(r, "acknowledged", day + timedelta(days=2))
        records.append(r)
    store.save_requests(records)
    vault.close()
