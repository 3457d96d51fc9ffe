"""The Inbox's dialogs: the kind to accept a message as, the request to assign it to, the answer
to send, and saving an attachment (with the warning that the copy is not encrypted)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from privacy_tui.core.text import printable
from privacy_tui.ui.messages import EscalationSent, InboxChanged
from privacy_tui.ui.screens.base import BaseModal, Dialog
from privacy_tui.ui.widgets.escalation_box import EscalationBox
from privacy_tui.ui.workers import store_work

# Words for the kinds of core.inbox.classify.KINDS.
KIND_LABELS = {
    "acknowledged": "acknowledged",
    "id_requested": "ID requested",
    "clarification_requested": "clarification",
    "extended": "extended",
    "fulfilled": "fulfilled",
    "denied": "denied",
    "no_data": "no data held",
    "webform_redirect": "use web form",
    "bounce": "bounce",
    "auto_reply": "auto-reply",
    "unrelated": "unrelated",
}


def plain(value: object, *, multiline: bool = False, style: str = "") -> Text:
    """Text from a message, a sender, a company: shown as it is (never markup), controls escaped."""
    return Text(printable(str(value or ""), multiline=multiline), style=style)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def size_words(n: int) -> str:
    for unit in ("bytes", "kB", "MB"):
        if n < 1000 or unit == "MB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} MB"


class AcceptScreen(Dialog):
    """Accept a received message as a kind of reply; dismisses with the kind, or None."""

    def __init__(self, kind: str, what: str) -> None:
        super().__init__()
        self.kind = kind
        self.what = what

    def compose(self) -> ComposeResult:
        from privacy_tui.core.inbox.classify import KINDS

        with Vertical(classes="modal", id="accept-dialog"):
            yield Static("Accept the message", classes="dialog-title")
            yield Static(plain(self.what), classes="dialog-text")
            yield Label("It is a reply of the kind")
            value = self.kind if self.kind in KINDS else KINDS[0]
            yield Select([(kind_label(k), k) for k in KINDS], value=value, allow_blank=False, id="accept-kind")
            yield Static("Accepting records the matching event in the request's timeline (its deadline rules then apply).",
                         classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Accept", variant="primary", id="accept-ok")
                yield Button("Cancel", id="accept-cancel", classes="cancel")

    @on(Button.Pressed, "#accept-ok")
    def accept(self) -> None:
        self.dismiss(str(self.query_one("#accept-kind", Select).value))



class RequestPickerScreen(Dialog):
    """Choose the request a message belongs to; dismisses with the request id, or None.

    `choices` are (request id, line) pairs; the proposed requests come first, marked."""

    def __init__(self, choices: list[tuple[str, str]], proposed: tuple[str, ...] = (), current: str | None = None) -> None:
        super().__init__()
        first = [c for c in choices if c[0] in proposed]
        rest = [c for c in choices if c[0] not in proposed]
        self.choices = first + rest
        self.proposed = set(proposed)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="picker-dialog"):
            yield Static("Which request does it answer?", classes="dialog-title")
            options = []
            for rid, line in self.choices:
                mark = "★ " if rid in self.proposed else "✓ " if rid == self.current else "  "
                options.append(Option(plain(mark + line), id=rid))
            yield OptionList(*options, id="picker-list")
            yield Static("★ proposed (the sender fits several open requests) · ✓ assigned now", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Assign", variant="primary", id="picker-ok")
                yield Button("Cancel", id="picker-cancel", classes="cancel")

    @on(OptionList.OptionSelected, "#picker-list")
    @on(Button.Pressed, "#picker-ok")
    def choose(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is None:
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)



class AnswerDetailsScreen(Dialog):
    """Before drafting an answer: the user's own words for it; dismisses with them ("" is fine), or None."""

    def __init__(self, title: str, prompt: str) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="answer-details"):
            yield Static(self.title_text, classes="dialog-title")
            yield Label(self.prompt)
            yield Input(id="answer-words")
            yield Static("You read and edit the draft next; nothing is stored or sent before you keep it.", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Draft the answer", variant="primary", id="answer-draft")
                yield Button("Cancel", id="answer-cancel", classes="cancel")

    @on(Input.Submitted, "#answer-words")
    @on(Button.Pressed, "#answer-draft")
    def draft(self) -> None:
        self.dismiss(self.query_one("#answer-words", Input).value)



ANSWER_TITLES = {
    "excessive_id": "Answer an excessive ID demand",
    "webform_redirect": "Answer “please use our web form”",
    "clarification": "Answer their question about the scope",
    "no_data_with_evidence": "Answer “we hold no data about you”",
    "link_expired": "Ask again: the download link expired",
}


class AnswerEditScreen(Dialog):
    """The drafted answer, editable: its subject and text are what will be stored and sent.

    Dismisses with the edited `AnswerDraft`, or None on cancel (nothing was stored)."""

    DEFAULT_CSS = """
    #answer-edit { height: 90%; }
    #answer-text { height: 1fr; }
    """

    def __init__(self, draft) -> None:
        super().__init__()
        self.draft = draft

    def compose(self) -> ComposeResult:
        from privacy_tui.ui.widgets.escalation_box import recipient_lines

        with Vertical(classes="modal", id="answer-edit"):
            yield Static(ANSWER_TITLES.get(self.draft.answer, "Answer"), classes="dialog-title")
            yield Static(recipient_lines(self.draft.recipient))
            yield Label("Subject")
            yield Input(printable(self.draft.subject, multiline=False), id="answer-subject")
            yield Label("Your answer (edit it as you like: this text is what is sent)")
            yield TextArea(printable(self.draft.body), id="answer-text", soft_wrap=True)
            yield Static("", id="answer-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Keep this text", variant="primary", id="answer-keep")
                yield Button("Cancel", id="answer-edit-cancel", classes="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        # A letter needs more room than a question: wider than the app's 80-column dialogs.
        self.query_one("#answer-edit").styles.width = 100

    @on(Button.Pressed, "#answer-keep")
    def keep(self) -> None:
        from privacy_tui.core.errors import UserError
        from privacy_tui.services.inbox_answer import edited

        try:
            draft = edited(self.draft, subject=self.query_one("#answer-subject", Input).value,
                           body=self.query_one("#answer-text", TextArea).text)
        except UserError as exc:
            self.query_one("#answer-error", Static).update(plain(str(exc)))
            return
        self.dismiss(draft)



class AnswerScreen(BaseModal):
    """The drafted answer in the same letter box as reminders and complaints: send, copy, record."""

    BINDINGS = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    #answer-dialog { height: 90%; }
    #answer-scroll { height: 1fr; }
    #answer-dialog #followup { height: 10; }
    """

    def __init__(self, message, recipient) -> None:
        super().__init__()
        self.message = message
        self.recipient = recipient

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal", id="answer-dialog"):
            with VerticalScroll(id="answer-scroll"):
                yield EscalationBox(id="answer-box")
            yield Button("Close", id="answer-close")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(EscalationBox).show(self.message, self.recipient)

    def on_escalation_sent(self, message: EscalationSent) -> None:
        if message.sent:
            self.notify("Answer recorded in the request's timeline", title="Inbox")

    @on(Button.Pressed, "#answer-close")
    def action_close(self) -> None:
        self.dismiss(None)


class SaveAttachmentScreen(Dialog):
    """Save one attachment where the user says, after the not-encrypted warning; dismisses with the path or None."""

    def __init__(self, message_id: str, attachments: list[dict]) -> None:
        super().__init__()
        self.message_id = message_id
        self.attachments = attachments

    def compose(self) -> ComposeResult:
        from privacy_tui.services.inbox_save import NOT_ENCRYPTED_WARNING

        with Vertical(classes="modal", id="save-dialog"):
            yield Static("Save attachment as…", classes="dialog-title")
            options = [
                (plain(f"{a.get('filename') or '(no name)'} — {a.get('content_type', '')}, {size_words(int(a.get('size') or 0))}"), i)
                for i, a in enumerate(self.attachments)
            ]
            yield Select(options, value=0, allow_blank=False, id="save-which")
            yield Label("Save to (a new file)")
            yield Input(self._default_path(0), id="save-path")
            yield Static(Text("⚠ " + NOT_ENCRYPTED_WARNING, style="bold"), id="save-warning", classes="error-line")
            yield Static("", id="save-error", classes="error-line")
            with Horizontal(classes="buttons"):
                yield Button("Save unencrypted copy", variant="warning", id="save-ok")
                yield Button("Cancel", id="save-cancel", classes="cancel")

    def _default_path(self, index: int) -> str:
        from privacy_tui.core.text import strip_controls

        name = strip_controls(str(self.attachments[index].get("filename") or "")) if self.attachments else ""
        # Only the last part of the sender's file name: it never picks the folder.
        name = Path(name.replace("\\", "/")).name.lstrip(".") or f"attachment-{index + 1}"
        return str(Path("~") / name)

    @on(Select.Changed, "#save-which")
    def _which(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.query_one("#save-path", Input).value = self._default_path(event.value)

    @on(Input.Submitted, "#save-path")
    @on(Button.Pressed, "#save-ok")
    def save(self) -> None:
        from privacy_tui.services.inbox_save import save_attachment

        index = self.query_one("#save-which", Select).value
        target = Path(self.query_one("#save-path", Input).value).expanduser()
        mid = self.message_id
        self.query_one("#save-error", Static).update("")

        def work(store):
            path = save_attachment(store, mid, int(index), target)
            return InboxChanged(mid, f"Saved an unencrypted copy to {path}")

        store_work(self, "save the attachment", work, exclusive=True)

    def on_inbox_changed(self, message: InboxChanged) -> None:
        message.stop()
        self.dismiss(message.text)

    def on_work_failed(self, message) -> None:
        message.stop()
        self.query_one("#save-error", Static).update(plain(message.reason))

