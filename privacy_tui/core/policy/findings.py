"""What the analyzer returns: facts, each with the sentence that supports it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON_KEYS = (
    "company",
    "emails",
    "webforms",
    "address",
    "regimes",
    "ccpa_categories",
    "data_items",
    "rights",
    "response_days",
    "evidence",
)


@dataclass(frozen=True)
class Evidence:
    text: str  # the sentence (whitespace collapsed; a long one is cut to a window)
    offset: int  # where that text starts in the extracted policy text

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "offset": self.offset}


@dataclass(frozen=True)
class FoundItem:
    item: str  # taxonomy item key
    category: str  # CCPA letter (the table row's letter when the item was read from a category table)
    evidence: Evidence

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "category": self.category, "evidence": self.evidence.to_json()}


def _ev(value: Evidence | None) -> dict[str, Any] | None:
    return value.to_json() if value is not None else None


@dataclass(frozen=True)
class PolicyAnalysis:
    company: str | None = None
    emails: tuple[str, ...] = ()
    webforms: tuple[str, ...] = ()
    address: str | None = None
    regimes: tuple[str, ...] = ()
    ccpa_categories: tuple[str, ...] = ()
    data_items: tuple[FoundItem, ...] = ()
    rights: tuple[str, ...] = ()
    response_days: int | None = None
    language: str = ""  # ISO 639-1 language the policy is written in ("" when unclear)
    # Evidence per field, in the shape `to_json()["evidence"]` documents (see the package docstring).
    company_evidence: Evidence | None = None
    email_evidence: tuple[Evidence, ...] = ()
    webform_evidence: tuple[Evidence, ...] = ()
    address_evidence: Evidence | None = None
    regime_evidence: Mapping[str, Evidence] = field(default_factory=dict)
    category_evidence: Mapping[str, Evidence] = field(default_factory=dict)
    right_evidence: Mapping[str, Evidence] = field(default_factory=dict)
    response_evidence: Evidence | None = None
    # About the input: where it came from, how it was read, and the text the offsets point into.
    source: str = ""
    format: str = "plain"
    text: str = field(default="", repr=False, compare=False)

    @property
    def missing(self) -> tuple[str, ...]:
        """Fields the analyzer found nothing for, for the 'could not find' part of a report."""
        values = {
            "company": self.company,
            "emails": self.emails,
            "webforms": self.webforms,
            "address": self.address,
            "regimes": self.regimes,
            "ccpa_categories": self.ccpa_categories,
            "data_items": self.data_items,
            "rights": self.rights,
            "response_days": self.response_days,
        }
        return tuple(k for k, v in values.items() if v in (None, "", ()))

    def to_json(self) -> dict[str, Any]:
        return {
            "company": self.company,
            "emails": list(self.emails),
            "webforms": list(self.webforms),
            "address": self.address,
            "regimes": list(self.regimes),
            "ccpa_categories": list(self.ccpa_categories),
            "data_items": [i.to_json() for i in self.data_items],
            "rights": list(self.rights),
            "response_days": self.response_days,
            "evidence": {
                "company": _ev(self.company_evidence),
                "emails": [e.to_json() for e in self.email_evidence],
                "webforms": [e.to_json() for e in self.webform_evidence],
                "address": _ev(self.address_evidence),
                "regimes": {k: v.to_json() for k, v in self.regime_evidence.items()},
                "ccpa_categories": {k: v.to_json() for k, v in self.category_evidence.items()},
                "data_items": [i.evidence.to_json() for i in self.data_items],
                "rights": {k: v.to_json() for k, v in self.right_evidence.items()},
                "response_days": _ev(self.response_evidence),
            },
        }
