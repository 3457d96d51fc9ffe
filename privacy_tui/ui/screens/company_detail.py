"""One company: contacts, laws, the A–L category grid with evidence, and the requests sent to it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Static

from privacy_tui.ui import safe
from privacy_tui.ui.format import due_words, regime_label, short, status_label, type_label
from privacy_tui.ui.messages import CompanyLoaded
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.provenance import category_grid, source_words
from privacy_tui.ui.workers import store_work


def contact_table(company) -> Table:
    table = Table(show_header=False, box=None, expand=True, pad_edge=False)
    table.add_column("field", width=12, style="bold")
    table.add_column("value", ratio=3)
    table.add_column("source", ratio=2, style="dim")
    prov = company.provenance

    def row(label: str, value: str, field: str) -> None:
        if value:
            table.add_row(label, safe.text(value), safe.text(source_words(prov.get(field))))

    row("Emails", ", ".join(company.emails), "emails")
    row("Web form", company.webform, "webform")
    row("Website", company.website, "website")
    row("Address", company.address.replace("\n", ", "), "address")
    row("Country", "-".join(x for x in (company.country, company.subdivision) if x), "country")
    row("Laws", ", ".join(regime_label(r) for r in company.regimes), "regimes")
    row("Rights", ", ".join(company.rights), "rights")
    if company.response_days is not None:
        row("Responds in", f"{company.response_days} days (as its policy promises)", "response_days")
    row("Also known", ", ".join(company.aliases), "aliases")
    row("Notes", company.notes, "notes")
    if not table.row_count:
        table.add_row("", Text("No contact details yet: press e to add them.", style="italic"), "")
    return table


class CompanyDetailScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "edit", "Edit"),
        Binding("n", "new_request", "New request"),
        Binding("o", "open_request", "Open request"),
    ]

    def __init__(self, company_id: str) -> None:
        super().__init__()
        self.company_id = company_id
        self.company = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="company-detail"):
            yield Static("", id="company-name", classes="page-title")
            yield Static("", id="company-contacts")
            yield Label("Categories of personal data (CCPA A–L)", classes="section-title")
            yield Static("", id="category-grid")
            yield Label("Requests", classes="section-title")
            table = DataTable(id="company-requests", cursor_type="row")
            for label, width in (("Request", 14), ("Law", 10), ("Sent", 12), ("Due", 12), ("", 13), ("Status", 13), ("Reference", 12)):
                table.add_column(label, width=width)
            yield table
        yield Footer()

    def on_screen_resume(self) -> None:
        cid = self.company_id
        today = self.app.today

        def load(store):
            from privacy_tui.services.requests import view

            company = store.company(cid)
            return CompanyLoaded(company, [view(r, company, today) for r in store.requests(company.id)])

        store_work(self, "load the company", load, exclusive=True)

    def on_company_loaded(self, message: CompanyLoaded) -> None:
        c = message.company
        self.company = c
        self.query_one("#company-name", Static).update(safe.join((c.name, "bold"), "  ", (c.id, "dim")))
        self.query_one("#company-contacts", Static).update(contact_table(c))
        self.query_one("#category-grid", Static).update(category_grid(c))
        table = self.query_one("#company-requests", DataTable)
        table.clear()
        today = self.app.today
        for v in sorted(message.requests, key=lambda v: v.request.created, reverse=True):
            r = v.request
            cells = (
                type_label(r.type), regime_label(r.regime), short(r.sent), short(v.active_due),
                due_words(v.status, v.days_left(today)),
                status_label(v.status), r.reference,
            )
            table.add_row(*(safe.line(cell) for cell in cells), key=r.id)

    def action_edit(self) -> None:
        from privacy_tui.ui.screens.company_form import CompanyFormScreen

        self.app.push_screen(CompanyFormScreen(self.company_id))

    def action_new_request(self) -> None:
        self.app.action_new_request([self.company_id])

    def action_open_request(self) -> None:
        table = self.query_one("#company-requests", DataTable)
        if table.row_count:
            self.app.action_open_request(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected, "#company-requests")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.app.action_open_request(event.row_key.value)
