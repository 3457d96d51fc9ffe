"""Every key of every screen, in one place (F1 or ?)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from privacy_tui.ui import safe
from privacy_tui.ui.screens.base import BaseModal

GLOBAL_KEYS = (
    ("F1 / ?", "this help"),
    ("ctrl+p", "command palette: every action, searchable"),
    ("F2", "menu: every action, with its key"),
    ("F3", "import or update the company directory"),
    ("F4", "reminders: what needs attention"),
    ("F5", "deadline calculator"),
    ("escape", "back / close"),
    ("ctrl+q", "quit"),
    ("tab / shift+tab", "next / previous field"),
)


def _screen_sections() -> list[tuple[str, list]]:
    from privacy_tui.ui.screens.companies import CompaniesScreen
    from privacy_tui.ui.screens.company_detail import CompanyDetailScreen
    from privacy_tui.ui.screens.company_form import CompanyFormScreen
    from privacy_tui.ui.screens.dashboard import DashboardScreen
    from privacy_tui.ui.screens.directory_pick import DirectoryScreen
    from privacy_tui.ui.screens.inbox import InboxScreen
    from privacy_tui.ui.screens.new_request import NewRequestScreen
    from privacy_tui.ui.screens.policy_import import PolicyImportScreen
    from privacy_tui.ui.screens.request_detail import RequestDetailScreen
    from privacy_tui.ui.screens.settings import SettingsScreen

    return [
        ("Dashboard", DashboardScreen.BINDINGS),
        ("Companies", CompaniesScreen.BINDINGS),
        ("Company", CompanyDetailScreen.BINDINGS),
        ("Company form", CompanyFormScreen.BINDINGS),
        ("Import a policy", PolicyImportScreen.BINDINGS),
        ("Directory", DirectoryScreen.BINDINGS),
        ("New request", NewRequestScreen.BINDINGS),
        ("Request", RequestDetailScreen.BINDINGS),
        ("Settings", SettingsScreen.BINDINGS),
        ("Inbox", InboxScreen.BINDINGS),
    ]


def help_text() -> Text:
    # Built as Text, like everything shown: a key or description is never read as markup.
    lines = [safe.text("Everywhere", "bold")]
    lines += [safe.text(f"  {key:<16} {what}") for key, what in GLOBAL_KEYS]
    for title, bindings in _screen_sections():
        lines.append(safe.text(""))
        lines.append(safe.text(title, "bold"))
        for b in bindings:
            if isinstance(b, Binding) and b.description:
                lines.append(safe.text(f"  {b.key:<16} {b.description}"))
    return safe.lines(lines)


class HelpScreen(BaseModal):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="help"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_text(), id="help-text")
            yield Static("escape to close · the mouse works everywhere", classes="hint")

    async def action_dismiss(self, result=None) -> None:
        self.dismiss(None)
