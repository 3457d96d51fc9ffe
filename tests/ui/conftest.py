"""Fixtures for the app's screens under Pilot."""

from __future__ import annotations

import pytest
from support.inbox import make_inbox_home


@pytest.fixture
def inbox_home(monkeypatch):
    """The demo requests with replies ingested into the Inbox, no keyring."""
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    return make_inbox_home()
