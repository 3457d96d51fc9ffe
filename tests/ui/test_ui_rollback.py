"""The app says so, as plain text, when the vault it opens is older than one seen before."""

from __future__ import annotations

import shutil
from datetime import date

from support.ui import settle as _settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def _warnings(app) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "warning"]


async def test_a_rolled_back_vault_is_reported_in_the_app_until_accepted(monkeypatch, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    p = paths()
    vault, _ = Vault.create(p, PASS, use_keyring=False)
    store = Store(vault)
    store.save_profile(store.profile().__class__(name="Alex [bold]Example[/]"))
    shutil.copy2(p.vault, tmp_path / "old.ptv")
    store.save_profile(store.profile().__class__(name="Alex Later"))
    vault.close()
    shutil.copyfile(tmp_path / "old.ptv", p.vault)

    app = build_app(today=date(2026, 3, 10), blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await _settle(app, pilot)
        warnings = _warnings(app)
        assert len(warnings) == 1 and "rolled back" in warnings[0] and "vault accept-rollback" in warnings[0]
        assert next(n for n in app._notifications if n.severity == "warning").markup is False

    with Vault.open(p, writable=True, passphrase=PASS) as vault:
        assert vault.accept_rollback() is not None
    app = build_app(today=date(2026, 3, 10), blink=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await _settle(app, pilot)
        assert _warnings(app) == []
        assert app.store is not None
