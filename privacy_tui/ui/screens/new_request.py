"""New request wizard: one or many companies → type and law → letters to review → send, with each result."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from privacy_tui.ui import safe
from privacy_tui.ui.format import regime_label, type_label
from privacy_tui.ui.messages import CompaniesLoaded, DraftsSaved, RequestsDrafted, WorkFailed
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.widgets.filter_input import FilterInput
from privacy_tui.ui.widgets.send_panel import SendPanel
from privacy_tui.ui.workers import store_work

STEPS = ("step-companies", "step-type", "step-letters", "step-send")
STEP_TITLES = ("1 Companies", "2 Request", "3 Letters", "4 Send")
AUTO = "auto"


def request_type_options() -> list[tuple[str, str]]:
    from privacy_tui.core.request_types import REQUEST_TYPES

    return [(f"{t.label} — {t.summary}", key) for key, t in REQUEST_TYPES.items()]


def regime_options() -> list[tuple[str, str]]:
    from privacy_tui.core.laws.registry import REGIMES

    return [("Automatic: from each company and your profile", AUTO)] + [
        (f"{r.short} — {r.jurisdiction}", key) for key, r in REGIMES.items()
    ]


def language_options() -> list[tuple[str, str]]:
    from privacy_tui.core.letter_language import get_language, language_codes

    return [("Automatic: each company's language (directory, else its country)", AUTO)] + [
        (f"{get_language(c).name} ({get_language(c).native})", c) for c in language_codes()
    ]


class LetterRedrafted(Message):
    """A wizard draft drawn up again in another language."""

    def __init__(self, index: int, request) -> None:
        super().__init__()
        self.index = index
        self.request = request


def ground_options() -> list[tuple]:
    from rich.text import Text

    from privacy_tui.core.grounds import help_text

    return [(Text(item), item.split(":", 1)[0]) for item in help_text().split("; ")]


def draft_all(store, company_ids, request_type, regime, identity, today, grounds=(), situation="",
              language=AUTO) -> RequestsDrafted:
    """Build (not yet save) one draft per company; a company the law does not fit gets its reason instead."""
    from privacy_tui.core.errors import UserError
    from privacy_tui.core.grounds import grounds_for
    from privacy_tui.services.requests import build_request, choose_regime_for

    profile = store.profile()
    drafts = []
    for cid in company_ids:
        company = store.company(cid)
        try:
            chosen = None if regime == AUTO else regime
            # Each company's law has its own grounds: keep those of the ticked ones it knows.
            known = grounds_for(choose_regime_for(company, profile, chosen).key, request_type)
            picked = [g for g in grounds if g in known]
            r = build_request(company, profile, request_type, regime=chosen, identity_fields=identity, today=today,
                              grounds=picked, situation=situation if "particular_situation" in picked else "",
                              language=None if language == AUTO else language)
            drafts.append((company, r, ""))
        except UserError as exc:
            drafts.append((company, None, str(exc)))
    return RequestsDrafted(drafts)


class NewRequestScreen(BaseScreen):
    # The grounds list scrolls within a few lines, so the step still fits 80x24.
    DEFAULT_CSS = """
    #grounds { height: auto; max-height: 5; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Cancel"),
        Binding("ctrl+n", "next", "Next step"),
        Binding("ctrl+b", "back", "Previous step"),
        Binding("ctrl+l", "letter_english", "Letter in English", show=False),  # in help and beside the language selector
    ]

    def __init__(self, company_ids: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.preselected = set(company_ids)
        self.companies: list = []
        self.drafts: list = []  # (company, request or None, problem)
        self.current: int | None = None
        self.step = 0
        self.saved_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(classes="wizard"):
            yield Static("", id="steps", classes="page-title")
            with ContentSwitcher(initial=STEPS[0], id="wizard"):
                with Vertical(id="step-companies"):
                    yield Label("Which companies? Enter or space ticks one; tick several to write to each.", classes="step-title")
                    yield FilterInput(list_id="company-choices", placeholder="type to filter · ↓ into the list", id="company-filter")
                    yield SelectionList(id="company-choices")
                    yield Static("", id="chosen", classes="hint")
                with VerticalScroll(id="step-type"):  # scrolls at 80x24 now that it holds the grounds too
                    yield Label("What do you ask for?", classes="step-title")
                    yield Select(request_type_options(), value="access", allow_blank=False, id="request-type")
                    yield Label("Under which law?", classes="step-title")
                    yield Select(regime_options(), value=AUTO, allow_blank=False, id="regime")
                    yield Label("In which language? (each letter can be switched later)", classes="step-title")
                    yield Select(language_options(), value=AUTO, allow_blank=False, id="language")
                    yield Label("Identity data to include in the letter", classes="step-title")
                    yield SelectionList(("name", "name", True), ("email", "email", True), ("postal address", "address"), ("phone", "phone"), id="identity")
                    yield Label("Grounds (erasure, objection, restriction): tick only those that apply to you", classes="step-title")
                    yield SelectionList(*ground_options(), id="grounds")
                    yield Input(placeholder="your particular situation (for an objection on that ground)", id="situation")
                with Horizontal(id="step-letters"):
                    with Vertical(id="draft-list-box"):
                        yield Label("Letters", classes="step-title")
                        yield OptionList(id="draft-list")
                    with Vertical(id="draft-editor"):
                        yield Static("", id="draft-reason", classes="hint")
                        yield Input(id="draft-subject")
                        yield TextArea(id="draft-letter")
                with Vertical(id="step-send"):
                    yield SendPanel(id="send-panel")
            yield Static("", id="wizard-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Back", id="back")
                yield Button("Next", variant="primary", id="next")
                yield Button("Done", id="done")
        yield Footer()

    def on_mount(self) -> None:
        self._show_step()
        store_work(self, "load the companies", lambda store: CompaniesLoaded(store.companies()))

    def on_companies_loaded(self, message: CompaniesLoaded) -> None:
        self.companies = message.companies
        self._fill_companies()
        if self.preselected and all(c.id in self.preselected for c in self.companies if c.id in self.preselected):
            self._update_chosen()

    def _fill_companies(self) -> None:
        box = self.query_one("#company-choices", SelectionList)
        needle = self.query_one("#company-filter", Input).value.strip().casefold()
        box.clear_options()
        for c in self.companies:
            if needle and needle not in c.name.casefold():
                continue
            contact = c.emails[0] if c.emails else (c.webform or "no contact")
            box.add_option((safe.join(safe.line(c.name), "  ", safe.line(contact, "dim")), c.id, c.id in self.preselected))
        if box.option_count:
            box.highlighted = 0  # so that the first Space, Enter or click ticks something
        self._update_chosen()

    def on_filter_input_tick(self, message: FilterInput.Tick) -> None:
        box = self.query_one("#company-choices", SelectionList)
        if box.highlighted is not None:
            box.toggle(box.get_option_at_index(box.highlighted))

    @on(Input.Changed, "#company-filter")
    def _filter(self) -> None:
        self._fill_companies()

    @on(SelectionList.SelectedChanged, "#company-choices")
    def _chosen_changed(self) -> None:
        box = self.query_one("#company-choices", SelectionList)
        visible = {box.get_option_at_index(i).value for i in range(box.option_count)}
        self.preselected = (self.preselected - visible) | set(box.selected)
        self._update_chosen()

    def _update_chosen(self) -> None:
        n = len(self.preselected)
        text = f"{n} compan{'y' if n == 1 else 'ies'} chosen"
        if not self.companies:
            text = "No companies yet: press Esc, then p to pick them from the directory, or c and a to type one in."
        self.query_one("#chosen", Static).update(text)

    # --- steps -------------------------------------------------------------------------
    def _show_step(self) -> None:
        self.query_one("#wizard", ContentSwitcher).current = STEPS[self.step]
        parts = [safe.text(f" {t} ", "reverse" if i == self.step else "") for i, t in enumerate(STEP_TITLES)]
        self.query_one("#steps", Static).update(safe.join("New request   ", Text(" › ").join(parts)))
        self.query_one("#back", Button).display = 0 < self.step < 3
        self.query_one("#next", Button).display = self.step < 3
        self.query_one("#done", Button).display = self.step == 3
        self.query_one("#next", Button).label = "Save drafts and continue" if self.step == 2 else "Next"
        self.query_one("#next", Button).refresh(layout=True)  # a Button measures its label only at layout
        self.query_one("#wizard-error", Static).update("")
        focus = {0: "#company-filter", 1: "#request-type", 2: "#draft-list", 3: "#transport"}[self.step]
        self.query_one(focus).focus()

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        if 0 < self.step < 3:
            self.step -= 1
            self._show_step()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        error = self.query_one("#wizard-error", Static)
        if self.step == 0:
            if not self.preselected:
                error.update("Choose at least one company (enter or space ticks the highlighted one).")
                return
            self.step = 1
            self._show_step()
        elif self.step == 1:
            self._draft()
        elif self.step == 2:
            self._save_drafts()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.app.action_dashboard()

    def _draft(self) -> None:
        ids = [c.id for c in self.companies if c.id in self.preselected]
        rtype = str(self.query_one("#request-type", Select).value)
        regime = str(self.query_one("#regime", Select).value)
        identity = list(self.query_one("#identity", SelectionList).selected)
        grounds = list(self.query_one("#grounds", SelectionList).selected)
        situation = self.query_one("#situation", Input).value
        language = str(self.query_one("#language", Select).value)
        today = self.app.today
        self.query_one("#wizard-error", Static).update("Drafting letters…")
        store_work(self, "draft the letters",
                   lambda store: draft_all(store, ids, rtype, regime, identity, today, grounds, situation, language))

    def on_requests_drafted(self, message: RequestsDrafted) -> None:
        self.drafts = list(message.requests)
        box = self.query_one("#draft-list", OptionList)
        box.clear_options()
        for i, (company, request, problem) in enumerate(self.drafts):
            if request is None:
                box.add_option(Option(safe.join("✗ ", safe.line(company.name), ": ", safe.line(problem)), id=f"d{i}", disabled=True))
            else:
                label = safe.join(safe.line(company.name), f" · {type_label(request.type)} · {regime_label(request.regime)}")
                box.add_option(Option(label, id=f"d{i}"))
        self.step = 2
        self._show_step()
        usable = [i for i, (_, r, _) in enumerate(self.drafts) if r is not None]
        if usable:
            box.highlighted = usable[0]
            self._edit(usable[0])
        else:
            self.query_one("#wizard-error", Static).update("No letter could be drafted: go back and choose another law or type.")

    @on(OptionList.OptionHighlighted, "#draft-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id:
            self._keep_edits()
            self._edit(int(event.option_id[1:]))

    def _edit(self, index: int) -> None:
        _, request, _ = self.drafts[index]
        if request is None:
            return
        self.current = index
        from privacy_tui.core.letter_language import get_language

        data = request.events[0].data if request.events else {}
        reason = str(data.get("regime_reason", ""))
        language = f"Letter in {get_language(request.language or 'en').name}"
        if request.language == "en" or not request.language:
            language += " (ctrl+l: the company's language)"
        else:
            language += " (ctrl+l: in English)"
        # plain text, never markup
        self.query_one("#draft-reason", Static).update(safe.text(f"{reason}\n{language}" if reason else language))
        # Inputs and text areas draw their text as it is: control characters are shown as escapes.
        self.query_one("#draft-subject", Input).value = safe.plain(request.subject, multiline=False)
        self.query_one("#draft-letter", TextArea).text = safe.plain(request.body)

    def _keep_edits(self) -> None:
        if self.current is None:
            return
        company, request, problem = self.drafts[self.current]
        if request is not None:
            subject = self.query_one("#draft-subject", Input).value
            body = self.query_one("#draft-letter", TextArea).text
            self.drafts[self.current] = (company, replace(request, subject=subject, body=body), problem)

    def action_letter_english(self) -> None:
        """One key: the highlighted draft in English, or back in the company's language."""
        if self.step != 2 or self.current is None:
            return
        index = self.current
        company, request, _ = self.drafts[index]
        if request is None:
            return
        today = self.app.today

        def work(store):
            from privacy_tui.services.requests import english_toggle, redraft

            profile = store.profile()
            return LetterRedrafted(index, redraft(request, company, profile, english_toggle(request, company, profile), today))

        store_work(self, "switch the letter's language", work)

    def on_letter_redrafted(self, message: LetterRedrafted) -> None:
        company, _, problem = self.drafts[message.index]
        self.drafts[message.index] = (company, message.request, problem)
        if self.current == message.index:
            self._edit(message.index)

    def _save_drafts(self) -> None:
        self._keep_edits()
        requests = [r for _, r, _ in self.drafts if r is not None]
        if not requests:
            self.query_one("#wizard-error", Static).update("There is no letter to save.")
            return
        if any(not r.body.strip() or not r.subject.strip() for r in requests):
            self.query_one("#wizard-error", Static).update("Every letter needs a subject and a text.")
            return

        def save(store):
            store.save_requests(requests)
            return DraftsSaved([r.id for r in requests])

        self.query_one("#wizard-error", Static).update("Saving drafts…")
        store_work(self, "save the drafts", save)

    def on_drafts_saved(self, message: DraftsSaved) -> None:
        self.saved_ids = list(message.request_ids)
        self.step = 3
        self._show_step()
        self.query_one(SendPanel).set_requests(self.saved_ids)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#wizard-error", Static).update(safe.text(message.reason))
        message.stop()

    def on_send_panel_finished(self, message: SendPanel.Finished) -> None:
        self.notify(f"{message.sent} sent, {message.failed} failed", title="Requests")
