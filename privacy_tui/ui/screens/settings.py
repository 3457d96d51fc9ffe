"""Settings: profile, SMTP (with a connection test), DRP agent, keyring status, vault backup/restore/passphrase, theme."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TabbedContent, TabPane, TextArea

from privacy_tui.ui import safe
from privacy_tui.ui.messages import Done, SettingsLoaded, WorkFailed
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.strength import MIN_LENGTH
from privacy_tui.ui.workers import run_in_thread, store_work

PROFILE_FIELDS = (
    ("name", "Full name"),
    ("email", "Email address"),
    ("address", "Postal address"),
    ("country", "Country of residence (ISO code, e.g. DE, GB, US)"),
    ("state", "State / region (US state for the state laws, e.g. CA)"),
    ("phone", "Phone"),
)
SECURITY = (("SSL/TLS (465)", "ssl"), ("STARTTLS (587)", "starttls"), ("none (this computer only)", "none"))


def preset_options() -> list[tuple[str, str]]:
    from privacy_tui.transport.smtp_settings import PRESETS

    return [(p.label, key) for key, p in PRESETS.items()]


def load_settings(store) -> SettingsLoaded:
    from privacy_tui.services.vault_admin import vault_info
    from privacy_tui.vault.keyring_store import keyring_name, why_no_keyring

    about = vault_info(store)
    why = why_no_keyring()
    if not why:
        keyring = f"available ({keyring_name()}); vault key {'stored' if about.key_in_keyring else 'not stored'} there; unlocked by {about.unlocked_by}"
    else:
        keyring = f"not available ({why}): the passphrase is asked at every start (unlocked by {about.unlocked_by})"
    drp = dict(store.setting("drp", {}) or {})
    return SettingsLoaded(store.profile(), store.setting("smtp"), keyring, drp.get("agent_id", ""))


def smtp_from_form(base, values: dict, preset: str | None = None):
    """The stored settings (`base`, SmtpSettings or None) changed by the form and the picked preset."""
    from privacy_tui.services.smtp_settings import merge

    return merge(base, preset=preset, **values).settings


def _stored_smtp(raw):
    from privacy_tui.core.errors import UserError
    from privacy_tui.transport.smtp_settings import SmtpSettings

    try:
        return SmtpSettings.from_dict(raw) if raw else None
    except UserError:  # an unreadable record: the form starts from scratch, saving replaces it
        return None


# The sections Esc checks for unsaved changes: (save action, what to call it in the question).
SECTIONS = {"profile": ("save the profile", "your profile"), "smtp": ("save the SMTP settings", "the email (SMTP) settings"),
            "drp": ("save the DRP settings", "the DRP agent")}
FIRST_FIELD = {"tab-profile": "#pf-name", "tab-smtp": "#smtp-preset", "tab-drp": "#drp-agent", "tab-vault": "#backup-path",
               "tab-theme": "#theme"}


class SettingsScreen(BaseScreen):
    BINDINGS = [Binding("escape", "leave", "Back"), Binding("ctrl+s", "save", "Save this tab")]
    _smtp_base = None  # the stored SmtpSettings: the form changes only the fields it shows
    _smtp_preset: str | None = None  # picked since the last save

    def __init__(self, *, tab: str = "", focus: str = "", press: bool = False) -> None:
        super().__init__()
        self.tab = tab or "tab-profile"
        self.first_focus = focus or FIRST_FIELD.get(self.tab, "#pf-name")
        self.press_test = press  # "Test the SMTP connection" from the menu: test once the settings are loaded
        self.saved_values: dict[str, dict] | None = None  # as loaded or last saved, per section
        self.leaving: set[str] = set()  # save actions still running before the screen closes

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="settings", initial=self.tab):
            with TabPane("Profile", id="tab-profile"):
                with VerticalScroll(classes="form"):
                    yield Static("Used in your letters only as far as you choose for each request.", classes="hint")
                    for key, label in PROFILE_FIELDS:
                        yield Label(label)
                        if key == "address":
                            yield TextArea(id="pf-address", classes="short-area")
                        else:
                            yield Input(id=f"pf-{key}")
                    yield Static("", id="profile-status", classes="error-line")
                    yield Button("Save profile", variant="primary", id="save-profile")
            with TabPane("Email (SMTP)", id="tab-smtp"):
                with VerticalScroll(classes="form"):
                    yield Label("Provider preset")
                    yield Select(preset_options(), id="smtp-preset", prompt="choose to fill host, port and security")
                    yield Label("Host")
                    yield Input(id="smtp-host", placeholder="smtp.example.com")
                    yield Label("Port")
                    yield Input(id="smtp-port", value="465")
                    yield Label("Security")
                    yield Select(SECURITY, id="smtp-security", value="ssl", allow_blank=False)
                    yield Label("Username")
                    yield Input(id="smtp-username")
                    yield Label("From address")
                    yield Input(id="smtp-from", placeholder="you@example.com")
                    yield Label("Password (kept in the system keyring, never in the vault)")
                    yield Input(id="smtp-password", password=True, placeholder="leave empty to keep the stored one")
                    yield Static("", id="smtp-status", classes="error-line")
                    with Horizontal(classes="buttons"):
                        yield Button("Save", variant="primary", id="save-smtp")
                        yield Button("Test connection", id="test-smtp")
            with TabPane("DRP agent", id="tab-drp"):
                with VerticalScroll(classes="form"):
                    yield Static("The Data Rights Protocol lets you send requests to companies that support it.", classes="hint")
                    yield Label("Agent id")
                    yield Input(id="drp-agent")
                    yield Static("", id="drp-keyring", classes="hint")
                    yield Static("", id="drp-status", classes="error-line")
                    yield Button("Save", variant="primary", id="save-drp")
            with TabPane("Vault", id="tab-vault"):
                with VerticalScroll(classes="form"):
                    yield Label("Keyring")
                    yield Static("", id="keyring-status")
                    yield Label("Back up the vault to (a file or folder)")
                    with Horizontal(classes="settings-row"):
                        yield Input(id="backup-path", value="~")
                        yield Button("Back up", id="backup")
                    yield Label("Restore the vault from a backup file")
                    with Horizontal(classes="settings-row"):
                        yield Input(id="restore-path", placeholder="path of a .ptv backup")
                        yield Button("Restore", variant="warning", id="restore")
                    yield Label("Change the passphrase")
                    yield Input(id="new-pass1", password=True, placeholder=f"new passphrase, at least {MIN_LENGTH} characters")
                    yield Input(id="new-pass2", password=True, placeholder="repeat it")
                    yield Button("Change passphrase", id="change-pass")
                    yield Static("", id="vault-status", classes="error-line")
            with TabPane("Appearance", id="tab-theme"):
                with VerticalScroll(classes="form"):
                    yield Label("Theme")
                    yield Select([(t, t) for t in sorted(self.app.available_themes)], id="theme", value=self.app.theme, allow_blank=False)
        yield Footer()

    def on_mount(self) -> None:
        # The first field has the focus at once, so the first keystrokes are not lost.
        self.query_one(self.first_focus).focus()
        store_work(self, "load the settings", load_settings)
        from privacy_tui.vault.drp_keys import keyring_status

        # keyring_status is total: a missing or broken keyring reads as "unavailable: why".
        self.query_one("#drp-keyring", Static).update(safe.text(f"Agent key storage: {keyring_status()}"))

    def on_settings_loaded(self, message: SettingsLoaded) -> None:
        p = message.profile
        for key, _ in PROFILE_FIELDS:
            if key == "address":
                self.query_one("#pf-address", TextArea).text = safe.plain(p.address)
            else:
                self.query_one(f"#pf-{key}", Input).value = safe.plain(getattr(p, key) or "", multiline=False)
        smtp = message.smtp or {}
        self._smtp_base = _stored_smtp(smtp)
        if smtp:
            self.query_one("#smtp-host", Input).value = safe.plain(smtp.get("host", ""), multiline=False)
            self.query_one("#smtp-port", Input).value = safe.plain(smtp.get("port", ""), multiline=False)
            self.query_one("#smtp-security", Select).value = smtp.get("security", "ssl")
            self.query_one("#smtp-username", Input).value = safe.plain(smtp.get("username", ""), multiline=False)
            self.query_one("#smtp-from", Input).value = safe.plain(smtp.get("from_addr", ""), multiline=False)
        self.query_one("#keyring-status", Static).update(safe.text(message.keyring))
        self.query_one("#drp-agent", Input).value = safe.plain(message.drp, multiline=False)
        self.saved_values = {name: self._section_values(name) for name in SECTIONS}
        if self.press_test:
            self.press_test = False
            self._test_smtp()

    # --- unsaved changes -------------------------------------------------------------------
    def _section_values(self, name: str) -> dict:
        if name == "profile":
            values = {key: self.query_one(f"#pf-{key}", Input).value for key, _ in PROFILE_FIELDS if key != "address"}
            values["address"] = self.query_one("#pf-address", TextArea).text
            return values
        if name == "smtp":
            return {**self._smtp_values(), "password": self.query_one("#smtp-password", Input).value}
        return {"agent": self.query_one("#drp-agent", Input).value}

    def unsaved(self) -> list[str]:
        """The sections whose fields differ from what was loaded or last saved."""
        if self.saved_values is None:
            return []
        return [name for name in SECTIONS if self._section_values(name) != self.saved_values.get(name)]

    def action_save(self) -> None:
        # The save button may be below the fold of a short terminal: ctrl+s saves the open tab.
        savers = {"tab-profile": self._save_profile, "tab-smtp": self._save_smtp, "tab-drp": self._save_drp}
        saver = savers.get(str(self.query_one("#settings", TabbedContent).active))
        if saver is not None:
            saver()

    def action_leave(self) -> None:
        dirty = self.unsaved()
        if not dirty:
            self.app.pop_screen()
            return
        from privacy_tui.ui.screens.unsaved import UnsavedScreen

        what = " and ".join(SECTIONS[name][1] for name in dirty)
        self.app.push_screen(UnsavedScreen(what), lambda choice: self._after_question(choice, dirty))

    def _after_question(self, choice: str | None, dirty: list[str]) -> None:
        if choice == "discard":
            self.app.pop_screen()
        elif choice == "save":
            self.leaving = {SECTIONS[name][0] for name in dirty}
            savers = {"profile": self._save_profile, "smtp": self._save_smtp, "drp": self._save_drp}
            for name in dirty:
                savers[name]()

    # --- profile -------------------------------------------------------------------------
    @on(Button.Pressed, "#save-profile")
    def _save_profile(self) -> None:
        fields = {key: self.query_one(f"#pf-{key}", Input).value for key, _ in PROFILE_FIELDS if key != "address"}
        fields["address"] = self.query_one("#pf-address", TextArea).text

        def save(store):
            from privacy_tui.services.profile import update_profile

            update_profile(store, fields)
            return Done("save the profile", "Profile saved")

        store_work(self, "save the profile", save)

    # --- SMTP ----------------------------------------------------------------------------
    @on(Select.Changed, "#smtp-preset")
    def _preset(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK:
            return
        from privacy_tui.transport.smtp_settings import PRESETS

        p = PRESETS[str(event.value)]
        self._smtp_preset = p.key  # applied on save too: its TLS server name is not in the form
        self.query_one("#smtp-host", Input).value = p.host
        self.query_one("#smtp-port", Input).value = str(p.port)
        self.query_one("#smtp-security", Select).value = p.security
        self.query_one("#smtp-status", Static).update(safe.text(p.note))
        self.hint_for_host = p.host  # the provider's hint holds only while the host is the preset's

    @on(Input.Changed, "#smtp-host")
    def _host_changed(self, event: Input.Changed) -> None:
        if getattr(self, "hint_for_host", None) is not None and event.value.strip() != self.hint_for_host:
            self.hint_for_host = None
            self.query_one("#smtp-status", Static).update("")

    def _smtp_values(self) -> dict:
        return {
            "host": self.query_one("#smtp-host", Input).value,
            "port": self.query_one("#smtp-port", Input).value,
            "security": str(self.query_one("#smtp-security", Select).value),
            "username": self.query_one("#smtp-username", Input).value,
            "from_addr": self.query_one("#smtp-from", Input).value,
        }

    @on(Button.Pressed, "#save-smtp")
    def _save_smtp(self) -> None:
        values, password = self._smtp_values(), self.query_one("#smtp-password", Input).value
        preset = self._smtp_preset

        def save(store):
            from privacy_tui.services.smtp_settings import save as save_smtp
            from privacy_tui.services.smtp_settings import stored

            settings = smtp_from_form(stored(store), values, preset)
            save_smtp(store, settings, password=password or None)
            self._smtp_base, self._smtp_preset = settings, None
            return Done("save the SMTP settings", "SMTP settings saved" + (" (password in the keyring)" if password else ""))

        store_work(self, "save the SMTP settings", save)

    @on(Button.Pressed, "#test-smtp")
    def _test_smtp(self) -> None:
        values, typed = self._smtp_values(), self.query_one("#smtp-password", Input).value
        base, preset = self._smtp_base, self._smtp_preset
        self.query_one("#smtp-status", Static).update("Connecting…")

        def test():
            from privacy_tui.transport.smtp import test_connection
            from privacy_tui.vault.smtp_secrets import resolve_smtp_password

            settings = smtp_from_form(base, values, preset)
            password = typed or resolve_smtp_password(settings)
            return Done("test the connection", f"Connection works: {test_connection(settings, password)}")

        run_in_thread(self, "test the connection", test, exclusive=True)

    # --- DRP -----------------------------------------------------------------------------
    @on(Button.Pressed, "#save-drp")
    def _save_drp(self) -> None:
        agent = self.query_one("#drp-agent", Input).value

        def save(store):
            from privacy_tui.services.drp import configure

            configure(store, agent_id=agent)
            return Done("save the DRP settings", "DRP agent saved")

        store_work(self, "save the DRP settings", save)

    # --- vault ---------------------------------------------------------------------------
    @on(Button.Pressed, "#backup")
    def _backup(self) -> None:
        target = Path(self.query_one("#backup-path", Input).value).expanduser()
        app = self.app

        def backup(store):
            from privacy_tui.services.vault_admin import backup_to

            return Done("back up the vault", f"Backed up to {backup_to(app.paths, target)}")

        store_work(self, "back up the vault", backup)

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        source = Path(self.query_one("#restore-path", Input).value).expanduser()
        app = self.app

        def restore():
            from privacy_tui.services.session import open_app_store
            from privacy_tui.services.vault_admin import restore_from

            # The app holds the vault open: close it, restore, open the restored one (the old becomes a backup).
            app.close_vault()
            try:
                counts = restore_from(app.paths, source)
            finally:
                app.set_store(open_app_store(app.paths))
            return Done("restore the vault", f"Restored: {counts['companies']} companies, {counts['requests']} requests")

        run_in_thread(self, "restore the vault", restore, exclusive=True)

    @on(Button.Pressed, "#change-pass")
    def _change_pass(self) -> None:
        first = self.query_one("#new-pass1", Input).value
        second = self.query_one("#new-pass2", Input).value
        status = self.query_one("#vault-status", Static)
        if len(first) < MIN_LENGTH:
            status.update(f"The new passphrase must be at least {MIN_LENGTH} characters.")
            return
        if first != second:
            status.update("The two passphrases differ.")
            return

        def change(store):
            from privacy_tui.services.vault_admin import change_passphrase

            change_passphrase(store, first)
            return Done("change the passphrase", "Passphrase changed")

        store_work(self, "change the passphrase", change)

    # --- theme ---------------------------------------------------------------------------
    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if event.value is not Select.BLANK and event.value != self.app.theme:
            self.app.theme = str(event.value)

    # --- results -------------------------------------------------------------------------
    STATUS_FOR = {
        "save the profile": "#profile-status",
        "save the SMTP settings": "#smtp-status",
        "test the connection": "#smtp-status",
        "save the DRP settings": "#drp-status",
    }

    def on_done(self, message: Done) -> None:
        section = next((name for name, (action, _) in SECTIONS.items() if action == message.action), None)
        if section is not None and self.saved_values is not None:
            self.saved_values[section] = self._section_values(section)
        if message.action in self.leaving:
            self.leaving.discard(message.action)
            if not self.leaving:  # everything asked for is saved: leave as the user wanted
                self.notify(message.text, title="Settings")
                self.app.pop_screen()
                return
        target = self.STATUS_FOR.get(message.action, "#vault-status")
        self.query_one(target, Static).update(safe.join(("✓", "bold"), " ", message.text))
        # No toast: the line beside the form says it, and a toast would cover that line.
        if message.action == "change the passphrase":
            self.query_one("#new-pass1", Input).value = ""
            self.query_one("#new-pass2", Input).value = ""
        if message.action == "restore the vault":
            store_work(self, "load the settings", load_settings)

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.leaving.clear()  # stay: the reason is shown beside the form
        target = self.STATUS_FOR.get(message.action, "#vault-status")
        self.query_one(target, Static).update(safe.text(f"Could not {message.action}: {message.reason}"))
