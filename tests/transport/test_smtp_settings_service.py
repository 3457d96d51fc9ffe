"""One SMTP-settings service for `config smtp` and the settings screen: nothing the other side
cannot show is lost, and a preset brings the TLS server name it needs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from support.cli import run_main
from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.core.errors import UserError
from privacy_tui.services.smtp_settings import merge
from privacy_tui.transport.smtp_settings import SmtpSettings
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)


def base(tmp_path) -> SmtpSettings:
    ca = tmp_path / "ca.pem"
    ca.write_text("not read by merge\n")
    return SmtpSettings(host="mail.example.org", port=465, security="ssl", username="zoe", from_addr="zoe@example.org",
                        ca_file=str(ca), timeout=12.5, tls_server_name="cert.example.org")


def test_form_fields_keep_what_the_form_does_not_show(tmp_path):
    old = base(tmp_path)
    new = merge(old, host=" mail.example.org ", port="587", security="starttls", username="zoe ",
                from_addr="zoe@example.org").settings
    assert (new.ca_file, new.timeout, new.tls_server_name) == (old.ca_file, 12.5, "cert.example.org")
    assert (new.port, new.security, new.username) == (587, "starttls", "zoe")


def test_a_new_host_drops_the_certificate_name_of_the_old_one(tmp_path):
    new = merge(base(tmp_path), host="smtp.other.example").settings
    assert new.tls_server_name == "" and new.ca_file  # the CA file is the user's own choice: kept


def test_proton_preset_sets_its_tls_server_name_and_keeps_the_ca_file(tmp_path):
    change = merge(base(tmp_path), preset="proton")
    assert (change.settings.host, change.settings.port, change.settings.tls_server_name) == ("127.0.0.1", 1025, "0.0.0.0")
    assert change.settings.ca_file and "Bridge" in change.note
    # The screen sends the preset's values back with the form: the name survives that too.
    again = merge(base(tmp_path), preset="proton", host="127.0.0.1", port="1025", security="starttls").settings
    assert again.tls_server_name == "0.0.0.0"


@pytest.mark.parametrize("fields, words", [({"port": "abc"}, "port"), ({"timeout": "soon"}, "timeout"),
                                           ({"security": "tls9"}, "security")])
def test_bad_fields_are_one_user_error(tmp_path, fields, words):
    with pytest.raises(UserError, match=words):
        merge(base(tmp_path), **fields)


def test_missing_fields_are_named():
    with pytest.raises(UserError, match="host.*from address"):
        merge(None, port=465, security="ssl")


# --- the CLI and the screen through the same service ------------------------------------------


@pytest.fixture
def cli_home(capsys, monkeypatch):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", PASS)
    assert run_main(capsys, "init")[0] == 0


def shown(capsys):
    rc, out, err = run_main(capsys, "config", "smtp", "show", "--json")
    assert rc == 0, err
    return json.loads(out)


def test_cli_keeps_ca_file_timeout_and_tls_server_name(cli_home, capsys, tmp_path):
    ca = tmp_path / "bridge.pem"
    ca.write_text("pem\n")
    rc, _, err = run_main(capsys, "config", "smtp", "--preset", "proton", "--from", "zoe@proton.me",
                          "--ca-file", str(ca), "--timeout", "12")
    assert rc == 0, err
    rc, _, err = run_main(capsys, "config", "smtp", "--username", "zoe@proton.me")
    assert rc == 0, err
    data = shown(capsys)
    assert (data["tls_server_name"], data["ca_file"], data["timeout"]) == ("0.0.0.0", str(ca), 12.0)
    assert data["username"] == "zoe@proton.me"
    rc, _, err = run_main(capsys, "config", "smtp", "--timeout", "0")
    assert rc == 2 and "timeout" in err and shown(capsys)["timeout"] == 12.0  # refused: nothing written
    rc, _, err = run_main(capsys, "config", "smtp", "--host", "smtp.elsewhere.example")
    assert rc == 0, err
    assert shown(capsys)["tls_server_name"] == ""


@pytest.fixture
def app_home(monkeypatch, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    ca = tmp_path / "ca.pem"
    ca.write_text("pem\n")
    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    Store(vault).set_setting("smtp", SmtpSettings(host="mail.example.org", port=465, security="ssl", username="zoe",
                                                  from_addr="zoe@example.org", ca_file=str(ca), timeout=12.5,
                                                  tls_server_name="cert.example.org").to_dict())
    vault.close()
    return ca


def stored_smtp() -> dict:
    with Vault.open(paths(), passphrase=PASS) as vault:
        return dict(Store(vault).setting("smtp"))


async def open_settings(app, pilot):
    await settle(app, pilot)
    app.action_settings()
    await settle(app, pilot)
    assert type(app.screen).__name__ == "SettingsScreen"
    return app.screen


async def test_settings_screen_save_keeps_ca_file_timeout_and_tls_server_name(app_home):
    from textual.widgets import Input

    from privacy_tui.ui.app import build_app

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(app, pilot)
        assert screen.query_one("#smtp-host", Input).value == "mail.example.org"
        screen.query_one("#smtp-username", Input).value = "zoe2"
        screen.query_one("#save-smtp").press()
        await settle(app, pilot)
    data = stored_smtp()
    assert data["username"] == "zoe2"
    assert (data["ca_file"], data["timeout"], data["tls_server_name"]) == (str(app_home), 12.5, "cert.example.org")


async def test_settings_screen_proton_preset_sets_the_tls_server_name(app_home):
    from textual.widgets import Select

    from privacy_tui.ui.app import build_app

    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#smtp-preset", Select).value = "proton"
        await settle(app, pilot)
        screen.query_one("#save-smtp").press()
        await settle(app, pilot)
    data = stored_smtp()
    assert (data["host"], data["port"], data["security"]) == ("127.0.0.1", 1025, "starttls")
    assert data["tls_server_name"] == "0.0.0.0" and data["ca_file"] == str(app_home) and data["timeout"] == 12.5
