"""What every screen of the app shares: header, footer, failures shown as notifications, no blinking in tests."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, TextArea

from privacy_tui.ui import safe
from privacy_tui.ui.messages import WorkFailed


def _still(screen: Screen) -> None:
    # A field reached by Tab keeps its text: with the whole value selected, the next key typed
    # ahead replaced it.
    for widget in screen.query(Input):
        widget.select_on_focus = False
    # Snapshot tests and screenshots need a cursor that does not blink.
    if not getattr(screen.app, "blink", True):
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False


def notify_failure(screen: Screen, message: WorkFailed) -> None:
    # The reason can quote data (a name, a server's reply): shown as text, never as markup.
    safe.notify(screen, message.reason, title="Could not " + message.action, severity="error", timeout=8)


class BaseScreen(Screen):
    def on_mount(self) -> None:
        _still(self)
        for footer in self.query(Footer):
            footer.compact = True  # every key of the screen fits 80 columns

    def on_work_failed(self, message: WorkFailed) -> None:
        notify_failure(self, message)


class BaseModal(ModalScreen):
    def on_mount(self) -> None:
        _still(self)

    def on_work_failed(self, message: WorkFailed) -> None:
        notify_failure(self, message)


class Dialog(BaseModal):
    """A modal that Escape or its Cancel button (class "cancel") closes, dismissing with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    @on(Button.Pressed, ".cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
