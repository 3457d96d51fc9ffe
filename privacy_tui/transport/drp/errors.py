"""Error types of the DRP client.

DRP 1.0 section 3.06 ("Error States"): a non-200 answer carries a JSON body with `code`,
`message` and optionally `fatal: true`; "Requests which are not `fatal` shall be assumed to be
retryable". Our types follow that split, plus 403 (its own cause and remedy) and timeouts.
Every message is one line meant for the user.
"""

from __future__ import annotations

from privacy_tui.core.errors import TransportError

AUTH_HINT = (
    "the business rejected our token or agent id — re-pair with `privacy-tui drp pair ...` / "
    "check the agent id registered with the business"
)


class DrpError(TransportError):
    """Anything that went wrong talking DRP. `status_code` is the HTTP status when there was one."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        server_message: str = "",
        body: object = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.server_message = server_message
        self.body = body


class DrpFatalError(DrpError):
    """Retrying the same request cannot help: `fatal: true`, a malformed answer, a refused request."""


class DrpRetryableError(DrpError):
    """A non-fatal error (spec 3.06) that was still failing after the bounded retries."""


class DrpTimeout(DrpRetryableError):
    """The business did not answer in time (10 s to connect, 30 s to read), even after retries."""


class DrpAuthError(DrpFatalError):
    """403 Forbidden (or 401): token, agent id or signing key not accepted. Re-pairing may fix it."""


class DrpNotRevoked(DrpFatalError):
    """A revoke was answered, but not with the `revoked` state DRP 1.0 2.04.1 requires."""


class DrpSignatureError(DrpError):
    """A signed message did not verify. `stage` says which check failed: base64, signature or json."""

    def __init__(self, message: str, *, stage: str) -> None:
        super().__init__(message)
        self.stage = stage


__all__ = [
    "AUTH_HINT",
    "DrpAuthError",
    "DrpError",
    "DrpFatalError",
    "DrpNotRevoked",
    "DrpRetryableError",
    "DrpSignatureError",
    "DrpTimeout",
]
