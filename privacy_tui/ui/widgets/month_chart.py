"""Requests sent and answered per month: two labelled sparklines over the last twelve months."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Sparkline

ANSWERS = ("fulfilled", "partially_fulfilled", "denied")


def month_keys(today: date, count: int = 12) -> list[str]:
    keys = []
    y, m = today.year, today.month
    for _ in range(count):
        keys.append(f"{y:04d}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return keys[::-1]


def monthly_counts(requests, today: date, count: int = 12) -> dict:
    """{"months": [...], "sent": [...], "answered": [...]} counted from the timelines."""
    keys = month_keys(today, count)
    index = {k: i for i, k in enumerate(keys)}
    sent = [0] * count
    answered = [0] * count
    for r in requests:
        first_sent = r.first_date("sent")
        if first_sent and first_sent[:7] in index:
            sent[index[first_sent[:7]]] += 1
        answer = next((e.date for e in r.events if e.kind in ANSWERS), "")
        if answer and answer[:7] in index:
            answered[index[answer[:7]]] += 1
    return {"months": keys, "sent": sent, "answered": answered}


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
