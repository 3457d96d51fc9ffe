"""The Inbox: the companies' replies, new and unmatched first, a plain-text preview, and what to do with each.

Everything shown from a message (sender, subject, body, links, file names) is data: it reaches
the screen as Rich `Text` with control characters escaped, never as markup; links are listed,
never opened. Every vault action runs in a worker (services.inbox) and reports back with a typed
message; the list then reloads, keeping the cursor on the same message.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Static

from privacy_tui.ui.format import short, type_label
from privacy_tui.ui.messages import AnswerPrepared, EscalationDrafted, InboxChanged, InboxLoaded, InboxMessageLoaded
from privacy_tui.ui.screens.base import BaseScreen
from privacy_tui.ui.screens.inbox_dialogs import kind_label, plain, size_words
from privacy_tui.ui.workers import store_work

STATE_MARK = {"new": "● ", "accepted": "✓ ", "ignored": "– "}
FIRST_BATCH = 100  # more rows than a tall terminal shows
BATCH = 500
# Fixed columns; the subject takes what the terminal has left. Below 100 columns the date and the
# sender get narrower so that 80 columns still show a useful part of the subject.
WIDE = (("date", "Date", 11), ("kind", "Kind", 16), ("conf", "%", 3), ("request", "Request", 11), ("from", "From", 20))
NARROW = (("date", "Date", 6), ("kind", "Kind", 16), ("conf", "%", 3), ("request", "Request", 11), ("from", "From", 13))


def list_date(value: str, today, narrow: bool) -> str:
    """'9 Mar 2026'; on a narrow terminal '9 Mar' this year, 'Mar 25' before."""
    from datetime import date

    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return ""
    if not narrow:
        return short(value)
    return f"{d.day} {d:%b}" if d.year == today.year else f"{d:%b %y}"


def when(value: str) -> str:
    """An ISO datetime as '9 Mar 2026 10:02 +00:00'."""
    if len(value) < 16:
        return short(value)
    return f"{short(value)} {value[11:16]} {value[19:]}".rstrip()


def inbox_order(records: list[dict]) -> list[dict]:
    """New and unmatched first, then new, then the rest; newest first within each."""
    by_date = sorted(records, key=lambda r: str(r.get("date") or ""), reverse=True)

    def group(r: dict) -> int:
        if r.get("state") == "new":
            return 0 if not r.get("request_id") else 1
        return 2

    return sorted(by_date, key=group)


def load_inbox(store) -> InboxLoaded:
    from privacy_tui.services.inbox import list_messages

    names = {c.id: c.name for c in store.companies()}
    requests = store.requests()
    lines = {r.id: f"{names.get(r.company_id, '(removed company)')} · {type_label(r.type)} · {r.reference}" for r in requests}
    return InboxLoaded(inbox_order(list_messages(store)), lines, {r.id: r.company_id for r in requests})


def open_message(store, mid: str) -> InboxMessageLoaded:
    from privacy_tui.services.inbox import get_message

    record = get_message(store, mid)  # with the full plain text, read back from the encrypted raw message
    return InboxMessageLoaded(record, str(record.get("text") or ""), tuple(record.get("links") or ()))


def request_cell(record: dict, requests: dict) -> str:
    rid = record.get("request_id")
    if rid:
        line = requests.get(rid, rid)
        return line.rsplit(" · ", 1)[-1]  # the reference code
    proposed = record.get("proposed") or ()
    return f"? {len(proposed)} fit" if proposed else "unmatched"


class InboxScreen(BaseScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "accept", "Accept"),
        Binding("r", "reassign", "Reassign"),
        Binding("i", "ignore", "Ignore"),
        Binding("u", "undo", "Undo auto"),
        Binding("w", "answer", "Answer"),
        Binding("s", "save_attachment", "Save attachment"),
        Binding("g", "refresh", "Refresh", show=False),
    ]
    DEFAULT_CSS = """
    #inbox { height: 1fr; }
    #inbox-table { height: 45%; min-height: 5; }
    #inbox-preview { height: 1fr; border-top: solid $primary; padding: 0 1; }
    #inbox-title { margin-top: 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict] = []
        self.requests: dict[str, str] = {}
        self.request_company: dict[str, str] = {}
        self.current: dict | None = None  # the record in the preview
        self._width = 0
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="inbox"):
            yield Label("Inbox", id="inbox-title", classes="section-title")
            yield DataTable(id="inbox-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="inbox-preview"):
                yield Static("", id="preview-head")
                yield Static("", id="preview-body")
                yield Static("", id="preview-links")
                yield Static("", id="preview-attachments")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        store_work(self, "load the inbox", load_inbox, exclusive=True)

    def on_resize(self) -> None:
        if self.size.width != self._width and self.records:
            self._fill()

    # --- the list ------------------------------------------------------------------------
    def on_inbox_loaded(self, message: InboxLoaded) -> None:
        self.records = message.records
        self.requests = message.requests
        self.request_company = message.companies
        waiting = sum(1 for r in self.records if r.get("state") == "new")
        unmatched = sum(1 for r in self.records if r.get("state") == "new" and not r.get("request_id"))
        self.query_one("#inbox-title", Label).update(
            f"Inbox — {waiting} waiting ({unmatched} unmatched) of {len(self.records)} received"
        )
        self._fill()
        if not self.records:
            self.current = None
            self.query_one("#preview-head", Static).update(
                "No replies yet. Run `privacy-tui inbox sync` (IMAP) or `privacy-tui inbox import FILE.eml|mbox`."
            )
            for part in ("#preview-body", "#preview-links", "#preview-attachments"):
                self.query_one(part, Static).update("")

    def _fill(self) -> None:
        table = self.query_one("#inbox-table", DataTable)
        keep = self._current_id()
        self._width = self.size.width
        table.clear(columns=True)
        narrow = self.size.width < 100
        columns = NARROW if narrow else WIDE
        fixed = sum(w + 2 for _, _, w in columns)
        for key, label, width in columns:
            table.add_column(label, key=key, width=width)
        table.add_column("Subject", key="subject", width=max(12, self.size.width - fixed - 4))
        self._generation += 1
        self._add_rows(table, 0, self._generation, narrow, keep)

    def _add_rows(self, table: DataTable, start: int, generation: int, narrow: bool, keep: str | None) -> None:
        """Rows in batches: a mailbox of thousands never freezes the screen (as the dashboard does)."""
        if generation != self._generation:
            return  # a newer fill replaced this one
        today = self.app.today
        end = start + (FIRST_BATCH if start == 0 else BATCH)
        for r in self.records[start:end]:
            state = str(r.get("state") or "new")
            style = "bold" if state == "new" else "dim"
            kind = STATE_MARK.get(state, "  ") + kind_label(str(r.get("kind") or "")) + (" ⚙" if r.get("auto_applied") else "")
            conf = r.get("confidence")
            table.add_row(
                plain(list_date(str(r.get("date") or ""), today, narrow), style=style),
                plain(kind, style=style),
                plain(f"{round(float(conf) * 100)}" if isinstance(conf, (int, float)) else "", style=style),
                plain(request_cell(r, self.requests), style=style),
                plain(r.get("from"), style=style),
                plain(r.get("subject"), style=style),
                key=str(r.get("id")),
            )
        # The cursor goes back to the message it was on, once its row is in.
        at = next((i for i in range(start, min(end, len(self.records))) if str(self.records[i].get("id")) == keep), None)
        if at is not None:
            table.move_cursor(row=at)
        if start == 0 and self.records:
            self._open(self._current_id())
        if end < len(self.records):
            self.call_after_refresh(lambda: self._add_rows(table, end, generation, narrow, keep))

    def _current_id(self) -> str | None:
        table = self.query_one("#inbox-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return key.value if key else None

    @on(DataTable.RowHighlighted, "#inbox-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and (self.current is None or self.current.get("id") != event.row_key.value):
            self._open(event.row_key.value)

    def _open(self, mid: str | None) -> None:
        if mid:
            store_work(self, "open the message", lambda store: open_message(store, mid), exclusive=True)

    # --- the preview ---------------------------------------------------------------------------
    def on_inbox_message_loaded(self, message: InboxMessageLoaded) -> None:
        r = message.record
        if str(r.get("id")) != self._current_id():
            return  # the cursor moved on meanwhile: that message's own load follows
        self.current = r
        head = Text()

        def line(label: str, value: object, style: str = "") -> None:
            head.append(f"{label:<10}", style="bold")
            head.append_text(plain(value, style=style))
            head.append("\n")

        line("From", r.get("from"))
        line("Subject", r.get("subject"))
        line("Date", when(str(r.get("date") or "")))
        rid = r.get("request_id")
        line("Request", self.requests.get(rid, rid) if rid else "not matched" + (" (several requests fit: r to choose)" if r.get("proposed") else " (r to assign it)"))
        conf = r.get("confidence")
        pct = f" ({round(float(conf) * 100)}% sure)" if isinstance(conf, (int, float)) else ""
        line("Kind", kind_label(str(r.get("kind") or "")) + pct + ("  applied automatically: u to undo" if r.get("auto_applied") and r.get("state") == "accepted" else ""))
        if r.get("match_reason"):
            line("Why", r.get("match_reason"))
        for label, key in (("Ticket", "ticket"), ("New due", "new_deadline"), ("Link until", "link_expiry")):
            if r.get(key):
                line(label, r.get(key))
        line("DKIM", r.get("dkim") or "not checked")
        line("State", r.get("state"))
        self.query_one("#preview-head", Static).update(head)
        self.query_one("#preview-body", Static).update(plain(message.text or "(no text)", multiline=True))
        links = list(message.links) + [u for u in (r.get("download_links") or ()) if u not in message.links]
        if links:
            text = Text("Links (shown, never opened):\n", style="bold")
            for url in links:
                text.append_text(plain("  " + str(url)))
                text.append("\n")
            self.query_one("#preview-links", Static).update(text)
        else:
            self.query_one("#preview-links", Static).update("")
        attachments = r.get("attachments") or []
        if isinstance(attachments, list) and attachments:
            text = Text("Attachments (s to save a copy):\n", style="bold")
            for i, a in enumerate(attachments, 1):
                text.append_text(plain(f"  {i}. {a.get('filename') or '(no name)'} — {a.get('content_type') or '?'}, {size_words(int(a.get('size') or 0))}"))
                text.append("\n")
            self.query_one("#preview-attachments", Static).update(text)
        else:
            self.query_one("#preview-attachments", Static).update("")

    # --- actions -------------------------------------------------------------------------------
    def _selected(self) -> dict | None:
        mid = self._current_id()
        if not mid:
            self.notify("No message selected", severity="warning")
            return None
        return next((r for r in self.records if str(r.get("id")) == mid), None)

    def _choices(self, record: dict | None = None) -> list[tuple[str, str]]:
        """Every request; those of the sender's company (when known) first."""
        company = (record or {}).get("company_id")
        return sorted(self.requests.items(),
                      key=lambda kv: (self.request_company.get(kv[0]) != company if company else False, kv[1].casefold()))

    def action_accept(self) -> None:
        r = self._selected()
        if r is None:
            return
        from privacy_tui.ui.screens.inbox_dialogs import AcceptScreen, RequestPickerScreen

        mid, kind = str(r["id"]), str(r.get("kind") or "")
        if r.get("request_id"):
            what = f"{r.get('from')} — {r.get('subject')}\nfor {self.requests.get(r['request_id'], r['request_id'])}"
            self.app.push_screen(AcceptScreen(kind, what), lambda k: k and self._accept(mid, k))
            return

        # Not matched yet: first the request, then the kind.
        def picked(rid):
            if rid:
                what = f"{r.get('from')} — {r.get('subject')}\nfor {self.requests.get(rid, rid)}"
                self.app.push_screen(AcceptScreen(kind, what), lambda k: k and self._accept(mid, k, rid))

        self.app.push_screen(RequestPickerScreen(self._choices(r), tuple(r.get("proposed") or ())), picked)

    def _accept(self, mid: str, kind: str, request_id: str | None = None) -> None:
        def work(store):
            from privacy_tui.services.inbox import accept

            accept(store, mid, as_kind=kind, request_id=request_id)
            return InboxChanged(mid, f"Accepted as {kind_label(kind)}")

        store_work(self, "accept the message", work)

    def action_reassign(self) -> None:
        r = self._selected()
        if r is None:
            return
        from privacy_tui.ui.screens.inbox_dialogs import RequestPickerScreen

        mid, kind = str(r["id"]), str(r.get("kind") or "") or None

        def picked(rid):
            if rid:
                def work(store):
                    from privacy_tui.services.inbox import accept

                    accept(store, mid, as_kind=kind, request_id=rid)
                    return InboxChanged(mid, f"Assigned to {self.requests.get(rid, rid)}")

                store_work(self, "reassign the message", work)

        self.app.push_screen(RequestPickerScreen(self._choices(r), tuple(r.get("proposed") or ()), r.get("request_id")), picked)

    def _simple(self, action: str, fn_name: str, done: str) -> None:
        r = self._selected()
        if r is None:
            return
        mid = str(r["id"])

        def work(store):
            from privacy_tui.services import inbox

            getattr(inbox, fn_name)(store, mid)
            return InboxChanged(mid, done)

        store_work(self, action, work)

    def action_ignore(self) -> None:
        self._simple("ignore the message", "ignore", "Ignored")

    def action_undo(self) -> None:
        r = self._selected()
        if r is not None and not r.get("auto_applied"):
            self.notify("Only an automatic application can be undone here", severity="warning")
            return
        self._simple("undo the automatic application", "undo", "Undone: the message waits for you again")

    def on_work_failed(self, message) -> None:
        message.stop()  # the reason may quote a subject or a name: shown as plain text
        if message.action == "open the message":
            # e.g. a blob that failed its integrity check: say so where the message would be, not the last one.
            self.current = None
            self.query_one("#preview-head", Static).update(plain(f"Could not open this message: {message.reason}"))
            for part in ("#preview-body", "#preview-links", "#preview-attachments"):
                self.query_one(part, Static).update("")
        self.notify(message.reason, title="Could not " + message.action, severity="error", timeout=8, markup=False)

    def on_inbox_changed(self, message: InboxChanged) -> None:
        self.notify(message.text, title="Inbox", markup=False)  # names a company / request: data
        self.current = None
        self.action_refresh()

    def action_answer(self) -> None:
        r = self._selected()
        if r is None:
            return
        from privacy_tui.services.inbox_answer import DETAILS_PROMPT, answer_kind
        from privacy_tui.ui.screens.inbox_dialogs import ANSWER_TITLES, AnswerDetailsScreen

        if self.current is not None and self.current.get("id") == r.get("id"):
            r = self.current
        answer = answer_kind(r)
        if answer is None:
            self.notify(f"There is no ready answer to a reply of the kind “{kind_label(str(r.get('kind') or ''))}”",
                        severity="warning", markup=False)
            return
        if not r.get("request_id"):
            self.notify("Assign the message to its request first (r)", severity="warning")
            return
        mid, today = str(r["id"]), self.app.today

        def drafted(details: str | None) -> None:
            if details is None:
                return

            def work(store):
                from privacy_tui.services.inbox_answer import prepare_answer

                return AnswerPrepared(prepare_answer(store, mid, today=today, details=details))

            store_work(self, "draft the answer", work)

        self.app.push_screen(AnswerDetailsScreen(ANSWER_TITLES.get(answer, "Answer"), DETAILS_PROMPT.get(answer, "")), drafted)

    def on_answer_prepared(self, message: AnswerPrepared) -> None:
        """The draft to read and edit; only what the user keeps is stored (cancel stores nothing)."""
        from privacy_tui.ui.screens.inbox_dialogs import AnswerEditScreen

        today = self.app.today

        def kept(draft) -> None:
            if draft is None:
                return

            def work(store):
                from privacy_tui.services.inbox_answer import store_answer

                return EscalationDrafted(*store_answer(store, draft, today=today))

            store_work(self, "store the answer", work, exclusive=True)

        self.app.push_screen(AnswerEditScreen(message.draft), kept)

    def on_escalation_drafted(self, message: EscalationDrafted) -> None:
        from privacy_tui.ui.screens.inbox_dialogs import AnswerScreen

        self.app.push_screen(AnswerScreen(message.message, message.recipient))

    def action_save_attachment(self) -> None:
        r = self._selected()
        if r is None:
            return
        if self.current is not None and self.current.get("id") == r.get("id"):
            r = self.current  # the full record (a listing may count attachments only)
        attachments = r.get("attachments") or []
        if not isinstance(attachments, list) or not attachments:
            self.notify("This message has no attachments", severity="warning")
            return
        from privacy_tui.ui.screens.inbox_dialogs import SaveAttachmentScreen

        self.app.push_screen(SaveAttachmentScreen(str(r["id"]), list(attachments)),
                             lambda text: text and self.notify(text, title="Inbox", severity="warning", markup=False))
