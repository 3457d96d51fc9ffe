"""First run (create the vault, show the recovery key once) and later runs (keyring, else a passphrase)."""

from __future__ import annotations

import os

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, Static

from privacy_tui.core.errors import PrivacyTuiError
from privacy_tui.ui import safe
from privacy_tui.ui.messages import VaultCreated, VaultFailed, VaultLocked, VaultReady
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.strength import MIN_LENGTH, strength_hint
from privacy_tui.ui.workers import run_in_thread


def open_vault(app, passphrase: str | None):
    from privacy_tui.vault import errors
    from privacy_tui.vault.store import Store
    from privacy_tui.vault.vault import Vault

    try:
        vault = Vault.open(app.paths, writable=True, passphrase=passphrase or None)
    except errors.VaultLocked as exc:
        # Locked with no passphrase tried yet: ask for one. With one given, say why it failed.
        return VaultLocked() if passphrase is None else VaultFailed(str(exc))
    except errors.WrongPassphrase as exc:
        return VaultFailed(str(exc), wrong_passphrase=True)
    except PrivacyTuiError as exc:
        return VaultFailed(str(exc))
    for warning in vault.warnings:  # a rolled-back vault, a foreign owner: said until resolved
        app.notify(warning, title="Warning", severity="warning", timeout=30, markup=False)
    return VaultReady(Store(vault), vault.unlocked_by)


class StartScreen(BaseScreen):
    """Decides where to go: create a vault, unlock through the keyring, or ask for the passphrase."""

    def compose(self) -> ComposeResult:
        # Shown for a moment only: no header or footer to lay out (a footer alone costs tens of ms).
        yield Center(Label("Opening your vault…", id="opening"))

    def on_mount(self) -> None:
        if not self.app.paths.vault.exists():
            self.app.switch_screen(CreateVaultScreen())
            return
        passphrase = self.app.start_passphrase
        if passphrase is None and not os.environ.get("PRIVACY_TUI_PASSPHRASE"):
            from privacy_tui.ui.opening import open_in_background

            open_in_background(self.app)  # through the keyring, dashboard first
            return
        run_in_thread(self, "open the vault", lambda: open_vault(self.app, passphrase))

    def on_vault_ready(self, message: VaultReady) -> None:
        self.app.set_store(message.store)
        self.app.show_home()

    def on_vault_locked(self, message: VaultLocked) -> None:
        self.app.switch_screen(UnlockScreen())

    def on_vault_failed(self, message: VaultFailed) -> None:
        if message.wrong_passphrase:
            self.app.switch_screen(UnlockScreen())
        else:
            self.app.switch_screen(VaultErrorScreen(message.reason))


def keyring_sentence() -> str:
    """What the keyring means for this user, truthfully: no passphrase day to day, or one at every start."""
    from privacy_tui.vault.keyring_store import why_no_keyring

    why = why_no_keyring()
    if not why:
        return "Day to day the key is kept in your system keyring, so you will not need to type the passphrase."
    return f"{why[0].upper()}{why[1:]}, so you will type this passphrase at every start."


