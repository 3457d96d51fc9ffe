"""Import a privacy policy: paste it, or give a file or URL → analysed in a worker → review the facts → save."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static, TextArea

from privacy_tui.core.taxonomy import category_label
from privacy_tui.ui import safe
from privacy_tui.ui.messages import CompanySaved, PolicyAnalyzed, WorkFailed
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.screens.company_form import check_field, split_list
from privacy_tui.ui.widgets.provenance import item_label
from privacy_tui.ui.workers import run_in_thread, store_work

# Facts the user can correct: (analysis key, label, form field used for validation)
FACTS = (
    ("company", "Company name", "name"),
    ("emails", "Privacy emails", "emails"),
    ("webforms", "Web form", "webform"),
    ("address", "Address", "address"),
    ("regimes", "Laws", "regimes"),
    ("ccpa_categories", "Categories (A–L)", "categories"),
)


def analyze(arg: str, text: str) -> PolicyAnalyzed:
    if text.strip():
        from privacy_tui.core.policy import analyze_text

        return PolicyAnalyzed(analyze_text(text, source="pasted text").to_json(), "pasted text")
    from privacy_tui.services.policy_import import load_and_analyze

    analysis, source = load_and_analyze(arg.strip())
    return PolicyAnalyzed(analysis, source)


def evidence_text(analysis: dict, key: str) -> str:
    ev = (analysis.get("evidence") or {}).get(key)
    if isinstance(ev, list):
        ev = ev[0] if ev else None
    elif isinstance(ev, dict) and "text" not in ev and ev:
        ev = next(iter(ev.values()))
    if isinstance(ev, dict) and ev.get("text"):
        text = str(ev["text"])
        return f"\u201c{text[:200]}{'…' if len(text) > 200 else ''}\u201d"
    return ""


def shown_value(analysis: dict, key: str) -> str:
    value = analysis.get(key)
    if key == "webforms":
        return (value or [""])[0]
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)


class PolicyImportScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+r", "analyze", "Analyze"),
        Binding("ctrl+s", "save", "Save company"),
        Binding("space", "toggle_item", "Keep/drop item", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.analysis: dict | None = None
        self.source = ""
        self.dropped: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="policy-import", classes="form"):
            yield Static("Import a privacy policy", classes="page-title")
            yield Label("A URL or a file (HTML, PDF, Markdown, text)…")
            yield Input(placeholder="https://example.com/privacy  or  ~/Downloads/policy.pdf", id="policy-source")
            yield Label("…or paste the policy's text")
            yield TextArea(id="policy-text")
            with Horizontal(classes="buttons"):
                yield Button("Analyze", variant="primary", id="analyze")
            yield Static("", id="import-status", classes="hint")
            with Vertical(id="review"):
                yield Static("Review what was found — correct anything, then save", classes="section-title")
                for key, label, _ in FACTS:
                    yield Label(label)
                    yield Input(id=f"p-{key}")
                    yield Static("", id=f"perr-{key}", classes="error-line field-error")
                    yield Static("", id=f"ev-{key}", classes="hint")
                yield Label("Data items (space drops or keeps the highlighted one)", classes="section-title")
                items = DataTable(id="items", cursor_type="row")
                items.add_column("Keep", width=4)
                items.add_column("Item", width=26)
                items.add_column("Category", width=30)
                items.add_column("Evidence", width=60)
                yield items
                yield Static("", id="save-error", classes="error-line")
                with Horizontal(classes="buttons"):
                    yield Button("Save as company", variant="primary", id="save")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#review").display = False
        self.query_one("#policy-source", Input).focus()

    @on(Input.Submitted, "#policy-source")
    @on(Button.Pressed, "#analyze")
    def action_analyze(self) -> None:
        arg = self.query_one("#policy-source", Input).value
        text = self.query_one("#policy-text", TextArea).text
        if not arg.strip() and not text.strip():
            self.query_one("#import-status", Static).update("Give a URL or a file, or paste the text.")
            return
        self.query_one("#import-status", Static).update("Analysing the policy…")
        self.query_one("#analyze", Button).disabled = True
        run_in_thread(self, "analyse the policy", lambda: analyze(arg, text), exclusive=True)

    def on_policy_analyzed(self, message: PolicyAnalyzed) -> None:
        self.query_one("#analyze", Button).disabled = False
        self.analysis, self.source = message.analysis, message.source
        a = message.analysis
        found = sum(1 for key, _, _ in FACTS if shown_value(a, key))
        self.query_one("#import-status", Static).update(
            safe.line(f"From {message.source}: {found} of {len(FACTS)} facts and {len(a.get('data_items') or [])} data items found.")
        )
        for key, _, _ in FACTS:
            self.query_one(f"#p-{key}", Input).value = safe.plain(shown_value(a, key), multiline=False)
            self.query_one(f"#ev-{key}", Static).update(safe.text(evidence_text(a, key)))
        self.dropped = set()
        self._fill_items()
        self.query_one("#review").display = True
        self.query_one("#p-company", Input).focus()

    def _fill_items(self) -> None:
        table = self.query_one("#items", DataTable)
        table.clear()
        for i, item in enumerate((self.analysis or {}).get("data_items") or []):
            ev = item.get("evidence") or {}
            text = str(ev.get("text", "")) if isinstance(ev, dict) else ""
            table.add_row(
                "" if i in self.dropped else "✓", safe.line(item_label(str(item["item"]))),
                safe.line(f"{item['category']} {category_label(str(item['category']))}"), safe.line(text[:120]), key=str(i),
            )

    def action_toggle_item(self) -> None:
        table = self.query_one("#items", DataTable)
        if not table.has_focus or table.row_count == 0:
            return
        i = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.dropped ^= {i}
        row = table.cursor_row
        self._fill_items()
        table.move_cursor(row=min(row + 1, table.row_count - 1))

    @on(Input.Changed)
    def _validate(self, event: Input.Changed) -> None:
        key = (event.input.id or "").removeprefix("p-")
        form_field = next((f for k, _, f in FACTS if k == key), None)
        if form_field and self.analysis is not None:
            problem = check_field(form_field, event.value) if event.value.strip() or key == "company" else ""
            self.query_one(f"#perr-{key}", Static).update(safe.text(problem))

    def corrected(self) -> dict:
        """The analysis with the user's corrections applied (evidence kept for what still stands)."""
        a = dict(self.analysis or {})
        v = {key: self.query_one(f"#p-{key}", Input).value.strip() for key, _, _ in FACTS}
        a["company"] = v["company"] or None
        a["emails"] = split_list(v["emails"])
        a["webforms"] = [v["webforms"]] if v["webforms"] else []
        a["address"] = v["address"] or None
        a["regimes"] = [r.lower() for r in split_list(v["regimes"])]
        a["ccpa_categories"] = [c.upper() for c in split_list(v["ccpa_categories"])]
        a["data_items"] = [d for i, d in enumerate(a.get("data_items") or []) if i not in self.dropped]
        return a

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.analysis is None:
            return
        problems = []
        for key, label, form_field in FACTS:
            value = self.query_one(f"#p-{key}", Input).value
            problem = check_field(form_field, value) if value.strip() or key == "company" else ""
            self.query_one(f"#perr-{key}", Static).update(safe.text(problem))
            if problem:
                problems.append(label)
        if problems:
            self.query_one("#save-error", Static).update(f"Fix: {', '.join(problems)}.")
            return
        analysis, source = self.corrected(), self.source

        def save(store):
            from privacy_tui.services.policy_import import import_policy

            company, created = import_policy(store, analysis, source)
            return CompanySaved(company, created)

        self.query_one("#save-error", Static).update("Saving…")
        store_work(self, "save the company", save)

    def on_company_saved(self, message: CompanySaved) -> None:
        verb = "added" if message.created else "merged into the existing record"
        self.app.pop_screen()
        safe.notify(self.app, f"{message.company.name} {verb}", title="Policy imported")
        self.app.action_open_company(message.company.id)

    def on_work_failed(self, message: WorkFailed) -> None:
        message.stop()
        self.query_one("#analyze", Button).disabled = False
        target = "#save-error" if message.action == "save the company" else "#import-status"
        self.query_one(target, Static).update(safe.join((f"Could not {message.action}:", "bold"), " ", message.reason))
