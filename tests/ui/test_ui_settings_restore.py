"""Settings → Vault → Restore: the backup replaces the vault and the app goes on with the restored one."""

from __future__ import annotations

from datetime import date

from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.services.companies import add_company
from privacy_tui.services.vault_admin import backup_to
from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)


async def test_restore_reopens_the_restored_vault(monkeypatch, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    # The app reopens the restored vault without asking: the key comes from the environment here.
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    add_company(Store(vault), name="Kept In The Backup", emails=["privacy@kept.example"])
    vault.close()
    backup = backup_to(paths(), tmp_path)
    with Vault.open(paths(), writable=True, passphrase=PASS) as vault:
        add_company(Store(vault), name="Added After The Backup", emails=["privacy@later.example"])

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        before = app.store
        await pilot.press("s")
        await settle(app, pilot)
        s = app.screen
        s.query_one("#restore-path").value = str(backup)
        s.query_one("#restore").press()
        await settle(app, pilot)
        assert "Restored: 1 companies" in str(s.query_one("#vault-status").render())
        assert app.store is not None and app.store is not before
        assert [c.name for c in app.store.companies()] == ["Kept In The Backup"]
