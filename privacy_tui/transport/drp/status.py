"""DRP status objects (spec 3.03) and how they land on a request's timeline.

Mapping of DRP state (3.02) onto our event kinds:

    DRP status / reason                   event kind      detail
    open                                  sent            "open at the business (DRP request <id>)"
    in_progress                           acknowledged    "acknowledged; expected by <date>" + processing_details
    in_progress, expected_by moved later  extended        "expected by moved from <old> to <new>" + processing_details
    in_progress / need_user_verification  id_requested    "verify your identity at <user_verification_url>"
    fulfilled                             fulfilled       processing_details, results_url
    denied / <reason>                     denied          "<reason>: <reason in words>" + processing_details
    revoked                               withdrawn       "revoked through DRP"
    expired                               drp_status      "expired"
    anything else                         drp_status      the status word

`expected_by` (and the other dates and URLs) go into the event's data through
`status_event_data`; 3.08 says a later `expected_by` with new `processing_details` is how a
business records an extension, which is why the previous `expected_by` is an input here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from privacy_tui.core.text import strip_controls
from privacy_tui.transport.drp.vocabulary import FINAL_STATUSES, REASONS, normalize_reason


@dataclass(frozen=True)
class DrpStatus:
    """The "Exercise Status" object every exercise, status and revoke answer carries (3.03)."""

    request_id: str
    status: str
    reason: str = ""
    received_at: str = ""
    expected_by: str = ""
    processing_details: str = ""
    user_verification_url: str = ""
    results_url: str = ""  # 3.02: added on entering `fulfilled`
    expires_at: str = ""  # 3.03: after it the business stops keeping records of the request
    agent_request_id: str = ""  # 3.03: echoes our `agent-request-id`
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    @classmethod
    def from_json(cls, obj: Any) -> DrpStatus:
        """Parse an Exercise Status object; ValueError when it is not one."""
        if not isinstance(obj, Mapping):
            raise ValueError("the answer is not a JSON object")
        request_id = obj.get("request_id")
        status = obj.get("status")
        if not isinstance(request_id, str) or not request_id.strip():
            raise ValueError("the answer has no `request_id`")
        if not isinstance(status, str) or not status.strip():
            raise ValueError("the answer has no `status`")

        def text(key: str) -> str:
            value = obj.get(key)
            # Received text is foreign: normalised, control characters stripped (core.text).
            return strip_controls(str(value)).strip() if value is not None else ""

        return cls(
            request_id=strip_controls(request_id).strip(),
            status=strip_controls(status).strip().lower(),
            reason=normalize_reason(text("reason")),
            received_at=text("received_at"),
            expected_by=text("expected_by"),
            processing_details=text("processing_details"),
            user_verification_url=text("user_verification_url"),
            results_url=text("results_url"),
            expires_at=text("expires_at"),
            agent_request_id=text("agent_request_id"),
            raw=dict(obj),
        )


def _day(timestamp: str) -> str:
    return timestamp[:10]


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def status_to_event(status: DrpStatus, previous_expected_by: str = "") -> tuple[str, str]:
    """(event kind, detail) for this status; see the table in the module docstring."""
    details = status.processing_details
    if status.status == "open":
        return "sent", _join(f"open at the business (DRP request {status.request_id})", details)
    if status.status == "in_progress":
        if status.reason == "need_user_verification":
            where = status.user_verification_url or "the business's verification page"
            return "id_requested", _join(f"verify your identity at {where}", details)
        if previous_expected_by and status.expected_by and _day(status.expected_by) > _day(previous_expected_by):
            moved = f"expected by moved from {_day(previous_expected_by)} to {_day(status.expected_by)}"
            return "extended", _join(moved, details)
        expected = f"expected by {_day(status.expected_by)}" if status.expected_by else ""
        return "acknowledged", _join("acknowledged", expected, details)
    if status.status == "fulfilled":
        results = f"results at {status.results_url}" if status.results_url else ""
        return "fulfilled", _join("fulfilled", results, details)
    if status.status == "denied":
        reason = status.reason or "other"
        words = REASONS.get(reason, "")
        return "denied", _join(f"{reason}: {words}" if words else reason, details)
    if status.status == "revoked":
        return "withdrawn", _join("revoked through DRP", details)
    if status.status == "expired":
        return "drp_status", _join("expired", details)
    return "drp_status", _join(status.status, status.reason, details)


def status_event_data(status: DrpStatus) -> dict[str, str]:
    """What to keep in the event's `data`: the DRP words, dates and URLs that were present."""
    data = {
        "drp_request_id": status.request_id,
        "drp_status": status.status,
        "reason": status.reason,
        "received_at": status.received_at,
        "expected_by": status.expected_by,
        "user_verification_url": status.user_verification_url,
        "results_url": status.results_url,
        "expires_at": status.expires_at,
        "processing_details": status.processing_details,
    }
    return {k: v for k, v in data.items() if v}


__all__ = ["DrpStatus", "status_event_data", "status_to_event"]
