"""Add or edit a company by hand, with each field checked as it is typed (the CLI's own validation)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Static, TextArea

from privacy_tui.core.errors import UserError
from privacy_tui.ui import safe
from privacy_tui.ui.messages import CompanyLoaded, CompanySaved, WorkFailed
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.workers import store_work

# (field, label, placeholder); list fields are typed comma-separated.
FIELDS = (
    ("name", "Name", "Example Widgets Ltd"),
    ("emails", "Privacy emails (comma-separated)", "privacy@example.com"),
    ("webform", "Privacy web form", "https://example.com/privacy-request"),
    ("website", "Website", "https://example.com"),
    ("country", "Country (ISO code)", "GB"),
    ("subdivision", "State / nation", "CA, SCT, ..."),
    ("regimes", "Laws (comma-separated)", "gdpr, uk_gdpr, ccpa, pipeda, lgpd, us_va, ..."),
    ("categories", "Data categories (letters A–L)", "A, B, F"),
)
LIST_FIELDS = ("emails", "regimes", "categories")


def split_list(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]


def field_value(field: str, text: str):
    return split_list(text) if field in LIST_FIELDS else text


def check_field(field: str, text: str) -> str:
    """The one-line problem with one field, or '' when it is fine (same rules as `company add`)."""
    from privacy_tui.services.companies import company_fields

    if field == "emails":
        for part in split_list(text):  # one address at a time, so the message names the bad one
            try:
                company_fields(emails=[part])
            except UserError as exc:
                return str(exc)
        return ""
    try:
        company_fields(**{field: field_value(field, text)})
    except UserError as exc:
        return str(exc)
    return ""


class CompanyFormScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, company_id: str | None = None) -> None:
        super().__init__()
        self.company_id = company_id
        self.original: dict = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="company-form", classes="form"):
            yield Static("Edit company" if self.company_id else "Add a company", classes="page-title")
            for field, label, placeholder in FIELDS:
                yield Label(label)
                yield Input(placeholder=placeholder, id=f"f-{field}")
                yield Static("", id=f"err-{field}", classes="error-line field-error")
            yield Label("Postal address")
            yield TextArea(id="f-address", classes="short-area")
            yield Label("Notes")
            yield TextArea(id="f-notes", classes="short-area")
            yield Static("", id="form-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#f-name", Input).focus()
        if self.company_id:
            cid = self.company_id
            store_work(self, "load the company", lambda store: CompanyLoaded(store.company(cid), []))

    def on_company_loaded(self, message: CompanyLoaded) -> None:
        c = message.company
        values = {
            "name": c.name, "emails": ", ".join(c.emails), "webform": c.webform, "website": c.website,
            "country": c.country, "subdivision": c.subdivision, "regimes": ", ".join(c.regimes),
            "categories": ", ".join(c.categories),
        }
        # Shown with any control character as a visible escape (an Input draws its value as it
        # is); an untouched field is not saved, so the stored value stays as it was.
        for field, value in values.items():
            self.query_one(f"#f-{field}", Input).value = safe.plain(value, multiline=False)
        self.query_one("#f-address", TextArea).text = safe.plain(c.address)
        self.query_one("#f-notes", TextArea).text = safe.plain(c.notes)
        self.original = self.values()

    @on(Input.Changed)
    def _validate(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("f-")
        if field and any(field == f for f, _, _ in FIELDS):
            problem = check_field(field, event.value) if event.value.strip() or field == "name" else ""
            self.query_one(f"#err-{field}", Static).update(safe.text(problem))
            event.input.set_class(bool(problem), "invalid")

    def values(self) -> dict:
        out = {field: field_value(field, self.query_one(f"#f-{field}", Input).value) for field, _, _ in FIELDS}
        out["address"] = self.query_one("#f-address", TextArea).text
        out["notes"] = self.query_one("#f-notes", TextArea).text
        return out

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.app.pop_screen()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = self.values()
        problems = {f: check_field(f, self.query_one(f"#f-{f}", Input).value) for f, _, _ in FIELDS}
        problems = {f: p for f, p in problems.items() if p}
        for field, _, _ in FIELDS:
            self.query_one(f"#err-{field}", Static).update(safe.text(problems.get(field, "")))
        if problems:
            first = next(iter(problems))
            self.query_one(f"#f-{first}", Input).focus()
            self.query_one("#form-error", Static).update("Fix the fields marked above, then save.")
            return
        cid = self.company_id
        if cid:
            # Only what changed is saved (and marked as typed): the evidence of the other facts stays.
            values = {k: v for k, v in values.items() if self.original.get(k) != v}
            if not values:
                self.app.pop_screen()
                return

        def save(store):
            from privacy_tui.services.companies import add_company, edit_company

            if cid:
                return CompanySaved(edit_company(store, cid, **values), created=False)
            return CompanySaved(add_company(store, **values), created=True)

        self.query_one("#form-error", Static).update("Saving…")
        store_work(self, "save the company", save)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#form-error", Static).update(safe.text(message.reason))
        message.stop()

    def on_company_saved(self, message: CompanySaved) -> None:
        self.app.pop_screen()
        safe.notify(self.app, f"{message.company.name} saved", title="Company")
        if message.created:
            self.app.action_open_company(message.company.id)
