"""A letter's context in another language: the words Python supplies, taken from `terms.toml`.

The English context (core.letters) carries English phrases built in Python: the law's short
name and citations, the request type's label, identity labels, event words and ground
sentences. For another language each of them is replaced from that language's data, and the
English-only phrases a foreign template has no use for are removed, so a template that still
reached for one fails loudly (StrictUndefined) instead of mixing languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from privacy_tui.core import letter_language as lang
from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Profile

# English phrases built from the law modules (core/laws/) that a letter in another language must not show.
_ENGLISH_ONLY = ("response_period", "extension_period", "extension_condition", "resident_of")


def regime_terms(code: str, regime_key: str) -> Mapping[str, Any]:
    terms = lang.terms(code)
    regimes = terms.get("regimes", {})
    if regime_key not in regimes:
        offered = [c for c in lang.language_codes() if c == lang.ENGLISH or regime_key in lang.terms(c).get("regimes", {})]
        raise UserError(
            f"no {terms['name']} letters for this law ({regime_key}); it is available in: {', '.join(offered)}"
        )
    return regimes[regime_key]


def localise(
    ctx: dict[str, Any],
    code: str,
    regime_key: str,
    request_type: str,
    profile: Profile,
    identity_fields: Sequence[str] | None,
    today: date,
) -> None:
    """Replace, in place, every Python-made phrase of an English letter context with `code`'s."""
    terms = lang.terms(code)
    law = regime_terms(code, regime_key)
    basis = law.get("basis", {})
    if request_type not in basis:
        raise UserError(f"no {terms['name']} letter for a {request_type} request under {law['law']}")
    for key in _ENGLISH_ONLY:
        ctx.pop(key, None)
    ctx.update(
        law=law["law"],
        law_name=law["law_name"],
        law_citation=law["law_citation"],
        basis=basis[request_type],
        deadline_citation=law["deadline_citation"],
        restart_citation=law.get("restart_citation", ""),
        type_label=terms["types"][request_type],
        today=lang.long_date(today, code),
        event_words=dict(terms.get("events", {})),
        ground_sentences=dict(law.get("grounds", {}).get(request_type, {})),
        regulator_fallback=law.get("regulator_fallback", ""),
        complaint_basis=law.get("complaint_basis", ""),
    )
    company = dict(ctx["company"])
    if company["name"] == "Sir or Madam":  # the English fallback for a nameless company
        company["name"] = terms["words"]["company_fallback"]
    ctx["company"] = company
    ctx["identity"] = _identity(ctx["identity"], terms["labels"])


# The details the program itself writes into the timeline (services.sending, services.escalation,
# services.requests), as patterns; each maps to a phrase in the language's [details]. Anything
# else in a detail is the user's own words and stays as written.
_OWN_DETAILS = (
    ("emailed_to", re.compile(r"emailed to (?P<to>.+?)(?P<resent> \(resent\))?")),
    ("received_by_hand", re.compile(r"received by the company on this date \(entered by hand\)")),
    ("drp", re.compile(r"sent through DRP to (?P<to>.+)")),
    ("reminder_emailed", re.compile(r"reminder to the company emailed to (?P<to>.+)")),
    ("complaint_emailed", re.compile(r"complaint to the (?P<who>.+?) emailed to (?P<to>.+)")),
)


def localise_detail(detail: str, code: str) -> str:
    """A timeline detail the program wrote in English, in `code`'s words (the user's own text unchanged)."""
    words = lang.terms(code).get("details", {})
    for key, pattern in _OWN_DETAILS:
        match = pattern.fullmatch(detail.strip())
        if match and key in words:
            found = {k: v or "" for k, v in match.groupdict().items()}
            text = words[key].format(to=found.get("to", ""), who=found.get("who", ""))
            return text + (words.get("resent", "") if found.get("resent") else "")
    return detail


def _identity(items: list[dict[str, str]], labels: Mapping[str, str]) -> list[dict[str, str]]:
    from privacy_tui.core.letters import _PROFILE_LABELS

    english = {v: k for k, v in _PROFILE_LABELS.items()}
    # Labels of the user's own extra fields are the user's words and stay as written.
    return [{"label": labels.get(english.get(i["label"], ""), i["label"]), "value": i["value"]} for i in items]


__all__ = ["localise", "localise_detail", "regime_terms"]