class CreateVaultScreen(BaseScreen):
    # Enter is handled before the next key is handed out (a priority binding), so that a
    # passphrase typed ahead after Enter lands in the second field, not the end of the first.
    BINDINGS = [Binding("enter", "enter", "Next / create", show=False, priority=True)]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="dialog-page"):
            with Vertical(classes="dialog", id="create-vault"):
                yield Static("Welcome to privacy-tui", classes="dialog-title")
                yield Static(
                    Content("Everything you record is kept in one encrypted vault on this computer. "
                            "Choose a passphrase for it. " + keyring_sentence()),
                    classes="dialog-text", id="welcome-text",
                )
                yield Label("Passphrase")
                yield Input(password=True, id="pass1", placeholder=f"at least {MIN_LENGTH} characters")
                yield Static(strength_hint("")[1], id="strength", classes="hint")
                yield Label("Repeat the passphrase")
                yield Input(password=True, id="pass2")
                yield Static("", id="create-error", classes="error-line")
                with Horizontal(classes="buttons"):
                    yield Button("Create vault", variant="primary", id="create")
                    yield Button("Quit", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pass1", Input).focus()

    @on(Input.Changed, "#pass1")
    def _hint(self, event: Input.Changed) -> None:
        level, words = strength_hint(event.value)
        hint = self.query_one("#strength", Static)
        hint.update(Content(words))
        hint.set_classes(f"hint strength-{level}")

    def action_enter(self) -> None:
        focused = self.focused
        if focused is self.query_one("#pass1", Input):
            self.set_focus(self.query_one("#pass2", Input))  # now, not after the keys already typed
        elif isinstance(focused, Button):
            focused.press()
        else:
            self.create()

    @on(Button.Pressed, "#create")
    def create(self) -> None:
        if self.query_one("#create", Button).disabled:
            return  # already creating: a second Enter typed ahead must not start another
        first = self.query_one("#pass1", Input).value
        second = self.query_one("#pass2", Input).value
        error = self.query_one("#create-error", Static)
        if len(first) < MIN_LENGTH:
            error.update(f"The passphrase must be at least {MIN_LENGTH} characters.")
            self.query_one("#pass1", Input).focus()
            return
        if first != second:
            error.update("The two passphrases differ: type the same passphrase twice.")
            self.query_one("#pass2", Input).focus()
            return
        error.update("Creating the vault…")
        self.query_one("#create", Button).disabled = True
        app = self.app

        def create():
            from privacy_tui.vault.store import Store
            from privacy_tui.vault.vault import Vault

            try:
                vault, recovery = Vault.create(app.paths, first, use_keyring=True)
            except PrivacyTuiError as exc:
                return VaultFailed(str(exc))
            return VaultCreated(Store(vault), recovery)

        run_in_thread(self, "create the vault", create)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit(0)

    def on_vault_created(self, message: VaultCreated) -> None:
        self.app.set_store(message.store)
        self.app.switch_screen(RecoveryKeyScreen(message.recovery_key))

    def on_vault_failed(self, message: VaultFailed) -> None:
        self.query_one("#create-error", Static).update(safe.text(message.reason))
        self.query_one("#create", Button).disabled = False


class RecoveryKeyScreen(BaseScreen):
    """The recovery key, shown this once; the user confirms they saved it before going on."""

    # One step, one key: the focused button says what Enter does. (A checkbox ticked by the first
    # Enter only changed colour, and a second Enter was needed.)
    BINDINGS = [Binding("enter", "continue", "I have saved it: continue")]

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="dialog-page"):
            with Vertical(classes="dialog", id="recovery"):
                yield Static("Your recovery key", classes="dialog-title")
                yield Static(
                    "If you forget your passphrase, this key is the only way back into your vault. "
                    "Write it down or store it in a password manager now: it is shown only this once.",
                    classes="dialog-text",
                )
                yield Static(self.recovery_key, id="recovery-key")
                yield Static("When it is saved, press Enter.", classes="hint")
                with Horizontal(classes="buttons"):
                    yield Button("I have saved my recovery key: continue", variant="primary", id="continue")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        if not self.recovery_key:
            return  # already continuing
        self.recovery_key = ""
        self.app.show_home()
        from privacy_tui.services.directory_store import store_path

        if not store_path().exists():  # the first run: offer the company directory at once
            self.app.action_directory_import(first_run=True)


def unlock_reason() -> str:
    from privacy_tui.vault.keyring_store import why_no_keyring

    why = why_no_keyring()
    if why:
        return f"{why[0].upper()}{why[1:]}, so the passphrase is needed at every start."
    return "The vault key is not in your system keyring, so the passphrase is needed."


class UnlockScreen(BaseScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="dialog-page"):
            with Vertical(classes="dialog", id="unlock"):
                yield Static("Unlock your vault", classes="dialog-title")
                yield Static(Content(unlock_reason()), classes="dialog-text", id="unlock-reason")
                yield Label("Passphrase")
                yield Input(password=True, id="passphrase")
                yield Static("", id="unlock-error", classes="error-line")
                with Horizontal(classes="buttons"):
                    yield Button("Unlock", variant="primary", id="unlock-button")
                    yield Button("Quit", id="quit")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#unlock-button")
    def unlock(self) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        error = self.query_one("#unlock-error", Static)
        if not passphrase:
            error.update("Type your passphrase.")
            return
        error.update("Unlocking…")
        run_in_thread(self, "unlock the vault", lambda: open_vault(self.app, passphrase), exclusive=True)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit(0)

    def on_vault_ready(self, message: VaultReady) -> None:
        self.app.set_store(message.store)
        self.app.show_home()

    def on_vault_failed(self, message: VaultFailed) -> None:
        if message.wrong_passphrase:
            self.query_one("#unlock-error", Static).update("Wrong passphrase: try again.")
            box = self.query_one("#passphrase", Input)
            box.value = ""
            box.focus()
        else:
            self.app.switch_screen(VaultErrorScreen(message.reason))


class VaultErrorScreen(BaseScreen):
    """The one-line reason the vault cannot be used, and how to get back to a working one."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    def compose(self) -> ComposeResult:
        backups = self.app.paths.backups
        found = sorted(backups.glob("*.ptv"), reverse=True)[:3] if backups.is_dir() else []
        how = [
            "To restore a backup, quit and run:",
            "    privacy-tui vault restore FILE",
            f"Automatic backups are kept in {backups}",
        ]
        if found:
            how.append("Most recent: " + ", ".join(p.name for p in found))
        yield Header()
        with VerticalScroll(classes="dialog-page"):
            with Vertical(classes="dialog", id="vault-error"):
                yield Static("The vault cannot be opened", classes="dialog-title error-title")
                yield Static(safe.text(self.reason), id="vault-error-reason", classes="error-line")
                yield Static(safe.text("\n".join(how)), classes="dialog-text")  # paths and file names are data
                with Horizontal(classes="buttons"):
                    yield Button("Quit", variant="error", id="quit")
        yield Footer()

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.app.exit(3)
