"""The checks an SMTP and an IMAP server's settings share: host, port, timeout, stored record.

One wording for both protocols; `protocol` ("SMTP", "IMAP") names which one in every message.
"""

from __future__ import annotations

from privacy_tui.core.errors import UserError
from privacy_tui.core.validation import clean_text

MAX_TIMEOUT = 600.0


def check_host(protocol: str, host: str, example: str) -> str:
    """The host name, cleaned; no spaces or slashes (a URL pasted as a host)."""
    host = clean_text(f"{protocol} host", host, required=True)
    if any(c.isspace() for c in host) or "/" in host:
        raise UserError(f"invalid {protocol} host {host!r}: give a host name such as {example}")
    return host


def check_port(protocol: str, port: object, usual: str) -> None:
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise UserError(f"invalid {protocol} port {port!r}: use a number from 1 to 65535 (usually {usual})")


def check_timeout(protocol: str, timeout: object) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= MAX_TIMEOUT:
        raise UserError(
            f"invalid {protocol} timeout {timeout!r}: use a number of seconds above 0 and at most {MAX_TIMEOUT:g}"
        )


def stored_settings_error(protocol: str, exc: Exception) -> UserError:
    """For a vault record that no longer makes settings: the user enters them again."""
    return UserError(
        f"the stored {protocol} settings are incomplete ({exc}); run `privacy-tui config {protocol.lower()}` again"
    )
