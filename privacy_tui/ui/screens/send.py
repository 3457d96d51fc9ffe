"""Sending drafts that already exist (from the request detail): the same panel as the wizard's last step."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.widgets.send_panel import SendPanel


class SendScreen(BaseModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, request_ids: list[str]) -> None:
        super().__init__()
        self.request_ids = request_ids

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="send-modal"):
            yield Static("Send", classes="dialog-title")
            yield SendPanel(id="send-panel")
            yield Button("Close", id="close")

    def on_mount(self) -> None:
        self.query_one(SendPanel).set_requests(self.request_ids)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)

    def on_send_panel_finished(self, message: SendPanel.Finished) -> None:
        self.notify(f"{message.sent} sent, {message.failed} failed", title="Send")
