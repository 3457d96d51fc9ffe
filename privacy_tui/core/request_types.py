"""Kinds of data-rights request, and which regime offers which (with the legal basis).

The legal basis per regime lives in the regime data (`Regime.request_types`); this module names
the types for people and answers "can I ask this under that law?".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from privacy_tui.core.errors import UserError


@dataclass(frozen=True)
class RequestType:
    key: str
    label: str  # short, for menus and tables
    summary: str  # one sentence for the person choosing


REQUEST_TYPES: Mapping[str, RequestType] = MappingProxyType(
    {
        t.key: t
        for t in (
            RequestType("access", "Access", "Get a copy of your data and how it is used, shared and kept."),
            RequestType("deletion", "Deletion", "Have your data erased, and the erasure passed on to those who received it."),
            RequestType("rectification", "Correction", "Have wrong or incomplete data corrected."),
            RequestType("portability", "Portability", "Get the data you provided in a machine-readable format."),
            RequestType("restriction", "Restriction", "Have the use of your data paused (blocked) while an issue is settled."),
            RequestType("objection", "Objection", "Object to a use of your data, including all direct marketing."),
            RequestType("withdraw_consent", "Withdraw consent", "Withdraw a consent you gave, so the processing based on it stops."),
            RequestType("opt_out_sale", "Opt out of sale/sharing", "Stop the sale or sharing of your data (and targeted advertising)."),
            RequestType("limit_sensitive", "Limit sensitive data", "Limit the use of your sensitive personal information."),
        )
    }
)


def request_type_keys() -> tuple[str, ...]:
    return tuple(REQUEST_TYPES)


def get_request_type(key: str) -> RequestType:
    try:
        return REQUEST_TYPES[(key or "").strip().lower()]
    except KeyError:
        raise UserError(f"unknown request type {key!r}; valid types: {', '.join(REQUEST_TYPES)}") from None


def offered_types(regime: str, *, subdivision: str = "") -> tuple[str, ...]:
    """The request types the regime's law gives, in a stable order."""
    from privacy_tui.core.laws.registry import get_regime

    offered = get_regime(regime, subdivision=subdivision).request_types
    return tuple(k for k in REQUEST_TYPES if k in offered)


def legal_basis(regime: str, request_type: str, *, subdivision: str = "") -> str:
    """The citation for `request_type` under `regime`, e.g. 'Article 15 GDPR'.

    Raises UserError for an unknown type, or for a type that the regime's law does not give.
    """
    from privacy_tui.core.laws.registry import get_regime

    rt = get_request_type(request_type)
    return get_regime(regime, subdivision=subdivision).basis(rt.key)


def check_request_type(regime: str, request_type: str, *, subdivision: str = "") -> str:
    """The normalised type key if the regime offers it; UserError otherwise."""
    legal_basis(regime, request_type, subdivision=subdivision)
    return get_request_type(request_type).key


__all__ = [
    "REQUEST_TYPES",
    "RequestType",
    "check_request_type",
    "get_request_type",
    "legal_basis",
    "offered_types",
    "request_type_keys",
]
