"""The analyzer never crashes on odd input, and its evidence always points into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_tui.core.errors import UserError
from privacy_tui.core.policy import JSON_KEYS, PolicyAnalysis, analyze_bytes, analyze_text

# Text made of the pieces the analyzer reacts to, so that random draws exercise its rules.
_PIECES = [
    "privacy@acme.com", "dpo [at] acme [dot] com", "Acme Inc. (\"we\", \"us\")", "© 2024 Acme LLC",
    "Identifiers | YES", "Geolocation data | NO", "Category | Examples | Collected |", "within 30 days",
    "within one month", "respond to your request", "right to erasure", "Do Not Sell", "GDPR", "CCPA",
    "California residents", "123 Main St", "San Francisco, CA 94105", "SW1A 1AA", "10115 Berlin",
    "https://acme.com/privacy/request", "we do not collect", "your name", "email address", "\n", "\n\n",
    "- ", "• ", "A.", "(", ")", ":", ";", ".", ",", " ", "İ", "ß", "\u2019", "\t", "|",
]


def _valid(analysis: PolicyAnalysis) -> None:
    data = analysis.to_json()
    assert tuple(data) == JSON_KEYS
    n = len(analysis.text)
    ev = data["evidence"]
    entries = [e for e in (ev["company"], ev["address"], ev["response_days"]) if e]
    entries += ev["emails"] + ev["webforms"] + ev["data_items"]
    entries += list(ev["regimes"].values()) + list(ev["ccpa_categories"].values()) + list(ev["rights"].values())
    for entry in entries:
        assert 0 <= entry["offset"] <= n
        assert entry["text"] == entry["text"].strip()
    assert set(data["ccpa_categories"]) <= set("ABCDEFGHIJKL")
    assert data["response_days"] is None or 1 <= data["response_days"] <= 180


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=80))
def test_random_policies_never_crash(pieces):
    _valid(analyze_text("".join(pieces)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000), st.sampled_from(["", "p.html", "p.md", "p.pdf", "p.txt"]))
def test_random_bytes_are_analysed_or_refused_cleanly(data, filename):
    try:
        analysis = analyze_bytes(data, filename=filename)
    except UserError as exc:
        assert "\n" not in str(exc)
        return
    _valid(analysis)


def test_degenerate_inputs():
    for text in (
        "(" * 5000 + '"we")',
        '"' * 5000,
        "\n" * 5000,
        "-\n" * 3000,
        "a@b.co x@y " * 1000,
        "Identifiers | YES\nGeolocation data | NO\n" * 500,
        "x" * 20000,
        "e.g. A i.e. B " * 1000,
    ):
        _valid(analyze_text(text))
