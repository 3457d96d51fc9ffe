"""Home: counts per status, reminders, every deadline sorted by due date, requests sent and answered per month."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Label, Static

from privacy_tui.ui import safe
from privacy_tui.ui.format import (
    OPEN_STATUSES,
    due_words,
    regime_label,
    short,
    status_label,
    type_label,
    urgency,
)
from privacy_tui.ui.messages import DashboardLoaded, EventRecorded, RepliesWaiting
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.month_chart import MonthChart
from privacy_tui.ui.widgets.reminder_panel import ReminderPanel
from privacy_tui.ui.workers import store_work

FIRST_BATCH = 60  # more than a tall terminal shows: the first paint needs no more
BATCH = 200  # about 60 ms of DataTable measuring here: short enough not to stall keys
# (key, heading, width); below WIDE columns the table keeps what a deadline needs: who, what, due, days left, status.
COLUMNS = (("company", "Company", 24), ("type", "Request", 12), ("regime", "Law", 10), ("sent", "Sent", 11),
           ("due", "Due", 11), ("days", "", 13), ("status", "Status", 13))
NARROW = {"company": 20, "type": 10, "due": 11, "days": 13, "status": 12}
WIDE = 112
COUNT_ORDER = ("overdue", "needs_action", "draft", "send_failed", "sent", "acknowledged", "extended", "done", "denied", "withdrawn")


def load_dashboard(source, today, *, check_overdue: bool = False) -> DashboardLoaded:
    """Everything the dashboard shows, from the raw request records of `source` (the Store, or
    the vault's encrypted summary while the full vault is still opening); on the first load after
    unlocking, also which requests became overdue since the last start (remembered in the vault)."""
    from privacy_tui.services.overview import overview
    from privacy_tui.ui.reminders import newly_overdue, within_days

    within = within_days(source)
    names = {c.id: c.name for c in source.companies()}
    o = overview(source.request_records(), names, today, within)
    new = newly_overdue(source, o.reminders) if check_overdue else []
    return DashboardLoaded(o.rows, o.counts, o.monthly, o.reminders, within, new)


def replies_waiting(store) -> RepliesWaiting:
    from privacy_tui.services.inbox import waiting_count

    return RepliesWaiting(waiting_count(store))


class DashboardScreen(BaseScreen):
    # In the order the footer shows them: what a newcomer looks for first must fit 80 columns.
    BINDINGS = [
        Binding("enter", "open_request", "Open", show=False),
        Binding("n", "app.new_request", "New request"),
        Binding("c", "app.companies", "Companies"),
        Binding("p", "app.directory", "Directory"),
        Binding("s", "app.settings", "Settings"),
        Binding("m", "mark", "Mark event"),
        Binding("o", "open_request", "Open request", show=False),
        Binding("a", "toggle_all", "All/open"),
        Binding("i", "app.import_policy", "Import policy", show=False),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("b", "app.inbox", "Inbox (replies)", show=False),
    ]
    # On a short terminal the reminders shrink to their most urgent line, leaving rows for the table.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, preview: DashboardLoaded | None = None) -> None:
        super().__init__()
        self.show_all = False
        self.loaded: DashboardLoaded | None = None
        self.preview = preview  # from the vault's summary, while the full vault is still opening

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dashboard"):
            with Horizontal(id="dash-top"):
                yield Static("", id="counts")
                yield MonthChart(id="chart")
            yield ReminderPanel(id="reminders")
            waiting = Static("", id="replies-waiting", classes="hint")
            waiting.display = False  # shown only when replies wait
            yield waiting
            yield Label("Deadlines", id="deadlines-title", classes="section-title")
            table = DataTable(id="deadlines", cursor_type="row", zebra_stripes=True)
            self._add_columns(table, narrow=self.app.size.width < WIDE)
            yield table
            yield Static("", id="empty-hint", classes="hint")
        yield Footer()

    def _add_columns(self, table: DataTable, *, narrow: bool) -> None:
        self.narrow = narrow
        self.shown_columns = [key for key, _, _ in COLUMNS if not narrow or key in NARROW]
        for key, heading, width in COLUMNS:
            if key in self.shown_columns:
                table.add_column(heading, key=key, width=NARROW[key] if narrow else width)

    def on_resize(self) -> None:
        if self.loaded is not None:
            self._show_counts(self.loaded.counts)
        narrow = self.size.width < WIDE
        if narrow != getattr(self, "narrow", narrow):
            table = self.query_one("#deadlines", DataTable)
            table.clear(columns=True)
            self._add_columns(table, narrow=narrow)
            self._fill_table()

    def on_screen_resume(self) -> None:
        if self.preview is not None and self.app.store is None:
            preview, self.preview = self.preview, None
            self.on_dashboard_loaded(preview)
            self.app.call_after_refresh(self.app.first_paint.set)
            return
        self.action_refresh()

    def action_refresh(self) -> None:
        app = self.app
        if app.store is None:
            return  # still opening: the load follows as soon as the vault is open
        # The start-up check runs once per app run, inside the load that reads the requests anyway.
        check = not app.overdue_checked
        app.overdue_checked = True
        store_work(self, "load the dashboard", lambda store: load_dashboard(store, app.today, check_overdue=check), exclusive=True)
        store_work(self, "count the replies", replies_waiting)

    def on_replies_waiting(self, message: RepliesWaiting) -> None:
        line = self.query_one("#replies-waiting", Static)
        n = message.count
        line.update(f"✉ {n} repl{'ies wait' if n != 1 else 'y waits'} in the Inbox — press b to read {'them' if n != 1 else 'it'}")
        line.display = n > 0

    def on_dashboard_loaded(self, message: DashboardLoaded) -> None:
        same_rows = self.loaded is not None and self.loaded.rows == message.rows
        self.loaded = message
        self._show_counts(message.counts)
        self.query_one(MonthChart).show(message.monthly)
        self.query_one(ReminderPanel).show(message.reminders, message.within)
        if not same_rows:  # e.g. the full vault confirming the summary: keep the cursor where it is
            self._fill_table()
        if message.new_overdue:
            self.app.notify_overdue(message.new_overdue)

    def _show_counts(self, counts: dict) -> None:
        short = self.app.size.height < 32  # as VERTICAL_BREAKPOINTS' "-short"
        theme = self.app.current_theme
        parts = []
        for status in COUNT_ORDER:
            n = counts.get(status, 0)
            colour = theme.error if status == "overdue" and n else theme.warning if status == "needs_action" and n else ""
            parts.append(safe.text(f"{status_label(status):<13}{n:>{3 if short else 6}}", colour or ""))
        total = sum(counts.values())
        parts.append(safe.text(f"{'total':<13}{total:>{3 if short else 6}}", "bold"))
        if short:  # four to a line, so the deadlines keep the room of a short terminal
            rows = [safe.join(*[p for q in parts[i:i + 4] for p in (q, "  ")][:-1]) for i in range(0, len(parts), 4)]
        else:
            rows = parts
        self.query_one("#counts", Static).update(safe.lines(rows))

    def _fill_table(self) -> None:
        if self.loaded is None:
            return
        theme = self.app.current_theme
        styles = {"overdue": f"bold {theme.error}", "soon": theme.warning or "yellow"}
        table = self.query_one("#deadlines", DataTable)
        table.clear()
        rows = [row for row in self.loaded.rows if self.show_all or row.status in OPEN_STATUSES]
        # Rows go in in batches so a vault with thousands of open requests never freezes the screen:
        # the most urgent (first by due date) appear at once, the rest follow between key presses.
        self._fill_generation = getattr(self, "_fill_generation", 0) + 1
        self._add_batch(table, rows, 0, self._fill_generation, styles)
        shown = "all requests" if self.show_all else "open requests"
        self.query_one("#deadlines-title", Label).update(f"Deadlines — {shown} ({len(rows)}), by due date")
        hint = self.query_one("#empty-hint", Static)
        if not self.loaded.rows:
            hint.update("No requests yet. Press n to write your first request, c to add companies, p to pick them from the directory.")
            hint.display = True
        else:
            hint.display = False

    def _add_batch(self, table: DataTable, rows: list, start: int, generation: int, styles: dict) -> None:
        if generation != self._fill_generation:
            return  # a newer fill replaced this one
        end = start + (FIRST_BATCH if start == 0 else BATCH)
        for row in rows[start:end]:
            style = styles.get(urgency(row.status, row.days), "")
            cells = (
                row.company,
                type_label(row.type),
                regime_label(row.regime),
                short(row.sent),
                short(row.due),
                due_words(row.status, row.days),
                status_label(row.status),
            )
            cells = [c for (key, _, _), c in zip(COLUMNS, cells, strict=True) if key in self.shown_columns]
            table.add_row(*(safe.line(c, style) for c in cells), key=row.id)
        if end < len(rows):
            more = lambda: self._add_batch(table, rows, end, generation, styles)  # noqa: E731
            if start == 0:
                self.call_after_refresh(more)  # paint the first rows before adding the rest
            else:
                self.set_timer(0.01, more)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self._fill_table()

    def _current_request(self) -> str | None:
        table = self.query_one("#deadlines", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value if key else None

    def action_open_request(self) -> None:
        rid = self._current_request()
        if rid:
            self.app.action_open_request(rid)

    @on(DataTable.RowSelected, "#deadlines")
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.action_open_request(event.row_key.value)

    def action_mark(self) -> None:
        if not self.app.need_store():
            return
        rid = self._current_request()
        if not rid:
            self.notify("No request selected", severity="warning")
            return
        from privacy_tui.ui.screens.mark_event import MarkEventScreen

        self.app.push_screen(MarkEventScreen(rid), self._marked)

    def _marked(self, request) -> None:
        if request is not None:
            self.action_refresh()

    def on_event_recorded(self, message: EventRecorded) -> None:
        self.action_refresh()
