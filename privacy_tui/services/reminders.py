"""What needs the user's attention today: overdue requests, deadlines coming up, missing acknowledgements.

Pure over records (no vault, no Textual), so the `remind` command, the dashboard, the request
detail and the start-up toast all show the same list. It reads the deadlines cached on each
request (refreshed on every event) instead of recomputing them: `remind` must go through a
10,000-request vault in well under a second, and the holiday tables are not needed for that.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from privacy_tui.core.errors import PrivacyTuiError
from privacy_tui.core.events import ASKS, open_ask, pending_appeal
from privacy_tui.core.events import CLOSING as _CLOSING_MAP
from privacy_tui.core.events import COMPANY_REPLIES as _ANSWERS
from privacy_tui.core.laws.registry import REGIMES  # data only: no holiday tables, no letters
from privacy_tui.core.models import Company, Request
from privacy_tui.core.status import clock_waits, is_overdue, status_of, waiting_for_user

KINDS = ("overdue", "needs_action", "complaint_window", "appeal_overdue", "authority_silent", "ack_missing",
         "extension_ending", "appeal_due_soon", "due_soon")
# Remind of a regulator's complaint window this many days before it closes (at least), and for this many after.
WINDOW_NOTICE = 30
DEFAULT_WITHIN = 7
WITHIN_SETTING = "remind_within"
# The request ids that were overdue when the app last started (a list), for its start-up toast.
SEEN_OVERDUE_SETTING = "remind_seen_overdue"

_CLOSING = frozenset(_CLOSING_MAP)


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of KINDS (overdue exactly when core.status says so)
    request_id: str
    company_id: str
    company: str
    request_type: str
    regime: str
    reference: str
    deadline: str  # ISO date of the deadline this reminder is about (needs_action: the company's question)
    days: int  # days from today to that deadline: negative once it has passed
    about: str = ""  # complaint_window: the regulator and the rule

    @property
    def key(self) -> str:
        """Identifies the item across runs (for the once-per-day notification record)."""
        return f"{self.request_id}:{self.kind}"

    def describe(self) -> str:
        """One line for a notification, an email or the terminal."""
        what = f"{self.company}: {self.request_type.replace('_', ' ')} request ({self.reference})"
        n = abs(self.days)
        plural = "s" if n != 1 else ""
        if self.kind == "overdue":
            return f"{what} is {n} day{plural} overdue (deadline {self.deadline})"
        if self.kind == "needs_action":
            # Short enough for one line of the dashboard panel at 120 columns.
            return f"{what} waits for your reply to the company's question of {self.deadline}"
        if self.kind == "ack_missing":
            return f"{what} was not acknowledged by {self.deadline} ({n} day{plural} ago)"
        when = "today" if self.days == 0 else f"in {n} day{plural}"
        if self.kind == "complaint_window":
            if self.days < 0:
                return f"{what}: the time to complain ({self.about}) ended {n} day{plural} ago ({self.deadline})"
            return f"{what}: the time to complain ({self.about}) ends {when} ({self.deadline})"
        if self.kind == "authority_silent":
            if self.days < 0:
                return (f"{what}: the regulator's three months to tell you about your complaint ended {n} day{plural} "
                        f"ago ({self.deadline}); if it has not, a court remedy is open ({self.about})")
            return f"{what}: the regulator's three months to tell you about your complaint end {when} ({self.deadline})"
        if self.kind == "appeal_overdue":
            return f"{what}: the decision on your appeal is {n} day{plural} overdue (due {self.deadline})"
        if self.kind == "appeal_due_soon":
            return f"{what}: the decision on your appeal is due {when} ({self.deadline})"
        if self.kind == "extension_ending":
            return f"{what}: the extended deadline ends {when} ({self.deadline})"
        return f"{what} is due {when} ({self.deadline})"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "request_id": self.request_id,
            "company_id": self.company_id,
            "company": self.company,
            "type": self.request_type,
            "regime": self.regime,
            "reference": self.reference,
            "deadline": self.deadline,
            "days": self.days,
            "text": self.describe(),
        }


def cached_deadlines(record: Request | Mapping[str, Any]) -> tuple[str, str, str]:
    """(due, extended_due, ack_due) as ISO strings, computed only for records without the cache."""
    from privacy_tui.core.models import from_record
    from privacy_tui.core.timeline import deadline_fields

    try:
        request = record if isinstance(record, Request) else from_record(Request, record)
        d = deadline_fields(request)
    except (PrivacyTuiError, ValueError, KeyError, TypeError):
        return "", "", ""  # a record the legal engine cannot read must not hide every other reminder
    return d["due"], d["extended_due"], d["ack_due"]


def _view(item: Request | Mapping[str, Any]) -> tuple[list[tuple[str, str]], Any]:
    """(date, kind) of each event in recorded order, and a field getter, for a Request or its raw record."""
    if isinstance(item, Request):
        return [(e.date, e.kind) for e in item.events], lambda name, default="": getattr(item, name, default)
    return [(e.get("date", ""), e.get("kind", "")) for e in item.get("events") or ()], item.get


def _full_view(item: Request | Mapping[str, Any]) -> tuple:
    events, get = _view(item)
    return events, get, {k for _, k in events}


def request_reminder(item: Request | Mapping[str, Any], company_name: str, today: date, within: int,
                     view: tuple | None = None) -> Reminder | None:
    """The one reminder a request gives rise to today, if any (the most urgent kind wins).

    `item` is a Request or its raw vault record (a mapping as `to_record` makes it): `remind`
    reads the raw records, because building 10,000 dataclasses would cost more than the rest.
    `view` is `(events, get, kinds)` when the caller already has them.
    """
    events, get, kinds = view or _full_view(item)
    if kinds & _CLOSING or "sent" not in kinds:
        return None  # most requests stop here, before any sorting or date parsing
    due, extended_due, ack_due = get("due", ""), get("extended_due", ""), get("ack_due", "")
    if not due:
        due, extended_due, ack_due = cached_deadlines(item)
        if not due:
            return None

    def make(kind: str, deadline: str, days: int) -> Reminder:
        return Reminder(kind, get("id", ""), get("company_id", ""), company_name, get("type", ""),
                        get("regime", ""), get("reference", ""), deadline, days)

    regime = get("regime", "")
    # An ask (core.events.ASKS: identity or clarification) the user has not answered yet.
    asked = waiting_for_user(events) if not kinds.isdisjoint(ASKS) else ""
    # While the law's clock is stopped for the user's answer, the ball is in the user's court:
    # "needs action", never overdue (core.status decides, for every screen). Where the clock runs
    # on regardless (CCPA, 11 CCR §7021(b)), a request waiting for ID is still overdue.
    if asked and clock_waits(regime, open_ask(events)):
        return make("needs_action", asked, (date.fromisoformat(asked) - today).days)
    if "extended" in kinds:
        # ISO dates sort as strings; the index keeps the recorded order within a day (as core.timeline does).
        extended_on = min(d for d, k in events if k == "extended")
    else:
        extended_on = ""
    # An extension counts only when announced by the first deadline (core.timeline.request_deadlines).
    extension = bool(extended_on and extended_due and extended_on <= due)
    active = extended_due if extension else due
    left = (date.fromisoformat(active) - today).days

    if is_overdue(status_of(events, active, today.isoformat(), regime)):
        return make("overdue", active, left)
    if asked:  # the clock runs on, not yet late: the user's answer is still wanted
        return make("needs_action", asked, (date.fromisoformat(asked) - today).days)
    if ack_due and not (kinds & _ANSWERS) and ack_due < today.isoformat():
        return make("ack_missing", ack_due, (date.fromisoformat(ack_due) - today).days)
    if left <= within:
        return make("extension_ending" if extension else "due_soon", active, left)
    return None


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _regime(key: str):
    return REGIMES.get(key)


_CLOSING_OR_DONE = frozenset(("fulfilled", "withdrawn"))


def _window_regimes() -> frozenset:
    """The laws with a complaint window (most requests are under others, or closed: skip them cheaply)."""
    global _WINDOWS
    if _WINDOWS is None:
        _WINDOWS = frozenset(k for k, r in REGIMES.items() if r.complaint_window is not None)
    return _WINDOWS


_WINDOWS: frozenset | None = None


def window_reminder(item: Request | Mapping[str, Any], company_name: str, today: date, within: int,
                    view: tuple | None = None) -> Reminder | None:
    """The regulator's window for a complaint closing (or just closed), once a complaint is due.

    ICO: within three months of the last meaningful contact with the organisation (counted from
    the company's last reply or the user's last answer: a reminder's date is not in the slim
    records, so the window may be shown earlier, never later). PIPEDA s. 11(3): six months from
    the refusal, or from the expiry of the time limit (a deemed refusal, s. 8(5)).
    """
    events, get, kinds = view or _full_view(item)
    if "complained" in kinds:
        return _authority_reminder(events, get, company_name, today, within)
    if "sent" not in kinds or "withdrawn" in kinds or "fulfilled" in kinds:
        return None
    regime = _regime(get("regime", ""))
    window = getattr(regime, "complaint_window", None)
    if window is None:
        return None
    due = get("extended_due", "") or get("due", "")
    if not due:
        return None
    refused = [d for d, k in events if k in ("denied", "partially_fulfilled")]
    ask = open_ask(events)
    # While the law's clock waits for the user's answer the company is not late ("needs action").
    late = today.isoformat() > due and not (ask and clock_waits(get("regime", ""), ask))
    if not refused and not late:
        return None  # nothing to complain about yet
    if window.counted_from == "refusal":
        start = min(refused) if refused else due
    else:
        contact = [d for d, k in events if k in _ANSWERS or k in ("sent", *ASKS.values())]
        start = max(contact)
    end = _add_months(date.fromisoformat(start), window.period.amount)
    left = (end - today).days
    if left > max(within, WINDOW_NOTICE) or left < -WINDOW_NOTICE:
        return None
    regulator = regime.regulators[0].name if regime.regulators else "the regulator"
    about = f"to the {regulator}, {window.period.describe()} ({window.citation})"
    return Reminder("complaint_window", get("id", ""), get("company_id", ""), company_name, get("type", ""),
                    get("regime", ""), get("reference", ""), end.isoformat(), left, about)


def _authority_reminder(events, get, company_name: str, today: date, within: int) -> Reminder | None:
    """After a complaint: the authority's time to tell the complainant of progress (GDPR Art 78(2); DPA 2018 s.166)."""
    regime = _regime(get("regime", ""))
    period = getattr(regime, "authority_answer", None)
    if period is None or any(k == "withdrawn" for _, k in events):
        return None
    complained = max(d for d, k in events if k == "complained")
    end = _add_months(date.fromisoformat(complained), period.amount)
    left = (end - today).days
    if left > within or left < -WINDOW_NOTICE:
        return None
    return Reminder("authority_silent", get("id", ""), get("company_id", ""), company_name, get("type", ""),
                    get("regime", ""), get("reference", ""), end.isoformat(), left, regime.authority_answer_citation)


