"""Labels for display never fail on a value this version does not know: they show it as stored."""

from __future__ import annotations

from privacy_tui.core.taxonomy import category_label, category_name
from privacy_tui.ui.format import regime_label, type_label


def test_category_label_names_known_letters_and_shows_unknown_ones():
    assert category_label("g") == category_name("G") == "Geolocation data"
    assert category_label("Z") == "Z" and category_label("") == ""


def test_type_and_regime_labels_fall_back_to_the_stored_value():
    assert type_label("access") != "access"
    assert type_label("no-such-type") == "no-such-type"
    assert regime_label("gdpr") != "gdpr"
    assert regime_label("us_state") == "us_state"  # no state given: not resolvable, shown as stored
    assert regime_label("atlantis") == "atlantis"
