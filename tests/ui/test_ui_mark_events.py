"""The app's mark-event picker offers every event the user can mark, in the one vocabulary's words."""

from __future__ import annotations

from privacy_tui.core.events import LABELS, USER_EVENTS
from privacy_tui.ui.screens.mark_event import EVENT_CHOICES


def test_every_user_event_is_selectable_with_its_label():
    kinds = [k for k, _ in EVENT_CHOICES]
    assert sorted(kinds) == sorted(USER_EVENTS) and len(kinds) == len(set(kinds))
    labels = dict(EVENT_CHOICES)
    assert labels["clarification_requested"] == LABELS["clarification_requested"]
    assert "specify" in labels["clarification_requested"] and "identity" not in labels["clarification_requested"].lower()
    assert "prove who I am" in labels["id_requested"]
