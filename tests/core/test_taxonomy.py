"""The CCPA taxonomy: categories A-L as the statute lists them, and the items under them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.taxonomy import CATEGORIES, ITEMS, LETTERS, Category, Item, category_label, category_name


def test_letters_a_to_l_in_statute_order():
    assert tuple("ABCDEFGHIJKL") == LETTERS
    assert list(CATEGORIES) == list("ABCDEFGHIJKL")
    assert all(isinstance(c, Category) and c.letter == letter for letter, c in CATEGORIES.items())


def test_names_follow_the_statute():
    assert CATEGORIES["A"].name == "Identifiers"
    assert "California Customer Records" in CATEGORIES["B"].name
    assert "protected classifications" in CATEGORIES["C"].name
    assert CATEGORIES["D"].name == "Commercial information"
    assert CATEGORIES["E"].name == "Biometric information"
    assert CATEGORIES["F"].name.startswith("Internet or other electronic network activity")
    assert CATEGORIES["G"].name == "Geolocation data"
    assert CATEGORIES["H"].name.startswith("Audio, electronic, visual, thermal, olfactory")
    assert CATEGORIES["I"].name == "Professional or employment-related information"
    assert CATEGORIES["J"].name == "Education information"
    assert CATEGORIES["K"].name.startswith("Inferences")
    assert CATEGORIES["L"].name == "Sensitive personal information"
    assert CATEGORIES["A"].statute.endswith("1798.140(v)(1)(A)")
    assert CATEGORIES["L"].statute.endswith("1798.140(ae)")
    assert all(c.description for c in CATEGORIES.values())


def test_every_category_has_items_filed_under_it():
    total = 0
    for letter, category in CATEGORIES.items():
        assert category.items, letter
        for item in category.items:
            assert isinstance(item, Item)
            assert item.category == letter
            assert ITEMS[item.key] is item
            assert all(s == s.lower() and s.strip() == s for s in item.synonyms), item.key
        total += len(category.items)
    assert total == len(ITEMS)  # keys are unique across categories


@pytest.mark.parametrize(
    "key,letter",
    [
        ("real_name", "A"),
        ("email_address", "A"),
        ("postal_address", "A"),
        ("phone_number", "A"),
        ("ip_address", "A"),
        ("device_identifier", "A"),
        ("cookie_identifier", "A"),
        ("account_credentials", "L"),
        ("payment_card", "B"),
        ("purchase_history", "D"),
        ("browsing_history", "F"),
        ("usage_data", "F"),
        ("precise_location", "G"),
        ("coarse_location", "G"),
        ("photos", "H"),
        ("audio_recordings", "H"),
        ("video_recordings", "H"),
        ("job_title", "I"),
        ("employer", "I"),
        ("education_records", "J"),
        ("inferences", "K"),
        ("government_id", "L"),
        ("health", "L"),
        ("biometrics", "E"),
    ],
)
def test_the_items_the_app_speaks_of(key, letter):
    assert ITEMS[key].category == letter


def test_category_name_and_errors():
    assert category_name("g") == "Geolocation data"
    with pytest.raises(UserError, match="A to L"):
        category_name("M")
    # On screen an unknown letter (an old or imported record) shows as it is.
    assert category_label("g") == "Geolocation data" and category_label("M") == "M"


def test_category_letters_typed_for_a_company():
    from privacy_tui.services.companies import clean_letters

    assert clean_letters(["b", "A", "a", " c "]) == ("A", "B", "C")
    assert clean_letters(["L, a k"]) == ("A", "K", "L")
    assert clean_letters([]) == ()
    for bad in (["M"], ["AB"], ["1"], ["A, Z"]):
        with pytest.raises(UserError, match="A to L"):
            clean_letters(bad)


def test_core_does_not_import_textual_or_do_work_at_import():
    code = (
        "import sys, privacy_tui.core.taxonomy, privacy_tui.core.policy;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'httpx', 'pypdf', 'selectolax')];"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
