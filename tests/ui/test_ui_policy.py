"""Import a policy from a file: analysed in a worker, reviewed and corrected on screen, saved with its evidence."""

from __future__ import annotations

from datetime import date

from support.ui import open_screen, settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)


async def test_import_a_policy_file_review_correct_and_save(shared_dir, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    Vault.create(paths(), PASS, use_keyring=False)[0].close()
    policy = sorted((shared_dir / "policies").glob("*.txt"))[0]
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "i")
        await pilot.press(*"/nonexistent/policy.txt", "enter")
        await settle(app, pilot)
        assert "Could not analyse the policy" in str(app.screen.query_one("#import-status").render())
        app.screen.query_one("#policy-source").value = str(policy)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert app.screen.query_one("#review").display
        assert "facts" in str(app.screen.query_one("#import-status").render())
        # correct the name, and type an email the policy may not have had
        app.screen.query_one("#p-company").value = "Corrected Name Ltd"
        app.screen.query_one("#p-emails").value = "broken@"
        await pilot.pause()
        assert str(app.screen.query_one("#perr-emails").render()).strip()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "PolicyImportScreen"  # not saved with a bad field
        app.screen.query_one("#p-emails").value = "privacy@corrected.example.com"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyDetailScreen"
    with Vault.open(paths(), passphrase=PASS) as vault:
        (company,) = Store(vault).companies()
    assert company.name == "Corrected Name Ltd"
    assert "privacy@corrected.example.com" in company.emails
    assert any(src.kind == "policy" and src.ref == str(policy) for src in company.provenance.values())
