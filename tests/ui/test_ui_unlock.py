"""First run, unlock with a passphrase, and a damaged vault — driven through the real app with Pilot."""

from __future__ import annotations

from datetime import date

import pytest
from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.keyring_store import keyring_available
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)


async def type_into(pilot, selector: str, text: str) -> None:
    await pilot.click(selector)
    await pilot.press("end", *text)


def make_vault(passphrase: str = PASS) -> None:
    vault, _ = Vault.create(paths(), passphrase, use_keyring=False)
    Store(vault).save_profile(Store(vault).profile().__class__(name="Alex Example"))
    vault.close()


async def test_first_run_creates_the_vault_and_shows_the_recovery_key_once(no_keyring):
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CreateVaultScreen"
        await type_into(pilot, "#pass1", "short")
        assert "Too short" in str(app.screen.query_one("#strength").render())
        await type_into(pilot, "#pass1", PASS[5:])  # now "short" + the rest: long enough
        await type_into(pilot, "#pass2", "something else entirely")
        await pilot.press("enter")
        await settle(app, pilot)
        assert "differ" in str(app.screen.query_one("#create-error").render())
        assert not paths().vault.exists()
        app.screen.query_one("#pass2").value = ""
        await type_into(pilot, "#pass2", "short" + PASS[5:])
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RecoveryKeyScreen"
        key = str(app.screen.query_one("#recovery-key").render())
        assert app.focused is app.screen.query_one("#continue")
        await pilot.press("enter")  # one key: "I have saved my recovery key: continue"
        await settle(app, pilot)
        # The first run offers the company directory; "Later" goes on to the dashboard.
        assert type(app.screen).__name__ == "DirectoryImportScreen"
        assert "Get the company directory now?" in str(app.screen.query_one(".dialog-title").render())
        await pilot.click("#dir-close")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert "No requests yet" in str(app.screen.query_one("#empty-hint").render())
    # The vault exists, is closed, and opens with the passphrase and with the recovery key shown.
    assert paths().vault.exists()
    Vault.open(paths(), passphrase="short" + PASS[5:]).close()
    Vault.open(paths(), recovery_key=key.strip()).close()


async def test_wrong_passphrase_is_an_inline_error_then_unlocks(no_keyring):
    make_vault()
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "UnlockScreen"
        await type_into(pilot, "#passphrase", "not the passphrase")
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "UnlockScreen"
        assert "Wrong passphrase" in str(app.screen.query_one("#unlock-error").render())
        await type_into(pilot, "#passphrase", PASS)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert app.store.profile().name == "Alex Example"
        assert app.store.vault.writable


async def test_damaged_vault_shows_the_reason_and_how_to_restore(no_keyring, monkeypatch):
    make_vault()
    data = bytearray(paths().vault.read_bytes())
    data[-10] ^= 0xFF  # flip a bit of the ciphertext: authentication must fail
    paths().vault.write_bytes(bytes(data))
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "VaultErrorScreen"
        reason = str(app.screen.query_one("#vault-error-reason").render())
        assert "integrity" in reason or "damaged" in reason
        assert "Traceback" not in reason
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "privacy-tui vault restore" in text
        await pilot.click("#quit")
    assert app.return_value == 3


@pytest.mark.skipif(not keyring_available(), reason="needs a keyring (run under scripts/with-keyring)")
async def test_keyring_unlocks_without_a_prompt():
    vault, _ = Vault.create(paths(), PASS, use_keyring=True)
    assert vault.header.get("keyring")
    vault.close()
    app = build_app(today=TODAY, blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert app.store.vault.unlocked_by == "keyring"
