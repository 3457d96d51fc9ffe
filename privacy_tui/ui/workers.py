"""Running vault and network work off the UI thread, reporting back with a typed message.

A worker returns the message to post; a PrivacyTuiError (or any other failure) becomes a
`WorkFailed` with one line for the user, never a traceback on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker

from privacy_tui.core.errors import PrivacyTuiError
from privacy_tui.ui.crash import note_unexpected
from privacy_tui.ui.messages import WorkFailed


def failure(action: str, exc: BaseException) -> WorkFailed:
    if isinstance(exc, PrivacyTuiError):
        from privacy_tui.ui.hints import in_app  # point to the app's screens, not to command lines

        return WorkFailed(action, in_app(str(exc)), getattr(exc, "field", ""))
    if isinstance(exc, OSError):
        return WorkFailed(action, f"{exc.strerror or exc}")
    note_unexpected(exc)  # its traceback only with PRIVACY_TUI_DEBUG=1, after the app exits
    return WorkFailed(action, f"unexpected {type(exc).__name__}: {exc}")


def run_in_thread(owner: MessagePump, action: str, fn: Callable[[], Message | None], *, exclusive: bool = False) -> Worker:
    """Run `fn` in a thread worker; post the message it returns (or a WorkFailed) to `owner`."""

    def body() -> None:
        try:
            msg = fn()
        except BaseException as exc:  # reported to the screen, never raised into Textual
            msg = failure(action, exc)
        if msg is not None:
            owner.post_message(msg)

    return owner.run_worker(body, thread=True, group=action, name=action, exclusive=exclusive, exit_on_error=False)


def store_work(owner: MessagePump, action: str, fn: Callable[[Any], Message | None], *, exclusive: bool = False) -> Worker:
    """Like run_in_thread, with the app's Store passed in (and the vault lock held)."""
    app = owner.app
    return run_in_thread(owner, action, lambda: app.with_store(fn), exclusive=exclusive)
