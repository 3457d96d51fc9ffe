"""Data Rights Protocol 1.0, the authorized-agent side (spec: consumer-reports-innovation-lab/
data-rights-protocol, `data-rights-protocol.md`; 1.0 is 0.9.4 unchanged).

Plain httpx + cryptography code with its own error types; it knows nothing of the vault or the
UI. `DrpClient` (and so httpx) loads on first use, keeping `import` of this package light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from privacy_tui.transport.drp.businesses import (
    DrpBusiness,
    find_business,
    load_business_directory,
    parse_business_directory,
    read_directory_source,
)
from privacy_tui.transport.drp.claims import CLAIMS_FROM_PROFILE, missing_claims, select_claims
from privacy_tui.transport.drp.errors import (
    DrpAuthError,
    DrpError,
    DrpFatalError,
    DrpNotRevoked,
    DrpRetryableError,
    DrpSignatureError,
    DrpTimeout,
)
from privacy_tui.transport.drp.signing import (
    AgentKey,
    generate_agent_key,
    sign_message,
    verify_key_b64,
    verify_signed_message,
)
from privacy_tui.transport.drp.status import DrpStatus, status_event_data, status_to_event
from privacy_tui.transport.drp.vocabulary import (
    DEFAULT_VERSION,
    EXERCISES,
    FINAL_STATUSES,
    REASONS,
    REGIMES,
    STATUSES,
    VERIFICATIONS,
    normalize_action,
)

if TYPE_CHECKING:
    from privacy_tui.transport.drp.client import DrpClient


def __getattr__(name: str) -> Any:
    if name == "DrpClient":
        from privacy_tui.transport.drp.client import DrpClient

        return DrpClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CLAIMS_FROM_PROFILE",
    "DEFAULT_VERSION",
    "EXERCISES",
    "FINAL_STATUSES",
    "REASONS",
    "REGIMES",
    "STATUSES",
    "VERIFICATIONS",
    "AgentKey",
    "DrpAuthError",
    "DrpBusiness",
    "DrpClient",
    "DrpError",
    "DrpFatalError",
    "DrpNotRevoked",
    "DrpRetryableError",
    "DrpSignatureError",
    "DrpStatus",
    "DrpTimeout",
    "find_business",
    "generate_agent_key",
    "load_business_directory",
    "missing_claims",
    "normalize_action",
    "parse_business_directory",
    "read_directory_source",
    "select_claims",
    "sign_message",
    "status_event_data",
    "status_to_event",
    "verify_key_b64",
    "verify_signed_message",
]
