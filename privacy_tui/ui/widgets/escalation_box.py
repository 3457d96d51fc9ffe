"""A drafted reminder or complaint: who it goes to, the letter, and sending it (services.escalation).

Sending runs in a worker; the result, or the one-line reason it failed, shows under the buttons.
The message then bubbles up to the screen, which reloads the timeline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static, TextArea

from privacy_tui.ui import safe
from privacy_tui.ui.messages import EscalationSent, WorkFailed
from privacy_tui.ui.workers import store_work

VIAS = (
    ("smtp", "Email it now (SMTP)"),
    ("copy", "Copy for a web form"),
    ("eml", "Save an .eml file"),
    ("mailto", "Mail app (mailto link)"),
)
NEEDS_EMAIL = ("smtp", "eml", "mailto")
# send_escalation ends hand-offs with how to record them on the command line; here a button does
# that, and the hint must not end up pasted into a web form.
_CLI_HINT = "after sending it, record it with `"


def without_cli_hint(text: str) -> str:
    return text.split(_CLI_HINT)[0].rstrip(" ;(\n") + "\n" if _CLI_HINT in text else text


def send_one(store, message_id: str, via: str, today: date, folder: Path | None) -> EscalationSent:
    from privacy_tui.core.errors import PrivacyTuiError
    from privacy_tui.services.escalation import find_message, send_escalation

    try:
        out = None
        if via == "eml" and folder is not None:
            message = find_message(store, message_id)
            out = folder / f"{store.request(message.request_id).reference}-{message.kind}.eml"
        outcome = send_escalation(store, message_id, via, today=today, out=out)
    except PrivacyTuiError as exc:
        from privacy_tui.ui.hints import in_app

        return EscalationSent(message_id, via, in_app(str(exc)), error=True)
    return EscalationSent(message_id, via, without_cli_hint(outcome.text), sent=outcome.sent, url=outcome.url)


def record_one(store, message_id: str, via: str, today: date) -> EscalationSent:
    from privacy_tui.core.errors import PrivacyTuiError
    from privacy_tui.services.escalation import record_sent

    try:
        record_sent(store, message_id, via, today)
    except PrivacyTuiError as exc:
        from privacy_tui.ui.hints import in_app

        return EscalationSent(message_id, via, in_app(str(exc)), error=True)
    return EscalationSent(message_id, via, f"Recorded as sent today ({via}).", sent=True)


def recipient_lines(recipient) -> Text:
    lines = [safe.join(("To:", "bold"), " ", safe.line(recipient.name), ("  (" + recipient.note + ")", "dim") if recipient.note else "")]
    for label, value in (("email", recipient.email), ("web form", recipient.webform), ("post", recipient.address)):
        if value:
            lines.append(safe.join(f"   {label:<9}", safe.line(value)))
    return safe.lines(lines)


class EscalationBox(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.message = None  # core.models.Message on show
        self.recipient = None

    def compose(self) -> ComposeResult:
        yield Label("", id="followup-title", classes="section-title")
        yield Static("", id="followup-recipient")
        yield TextArea(id="followup", read_only=True)
        with RadioSet(id="followup-via", classes="radios"):
            for key, label in VIAS:
                yield RadioButton(label, id=f"esc-via-{key}")
        with Horizontal(classes="buttons", id="followup-dir-row"):
            yield Label("Folder for the .eml file ")
            yield Input("~", id="followup-dir")
        with Horizontal(classes="buttons"):
            yield Button("Send", compact=True, id="send-followup", variant="primary")
            yield Button("Copy to clipboard", compact=True, id="copy-followup")
            yield Button("Record as sent today", compact=True, id="record-followup")
        yield Static("", id="followup-result")

    def on_mount(self) -> None:
        self.query_one("#followup-dir-row").display = False

    def show(self, message, recipient) -> None:
        self.message, self.recipient = message, recipient
        what = {"reminder": "Reminder to the company", "appeal": "Appeal to the company", "answer": "Answer to the company"}.get(
            message.kind, "Complaint to the regulator")
        self.query_one("#followup-title", Label).update(safe.line(f"{what} ({message.id})"))
        self.query_one("#followup-recipient", Static).update(recipient_lines(recipient))
        self.query_one("#followup", TextArea).text = safe.plain(f"Subject: {message.subject}\n\n{message.body}")
        for key, _ in VIAS:
            self.query_one(f"#esc-via-{key}", RadioButton).disabled = key in NEEDS_EMAIL and not recipient.email
        # As the CLI: SMTP where the recipient takes email, otherwise the text for its web form.
        self.query_one(f"#esc-via-{'smtp' if recipient.email else 'copy'}", RadioButton).value = True
        self._result("")
        self._sync()

    @property
    def via(self) -> str:
        pressed = self.query_one("#followup-via", RadioSet).pressed_button
        return (pressed.id or "").removeprefix("esc-via-") if pressed else "copy"

    @on(RadioSet.Changed, "#followup-via")
    def _sync(self) -> None:
        via, done = self.via, bool(self.message and self.message.sent_at)
        self.query_one("#followup-dir-row").display = via == "eml"
        self.query_one("#send-followup", Button).disabled = done
        # The app records an SMTP send itself; the button is for letters the user sent by hand.
        self.query_one("#record-followup", Button).disabled = done or via == "smtp"

    def _result(self, text: str, *, error: bool = False) -> None:
        line = self.query_one("#followup-result", Static)
        line.set_class(error, "error-line")
        line.update(safe.text(text))

    @on(Button.Pressed, "#send-followup")
    def send(self) -> None:
        if self.message is None:
            return
        via, mid, today = self.via, self.message.id, self.app.today
        folder = Path(self.query_one("#followup-dir", Input).value or "~").expanduser() if via == "eml" else None
        self.query_one("#send-followup", Button).disabled = True
        self._result(f"Sending via {via}…")
        store_work(self, "send the letter", lambda store: send_one(store, mid, via, today, folder), exclusive=True)

    @on(Button.Pressed, "#record-followup")
    def record(self) -> None:
        if self.message is None:
            return
        via, mid, today = self.via, self.message.id, self.app.today
        store_work(self, "record the letter", lambda store: record_one(store, mid, via, today), exclusive=True)

    @on(Button.Pressed, "#copy-followup")
    def copy(self) -> None:
        from privacy_tui.ui.clipboard import copy_text

        self._result(copy_text(self.app, self.query_one("#followup", TextArea).text)[1])

    def on_work_failed(self, message: WorkFailed) -> None:
        # An unexpected failure (the vault itself): inline too, and the buttons usable again.
        message.stop()
        self._result(message.reason, error=True)
        self._sync()

    def on_escalation_sent(self, message: EscalationSent) -> None:
        if self.message is None or message.message_id != self.message.id:
            return
        if message.error:
            self._result(message.text.strip().splitlines()[0], error=True)
        elif message.via in ("copy", "mailto") and not message.sent:
            # The text to paste (or the mailto link) goes to the clipboard, as in the send panel.
            from privacy_tui.ui.clipboard import copy_text

            _, copied = copy_text(self.app, message.url if message.via == "mailto" and message.url else message.text)
            where = f" into the web form at {message.url}" if message.via == "copy" and message.url else ""
            self._result(f"{copied} Paste it{where}, send it, then press “Record as sent today”.")
        else:
            self._result(message.text.strip().splitlines()[0] if message.text.strip() else "Done.")
        if message.sent:
            from dataclasses import replace

            self.message = replace(self.message, sent_at=self.app.today.isoformat())
        self._sync()
