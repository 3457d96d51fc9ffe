"""The F2 menu: every action of the app (the same list as the command palette), with its key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from privacy_tui.ui.actions import ACTIONS
from privacy_tui.ui.screens.base import BaseModal


class MenuScreen(BaseModal):
    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("f2", "dismiss", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="menu"):
            yield Static("Menu: every action (enter runs it; ctrl+p searches them)", classes="dialog-title")
            yield Static("The letter keys work on the dashboard; F-keys everywhere.", classes="hint")
            yield OptionList(
                *(Option(Content(f"{a.title:<38} {a.key}"), id=str(i)) for i, a in enumerate(ACTIONS)), id="menu-items"
            )

    def on_mount(self) -> None:
        box = self.query_one("#menu-items", OptionList)
        box.highlighted = 0
        box.focus()

    @on(OptionList.OptionSelected, "#menu-items")
    def _run(self, event: OptionList.OptionSelected) -> None:
        action = ACTIONS[int(event.option_id or 0)].action
        self.dismiss(None)
        self.app.call_later(self.app.run_action, action)
