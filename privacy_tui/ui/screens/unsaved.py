"""'Save, discard or keep editing?': asked when leaving a form with unsaved changes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from privacy_tui.ui.screens.base import BaseModal

CHOICES = ("save", "discard", "keep")


class UnsavedScreen(BaseModal):
    """Dismisses with "save", "discard" or "keep"."""

    BINDINGS = [
        Binding("escape", "choose('keep')", "Keep editing"),
        Binding("s", "choose('save')", "Save", show=False),
        Binding("d", "choose('discard')", "Discard", show=False),
        Binding("k", "choose('keep')", "Keep editing", show=False),
    ]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="unsaved"):
            yield Static("Save, discard or keep editing?", classes="dialog-title")
            yield Static(Content(f"You changed {self.what} without saving."), classes="dialog-text")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Keep editing", id="keep")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id in CHOICES:
            self.action_choose(event.button.id)

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
