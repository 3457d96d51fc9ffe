"""Pick companies from the imported directory: fuzzy search as you type, tick one or several, add them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static

from privacy_tui.ui import safe
from privacy_tui.ui.messages import DirectoryAdded, DirectoryResults, WorkFailed
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.filter_input import FilterInput
from privacy_tui.ui.workers import run_in_thread, store_work

LIMIT = 40


def search(query: str) -> DirectoryResults:
    from privacy_tui.services.directory_store import open_index

    return DirectoryResults(query, open_index().search(query, LIMIT))


def add_entries(store, entries) -> DirectoryAdded:
    from privacy_tui.core.directory.company import record_to_company as to_company
    from privacy_tui.core.models import now_iso
    from privacy_tui.services.companies import save_new_company

    existing = {c.name.casefold(): c for c in store.companies()}
    out = []
    with store.batch():
        for entry in entries:
            known = existing.get(entry.name.casefold())
            if known is not None:
                out.append((known, False))
                continue
            company = save_new_company(store, to_company(entry, company_id="", now=now_iso()))
            existing[company.name.casefold()] = company
            out.append((company, True))
    return DirectoryAdded(out)


class DirectoryScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("space", "toggle", "Tick"),
        Binding("ctrl+s", "add", "Add ticked"),
        Binding("ctrl+n", "add_and_request", "Add and write requests"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list = []
        self.chosen: dict[str, object] = {}  # slug -> entry, kept across searches
        self.stale_status = False  # the status line says there is no directory, or a search failed

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="directory", classes="form"):
            yield Static("Pick companies from the directory", classes="page-title")
            yield FilterInput(list_id="dir-results", placeholder="type a company name or domain · ↓ into the list · enter ticks", id="dir-query")
            yield Static("", id="dir-status", classes="hint")
            table = DataTable(id="dir-results", cursor_type="row")
            narrow = self.app.size.width < 110  # 80 columns: every column shortened, none dropped
            table.add_column("", width=1, key="tick")
            table.add_column("Company", width=24 if narrow else 36)
            table.add_column("Web", width=17 if narrow else 28)
            table.add_column("Privacy contact", width=20 if narrow else 30)
            table.add_column("Score" if not narrow else "", width=3 if narrow else 5)
            yield table
            yield Label("", id="dir-chosen", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Add ticked", variant="primary", id="add")
                yield Button("Add and write requests", id="add-request")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dir-query", Input).focus()
        self._chosen_label()
        from privacy_tui.services.directory_store import store_path

        if not store_path().exists():
            self.query_one("#dir-status", Static).update("No directory yet: press F3 to download or import it (free, CC0).")
            self.stale_status = True

    def on_screen_resume(self) -> None:
        # Back from the directory import (F3): the hint no longer applies, and the query runs again.
        from privacy_tui.services.directory_store import store_path

        if not store_path().exists():
            return
        if self.stale_status:
            self.stale_status = False
            self.query_one("#dir-status", Static).update("")
            query = self.query_one("#dir-query", Input)
            if query.value.strip():
                self._search(Input.Changed(query, query.value))

    @on(Input.Changed, "#dir-query")
    def _search(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if not query:
            self.hits = []
            self._fill()
            return
        run_in_thread(self, "search the directory", lambda: search(query), exclusive=True)

    def on_filter_input_tick(self, message: FilterInput.Tick) -> None:
        self.action_toggle()

    def on_directory_results(self, message: DirectoryResults) -> None:
        if message.query != self.query_one("#dir-query", Input).value.strip():
            return  # an older search finished after a newer one started
        self.hits = message.hits
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#dir-results", DataTable)
        table.clear()
        for hit in self.hits:
            e = hit.entry
            table.add_row(
                "✓" if e.slug in self.chosen else "", safe.line(e.name), safe.line(e.web),
                safe.line(e.emails[0] if e.emails else e.webform), f"{hit.score:.0f}", key=e.slug,
            )
        q = self.query_one("#dir-query", Input).value.strip()
        self.query_one("#dir-status", Static).update(safe.line(f"{len(self.hits)} matches for {q!r}") if q else "")
        self.stale_status = False

    def _chosen_label(self) -> None:
        names = ", ".join(e.name for e in self.chosen.values())
        self.query_one("#dir-chosen", Label).update(
            safe.line(f"Ticked ({len(self.chosen)}): {names}") if self.chosen
            else "Nothing ticked yet: space or enter ticks the highlighted company."
        )

    @on(DataTable.RowSelected, "#dir-results")
    def _selected(self) -> None:
        self.action_toggle()

    def action_toggle(self) -> None:
        table = self.query_one("#dir-results", DataTable)
        if table.row_count == 0:
            return
        slug = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        hit = next((h for h in self.hits if h.entry.slug == slug), None)
        if hit is None:
            return
        if slug in self.chosen:
            del self.chosen[slug]
        else:
            self.chosen[slug] = hit.entry
        table.update_cell(slug, "tick", "✓" if slug in self.chosen else "")
        self._chosen_label()

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        self._add(then_request=False)

    @on(Button.Pressed, "#add-request")
    def action_add_and_request(self) -> None:
        self._add(then_request=True)

    def _add(self, *, then_request: bool) -> None:
        if not self.chosen:
            self.query_one("#dir-chosen", Label).update("Tick at least one company first (space or enter).")
            return
        self.then_request = then_request
        entries = list(self.chosen.values())
        store_work(self, "add the companies", lambda store: add_entries(store, entries))

    def on_directory_added(self, message: DirectoryAdded) -> None:
        added = sum(1 for _, new in message.companies if new)
        known = len(message.companies) - added
        self.notify(f"{added} added" + (f", {known} already in your companies" if known else ""), title="Directory")
        ids = [c.id for c, _ in message.companies]
        self.app.pop_screen()
        if getattr(self, "then_request", False):
            self.app.action_new_request(ids)

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.query_one("#dir-status", Static).update(safe.join((f"Could not {message.action}:", "bold"), " ", message.reason))
        self.stale_status = True
