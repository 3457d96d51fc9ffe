"""Supervisory authorities by country, for complaints about unanswered or refused requests."""

from __future__ import annotations

from collections.abc import Iterable

from privacy_tui.core.directory.records import SupervisoryAuthority


def authorities_for_country(cc: str, authorities: Iterable[SupervisoryAuthority]) -> list[SupervisoryAuthority]:
    """The authorities competent for country `cc` (alpha-2, any case), in the directory's order.

    Germany has several (one per federal state, plus church and broadcasting authorities), so
    callers let the person choose; an authority whose record says "all" matches every country.
    """
    code = cc.strip().lower()
    if not code:
        return []
    return [a for a in authorities if code in a.relevant_countries or "all" in a.relevant_countries]


__all__ = ["authorities_for_country"]
