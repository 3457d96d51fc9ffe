"""Companies that hold your data: filter as you type, open one, add one, or write to several at once."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, Label

from privacy_tui.ui import safe
from privacy_tui.ui.messages import CompaniesLoaded, CompanySaved
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.workers import store_work


def load_companies(store) -> CompaniesLoaded:
    counts: dict[str, int] = {}
    for r in store.requests():
        counts[r.company_id] = counts.get(r.company_id, 0) + 1
    return CompaniesLoaded([(c, counts.get(c.id, 0)) for c in store.companies()])


def matches(company, needle: str) -> bool:
    if not needle:
        return True
    hay = " ".join((company.name, *company.aliases, *company.emails, company.website, company.country)).casefold()
    return all(word in hay for word in needle.casefold().split())


class CompaniesScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "app.new_company", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("space", "toggle_mark", "Mark"),
        Binding("n", "new_request", "Request to marked"),
        Binding("p", "app.directory", "Directory"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("i", "app.import_policy", "Import policy", show=False),  # no room at 80 columns: F2 menu
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []
        self.marked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="companies"):
            yield Input(placeholder="filter: type part of a name, email or country", id="filter")
            yield Label("", id="companies-title", classes="section-title")
            table = DataTable(id="company-table", cursor_type="row", zebra_stripes=True)
            table.add_column("", key="mark", width=1)
            table.add_column("Company", key="name", width=30)
            table.add_column("Country", key="country", width=7)
            table.add_column("Laws", key="regimes", width=14)
            table.add_column("Privacy contact", key="contact", width=30)
            table.add_column("Requests", key="requests", width=8)
            yield table
        yield Footer()

    def on_mount(self) -> None:
        # The table has the focus so the single-letter keys work; / (or a click) goes to the filter.
        self.query_one("#company-table", DataTable).focus()

    def on_screen_resume(self) -> None:
        store_work(self, "load the companies", load_companies, exclusive=True)

    def on_companies_loaded(self, message: CompaniesLoaded) -> None:
        self.rows = message.companies
        self._fill()

    def on_company_saved(self, message: CompanySaved) -> None:
        store_work(self, "load the companies", load_companies, exclusive=True)

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _to_table(self) -> None:
        self.query_one("#company-table", DataTable).focus()

    def _fill(self) -> None:
        needle = self.query_one("#filter", Input).value.strip()
        table = self.query_one("#company-table", DataTable)
        table.clear()
        shown = 0
        for company, n in self.rows:
            if not matches(company, needle):
                continue
            contact = company.emails[0] if company.emails else company.webform
            table.add_row(
                "✓" if company.id in self.marked else "",
                safe.line(company.name),
                safe.line("-".join(x for x in (company.country, company.subdivision) if x)),
                safe.line(", ".join(company.regimes)),
                safe.line(contact),
                str(n),
                key=company.id,
            )
            shown += 1
        marked = f" · {len(self.marked)} marked (n: request to all)" if self.marked else ""
        self.query_one("#companies-title", Label).update(f"{shown} of {len(self.rows)} companies{marked}")

    def _current(self) -> str | None:
        table = self.query_one("#company-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected, "#company-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.action_open_company(event.row_key.value)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_edit(self) -> None:
        cid = self._current()
        if cid:
            from privacy_tui.ui.screens.company_form import CompanyFormScreen

            self.app.push_screen(CompanyFormScreen(cid))

    def action_toggle_mark(self) -> None:
        cid = self._current()
        if not cid:
            return
        self.marked ^= {cid}
        table = self.query_one("#company-table", DataTable)
        table.update_cell(cid, "mark", "✓" if cid in self.marked else "")
        needle = self.query_one("#filter", Input).value.strip()
        shown = sum(1 for c, _ in self.rows if matches(c, needle))
        marked = f" · {len(self.marked)} marked (n: request to all)" if self.marked else ""
        self.query_one("#companies-title", Label).update(f"{shown} of {len(self.rows)} companies{marked}")
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_new_request(self) -> None:
        ids = sorted(self.marked) or ([self._current()] if self._current() else [])
        self.app.action_new_request(ids)
