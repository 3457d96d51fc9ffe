"""The law registry (core/laws/): a law declared outside the package is picked up everywhere the
code asks about laws, and every built-in law is complete (letters on disk, a regulator, sources)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support.paths import REPO

from privacy_tui.cli import main
from privacy_tui.core.laws import registry
from privacy_tui.core.laws.base import DeadlineRule, Law, Mention, Period, Reason, Regime, Regulator, Where
from privacy_tui.core.letters import TEMPLATE_DIR, template_name

# A throwaway law for Antarctica, where no real privacy law exists: 21 calendar days plus 7.
ANTARCTIC_AUTHORITY = Regulator(
    name="Antarctic Privacy Commissioner", country="AQ", email="complaints@example.invalid",
    website="https://example.invalid",
)
ANTARCTIC = Regime(
    key="aq_apa",
    name="Antarctic Privacy Act",
    short="APA",
    jurisdiction="Antarctica",
    country="AQ",
    law_citation="Antarctic Privacy Act 2026 (a test fixture)",
    request_types={"access": "APA s. 4"},
    rule=DeadlineRule(Period(21, "calendar_days"), Period(7, "calendar_days"), None, "APA s. 9"),
    regulators=(ANTARCTIC_AUTHORITY,),
    family="voluntary",
)


def _residence(pc: str, ps: str, company_regimes: frozenset[str]) -> Reason | None:
    return ("aq_apa", "APA: you live in Antarctica, and the APA protects its residents (APA s. 2)") if pc == "AQ" else None


ANTARCTIC_LAW = Law(
    key="aq_apa",
    label="APA (Antarctica)",
    regimes=(ANTARCTIC,),
    mention=Mention(pattern=r"\bantarctic\s+privacy\s+act\b", triggers="antarctic"),
    directory_countries=frozenset({"aq"}),
    residence=_residence,
    establishment=Where("aq_apa", frozenset({"AQ"}), "APA: the company is established in Antarctica (APA s. 3)"),
    established_in="Antarctica",
)


@pytest.fixture
def antarctic():
    registry.register(ANTARCTIC_LAW)
    try:
        yield ANTARCTIC_LAW
    finally:
        registry.unregister(ANTARCTIC_LAW.key)


def test_a_registered_law_appears_in_deadline_and_regime_keys(antarctic, capsys):
    assert "aq_apa" in registry.regime_keys()
    assert main(["deadline", "--regime", "aq_apa", "--received", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "APA (Antarctic Privacy Act)" in out
    assert "23 Mar 2026 (2026-03-23)" in out  # 2 March + 21 calendar days
    assert "30 Mar 2026 (2026-03-30)" in out  # + 7 days' extension
    assert main(["deadline", "--regime", "aq_apa", "--received", "2026-03-02", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["regime"], data["due"], data["extended_due"]) == ("aq_apa", "2026-03-23", "2026-03-30")


def test_a_registered_law_is_chosen_by_residence_and_found_in_policies_and_directory(antarctic, capsys):
    assert main(["deadline", "--lives-in", "AQ", "--received", "2026-03-02", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["regime"] == "aq_apa" and data["reason"].startswith("APA: you live in Antarctica")

    from privacy_tui.core.directory.company import regimes_for
    from privacy_tui.core.policy import analyze_text

    assert regimes_for(["aq", "de"]) == ("gdpr", "aq_apa")
    analysis = analyze_text("Residents of the EEA and those covered by the Antarctic Privacy Act may ask us.")
    assert "aq_apa" in analysis.regimes and "gdpr" in analysis.regimes
    assert registry.law_label("aq_apa") == "APA (Antarctica)"
    assert template_name("aq_apa", "access") == "voluntary/access.txt.j2"


def test_unregister_takes_the_law_away(antarctic):
    registry.unregister("aq_apa")
    assert "aq_apa" not in registry.regime_keys() and "aq_apa" not in registry.REGIMES
    assert main(["deadline", "--regime", "aq_apa", "--received", "2026-03-02"]) == 2


def test_register_refuses_a_key_already_taken():
    clash = Law(key="gdpr_again", label="x", regimes=(registry.REGIMES["gdpr"],))
    with pytest.raises(ValueError, match="'gdpr'"):
        registry.register(clash)
    assert "gdpr_again" not in {law.key for law in registry.laws()}


@pytest.mark.parametrize("key", registry.regime_keys())
def test_every_regime_has_its_letters_on_disk(key):
    regime = registry.REGIMES[key]
    folder = TEMPLATE_DIR / regime.template_family
    assert folder.is_dir(), (key, folder)
    for request_type in regime.request_types:
        assert (TEMPLATE_DIR / template_name(key, request_type)).is_file(), (key, request_type)


@pytest.mark.parametrize("key", [k for k in registry.regime_keys() if k != "voluntary"])
def test_every_law_has_a_regulator_and_cites_its_sources(key):
    regime = registry.REGIMES[key]
    # The GDPR's regulator is the supervisory authority of the country (directory list).
    assert regime.regulators or regime.regulator_by_country, key
    assert all(r.name and (r.email or r.webform or r.website) for r in regime.regulators), key
    assert regime.law_citation and regime.rule.citation, key
    assert all(regime.request_types.values()), key  # every request type names its legal basis
    assert all(rule.citation for rule in regime.type_rules.values()), key
    assert all(rule.citation for rule in regime.clock.values()), key


def test_every_law_family_names_known_regimes_and_patterns_compile():
    from privacy_tui.core.policy.law_mentions import _compiled

    keys = [law.key for law in registry.laws()]
    assert len(keys) == len(set(keys))
    for law in registry.laws():
        assert law.regimes and (law.key in registry.REGIMES or law.alias_country), law.key
    assert [k for k, _, _ in _compiled(registry.mentions())] == ["gdpr", "uk_gdpr", "ccpa", "us_state", "pipeda", "lgpd"]
    assert registry.resolve_regime("us_state", subdivision="VA") == "us_va"
    assert registry.template_family("us_va") == "us_state" and registry.template_family("ccpa") == "ccpa"


def test_importing_the_registry_loads_no_law():
    # The remind path imports the registry; the laws load on first use.
    code = (
        "import sys, privacy_tui.core.laws.registry as r\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('privacy_tui.core.laws.') and m != 'privacy_tui.core.laws.registry')\n"
        "print(','.join(loaded))\n"
        "r.REGIMES['gdpr']\n"
        "print('privacy_tui.core.laws.us_states' in sys.modules)\n"
    )
    root = REPO
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120, check=True)
    before, after = done.stdout.splitlines()
    assert before == "privacy_tui.core.laws.base"
    assert after == "True"


def test_a_registered_law_is_named_where_no_law_applies(antarctic):
    from privacy_tui.core.scope import choose_regime

    assert choose_regime("US", "NY", "AQ").key == "aq_apa"  # established there: the law applies
    reason = choose_regime("US", "NY", "US", "NY").reason
    assert "not established in the EU/EEA, the UK, Canada, Brazil or Antarctica." in reason
