"""The deadline calculator: when must a company answer a request received on a given day (`privacy-tui deadline`)."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static

from privacy_tui.ui.messages import DeadlinesComputed, WorkFailed
from privacy_tui.ui.screens.base import BaseModal
from privacy_tui.ui.workers import run_in_thread


def regime_choices() -> list[tuple[str, str]]:
    from privacy_tui.core.laws.registry import REGIMES

    return [(f"{r.short} — {r.jurisdiction}", key) for key, r in REGIMES.items()]


def compute(regime_key: str, received_text: str, country_text: str, subdivision: str) -> DeadlinesComputed:
    from privacy_tui.core.deadlines import compute_deadlines
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.laws.registry import get_regime
    from privacy_tui.core.validation import clean_country

    try:
        received = date.fromisoformat(received_text.strip())
    except ValueError:
        raise UserError(f"invalid received date {received_text.strip()!r}: use YYYY-MM-DD, e.g. 2026-03-03") from None
    country = clean_country(country_text)
    regime = get_regime(regime_key, subdivision=subdivision.strip())
    return DeadlinesComputed(
        compute_deadlines(regime.key, received, country=country, subdivision=subdivision.strip()), regime
    )


def result_lines(d, regime) -> str:
    from privacy_tui.core.deadlines import short_date

    def line(label: str, value) -> str:
        shown = f"{short_date(value)} ({value.isoformat()})" if value else "none under this law"
        return f"{label:<16}{shown}"

    lines = [f"{'Law:':<16}{regime.short} ({regime.name})", line("Received:", d.received), line("Due:", d.due),
             line("Extended due:", d.extended_due), line("Acknowledge by:", d.ack_due), "Why:"]
    lines += [f"  • {text}" for text in d.explanation]
    return "\n".join(lines)


class DeadlineScreen(BaseModal):
    BINDINGS = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="modal", id="deadline-calc"):
            yield Static("Deadline calculator", classes="dialog-title")
            yield Label("Law")
            yield Select(regime_choices(), value="gdpr", allow_blank=False, id="calc-regime")
            with Horizontal(classes="settings-row"):
                with Vertical(classes="calc-field"):
                    yield Label("Received (YYYY-MM-DD)")
                    yield Input(self.app.today.isoformat(), id="calc-received")
                with Vertical(classes="calc-field"):
                    yield Label("Country (holidays)")
                    yield Input(id="calc-country", placeholder="e.g. DE, GB, US")
                with Vertical(classes="calc-field"):
                    yield Label("State / nation")
                    yield Input(id="calc-subdivision", placeholder="e.g. CA, SCT")
            yield Static("", id="calc-result", classes="dialog-text")
            with Horizontal(classes="buttons"):
                yield Button("Close", id="calc-close")

    def on_mount(self) -> None:
        self.query_one("#calc-regime", Select).focus()
        self._compute()

    @on(Select.Changed)
    @on(Input.Changed)
    def _compute(self) -> None:
        args = (
            str(self.query_one("#calc-regime", Select).value),
            self.query_one("#calc-received", Input).value,
            self.query_one("#calc-country", Input).value,
            self.query_one("#calc-subdivision", Input).value,
        )
        run_in_thread(self, "compute the deadline", lambda: compute(*args), exclusive=True)

    def on_deadlines_computed(self, message: DeadlinesComputed) -> None:
        self.query_one("#calc-result", Static).update(Content(result_lines(message.deadlines, message.regime)))

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.query_one("#calc-result", Static).update(Content(message.reason))

    @on(Button.Pressed, "#calc-close")
    def action_close(self) -> None:
        self.dismiss(None)
