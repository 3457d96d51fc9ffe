"""Typed messages that workers post back to the screens (results of vault, network and analysis work)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class VaultReady(Message):
    """The vault is open for writing; `store` is the app's one Store."""

    store: Any
    unlocked_by: str


@dataclass
class VaultLocked(Message):
    """The keyring has no key for the vault: a passphrase is needed."""


@dataclass
class VaultFailed(Message):
    """The vault could not be opened or created: one line to show, never a traceback."""

    reason: str
    wrong_passphrase: bool = False


@dataclass
class VaultOpening(Message):
    """Progress of the keyring unlock, posted to the app: first (maybe) the dashboard from the
    encrypted summary, then the outcome of opening the full vault (VaultReady, VaultLocked or
    VaultFailed)."""

    preview: Any = None  # a DashboardLoaded computed from the summary
    result: Any = None


@dataclass
class VaultCreated(Message):
    store: Any
    recovery_key: str


@dataclass
class WorkFailed(Message):
    """A worker hit a UserError/VaultError/TransportError; `field` says which input it is about, if any."""

    action: str
    reason: str
    field: str = ""


@dataclass
class DashboardLoaded(Message):
    rows: tuple  # services.overview.Row, by due date
    counts: dict
    monthly: dict  # {"months": [...], "sent": [...], "answered": [...]}
    reminders: list = field(default_factory=list)  # services.reminders.Reminder, as `privacy-tui remind` lists them
    within: int = 7  # the remind_within setting the reminders were computed with
    new_overdue: list = field(default_factory=list)  # overdue since the last start (only on the first load)


@dataclass
class CompaniesLoaded(Message):
    companies: list


@dataclass
class CompanyLoaded(Message):
    company: Any
    requests: list


@dataclass
class CompanySaved(Message):
    company: Any
    created: bool = True


@dataclass
class PolicyAnalyzed(Message):
    analysis: dict
    source: str


@dataclass
class DirectoryResults(Message):
    query: str
    hits: list


@dataclass
class DirectoryAdded(Message):
    companies: list


@dataclass
class RequestsDrafted(Message):
    requests: list


@dataclass
class SendProgress(Message):
    """One request of a (bulk) send finished: ok or the one-line reason."""

    request_id: str
    company: str
    ok: bool
    text: str
    url: str | None = None


@dataclass
class SendFinished(Message):
    sent: int
    failed: int


@dataclass
class RequestLoaded(Message):
    view: Any
    company: Any
    messages: list
    reminder: Any = None  # the request's services.reminders.Reminder today, if any
    pending: Any = None  # (Message, Recipient) of the latest reminder/complaint drafted but not sent
    received: list = field(default_factory=list)  # the replies received for it (services.inbox records)


@dataclass
class EventRecorded(Message):
    request: Any


@dataclass
class AnswerPrepared(Message):
    """A ready answer rendered for the user to edit; nothing stored yet (services.inbox_answer.AnswerDraft)."""

    draft: Any


@dataclass
class EscalationDrafted(Message):
    """A reminder/complaint stored as a Message (services.escalation.draft_escalation)."""

    message: Any  # core.models.Message
    recipient: Any  # core.regulators.Recipient


@dataclass
class EscalationSent(Message):
    """send_escalation or record_sent finished: `text` is what to show, `error` True for a one-line failure."""

    message_id: str
    via: str
    text: str
    error: bool = False
    sent: bool = False  # recorded as sent in the vault (smtp, or recorded by the user)
    url: str | None = None


# --- the Inbox (issue 14) ---------------------------------------------------------------------


@dataclass
class InboxLoaded(Message):
    """The received messages (services.inbox.list_messages records), new and unmatched first."""

    records: list
    requests: dict  # request id -> one line naming it (company, type, reference)
    companies: dict = field(default_factory=dict)  # request id -> company id


@dataclass
class InboxMessageLoaded(Message):
    """One received message opened for the preview: its record, plain text and links."""

    record: dict
    text: str
    links: tuple = ()


@dataclass
class InboxChanged(Message):
    """accept / ignore / undo / reassign / save finished: `text` says what happened."""

    message_id: str
    text: str


@dataclass
class RepliesWaiting(Message):
    """How many received messages wait for the user (services.inbox.waiting_count)."""

    count: int


@dataclass
class SettingsLoaded(Message):
    profile: Any
    smtp: dict | None
    keyring: str
    drp: str


@dataclass
class Done(Message):
    """A settings or vault action finished; `text` says what happened."""

    action: str
    text: str


@dataclass
class DraftsSaved(Message):
    request_ids: list


@dataclass
class DirectoryImported(Message):
    """The company directory was imported or updated (a directory_store.ImportSummary)."""

    summary: Any


@dataclass
class DirectoryInfo(Message):
    """What the stored company directory holds (directory_store.directory_info())."""

    info: dict


@dataclass
class DeadlinesComputed(Message):
    """The deadline calculator's answer: core.deadlines' result and the regime it was computed for."""

    deadlines: Any
    regime: Any


@dataclass
class RemindersLoaded(Message):
    reminders: list  # services.reminders.Reminder
    within: int


@dataclass
class Report(Message):
    """A finished action with several lines to show (vault check, export)."""

    action: str
    title: str
    lines: list
    ok: bool = True
