"""Import or update the company directory (the datarequests.org database, CC0) from inside the app.

The same two service functions as `directory import PATH` and `directory update`; the work runs
in a thread while a progress bar moves, and the counts imported and skipped are shown at the end.
Also offered once after the vault is created ("Get the company directory now?").
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, ProgressBar, Static

from privacy_tui.ui import safe
from privacy_tui.ui.messages import DirectoryImported, DirectoryInfo, WorkFailed
from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.workers import run_in_thread

ABOUT = (
    "Thousands of companies with their privacy contacts, to pick instead of typing them in: "
    "the datarequests.org database (CC0). “Download” fetches its published copy, {url}; "
    "or import a copy you have (datarequests-db.json, or the folder of its records)."
)
SHOWN_MESSAGES = 3


def describe_info(info: dict) -> str:
    if not info.get("imported"):
        return "No directory yet."
    return (
        f"Current directory: {info['companies']} companies and {info['supervisory_authorities']} supervisory "
        f"authorities, imported {info['imported_at'][:10]} from {info['source'] or info['origin']}."
    )


def describe_summary(summary) -> str:
    lines = [
        f"✓ Imported {summary.companies} companies and {summary.authorities} supervisory authorities; "
        f"skipped {summary.skipped} unusable record{'s' if summary.skipped != 1 else ''}."
    ]
    lines += [f"  {m}" for m in summary.messages[:SHOWN_MESSAGES]]
    if len(summary.messages) > SHOWN_MESSAGES:
        lines.append(f"  … and {len(summary.messages) - SHOWN_MESSAGES} more")
    lines.append("Press p on the dashboard (or “Pick from directory” in ctrl+p) to add companies from it.")
    return "\n".join(lines)


def read_info() -> DirectoryInfo:
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.directory_store import directory_info

    try:
        return DirectoryInfo(directory_info())
    except (UserError, OSError, ValueError, TypeError):  # a damaged stored copy: importing again is exactly the cure
        return DirectoryInfo({"imported": False})


class DirectoryImportScreen(BaseModal):
    """Dismisses with True once a directory was imported, else False."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, *, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run
        self.imported = False

    def compose(self) -> ComposeResult:
        from privacy_tui.services.directory_store import DEFAULT_URL

        with VerticalScroll(classes="modal", id="directory-import"):
            title = "Get the company directory now?" if self.first_run else "Company directory: import or update"
            yield Static(title, classes="dialog-title")
            yield Static(safe.text(ABOUT.format(url=DEFAULT_URL)))
            yield Static("", id="dir-info", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Download from datarequests.org", variant="primary", id="dir-update")
                yield Button("Later" if self.first_run else "Close", id="dir-close")
            yield Label("…or import a file or folder you have:")
            with Horizontal(classes="settings-row"):
                yield Input(id="dir-path", placeholder="path of datarequests-db.json")
                yield Button("Import", id="dir-import")
            yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="dir-progress")
            yield Static("", id="dir-result")

    def on_mount(self) -> None:
        self.query_one("#dir-progress").display = False
        self.query_one("#dir-update", Button).focus()
        run_in_thread(self, "read the directory", read_info)

    def on_directory_info(self, message: DirectoryInfo) -> None:
        self.query_one("#dir-info", Static).update(safe.text(describe_info(message.info)))

    def _busy(self, text: str | None) -> None:
        self.query_one("#dir-progress").display = text is not None
        for button in self.query(Button):
            if button.id != "dir-close":
                button.disabled = text is not None
        if text is not None:
            self.query_one("#dir-result", Static).update(safe.text(text))

    @on(Button.Pressed, "#dir-update")
    def _update(self) -> None:
        from privacy_tui.services.directory_store import DEFAULT_URL, update_directory

        self._busy(f"Downloading {DEFAULT_URL} and checking every record…")
        run_in_thread(self, "update the directory", lambda: DirectoryImported(update_directory()), exclusive=True)

    @on(Input.Submitted, "#dir-path")
    @on(Button.Pressed, "#dir-import")
    def _import(self) -> None:
        from privacy_tui.services.directory_store import import_directory

        path = self.query_one("#dir-path", Input).value.strip()
        if not path:
            self.query_one("#dir-result", Static).update(safe.text("Type the path of the file (or folder) to import first."))
            self.query_one("#dir-path", Input).focus()
            return
        self._busy(f"Reading {path} and checking every record…")
        run_in_thread(self, "import the directory", lambda: DirectoryImported(import_directory(path)), exclusive=True)

    def on_directory_imported(self, message: DirectoryImported) -> None:
        self._busy(None)
        self.imported = True
        self.query_one("#dir-result", Static).update(safe.text(describe_summary(message.summary)))
        self.query_one("#dir-close", Button).label = "Close"
        self.query_one("#dir-close", Button).focus()
        run_in_thread(self, "read the directory", read_info)

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self._busy(None)

        self.query_one("#dir-result", Static).update(safe.text(f"Could not {message.action}: {message.reason}"))

    @on(Button.Pressed, "#dir-close")
    def action_close(self) -> None:
        self.dismiss(self.imported)
