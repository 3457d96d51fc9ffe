"""Getting reminders to the user: a desktop notification, or an email summary to their own address.

Each item is notified at most once a day per channel; the dates are kept in `notified.ptv`
beside the vault (encrypted, written without the vault's write lock: vault/notified.py), so that
an hourly timer does not repeat itself, even while the app holds the vault. `remind_notified`
is where older versions kept it in the vault; it is only read, once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from privacy_tui.services.reminders import Reminder

NOTIFIED_SETTING = "remind_notified"  # legacy: read when notified.ptv does not exist yet
CHANNELS = ("desktop", "email")
APP_NAME = "privacy-tui"


# --- once per day -----------------------------------------------------------------------------


def pending(reminders: Iterable[Reminder], record: Mapping[str, Any] | None, channel: str, today: date) -> list[Reminder]:
    """The reminders not yet notified today on `channel`."""
    seen = dict((record or {}).get(channel) or {})
    stamp = today.isoformat()
    return [r for r in reminders if seen.get(r.key) != stamp]


def record_notified(
    record: Mapping[str, Any] | None, channel: str, notified: Iterable[Reminder], current: Iterable[Reminder], today: date
) -> dict[str, Any]:
    """The record after notifying `notified` today; items no longer current are forgotten so it stays small."""
    out = {k: dict(v) for k, v in (record or {}).items() if isinstance(v, Mapping)}
    live = {r.key for r in current}
    seen = {k: v for k, v in out.get(channel, {}).items() if k in live}
    for r in notified:
        seen[r.key] = today.isoformat()
    out[channel] = seen
    return out


# --- the words ----------------------------------------------------------------------------------


def summary_title(reminders: Sequence[Reminder]) -> str:
    overdue = sum(1 for r in reminders if r.kind == "overdue")
    if overdue:
        return f"privacy-tui: {overdue} request{'s' if overdue != 1 else ''} overdue"
    return f"privacy-tui: {len(reminders)} deadline{'s' if len(reminders) != 1 else ''} to watch"


def summary_body(reminders: Sequence[Reminder], *, limit: int | None = None) -> str:
    shown = list(reminders if limit is None else reminders[:limit])
    lines = [f"- {r.describe()}" for r in shown]
    if limit is not None and len(reminders) > limit:
        lines.append(f"... and {len(reminders) - limit} more (run `privacy-tui remind`)")
    return "\n".join(lines)


# --- desktop -------------------------------------------------------------------------------------


def desktop_available() -> bool:
    """notify-send needs a session bus to reach the notification daemon."""
    return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) and shutil.which("notify-send") is not None


def notify_desktop(title: str, body: str, *, urgent: bool = False) -> bool:
    """Show a desktop notification; False when there is no way to (the caller prints it instead)."""
    if not desktop_available():
        return False
    command = ["notify-send", f"--app-name={APP_NAME}", "--urgency", "critical" if urgent else "normal", title, body]
    try:
        done = subprocess.run(command, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


# --- email -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EmailResult:
    to: str
    server_reply: str


def email_summary(store, reminders: Sequence[Reminder], today: date, *, password: str | None = None) -> EmailResult:
    """Email the list to the user's own address through the configured SMTP account.

    Raises UserError when SMTP is not configured, TransportError when sending fails.
    """
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.smtp_settings import configured as smtp_settings
    from privacy_tui.transport.message import make_message
    from privacy_tui.transport.smtp import send_message
    from privacy_tui.vault.smtp_secrets import resolve_smtp_password

    settings = smtp_settings(store)
    to = store.profile().email or settings.from_addr
    if not to:
        raise UserError("no address to send the summary to: set your email with `privacy-tui profile set --email ADDR`")
    if password is None:
        password = resolve_smtp_password(settings) if settings.username else ""
    body = (
        f"Deadlines of your data-rights requests as of {today.isoformat()}:\n\n"
        + summary_body(reminders)
        + "\n\nOpen privacy-tui to record answers, or draft a reminder with `privacy-tui request escalate ID --to company`.\n"
    )
    msg = make_message(from_addr=settings.from_addr, to=[to], subject=f"{summary_title(reminders)} ({today.isoformat()})", body=body)
    result = send_message(settings, password, msg)
    return EmailResult(to=to, server_reply=result.server_reply)


__all__ = [
    "CHANNELS",
    "NOTIFIED_SETTING",
    "EmailResult",
    "desktop_available",
    "email_summary",
    "notify_desktop",
    "pending",
    "record_notified",
    "summary_body",
    "summary_title",
]
