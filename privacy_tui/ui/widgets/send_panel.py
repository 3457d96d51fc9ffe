"""Choosing how to send one or many requests, sending them in a worker, and showing each result."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Input, Label, RadioButton, RadioSet, Static

from privacy_tui.ui import safe
from privacy_tui.ui.messages import SendFinished, SendProgress

TRANSPORTS = (
    ("smtp", "Email it now (SMTP)"),
    ("eml", "Save .eml files"),
    ("mailto", "Open in my mail app (mailto)"),
    ("copy", "Copy for a web form"),
    ("drp", "Data Rights Protocol"),
)


def send_all(app, request_ids: list[str], via: str, out_dir: Path | None, post) -> SendFinished:
    """Send each request in turn (each its own vault writes), posting a SendProgress per request."""
    from privacy_tui.core.errors import PrivacyTuiError
    from privacy_tui.services.sending import send_request

    sent = failed = 0
    for rid in request_ids:
        def one(store, rid=rid):  # bound now: a closure would read the loop's latest id
            request = store.request(rid)
            company = store.find_company(request.company_id)
            name = company.name if company else request.company_id
            out = out_dir / f"{request.reference}.eml" if (via == "eml" and out_dir) else None
            try:
                outcome = send_request(store, rid, via, today=app.today, out=out)
            except PrivacyTuiError as exc:
                from privacy_tui.ui.hints import in_app

                return SendProgress(rid, name, False, in_app(str(exc)))
            return SendProgress(rid, name, True, outcome.text, outcome.url)

        try:
            progress = app.with_store(one)
        except Exception as exc:  # the vault itself failed: report it, go on with the next
            progress = SendProgress(rid, rid, False, f"{type(exc).__name__}: {exc}")
        sent += progress.ok
        failed += not progress.ok
        post(progress)
    return SendFinished(sent, failed)


class SendPanel(Vertical):
    """Posts SendPanel.Finished after all requests were tried (results stay in the table)."""

    class Finished(Message):
        def __init__(self, sent: int, failed: int) -> None:
            super().__init__()
            self.sent = sent
            self.failed = failed

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.request_ids: list[str] = []
        self.texts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Label("How to send", classes="step-title")
        with RadioSet(id="transport"):
            for i, (key, label) in enumerate(TRANSPORTS):
                yield RadioButton(label, value=i == 0, id=f"via-{key}")
        yield Label("Folder for .eml files", id="eml-label")
        yield Input("~", id="eml-dir")
        with Horizontal(classes="buttons"):
            yield Button("Send", variant="primary", id="send-button")
        yield Static("", id="send-status", classes="hint")
        table = DataTable(id="results", cursor_type="row")
        table.add_column("Company", width=26)
        table.add_column("Result", width=8)
        table.add_column("Details", width=max(30, min(70, self.app.size.width - 26 - 8 - 12)))
        yield table

    def on_mount(self) -> None:
        self._eml_visible(False)

    def _eml_visible(self, show: bool) -> None:
        self.query_one("#eml-label").display = show
        self.query_one("#eml-dir").display = show

    @property
    def via(self) -> str:
        pressed = self.query_one("#transport", RadioSet).pressed_button
        return (pressed.id or "via-smtp").removeprefix("via-") if pressed else "smtp"

    @on(RadioSet.Changed, "#transport")
    def _changed(self) -> None:
        self._eml_visible(self.via == "eml")

    def set_requests(self, request_ids: list[str]) -> None:
        self.request_ids = list(request_ids)
        n = len(self.request_ids)
        self.query_one("#send-status", Static).update(f"{n} request{'s' if n != 1 else ''} ready to send.")

    @on(Button.Pressed, "#send-button")
    def send(self) -> None:
        if not self.request_ids:
            self.query_one("#send-status", Static).update("Nothing to send.")
            return
        via = self.via
        out_dir = Path(self.query_one("#eml-dir", Input).value).expanduser() if via == "eml" else None
        if out_dir is not None and not out_dir.is_dir():
            self.query_one("#send-status", Static).update(safe.line(f"{out_dir} is not a folder."))
            return
        self.query_one("#send-button", Button).disabled = True
        self.query_one("#send-status", Static).update(f"Sending {len(self.request_ids)} via {via}…")
        app, ids = self.app, list(self.request_ids)
        self.run_worker(
            lambda: self.post_message(send_all(app, ids, via, out_dir, self.post_message)),
            thread=True, group="send", name="send", exit_on_error=False,
        )

    def on_send_progress(self, message: SendProgress) -> None:
        message.stop()
        table = self.query_one("#results", DataTable)
        first_line = message.text.strip().splitlines()[0] if message.text.strip() else ""
        import textwrap

        # Wrapped, never cut: a failure's reason is what the user needs to read in full.
        width = table.columns[list(table.columns)[2]].width
        lines = textwrap.wrap(first_line, width, break_on_hyphens=False) or [""]
        table.add_row(safe.line(message.company), "ok" if message.ok else "failed", safe.text("\n".join(lines)), key=message.request_id,
                      height=len(lines))
        self.texts[message.request_id] = message.text
        if message.ok and self.via in ("copy", "mailto"):
            # The text to paste (or the mailto link) goes to the clipboard; the table keeps the summary.
            from privacy_tui.ui.clipboard import copy_text

            self.copied = copy_text(self.app, message.text if self.via == "copy" else (message.url or message.text))[1]

    def on_send_finished(self, message: SendFinished) -> None:
        message.stop()
        self.query_one("#send-button", Button).disabled = False
        hint = f" {self.copied}" if self.via in ("copy", "mailto") and getattr(self, "copied", "") else ""
        if self.via in ("eml", "mailto", "copy") and message.sent:
            hint += " Once you have sent them yourself, mark them sent (m on the dashboard)."
        self.query_one("#send-status", Static).update(f"Done: {message.sent} ok, {message.failed} failed.{hint}")
        self.post_message(self.Finished(message.sent, message.failed))
