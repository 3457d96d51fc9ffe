"""The outbox's transports (services.outbox.Transport): SMTP, the mail-client hand-offs, DRP.

Each wraps one wire module (transport.smtp, transport.mailclient, transport.drp) and reports a
`Delivery`; none of them touches the vault — recording is the outbox's.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.services.outbox import (
    HANDED_OFF,
    REFUSED,
    SENT,
    UNCLEAR,
    Delivery,
    Item,
)


class SmtpTransport:
    """Sends through the user's SMTP server (transport.smtp)."""

    name = "smtp"
    records_outcome = True
    pending_first = True

    def __init__(self, settings: Any, password: str | None = None) -> None:
        self.settings = settings
        self.password = password
        self.from_addr = settings.from_addr

    def prepare(self) -> None:
        from privacy_tui.vault.smtp_secrets import resolve_smtp_password

        if self.password is None:
            self.password = resolve_smtp_password(self.settings) if self.settings.username else ""

    def deliver(self, item: Item) -> Delivery:
        from privacy_tui.transport.smtp import SmtpSendError, send_message

        assert item.wire is not None
        try:
            result = send_message(self.settings, self.password or "", item.wire)
        except SmtpSendError as exc:
            return Delivery(UNCLEAR if exc.maybe_delivered else REFUSED, reply=exc.server_reply or "",
                            where=self.settings.host, error=exc, stage=exc.stage, answer=exc)
        return Delivery(SENT, reply=result.server_reply, where=self.settings.host, answer=result)


class _HandOff:
    """Gives the letter to the user (mail client, web form): nothing to check before, and no
    outcome recorded, since the user sends it."""

    records_outcome = False
    pending_first = False

    def prepare(self) -> None:
        pass


@dataclass
class EmlHandOff(_HandOff):
    """Writes a .eml file the user's mail client opens and sends."""

    target: Path
    from_addr: str
    name: str = "eml"

    def deliver(self, item: Item) -> Delivery:
        from privacy_tui.transport import mailclient

        assert item.wire is not None
        try:
            mailclient.write_eml(item.wire, self.target)
        except OSError as exc:
            raise UserError(f"cannot write {self.target}: {exc.strerror or exc}") from None
        return Delivery(HANDED_OFF, path=self.target)


@dataclass
class MailtoHandOff(_HandOff):
    """A mailto: URL for the user's mail client."""

    to: tuple[str, ...]
    name: str = "mailto"
    from_addr: str = ""

    def deliver(self, item: Item) -> Delivery:
        from privacy_tui.transport import mailclient

        url = mailclient.mailto_url(list(self.to), item.record.subject, item.record.body)
        return Delivery(HANDED_OFF, text=url, url=url)


@dataclass
class CopyHandOff(_HandOff):
    """The text to paste into a web form, headed by the form's address."""

    webform: str
    name: str = "copy"
    from_addr: str = ""

    def deliver(self, item: Item) -> Delivery:
        from privacy_tui.transport import mailclient

        text = mailclient.copy_text(item.record.subject, item.record.body, self.webform)
        return Delivery(HANDED_OFF, text=text, url=self.webform or None)


@dataclass
class DrpTransport:
    """One DRP exercise (transport.drp). No pending record first, as before the outbox: a failed
    exercise raises and records nothing; the record is written from the business's answer."""

    client: Callable[[], Any]  # opens a DRP client (a context manager)
    business: Any
    token: str
    action: str
    regime: str
    claims: Any
    reference: str
    name: str = "drp"
    records_outcome: bool = True
    pending_first: bool = False
    from_addr: str = ""

    def prepare(self) -> None:
        pass

    def deliver(self, item: Item) -> Delivery:
        from privacy_tui.core.foreign import strip_deep

        with self.client() as client:
            status = client.exercise(self.business, self.token, action=self.action, regime=self.regime,
                                     claims=self.claims, agent_request_id=self.reference)
        # Foreign text: storable, no controls.
        reply = json.dumps(strip_deep(dict(status.raw)), ensure_ascii=False, default=str)
        return Delivery(SENT, reply=reply, where=self.business.name, message_id=status.request_id, answer=status)


__all__ = ["CopyHandOff", "DrpTransport", "EmlHandOff", "MailtoHandOff", "SmtpTransport"]
