"""Fixtures for the inbox tests."""

from __future__ import annotations

import pytest
from support.vault import make_vault, open_vault

from privacy_tui.vault.store import Store


@pytest.fixture
def store():
    """A new vault, open for writing, as a Store."""
    p, _ = make_vault()
    with open_vault(p, writable=True) as vault:
        yield Store(vault)
