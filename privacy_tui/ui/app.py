"""The Textual app: a thin shell over the same services the command line uses.

`build_app()` is the one way to make the app, for `privacy-tui` and for the tests alike
(Posting's pattern). Everything that touches the vault, the network or an analyzer runs in a
worker; the results come back as the typed messages of `privacy_tui.ui.messages`.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from privacy_tui.vault.paths import Paths
from privacy_tui.vault.paths import paths as default_paths

T = TypeVar("T")

THEMES = ("textual-dark", "textual-light")


class PrivacyApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "privacy-tui"
    SUB_TITLE = "your data, your rights, every deadline"

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "menu", "Menu"),
        Binding("f3", "directory_import", "Import directory", show=False),
        Binding("f4", "reminders", "Reminders", show=False),
        Binding("f5", "deadline", "Deadline calculator", show=False),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Focus moves at once, before the next key is handed out: with the screen's own (bubbling)
        # Tab, a key typed right after Tab still reached the field being left ("W Tab Q").
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        paths: Paths,
        today: date | None = None,
        theme: str | None = None,
        passphrase: str | None = None,
        blink: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self._today = today
        self.start_passphrase = passphrase
        self.blink = blink
        self.store: Any = None  # privacy_tui.vault.store.Store once unlocked
        self._store_lock = threading.Lock()
        self._initial_theme = theme
        self.overdue_checked = False  # the start-up "newly overdue" toast is shown at most once per run
        self.first_paint = threading.Event()  # set once the dashboard has painted (see ui.opening)
        self.closing = False
        self.crash: BaseException | None = None  # the first unexpected error, reported by launch()
        if not blink:
            self.animation_level = "none"

    # --- the clock and the vault ------------------------------------------------------
    @property
    def today(self) -> date:
        """'Today' for deadlines; fixed by build_app(today=...) or PRIVACY_TUI_TODAY so tests and screenshots are stable."""
        return self._today or date.today()

    def with_store(self, fn: Callable[[Any], T]) -> T:
        """Run `fn(store)` holding the vault lock (call from a worker thread: TinyDB is not thread-safe)."""
        if self.store is None:
            from privacy_tui.core.errors import VaultError

            raise VaultError("the vault is not open")
        with self._store_lock:
            return fn(self.store)

    def set_store(self, store: Any) -> None:
        self.store = store

    def adopt_store(self, store: Any) -> bool:
        """From a worker: take the store opened in the background, unless the app is closing."""
        with self._store_lock:
            if self.closing:
                store.close()
                return False
            self.store = store
            return True

    def close_vault(self) -> None:
        with self._store_lock:
            self.closing = True
            if self.store is not None:
                self.store.close()
                self.store = None

    # --- lifecycle --------------------------------------------------------------------
    def on_mount(self) -> None:
        if self._initial_theme in THEMES or (self._initial_theme and self._initial_theme in self.available_themes):
            self.theme = self._initial_theme
        from privacy_tui.ui.screens.unlock import StartScreen

        self.push_screen(StartScreen())

    def on_unmount(self) -> None:
        self.first_paint.set()  # release a background opener still waiting for it
        self.close_vault()

    def on_vault_opening(self, message) -> None:
        from privacy_tui.ui.opening import after_opening

        after_opening(self, message)

    def watch_theme(self, theme: str) -> None:
        # The theme is the one preference kept outside the vault: it says nothing about the user.
        if self.is_mounted and theme != self._initial_theme:
            save_theme(self.paths, theme)

    def show_home(self, preview: Any = None) -> None:
        """After unlocking: the dashboard becomes the bottom of the screen stack (shown from
        `preview`, a DashboardLoaded from the summary, while the vault is still opening)."""
        from privacy_tui.ui.screens.dashboard import DashboardScreen

        self.switch_screen(DashboardScreen(preview))

    def notify_overdue(self, items: list) -> None:
        """The start-up toast: requests that passed their deadline since the app last started."""
        from privacy_tui.ui import safe
        from privacy_tui.ui.reminders import toast_text

        n = len(items)
        title = f"{n} request{'s' if n != 1 else ''} became overdue since the last start"
        safe.notify(self, toast_text(items), title=title, severity="warning", timeout=15)

    async def on_event(self, event: events.Event) -> None:
        # Every paste, whatever widget it goes to, loses its control characters first: Inputs
        # and TextAreas draw their text as it is (an ESC in a pasted policy would reach the terminal).
        if isinstance(event, events.Paste) and not event.is_forwarded:
            from privacy_tui.ui.safe import pasted

            event.text = pasted(event.text)
        await super().on_event(event)

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own handler (8.x) without its traceback-with-locals, which is never even
        # rendered: `launch` reports `crash` in one line after the app exits (see ui.crash). The
        # rest is as Textual does it: return code 1, the first error kept for Pilot to re-raise
        # in tests, the app closing.
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        if self.crash is None:
            self.crash = error
        self._close_messages_no_wait()

    # --- navigation actions (bindings live on the screens; the palette lists them all) ---
    def need_store(self) -> bool:
        if self.store is None:
            from privacy_tui.ui.screens.dashboard import DashboardScreen

            opening = any(isinstance(s, DashboardScreen) for s in self.screen_stack)  # shown from the summary
            self.notify("The vault is still opening…" if opening else "Unlock the vault first", severity="warning")
            return False
        return True

    def action_dashboard(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.dashboard import DashboardScreen

            while len(self.screen_stack) > 2:
                self.pop_screen()
            if not isinstance(self.screen, DashboardScreen):
                self.switch_screen(DashboardScreen())

    def action_companies(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.companies import CompaniesScreen

            self.push_screen(CompaniesScreen())

    def action_new_company(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.company_form import CompanyFormScreen

            self.push_screen(CompanyFormScreen())

    def action_import_policy(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.policy_import import PolicyImportScreen

            self.push_screen(PolicyImportScreen())

    def action_directory(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.directory_pick import DirectoryScreen

            self.push_screen(DirectoryScreen())

    def action_new_request(self, company_ids: Iterable[str] = ()) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.new_request import NewRequestScreen

            self.push_screen(NewRequestScreen(tuple(company_ids)))

    def action_open_request(self, request_id: str) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.request_detail import RequestDetailScreen

            self.push_screen(RequestDetailScreen(request_id))

    def action_open_company(self, company_id: str) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.company_detail import CompanyDetailScreen

            self.push_screen(CompanyDetailScreen(company_id))

    def action_inbox(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.inbox import InboxScreen

            if not isinstance(self.screen, InboxScreen):
                self.push_screen(InboxScreen())

    def action_settings(self, tab: str = "", focus: str = "", press: bool = False) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.settings import SettingsScreen

            self.push_screen(SettingsScreen(tab=tab, focus=focus, press=press))

    def action_menu(self) -> None:
        from privacy_tui.ui.screens.menu import MenuScreen

        if not isinstance(self.screen, MenuScreen):
            self.push_screen(MenuScreen())

    def action_directory_import(self, first_run: bool = False) -> None:
        # The directory is public data outside the vault: it can be imported before the vault opens.
        from privacy_tui.ui.screens.directory_import import DirectoryImportScreen

        if not isinstance(self.screen, DirectoryImportScreen):
            self.push_screen(DirectoryImportScreen(first_run=first_run))

    def action_reminders(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.reminders import RemindersScreen

            self.push_screen(RemindersScreen())

    def action_deadline(self) -> None:
        from privacy_tui.ui.screens.deadline_calc import DeadlineScreen

        if not isinstance(self.screen, DeadlineScreen):
            self.push_screen(DeadlineScreen())

    def action_export_ics(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.export import ExportScreen

            self.push_screen(ExportScreen("ics"))

    def action_export_json(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.export import ExportScreen

            self.push_screen(ExportScreen("json"))

    def action_vault_check(self) -> None:
        if self.need_store():
            from privacy_tui.ui.screens.report import ReportScreen, vault_check

            self.push_screen(ReportScreen("Vault check", "check the vault", vault_check))

    def action_vault_backup(self) -> None:
        self.action_settings("tab-vault", "#backup-path")

    def action_vault_restore(self) -> None:
        self.action_settings("tab-vault", "#restore-path")

    def action_smtp_test(self) -> None:
        self.action_settings("tab-smtp", "#test-smtp", press=True)

    def action_drp_settings(self) -> None:
        self.action_settings("tab-drp", "#drp-agent")

    def action_help(self) -> None:
        from privacy_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from privacy_tui.ui.actions import ACTIONS

        if self.store is not None:
            for item in ACTIONS:
                key = f" (key: {item.key})" if item.key else " (F2 menu)"
                yield SystemCommand(item.title, item.help + key, getattr(self, f"action_{item.action}"))
        else:  # before the vault is open, what does not need it
            for item in ACTIONS:
                if item.action in ("directory_import", "deadline"):
                    yield SystemCommand(item.title, item.help, getattr(self, f"action_{item.action}"))
        yield SystemCommand("Light/dark theme", "Switch between the light and dark theme", self.action_toggle_dark)
        yield SystemCommand("Help", "Every key of every screen (F1 or ?)", self.action_help)
        # Actions of the current screen (mark event, send, save...) are listed too.
        for binding in screen.BINDINGS:
            if isinstance(binding, Binding) and binding.description:  # also the keys the footer has no room for
                action = binding.action
                yield SystemCommand(
                    f"{binding.description} ({screen.__class__.__name__.removesuffix('Screen')})",
                    f"key: {binding.key}",
                    lambda action=action, screen=screen: self.call_later(screen.run_action, action),
                    discover=False,
                )


def load_theme(paths: Paths) -> str | None:
    try:
        value = json.loads(paths.config.read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def save_theme(paths: Paths, theme: str) -> None:
    try:
        if paths.home.is_dir():
            data = {}
            try:
                data = json.loads(paths.config.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            data["theme"] = theme
            from privacy_tui.vault.atomic import replace_file

            replace_file(paths.config, json.dumps(data).encode("utf-8"))  # never through a symlink
    except OSError:
        pass  # a preference that cannot be saved is not worth an error


def build_app(
    *,
    paths: Paths | None = None,
    today: date | None = None,
    theme: str | None = None,
    passphrase: str | None = None,
    blink: bool | None = None,
) -> PrivacyApp:
    """The app, configured from arguments, else the environment (PRIVACY_TUI_TODAY, PRIVACY_TUI_THEME)."""
    p = paths or default_paths()
    if today is None and os.environ.get("PRIVACY_TUI_TODAY"):
        today = date.fromisoformat(os.environ["PRIVACY_TUI_TODAY"])
    theme = theme or os.environ.get("PRIVACY_TUI_THEME") or load_theme(p)
    if blink is None:
        blink = os.environ.get("PRIVACY_TUI_NO_BLINK", "") in ("", "0")
    return PrivacyApp(paths=p, today=today, theme=theme, passphrase=passphrase, blink=blink)
