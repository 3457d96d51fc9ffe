"""What every screen of the app shares: header, footer, failures shown as notifications, no blinking in tests."""

from __future__ import annotations

from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea

from privacy_tui.ui import safe
from privacy_tui.ui.messages import WorkFailed


def _still(screen: Screen) -> None:
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

    def on_work_failed(self, message: WorkFailed) -> None:
        notify_failure(self, message)


class BaseModal(ModalScreen):
    def on_mount(self) -> None:
        _still(self)

    def on_work_failed(self, message: WorkFailed) -> None:
        notify_failure(self, message)
