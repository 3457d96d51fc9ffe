"""Every reminder, as `privacy-tui remind` lists them; Enter opens the request."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from privacy_tui.ui import safe
from privacy_tui.ui.messages import RemindersLoaded
from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.workers import store_work

LABELS = {"overdue": "Overdue", "ack_missing": "Not acknowledged", "extension_ending": "Extension ending", "due_soon": "Due soon"}


def load_reminders(store, today) -> RemindersLoaded:
    from privacy_tui.services.reminders import compute_reminders
    from privacy_tui.ui.reminders import within_days

    within = within_days(store)
    return RemindersLoaded(compute_reminders(store.request_records(), store.companies(), today, within), within)


class RemindersScreen(BaseModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="reminders-list"):
            yield Static("Reminders", classes="dialog-title")
            yield Static("Loading…", id="reminders-summary", classes="hint")
            yield OptionList(id="reminder-items")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="reminders-close")

    def on_mount(self) -> None:
        today = self.app.today
        store_work(self, "load the reminders", lambda store: load_reminders(store, today))

    def on_reminders_loaded(self, message: RemindersLoaded) -> None:
        box = self.query_one("#reminder-items", OptionList)
        box.clear_options()
        for r in message.reminders:
            box.add_option(Option(safe.text(f"{LABELS.get(r.kind, r.kind)}: {r.describe()}"), id=r.request_id))
        n = len(message.reminders)
        summary = (f"{n} item{'s' if n != 1 else ''} need attention (deadlines within {message.within} days); "
                   "enter opens the request.") if n else f"Nothing needs attention: no deadline within {message.within} days."
        self.query_one("#reminders-summary", Static).update(safe.text(summary))
        if n:
            box.highlighted = 0
            box.focus()

    @on(OptionList.OptionSelected, "#reminder-items")
    def _open(self, event: OptionList.OptionSelected) -> None:
        request_id = event.option_id
        self.dismiss(None)
        if request_id:
            self.app.action_open_request(request_id)

    @on(Button.Pressed, "#reminders-close")
    def action_close(self) -> None:
        self.dismiss(None)