def appeal_reminder(item: Request | Mapping[str, Any], company_name: str, today: date, within: int,
                    view: tuple | None = None) -> Reminder | None:
    """The company's decision on a statutory appeal: due soon, or overdue (Va. Code §59.1-577(C): 60 days)."""
    events, get, kinds = view or _full_view(item)
    if "appealed" not in kinds:
        return None
    appealed = pending_appeal(events)
    if not appealed:
        return None  # the company decided the appeal
    appeal = getattr(_regime(get("regime", "")), "appeal", None)
    if appeal is None:
        return None
    deadline = date.fromordinal(date.fromisoformat(appealed).toordinal() + appeal.decision.amount)
    left = (deadline - today).days
    kind = "appeal_overdue" if left < 0 else "appeal_due_soon" if left <= within else ""
    if not kind:
        return None
    return Reminder(kind, get("id", ""), get("company_id", ""), company_name, get("type", ""), get("regime", ""),
                    get("reference", ""), deadline.isoformat(), left, appeal.citation)


def compute_reminders(
    requests: Iterable[Request | Mapping[str, Any]],
    companies: Iterable[Company] | Mapping[str, Company | str],
    today: date,
    within: int = DEFAULT_WITHIN,
) -> list[Reminder]:
    """Reminders for all open, sent requests: overdue first, then missing acknowledgements,
    extensions ending and deadlines coming up, each by date.

    `requests` are Request records or their raw vault records; `companies` Company records or a
    mapping id -> Company or id -> name (only the names are used).
    """
    if isinstance(companies, Mapping):
        names = {cid: c if isinstance(c, str) else c.name for cid, c in companies.items()}
    else:
        names = {c.id: c.name for c in companies}
    out = []
    for request in requests:
        cid = request.company_id if isinstance(request, Request) else request.get("company_id", "")
        name = names.get(cid, "(removed company)")
        view = _full_view(request)
        item = request_reminder(request, name, today, within, view)
        if item is not None:
            out.append(item)
        kinds = view[2]
        if "appealed" in kinds or "complained" in kinds or (
            view[1]("regime", "") in _window_regimes() and not kinds & _CLOSING_OR_DONE
        ):
            for later in (window_reminder(request, name, today, within, view),
                          appeal_reminder(request, name, today, within, view)):
                if later is not None:
                    out.append(later)
    rank = {k: i for i, k in enumerate(KINDS)}
    out.sort(key=lambda r: (rank[r.kind], r.deadline, r.company.casefold(), r.request_id))
    return out


