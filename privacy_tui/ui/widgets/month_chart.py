"""Requests sent and answered per month: two labelled sparklines over the last twelve months."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline


class MonthChart(Vertical):
    def compose(self) -> ComposeResult:
        with Horizontal(classes="chart-row"):
            yield Label("sent    ", classes="chart-label")
            yield Sparkline([0], id="chart-sent", summary_function=max)
            yield Label("", id="chart-sent-total", classes="chart-total")
        with Horizontal(classes="chart-row"):
            yield Label("answered", classes="chart-label")
            yield Sparkline([0], id="chart-answered", summary_function=max)
            yield Label("", id="chart-answered-total", classes="chart-total")
        yield Label("", id="chart-range", classes="hint")

    def show(self, monthly: dict) -> None:
        self.query_one("#chart-sent", Sparkline).data = monthly["sent"]
        self.query_one("#chart-answered", Sparkline).data = monthly["answered"]
        self.query_one("#chart-sent-total", Label).update(f" {sum(monthly['sent'])}")
        self.query_one("#chart-answered-total", Label).update(f" {sum(monthly['answered'])}")
        months = monthly["months"]
        if months:
            self.query_one("#chart-range", Label).update(f"per month, {months[0]} to {months[-1]}")
