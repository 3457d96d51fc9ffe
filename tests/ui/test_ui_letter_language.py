"""The letter's language in the app: the wizard's selector, the request detail's selector, and
ctrl+l switching a German letter to English and back."""

from __future__ import annotations

from datetime import date

import pytest
from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.core.models import Company, Profile
from privacy_tui.services.requests import new_request
from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 3)


@pytest.fixture
def berlin_home(monkeypatch):
    """A Berlin user with a draft access request to a Berlin shop."""
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    store = Store(vault)
    store.save_profile(Profile(name="Jürgen Weiß", email="juergen@example.org", country="DE", state="BE"))
    store.save_company(Company(id="shop", name="Schöne Möbel GmbH", country="DE", subdivision="BE",
                               emails=("datenschutz@moebel.example",)))
    request = new_request(store, "shop", "access", today=TODAY)
    vault.close()
    return request.id


def _stored(rid):
    with Vault.open(paths(), passphrase=PASS) as vault:
        return Store(vault).request(rid)


async def test_request_detail_switches_the_letter_with_one_key_and_the_selector(berlin_home):
    rid = berlin_home
    from privacy_tui.ui.screens.request_detail import RequestDetailScreen

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(RequestDetailScreen(rid))
        await settle(app, pilot)
        letter = app.screen.query_one("#letter")
        choice = app.screen.query_one("#letter-language")
        assert "Auskunftsersuchen nach Art. 15 DSGVO" not in letter.text  # the subject is not in the body
        assert "hiermit verlange ich nach Art. 15 DSGVO" in letter.text and choice.value == "de"
        app.screen.query_one("#timeline-table").focus()  # ctrl+l works wherever the focus is
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "I am making a subject access request under Article 15 GDPR" in letter.text
        assert choice.value == "en"
        assert _stored(rid).language == "en" and _stored(rid).subject.startswith("Subject access request")
        await pilot.press("ctrl+l")  # and back to the shop's own language
        await settle(app, pilot)
        assert "hiermit verlange ich" in letter.text and choice.value == "de"
        choice.value = "fr"
        await settle(app, pilot)
        assert "En application de l'article 15 du RGPD" in letter.text
        assert _stored(rid).language == "fr"


async def test_wizard_offers_the_language_and_switches_a_draft_to_english(berlin_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.action_new_request(["shop"])
        await settle(app, pilot)
        await pilot.press("ctrl+n")  # → type, law and language
        await pilot.pause()
        assert app.screen.query_one("#language").value == "auto"
        await pilot.press("ctrl+n")  # → letters
        await settle(app, pilot)
        body = app.screen.query_one("#draft-letter")
        assert "hiermit verlange ich nach Art. 15 DSGVO" in body.text
        assert app.screen.query_one("#draft-subject").value.startswith("Auskunftsersuchen nach Art. 15 DSGVO [PT-")
        assert "Letter in German (ctrl+l: in English)" in str(app.screen.query_one("#draft-reason").render())
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "I am making a subject access request" in body.text
        assert app.screen.query_one("#draft-subject").value.startswith("Subject access request under Article 15 GDPR")
        assert "Letter in English" in str(app.screen.query_one("#draft-reason").render())
