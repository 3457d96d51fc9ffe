"""Export from the app: the deadlines as a calendar (.ics) or everything as plaintext JSON (`privacy-tui export ...`)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from privacy_tui.ui import safe
from privacy_tui.ui.messages import Done, WorkFailed
from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.workers import store_work

KINDS = {
    "ics": ("Export the deadlines to a calendar (.ics)", "~/privacy-tui-deadlines.ics",
            "Every deadline of your requests as calendar events with alarms, for any calendar app."),
    "json": ("Export everything as JSON (NOT encrypted)", "~/privacy-tui-export.json",
             "A readable copy of the whole vault, for your records or another program. The file is NOT "
             "encrypted: keep it safe and delete it when done (for an encrypted copy use Settings › Vault › Back up)."),
}


def export_ics(store, target: Path, include_closed: bool) -> Done:
    from privacy_tui.services.calendar import build_calendar, write_private

    companies = {c.id: c for c in store.companies()}
    cal = build_calendar(store.requests(), companies, include_closed=include_closed)
    events = sum(1 for _ in cal.walk("VEVENT"))
    write_private(target, cal.to_ical())
    return Done("export", f"Wrote {events} deadline{'s' if events != 1 else ''} to {target}")


def export_json(store, target: Path) -> Done:
    from privacy_tui.services.vault_admin import export_plaintext

    written = export_plaintext(store, target)
    return Done("export", f"Wrote {written}: it holds your personal data UNENCRYPTED; delete it when done")


class ExportScreen(BaseModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        title, default, about = KINDS[self.kind]
        with VerticalScroll(classes="modal", id="export"):
            yield Static(title, classes="dialog-title")
            yield Static(safe.text(about), classes="dialog-text")
            yield Label("Write to (a file name)")
            yield Input(default, id="export-path")
            if self.kind == "ics":
                yield Checkbox("Include closed requests (without alarms)", id="export-closed")
            else:
                yield Checkbox("I understand this file is not encrypted", id="export-plaintext")
            yield Static("", id="export-result", classes="dialog-text")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Close", id="export-close")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def _export(self) -> None:
        result = self.query_one("#export-result", Static)
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            result.update(safe.text("Type the file name to write first."))
            return
        target = Path(text).expanduser()
        if self.kind == "ics":
            closed = self.query_one("#export-closed", Checkbox).value
            store_work(self, "export", lambda store: export_ics(store, target, closed), exclusive=True)
            return
        if not self.query_one("#export-plaintext", Checkbox).value:
            result.update(safe.text("Tick “I understand this file is not encrypted” first."))
            self.query_one("#export-plaintext", Checkbox).focus()
            return
        store_work(self, "export", lambda store: export_json(store, target), exclusive=True)

    def on_done(self, message: Done) -> None:
        self.query_one("#export-result", Static).update(safe.text("✓ " + message.text))

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.query_one("#export-result", Static).update(safe.text(f"Could not export: {message.reason}"))

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(None)