def counts(reminders: Iterable[Reminder]) -> dict[str, int]:
    result = dict.fromkeys(KINDS, 0)
    for r in reminders:
        result[r.kind] += 1
    return result


def new_since(reminders: Iterable[Reminder], previous: Iterable[str]) -> list[Reminder]:
    """Overdue items that were not overdue last time (for the app's start-up toast).

    `previous` holds the request ids overdue at the last start: the app reads them from the
    SEEN_OVERDUE_SETTING setting, toasts `new_since(...)`, then stores `overdue_ids(reminders)`.
    """
    seen = set(previous)
    return [r for r in reminders if r.kind == "overdue" and r.request_id not in seen]


def overdue_ids(reminders: Iterable[Reminder]) -> list[str]:
    return sorted(r.request_id for r in reminders if r.kind == "overdue")


def within_setting(value: Any, default: int = DEFAULT_WITHIN) -> int:
    """The stored `remind_within` value, or the default when it is missing or out of range."""
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365
    return value if ok else default


__all__ = [
    "DEFAULT_WITHIN",
    "SEEN_OVERDUE_SETTING",
    "KINDS",
    "WITHIN_SETTING",
    "Reminder",
    "appeal_reminder",
    "window_reminder",
    "compute_reminders",
    "cached_deadlines",
    "counts",
    "new_since",
    "overdue_ids",
    "request_reminder",
    "within_setting",
]
