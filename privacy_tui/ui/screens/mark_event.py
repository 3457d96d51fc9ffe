"""Record what happened to a request: acknowledged, identity requested, extended, fulfilled, denied..."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from privacy_tui.core.events import LABELS, USER_EVENTS
from privacy_tui.ui import safe
from privacy_tui.ui.messages import EventRecorded
from privacy_tui.ui.screens.base import Dialog
from privacy_tui.ui.workers import store_work

# The labels are the one vocabulary's (core/events.py); "sent" last, as the rarest by hand.
EVENT_CHOICES = tuple((k, LABELS[k]) for k in USER_EVENTS if k != "sent") + (
    ("sent", "Sent — I sent it myself (web form, post)"),
)


class MarkEventScreen(Dialog):
    """Dismisses with the updated Request, or None when cancelled."""

    def __init__(self, request_id: str, kind: str | None = None) -> None:
        super().__init__()
        self.request_id = request_id
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="mark-event"):
            yield Static("Record an event", classes="dialog-title")
            yield Label("What happened")
            yield Select([(label, key) for key, label in EVENT_CHOICES], id="kind", value=self.kind or "acknowledged", allow_blank=False)
            yield Label("On (YYYY-MM-DD)")
            yield Input(self.app.today.isoformat(), id="on")
            yield Label("Note (optional)")
            yield Input(id="note", placeholder="e.g. their ticket number")
            yield Static("", id="mark-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Record", variant="primary", id="record")
                yield Button("Cancel", id="cancel", classes="cancel")


    @on(Input.Submitted)
    @on(Button.Pressed, "#record")
    def record(self) -> None:
        kind = self.query_one("#kind", Select).value
        text = self.query_one("#on", Input).value.strip()
        note = self.query_one("#note", Input).value
        try:
            on_date = date.fromisoformat(text)
        except ValueError:
            self.query_one("#mark-error", Static).update(safe.line(f"Invalid date {text!r}: use YYYY-MM-DD."))
            return
        if on_date > self.app.today:
            self.query_one("#mark-error", Static).update("That date is in the future.")
            return
        rid = self.request_id

        def mark(store):
            from privacy_tui.services.requests import mark as mark_event

            return EventRecorded(mark_event(store, rid, str(kind), on_date, note))

        self.query_one("#mark-error", Static).update("")
        store_work(self, "record the event", mark)

    def on_work_failed(self, message) -> None:
        self.query_one("#mark-error", Static).update(safe.text(message.reason))
        message.stop()

    def on_event_recorded(self, message: EventRecorded) -> None:
        self.dismiss(message.request)


