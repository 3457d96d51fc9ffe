"""A finished action's lines (the vault check), shown until Esc or Close."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from privacy_tui.ui import safe
from privacy_tui.ui.messages import Report, WorkFailed
from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.workers import store_work


def vault_check(store) -> Report:
    from privacy_tui.services.vault_admin import check, vault_info

    report = check(store)
    ok = not report["problems"]
    lines = [f"Vault OK (unlocked by {vault_info(store).unlocked_by})." if ok else "The vault opened, but some records are unreadable:"]
    lines += [f"  {table:<10} {n}" for table, n in report["counts"].items()]
    lines += [f"  ! {problem}" for problem in report["problems"]]
    return Report("check the vault", "Vault check", lines, ok)


class ReportScreen(BaseModal):
    """Runs `work(store)` (which returns a Report) and shows its lines, or why it failed."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, action: str, work) -> None:
        super().__init__()
        self.title_text, self.action, self.work = title, action, work

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="report"):
            yield Static(self.title_text, id="report-title", classes="dialog-title")
            with VerticalScroll(id="report-lines"):
                yield Static(safe.text("Working…"), id="report-text")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="report-close")

    def on_mount(self) -> None:
        self.query_one("#report-close", Button).focus()
        store_work(self, self.action, self.work, exclusive=True)

    def on_report(self, message: Report) -> None:
        self.query_one("#report-text", Static).update(safe.text("\n".join(message.lines)))
        self.query_one("#report-title", Static).set_class(not message.ok, "error-title")

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.query_one("#report-text", Static).update(safe.text(f"Could not {message.action}: {message.reason}"))
        self.query_one("#report-title", Static).add_class("error-title")

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        self.dismiss(None)
