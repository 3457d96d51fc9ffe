"""Settings (profile, SMTP with a connection test, backup, passphrase) and picking from the directory."""

from __future__ import annotations

from datetime import date

import pytest
from support.ui import open_directory_picker, open_screen, settle
from support.vault import PASSPHRASE as PASS
from support.vault import make_vault

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)


@pytest.fixture
def home(no_keyring):
    make_vault()


async def test_profile_smtp_backup_and_passphrase(home, make_smtp_server, tmp_path):
    server = make_smtp_server()
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "s")
        s = app.screen
        s.query_one("#pf-name").value = "Alex Example"
        s.query_one("#pf-email").value = "alex@example.com"
        s.query_one("#pf-country").value = "de"
        s.query_one("#save-profile").press()
        await settle(app, pilot)
        assert "Profile saved" in str(s.query_one("#profile-status").render())
        s.query_one("#pf-email").value = "not an email"
        s.query_one("#save-profile").press()
        await settle(app, pilot)
        assert "Could not save the profile" in str(s.query_one("#profile-status").render())
        # SMTP: a local test server without TLS or AUTH
        s.query_one("#tab-smtp").focus()
        s.query_one("#smtp-host").value = "127.0.0.1"
        s.query_one("#smtp-port").value = str(server.port)
        s.query_one("#smtp-security").value = "none"
        s.query_one("#smtp-from").value = "alex@example.com"
        s.query_one("#test-smtp").press()
        await settle(app, pilot)
        assert "Connection works" in str(s.query_one("#smtp-status").render())
        s.query_one("#save-smtp").press()
        await settle(app, pilot)
        s.query_one("#smtp-port").value = "99999"
        s.query_one("#test-smtp").press()
        await settle(app, pilot)
        assert "port" in str(s.query_one("#smtp-status").render())
        # vault: backup, then a new passphrase
        s.query_one("#backup-path").value = str(tmp_path)
        s.query_one("#backup").press()
        await settle(app, pilot)
        assert "Backed up" in str(s.query_one("#vault-status").render())
        s.query_one("#new-pass1").value = "a brand new passphrase"
        s.query_one("#new-pass2").value = "a brand new passphrase"
        s.query_one("#change-pass").press()
        await settle(app, pilot)
        assert "Passphrase changed" in str(s.query_one("#vault-status").render())
        assert "not available" in str(s.query_one("#keyring-status").render())
    with Vault.open(paths(), passphrase="a brand new passphrase") as vault:
        store = Store(vault)
        profile, smtp = store.profile(), store.setting("smtp")
    assert profile.name == "Alex Example" and profile.email == "alex@example.com" and profile.country == "DE"
    assert smtp["host"] == "127.0.0.1" and smtp["port"] == server.port and smtp["security"] == "none"
    assert (tmp_path / "privacy-tui-backup.ptv").exists()


async def test_pick_several_companies_from_the_directory(home, shared_dir):
    from privacy_tui.services.directory_store import import_directory

    import_directory(shared_dir / "directory" / "datarequests-db.json")
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await open_directory_picker(app, pilot, "googl")
        assert table.row_count > 0
        assert "google" in str(table.get_row_at(0)[1]).lower()
        first = str(table.get_row_at(0)[1])
        await pilot.press("enter")  # ticks the best match
        app.screen.query_one("#dir-query").value = "facebook"
        await settle(app, pilot)
        table.focus()
        await pilot.press("space")
        second = str(table.get_row_at(0)[1])
        assert "Ticked (2)" in str(app.screen.query_one("#dir-chosen").render())
        await pilot.press("ctrl+n")  # add them and go on to write requests
        await settle(app, pilot)
        assert type(app.screen).__name__ == "NewRequestScreen"
        assert "2 companies chosen" in str(app.screen.query_one("#chosen").render())
    with Vault.open(paths(), passphrase=PASS) as vault:
        companies = Store(vault).companies()
    assert {c.name for c in companies} == {first, second}
    assert all(c.provenance["name"].kind == "directory" for c in companies)
