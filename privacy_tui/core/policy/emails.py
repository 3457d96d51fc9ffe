"""E-mail addresses for privacy requests, best first.

Found: plain addresses, `mailto:` links (HTML and Markdown links are turned into text that shows
their address), and obfuscated forms: `privacy[at]example[dot]com`, `privacy (at) example.com`,
`privacy AT example DOT com`, `privacy @ example . com`.
Dropped: regulators' addresses (by domain, and any address of a foreign domain in a sentence
about a supervisory authority), third parties' addresses (well-known services, or a foreign
domain in a sentence about vendors or processors), placeholders (example.com), no-reply boxes.
Ranked: privacy/DPO/data-protection/legal boxes first (by their name or by the sentence they sit
in), then support, then general addresses; the publisher's own domain before others; then by how
often the address is offered for requests, then by first appearance.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from privacy_tui.core.policy import domains
from privacy_tui.core.policy.fast import Triggered
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

_PLAIN = re.compile(
    r"(?<![\w.%+-])([\w.%+-]{1,64})@([\w-]{1,63}(?:\.[\w-]{1,63}){0,6}\.[A-Za-z]{2,24})(?![\w-])"
)
_PLAIN_NEAR_AT = Triggered(r"@", _PLAIN, reach=320)
_BRACKET_AT = re.compile(
    r"(?<![\w.+-])([\w.+-]{1,64})\s{0,3}[\[({<]\s{0,2}(?:at|@)\s{0,2}[\])}>]\s{0,3}"
    r"([\w-]{1,63}(?:(?:\s{0,3}[\[({<]\s{0,2}(?:dot|\.)\s{0,2}[\])}>]\s{0,3}|\.)[\w-]{1,63}){1,5})",
    re.IGNORECASE,
)
_WORD_AT = re.compile(
    r"(?<![\w.+-])([\w.+-]{1,64})\s{1,3}(?:at|AT)\s{1,3}([\w-]{1,63}(?:\s{1,3}(?:dot|DOT)\s{1,3}[\w-]{1,63}){1,4})\b"
)
_SPACED_AT = re.compile(r"(?<![\w.+-])([\w.+-]{1,64})\s{1,3}@\s{1,3}([\w-]{1,63}(?:\s{0,2}\.\s{0,2}[\w-]{1,63}){1,5})")
# Cheap tests for the rare obfuscated forms, so that their patterns run only on texts that have them.
_TRIGGERS = {
    "bracket": re.compile(r"[\[({<]\s{0,2}(?:at|@)\s{0,2}[\])}>]"),
    "word": re.compile(r"\s(?:dot|DOT)\s"),
    "spaced": re.compile(r"\s@\s"),
}
_DOTS = re.compile(r"\s*(?:[\[({<]\s*(?:dot|\.)\s*[\])}>]|\s(?:dot|DOT)\s|\.)\s*", re.IGNORECASE)
_FILE_TLDS = frozenset("png jpg jpeg gif svg webp css js bmp ico tif tiff pdf html htm php".split())

_PRIVACY_BOX = re.compile(
    r"priva|dpo|gdpr|ccpa|cpra|dsar|dsr|rgpd|lgpd|dataprotection|data[._-]protection|datenschutz|protection|legal|"
    r"complian|personaldata|personal[._-]data|optout|opt[._-]out|donotsell|dataprivacy|dpd|ds-|dataofficer|rights",
    re.IGNORECASE,
)
_SUPPORT_BOX = re.compile(r"support|help|care|service|customer|feedback|questions|queries", re.IGNORECASE)
_NOREPLY = re.compile(r"^(?:no[._-]?reply|do[._-]?not[._-]?reply|bounces?|mailer-daemon|postmaster|unsubscribe)", re.IGNORECASE)
_UNRELATED_BOX = re.compile(r"^(?:jobs?|careers?|recruit\w*|hr|press|media|marketing|newsletter|abuse|security|billing|sales)", re.IGNORECASE)
_REQUEST_CONTEXT = re.compile(
    r"data protection officer|\bDPO\b|privacy (?:officer|team|office|request|question|concern|inquir|enquir|practice|right)|"
    r"exercis\w* (?:any of )?(?:your|these|the|such) (?:rights|choices)|your (?:privacy )?rights|personal (?:data|information)|"
    r"data subject|\bCCPA\b|\bGDPR\b|access request|delet\w+|erasure|verifiable consumer request|opt[- ]out|"
    r"questions or concerns|questions about (?:this|our) (?:privacy )?(?:policy|notice)|contact us",
    re.IGNORECASE,
)
_REGULATOR_CONTEXT = re.compile(
    r"commissioner|supervisory authorit|data protection authorit|\bregulator|attorney general|ombudsman|"
    r"federal trade commission|\bICO\b|\bCNIL\b|\bEDPB\b|privacy protection agency|\bauthority\b",
    re.IGNORECASE,
)
_VENDOR_CONTEXT = re.compile(
    r"vendor|processor|service provider|third[- ]part|partner|their (?:own )?privac|provided by|operated by|"
    r"powered by|advertis|analytics|payment",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Hit:
    address: str
    pos: int
    unit: int


def _normalize(local: str, domain: str) -> str | None:
    local = local.strip(".").lower()
    if local.startswith("mailto:"):
        local = local[7:]
    domain = _DOTS.sub(".", domain).strip(".").lower()
    if not local or ".." in local or ".." in domain or "." not in domain:
        return None
    tld = domain.rsplit(".", 1)[1]
    if not tld.isalpha() or tld in _FILE_TLDS or len(tld) < 2:
        return None
    return f"{local}@{domain}"


def find_addresses(doc: Doc) -> list[_Hit]:
    text = doc.text
    hits: list[_Hit] = []
    plain_starts: list[int] = []  # sorted: the plain matches come first, in order
    plain_ends: list[int] = []
    patterns: list[tuple[Triggered | re.Pattern[str], str]] = [(_PLAIN_NEAR_AT, text)]
    if _TRIGGERS["bracket"].search(doc.lower):
        patterns.append((_BRACKET_AT, text))
    # Plain substring tests first: they cost nothing on the many texts without these forms.
    if (" dot " in doc.lower or "\ndot " in doc.lower) and _TRIGGERS["word"].search(text):
        patterns.append((_WORD_AT, text))
    if (" @" in text or "\n@" in text) and _TRIGGERS["spaced"].search(text):
        patterns.append((_SPACED_AT, text))
    for pattern, haystack in patterns:
        plain = pattern is _PLAIN_NEAR_AT
        for m in pattern.finditer(haystack):
            if not plain:
                # An obfuscated form that overlaps a plain address is the same address.
                k = bisect_right(plain_starts, m.start()) - 1
                if k >= 0 and plain_ends[k] > m.start():
                    continue
            address = _normalize(m.group(1), m.group(2))
            if address:
                hits.append(_Hit(address, m.start(), doc.index_at(m.start())))
                if plain:
                    plain_starts.append(m.start())
                    plain_ends.append(m.end())
    hits.sort(key=lambda h: h.pos)
    return hits


def company_domains(hits: list[_Hit], company: str | None, sites: list[str]) -> set[str]:
    """Registrable domains that belong to the publisher: named like it, its site, else its usual address."""
    ours: set[str] = set()
    key = re.sub(r"[^a-z0-9]", "", (company or "").split(",")[0].lower())
    first = re.sub(r"[^a-z0-9]", "", (company or "").split()[0].lower()) if company else ""
    for site in sites:
        host = domains.host_of(site)
        if host and not domains.is_regulator(host) and not domains.is_third_party(host):
            ours.add(domains.registrable(host))
    counts: Counter[str] = Counter()
    for hit in hits:
        host = domains.host_of(hit.address)
        if domains.is_regulator(host) or domains.is_third_party(host) or domains.is_placeholder(host):
            continue
        reg = domains.registrable(host)
        label = reg.split(".")[0]
        counts[reg] += 1
        for k in (key, first):
            if len(k) >= 3 and len(label) >= 3 and (label.startswith(k) or k.startswith(label)):
                ours.add(reg)
    if not ours and counts:
        ours.add(counts.most_common(1)[0][0])
    return ours


def rank_emails(doc: Doc, hits: list[_Hit], ours: set[str]) -> list[tuple[str, Evidence]]:
    info: dict[str, dict] = {}
    # (request context?, regulator context?, vendor context?) per unit, computed once.
    contexts: dict[int, tuple[bool, bool, bool]] = {}
    for hit in hits:
        if hit.unit not in contexts:
            sentence = doc.clean(hit.unit)
            context = sentence + " " + doc.heading_text(hit.unit)
            contexts[hit.unit] = (
                bool(_REQUEST_CONTEXT.search(context)),
                bool(_REGULATOR_CONTEXT.search(sentence)),
                bool(_VENDOR_CONTEXT.search(sentence)),
            )
        requests, regulator, vendor = contexts[hit.unit]
        host = domains.host_of(hit.address)
        local = hit.address.split("@", 1)[0]
        own = domains.same_site(host, ours) if ours else True
        if domains.is_regulator(host) or domains.is_placeholder(host) or _NOREPLY.match(local):
            continue
        if not own and (regulator or vendor or domains.is_third_party(host)):
            continue
        entry = info.setdefault(hit.address, {"pos": hit.pos, "unit": hit.unit, "requests": 0, "context_tier": 2})
        if requests:
            entry["requests"] += 1
            if entry["context_tier"] > 0:
                entry["context_tier"] = 0
                entry["pos_best"] = hit.pos
                entry["unit_best"] = hit.unit
        entry["own"] = own
    ranked = []
    for address, entry in info.items():
        local = address.split("@", 1)[0]
        tier: float  # half tiers rank a general box the policy offers between two whole ones
        if _PRIVACY_BOX.search(local):
            tier = 0
        elif _SUPPORT_BOX.search(local):
            tier = 1
        elif _UNRELATED_BOX.match(local):
            tier = 3
        else:
            tier = 2
        if tier == 2 and entry["context_tier"] == 0:
            tier = 0.5  # a general box the policy offers for privacy questions ("iso@", "sales@")
        if tier == 3 and entry["context_tier"] == 0:
            tier = 1.5
        ranked.append(((tier, 0 if entry.get("own", True) else 1, -entry["requests"], entry["pos"]), address, entry))
    ranked.sort(key=lambda r: r[0])
    out = []
    for _, address, entry in ranked:
        pos = entry.get("pos_best", entry["pos"])
        unit = entry.get("unit_best", entry["unit"])
        out.append((address, doc.evidence(unit, pos)))
    return out
