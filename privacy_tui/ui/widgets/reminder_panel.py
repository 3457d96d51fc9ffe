"""A compact list of what needs attention today, the same items `privacy-tui remind` prints."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from privacy_tui.services.reminders import Reminder, counts
from privacy_tui.ui import safe

HEADINGS = (
    ("overdue", "overdue"),
    ("needs_action", "need your reply"),
    ("complaint_window", "complaint window closing"),
    ("appeal_overdue", "appeal overdue"),
    ("authority_silent", "regulator's time ending"),
    ("ack_missing", "acknowledgement missing"),
    ("extension_ending", "extension ending"),
    ("appeal_due_soon", "appeal decision due"),
    ("due_soon", "due within {within} days"),
)
MARKS = {"overdue": "!", "needs_action": "»", "complaint_window": "§", "appeal_overdue": "!", "authority_silent": "§",
         "ack_missing": "?", "extension_ending": "+", "appeal_due_soon": "·", "due_soon": "·"}


def reminder_line(r: Reminder, colour: str = "") -> Text:
    return safe.line(f"{MARKS.get(r.kind, '·')} {r.describe()}", colour)


def kind_colour(theme, kind: str) -> str:
    return {"overdue": theme.error, "appeal_overdue": theme.error, "needs_action": theme.warning,
            "complaint_window": theme.warning, "authority_silent": theme.warning, "ack_missing": theme.warning,
            "extension_ending": theme.warning}.get(kind) or ""


class ReminderPanel(Static):
    """At most `limit` lines, the most urgent first (compute_reminders sorts them); a click opens the request."""

    def __init__(self, *, limit: int = 5, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.limit = limit
        self.border_title = "Reminders"
        self.request_ids: list[str] = []  # one per shown line, for clicks

    def show(self, reminders: list[Reminder], within: int) -> None:
        theme = self.app.current_theme
        tally = counts(reminders)
        parts = []
        for kind, words in HEADINGS:
            if n := tally[kind]:  # only the kinds present: the title must fit an 80-column terminal
                label = f"{n} {words.format(within=within)}"
                colour = kind_colour(theme, kind)
                parts.append(Text(label, style=f"bold {colour}" if colour else ""))
        self.border_title = safe.join("Reminders", " — " if parts else "", Text(" · ").join(parts))
        shown = reminders[: self.limit]
        self.request_ids = [r.request_id for r in shown]
        if not reminders:
            self.update(Text(f"Nothing overdue, nothing due within {within} days, no acknowledgement missing.", style="dim"))
            return
        lines = [reminder_line(r, kind_colour(theme, r.kind)) for r in shown]
        if len(reminders) > self.limit:
            lines.append(Text(f"… and {len(reminders) - self.limit} more (F4 lists them all)", style="dim"))
        self.update(safe.lines(lines))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(self.request_ids):
            self.app.action_open_request(self.request_ids[offset.y])
