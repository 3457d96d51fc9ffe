"""A finished action's lines (the vault check), shown until Esc or Close."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from privacy_tui.ui.messages import Report
from privacy_tui.ui.screens.base import BaseModal


def vault_check(store) -> Report:
    from privacy_tui.services.vault_admin import check

    report = check(store)
    ok = not report["problems"]
    lines = [f"Vault OK (unlocked by {store.vault.unlocked_by})." if ok else "The vault opened, but some records are unreadable:"]
    lines += [f"  {table:<10} {n}" for table, n in report["counts"].items()]
    lines += [f"  ! {problem}" for problem in report["problems"]]
    return Report("check the vault", "Vault check", lines, ok)


class ReportScreen(BaseModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="report"):
            yield Static(self.report.title, classes="dialog-title" + ("" if self.report.ok else " error-title"))
            with VerticalScroll(id="report-lines"):
                yield Static(Content("\n".join(self.report.lines)))
            with Horizontal(classes="buttons"):
                yield Button("Close", id="report-close")

    def on_mount(self) -> None:
        self.query_one("#report-close", Button).focus()

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        self.dismiss(None)
