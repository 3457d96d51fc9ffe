"""Which request does a reply answer? Clues in order of strength, each one dictionary lookup.

1. In-Reply-To / References naming a Message-ID we sent for the request (0.99);
2. a delivery-status report carrying the Message-ID of our original (0.97);
3. the request's reference code (PT- and 8 characters of core.models.new_reference's alphabet)
   in the subject or body, quoted or not (0.95);
4. the sender's domain — or a parent domain — among the company's known or learned domains
   (0.75 when the company has one open request; with several, they are proposed, not assigned).

A code that looks like ours but is not one of our requests (a lookalike, a typo, someone else's
request) leaves the message unmatched even when the sender's domain is known: a wrong code is a
clue against, not for. Bulk or transactional mail (newsletters, orders, password resets) is
never matched by its domain alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .message import ParsedMessage
from .signals import about_privacy, is_automatic, looks_unrelated

# core.models.new_reference: "PT-" + 8 of this alphabet (no 0/O/1/I).
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_REFERENCE = re.compile(r"(?<![A-Za-z0-9])PT[-\u2010\u2011\u2013]([A-Za-z0-9]{6,10})(?![A-Za-z0-9])", re.IGNORECASE)

# Mail providers anyone can use: never a company's own domain.
FREEMAIL = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.de",
    "yahoo.fr", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de",
    "posteo.de", "mailbox.org", "protonmail.com", "proton.me", "fastmail.com", "orange.fr", "free.fr", "laposte.net",
    "sfr.fr", "wanadoo.fr", "yandex.ru", "mail.ru", "zoho.com",
})


@dataclass(frozen=True)
class RequestKey:
    request_id: str
    company_id: str
    reference: str                 # the request's code in subjects, e.g. "PT-RLJSVD2C"
    message_ids: tuple[str, ...]   # Message-IDs we sent for it, without <>
    domains: tuple[str, ...]       # the company's known sender domains
    open: bool                     # not closed


@dataclass(frozen=True)
class Match:
    request_id: str | None
    company_id: str | None
    confidence: float
    reason: str
    proposed: tuple[str, ...] = ()


UNMATCHED_REASON = "no sent message, reference code or known sender domain fits"


def normalize_reference(code: str) -> str:
    """'pt rljsvd2c' -> 'PT-RLJSVD2C' (people and ticket systems rewrite case and dashes)."""
    m = _REFERENCE.fullmatch(code.strip())
    return f"PT-{m.group(1).upper()}" if m else code.strip().upper()


def references_in(text: str) -> list[str]:
    """Every reference-like code in `text`, normalised, in order (lookalikes included)."""
    return [f"PT-{m.group(1).upper()}" for m in _REFERENCE.finditer(text)]


def is_valid_reference(code: str) -> bool:
    body = code[3:] if code.startswith("PT-") else ""
    return len(body) == 8 and all(c in REFERENCE_ALPHABET for c in body)


def _domain_chain(domain: str) -> list[str]:
    """'eu.help.shop.example' -> itself and each parent with at least two labels."""
    labels = domain.strip(".").lower().split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)] if len(labels) >= 2 else []


def _clean_domain(value: str) -> str:
    value = value.strip().lower()
    value = re.sub(r"^[a-z]+://", "", value).split("/")[0].split("@")[-1].split(":")[0]
    return value.removeprefix("www.")


class MatchIndex:
    def __init__(self) -> None:
        self._by_message_id: dict[str, RequestKey] = {}
        self._by_reference: dict[str, RequestKey] = {}
        self._by_domain: dict[str, set[str]] = {}
        self._requests_of: dict[str, list[RequestKey]] = {}

    @classmethod
    def build(cls, keys: Iterable[RequestKey], learned: Mapping[str, str] = {}) -> MatchIndex:
        """The index, built once; `learned`: sender domain -> company id (from accepted matches)."""
        index = cls()
        for key in keys:
            for mid in key.message_ids:
                mid = mid.strip().strip("<>")
                if mid:
                    index._by_message_id[mid] = key
                    index._by_message_id.setdefault(mid.lower(), key)
            if key.reference:
                index._by_reference[normalize_reference(key.reference)] = key
            index._requests_of.setdefault(key.company_id, []).append(key)
            for domain in key.domains:
                index._add_domain(domain, key.company_id)
        for domain, company_id in learned.items():
            index._add_domain(domain, company_id)
        return index

    def _add_domain(self, domain: str, company_id: str) -> None:
        domain = _clean_domain(domain)
        if domain and "." in domain and domain not in FREEMAIL:
            self._by_domain.setdefault(domain, set()).add(company_id)

    def match(self, msg: ParsedMessage) -> Match:
        # 1. Threading headers: the newest reference first (In-Reply-To, then References from the end).
        for mid in msg.in_reply_to + tuple(reversed(msg.references)):
            key = self._by_message_id.get(mid) or self._by_message_id.get(mid.lower())
            if key is not None:
                how = "In-Reply-To" if mid in msg.in_reply_to else "References"
                return Match(key.request_id, key.company_id, 0.99, f"{how} names a message sent for this request")
        # 2. A bounce or read report quoting our original.
        if msg.report_original_message_id:
            mid = msg.report_original_message_id
            key = self._by_message_id.get(mid) or self._by_message_id.get(mid.lower())
            if key is not None:
                what = "a delivery report" if msg.is_report else "the message"
                return Match(key.request_id, key.company_id, 0.97,
                             f"{what} carries the message sent for this request")
        # 3. The reference code, subject first.
        codes = references_in(msg.subject) or references_in(msg.text[:50_000])
        wrong: list[str] = []
        for code in codes:
            key = self._by_reference.get(code)
            if key is not None:
                where = "subject" if code in references_in(msg.subject) else "text"
                return Match(key.request_id, key.company_id, 0.95, f"reference {code} in the {where}")
            wrong.append(code)
        if wrong:
            return Match(None, None, 0.0, f"reference {wrong[0]} is not one of your requests")
        # 4. The sender's domain.
        company_ids: set[str] = set()
        matched_domain = ""
        for domain in _domain_chain(msg.from_domain):
            found = self._by_domain.get(domain)
            if found:
                company_ids, matched_domain = found, domain
                break
        if not company_ids:
            return Match(None, None, 0.0, UNMATCHED_REASON)
        if len(company_ids) > 1:
            return Match(None, None, 0.0, f"{matched_domain} is known for several companies",
                         proposed=tuple(sorted(k.request_id for c in company_ids for k in self._requests_of.get(c, ())
                                               if k.open)))
        (company_id,) = company_ids
        if looks_unrelated(msg) and not (is_automatic(msg) and about_privacy(msg)):
            return Match(None, company_id, 0.0, f"from {matched_domain}, but not about a request")
        requests = self._requests_of.get(company_id, [])
        open_requests = [k for k in requests if k.open]
        if len(open_requests) == 1:
            key = open_requests[0]
            return Match(key.request_id, company_id, 0.75, f"sender domain {matched_domain} of the company")
        candidates = open_requests or requests
        return Match(None, company_id, 0.5 if candidates else 0.0,
                     f"sender domain {matched_domain}: {len(open_requests)} open requests, choose one"
                     if open_requests else f"sender domain {matched_domain}: the company has no open request",
                     proposed=tuple(k.request_id for k in candidates))


__all__ = ["FREEMAIL", "REFERENCE_ALPHABET", "Match", "MatchIndex", "RequestKey", "is_valid_reference",
           "normalize_reference", "references_in"]
