"""The demo data (services.demo) in a fresh vault of the test's home, as the app and the screenshots show it."""

from __future__ import annotations

from datetime import date

from privacy_tui.services.demo import populate
from privacy_tui.vault.paths import Paths, paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault
from support.vault import PASSPHRASE

# The demo's dates are relative to this day; tests that look at the demo use it as "today".
TODAY = date(2026, 3, 10)


def make_demo_home(today: date = TODAY, *, passphrase: str = PASSPHRASE) -> Paths:
    """Create the vault (no keyring) with the demo data, closed again; returns the home's paths."""
    vault, _ = Vault.create(paths(), passphrase, use_keyring=False)
    try:
        populate(Store(vault), today)
    finally:
        vault.close()
    return paths()
