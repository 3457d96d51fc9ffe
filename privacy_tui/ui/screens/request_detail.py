"""One request: its timeline, every computed date with its rule in words, events to record, follow-ups."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Label, Select, Static, TextArea

from privacy_tui.core.events import CLOSED_STATUSES
from privacy_tui.ui import safe
from privacy_tui.ui.format import (
    due_words,
    regime_label,
    short,
    status_label,
    type_label,
    urgency,
)
from privacy_tui.ui.messages import (
    Done,
    EscalationDrafted,
    EscalationSent,
    RequestLoaded,
    WorkFailed,
)
from privacy_tui.ui.screens.base import BaseScreen, notify_failure
from privacy_tui.ui.widgets.escalation_box import EscalationBox
from privacy_tui.ui.widgets.reminder_panel import kind_colour, reminder_line
from privacy_tui.ui.workers import store_work


def load_request(store, rid, today) -> RequestLoaded:
    from privacy_tui.services.escalation import LETTER_KINDS, recipient_of
    from privacy_tui.services.reminders import request_reminder
    from privacy_tui.services.requests import view
    from privacy_tui.ui.reminders import within_days

    request = store.request(rid)
    company = store.find_company(request.company_id)
    messages = store.messages(request.id)
    name = company.name if company else "(removed company)"
    reminder = request_reminder(request, name, today, within_days(store))
    unsent = [m for m in messages if m.kind in LETTER_KINDS and not m.sent_at]
    latest = max(unsent, key=lambda m: m.created) if unsent else None
    pending = (latest, recipient_of(request, latest)) if latest else None
    from privacy_tui.services.inbox import messages_for_request

    received = messages_for_request(store, request.id)
    return RequestLoaded(view(request, company, today), company, messages, reminder, pending, received)


def timeline_entries(events, received: list) -> list:
    """The request's events and the replies received for it (services.inbox records), by date.

    A reply becomes an Event whose kind is its words ("✉ reply: ID requested (new)"): the table
    shows an unknown kind as it is, and the reply's sender and subject are its detail (data)."""
    from privacy_tui.core.models import Event
    from privacy_tui.ui.screens.inbox_dialogs import kind_label

    entries = list(events)
    for m in received:
        day = str(m.get("date") or m.get("received") or "")[:10]
        what = f"✉ reply: {kind_label(str(m.get('kind') or ''))} ({m.get('state') or 'new'})"
        entries.append(Event(str(m.get("request_id") or ""), what, day, detail=f"{m.get('from') or ''} — {m.get('subject') or ''}"))
    return sorted(entries, key=lambda e: str(e.date)[:10])  # stable: events keep their order


def redraft_in(store, rid, language, today) -> Done:
    """The draft letter in another language ("" = the one-key switch to English and back)."""
    from privacy_tui.core.letter_language import get_language
    from privacy_tui.services.requests import english_toggle, rerender_letter

    if not language:
        request = store.request(rid)
        language = english_toggle(request, store.company(request.company_id), store.profile())
    request = rerender_letter(store, rid, language, today)
    return Done("switch the letter's language", f"Letter now in {get_language(request.language).name}")


def language_choices() -> list[tuple[str, str]]:
    from privacy_tui.core.letter_language import get_language, language_codes

    return [(f"{get_language(c).name} ({get_language(c).native})", c) for c in language_codes()]


def draft(store, rid, to, today) -> EscalationDrafted:
    from privacy_tui.services.escalation import draft_escalation

    return EscalationDrafted(*draft_escalation(store, rid, to, today))


class RequestDetailScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("m", "mark", "Mark event"),
        Binding("a", "mark('acknowledged')", "Acknowledged", show=False),
        Binding("i", "mark('id_requested')", "ID requested", show=False),
        Binding("u", "mark('info_supplied')", "Info supplied", show=False),
        Binding("x", "mark('extended')", "Extended", show=False),
        Binding("f", "mark('fulfilled')", "Fulfilled", show=False),
        Binding("d", "mark('denied')", "Denied", show=False),
        Binding("s", "send", "Send"),
        Binding("r", "reminder", "Draft reminder"),
        Binding("c", "complaint", "Draft complaint"),
        Binding("ctrl+s", "save_draft", "Save letter"),
        Binding("ctrl+l", "letter_english", "Letter in English", show=False),  # in help and beside the language selector
    ]

    def __init__(self, request_id: str) -> None:
        super().__init__()
        self.request_id = request_id
        self.view = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="request-detail"):
            yield Static("", id="request-title", classes="page-title")
            yield Static("", id="request-summary")
            yield Label("Deadlines and the rules behind them", classes="section-title")
            yield Static("", id="deadline-rules")
            yield Label("Timeline", classes="section-title")
            yield DataTable(id="timeline-table", cursor_type="row")
            with Horizontal(classes="buttons", id="event-buttons"):
                yield Button("Acknowledged", compact=True, id="ev-acknowledged")
                yield Button("ID requested", compact=True, id="ev-id_requested")
                yield Button("Info supplied", compact=True, id="ev-info_supplied")
                yield Button("Extended", compact=True, id="ev-extended")
                yield Button("Fulfilled", compact=True, id="ev-fulfilled", variant="success")
                yield Button("Denied", compact=True, id="ev-denied", variant="error")
            with Horizontal(classes="buttons", id="followup-buttons"):
                yield Button("Send…", compact=True, id="send", variant="primary")
                yield Button("Draft reminder", compact=True, id="reminder", variant="warning")
                yield Button("Draft complaint", compact=True, id="complaint", variant="warning")
            yield EscalationBox(id="followup-box")
            yield Label("Letter", id="letter-title", classes="section-title")
            yield Select(language_choices(), allow_blank=False, id="letter-language", compact=True)
            yield TextArea(id="letter")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#followup-box").display = False

    def on_resize(self) -> None:
        self._fill_timeline()

    def _fill_timeline(self) -> None:
        """The events, each text wrapped to the width there is (never cut off at the column's end)."""
        import textwrap

        from privacy_tui.core.timeline import EVENT_DESCRIPTIONS

        table = self.query_one("#timeline-table", DataTable)
        room = max(40, self.size.width - 4 - 3 * 2 - 12)  # the screen less padding, scrollbar, cell padding, the date
        event_width = min(44, max(18, room // 2))
        detail_width = max(16, room - event_width)
        table.clear(columns=True)
        table.add_column("Date", width=12)
        table.add_column("Event", width=event_width)
        table.add_column("Detail", width=detail_width)
        for e in getattr(self, "events", []):
            what = textwrap.wrap(EVENT_DESCRIPTIONS.get(e.kind, e.kind), event_width, break_on_hyphens=False) or [""]
            # The detail is data (a note may span lines): controls escaped first, then wrapped.
            detail = [part for para in safe.plain(e.detail or "").split("\n")
                      for part in (textwrap.wrap(para, detail_width, break_on_hyphens=False) or [""])]
            table.add_row(safe.line(short(e.date)), safe.text("\n".join(what)), safe.text("\n".join(detail)),
                          height=max(len(what), len(detail)))

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        rid, today = self.request_id, self.app.today
        store_work(self, "load the request", lambda store: load_request(store, rid, today), exclusive=True)

    def on_request_loaded(self, message: RequestLoaded) -> None:
        v = message.view
        self.view = v
        r = v.request
        today = self.app.today
        theme = self.app.current_theme
        days = v.days_left(today)
        level = urgency(v.status, days)
        colour = theme.error if level == "overdue" else theme.warning if level == "soon" else theme.success
        self.query_one("#request-title", Static).update(
            safe.join(
                (f"{type_label(r.type)} request to {v.company_name}", "bold"),
                f" under {regime_label(r.regime)}  ", (f"{r.reference} · {r.id}", "dim"),
            )
        )
        contact = ""
        if message.company is not None:
            contact = ", ".join(message.company.emails) or message.company.webform
        due = f"   due {short(v.active_due)} ({due_words(v.status, days)})" if v.active_due and due_words(v.status, days) else ""
        lines = [
            safe.join("Status: ", (status_label(v.status), colour or ""), due),
            safe.join(
                f"Sent: {short(r.sent) or 'not yet'}", f" via {r.transport}" if r.transport else "",
                f"   To: {contact}" if contact else "",
            ),
        ]
        if message.reminder is not None:
            lines.append(safe.join("Reminder: ", reminder_line(message.reminder, kind_colour(theme, message.reminder.kind))))
        self.query_one("#request-summary", Static).update(safe.lines(lines))
        d = v.deadlines
        if d is None:
            rules = "No deadline yet: the clock starts when the company receives the request (send it, or mark it sent)."
        else:
            dates = [f"Received {short(d.received.isoformat())} · due {short(d.due.isoformat())}"]
            if d.extended_due:
                dates[0] += f" · extended due {short(d.extended_due.isoformat())}"
            if d.ack_due:
                dates[0] += f" · acknowledgement due {short(d.ack_due.isoformat())}"
            rules = "\n".join(dates + [f"• {line}" for line in d.explanation])
        self.query_one("#deadline-rules", Static).update(safe.text(rules))
        self.events = timeline_entries(r.events, message.received)
        self._fill_timeline()
        letter = self.query_one("#letter", TextArea)
        # A TextArea draws its text as it is: any control character is shown as an escape.
        letter.text = safe.plain((r.sent_text or r.body) if r.sent else r.body)
        letter.read_only = bool(r.sent)
        choice = self.query_one("#letter-language", Select)
        choice.display = not r.sent  # the sent text is evidence: its language is what it is
        code = r.language or "en"
        if choice.value != code:
            with choice.prevent(Select.Changed):
                choice.value = code
        self.query_one("#letter-title", Label).update(
            "Letter as sent" if r.sent else "Letter (draft: edit it here, ctrl+s to save)"
        )
        closed = v.status in CLOSED_STATUSES
        self.query_one("#send", Button).display = not r.sent and not closed
        self.query_one("#reminder", Button).display = bool(r.sent) and not closed
        self.query_one("#complaint", Button).display = bool(r.sent) and v.status != "withdrawn"
        self.query_one("#event-buttons").display = not closed
        box = self.query_one(EscalationBox)
        if message.pending is not None and not box.display:
            # A letter drafted earlier and not sent yet: offer it again.
            box.show(*message.pending)
            box.display = True

    # --- events ------------------------------------------------------------------------
    @on(Button.Pressed, "#event-buttons Button")
    def _event_button(self, event: Button.Pressed) -> None:
        self.action_mark((event.button.id or "").removeprefix("ev-"))

    def action_mark(self, kind: str | None = None) -> None:
        from privacy_tui.ui.screens.mark_event import MarkEventScreen

        self.app.push_screen(MarkEventScreen(self.request_id, kind), self._marked)

    def _marked(self, request) -> None:
        if request is not None:
            self.notify("Event recorded", title="Request")
            self.reload()

    # --- sending -------------------------------------------------------------------------
    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        if self.view is None or self.view.request.sent:
            self.notify("This request was already sent", severity="warning")
            return
        from privacy_tui.ui.screens.send import SendScreen

        self.app.push_screen(SendScreen([self.request_id]), lambda _: self.reload())

    def action_save_draft(self) -> None:
        if self.view is None or self.view.request.sent:
            return
        rid, body = self.request_id, self.query_one("#letter", TextArea).text

        def save(store):
            from privacy_tui.services.requests import update_draft

            update_draft(store, rid, body=body)
            return Done("save the letter", "Letter saved")

        store_work(self, "save the letter", save)

    def on_done(self, message: Done) -> None:
        safe.notify(self, message.text, title="Request")
        if message.action == "switch the letter's language":
            self.reload()

    # --- the letter's language ----------------------------------------------------------------
    @on(Select.Changed, "#letter-language")
    def _language_chosen(self, event: Select.Changed) -> None:
        r = self.view.request if self.view else None
        if r is None or r.sent or event.value == (r.language or "en") or event.value is Select.BLANK:
            return
        self._redraft(str(event.value))

    def action_letter_english(self) -> None:
        if self.view is None or self.view.request.sent:
            self.notify("This letter was sent: its text stays as sent", severity="warning")
            return
        self._redraft("")

    def _redraft(self, language: str) -> None:
        rid, today = self.request_id, self.app.today
        store_work(self, "switch the letter's language", lambda store: redraft_in(store, rid, language, today))

    # --- reminders to the company, complaints to the regulator -------------------------------
    @on(Button.Pressed, "#reminder")
    @on(Button.Pressed, "#complaint")
    def _followup_button(self, event: Button.Pressed) -> None:
        self.action_followup(event.button.id or "reminder")

    def action_reminder(self) -> None:
        self.action_followup("reminder")

    def action_complaint(self) -> None:
        self.action_followup("complaint")

    def action_followup(self, kind: str) -> None:
        if self.view is None or not self.view.request.sent:
            self.notify("Send the request first: follow-ups are for sent requests", severity="warning")
            return
        rid, today = self.request_id, self.app.today
        to = "company" if kind == "reminder" else "regulator"
        store_work(self, f"draft the {kind}", lambda store: draft(store, rid, to, today))

    def on_escalation_drafted(self, message: EscalationDrafted) -> None:
        box = self.query_one(EscalationBox)
        box.show(message.message, message.recipient)
        box.display = True
        box.scroll_visible()
        self.reload()  # the draft is in the timeline now

    def on_escalation_sent(self, message: EscalationSent) -> None:
        self.reload()  # sent, recorded, or a failed attempt: each leaves an event

    def on_work_failed(self, message: WorkFailed) -> None:
        notify_failure(self, message)
        message.stop()
