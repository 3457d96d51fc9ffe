"""The analyzer's entry points: text or bytes in, a `PolicyAnalysis` out."""

from __future__ import annotations

import re

from privacy_tui.core.errors import UserError
from privacy_tui.core.policy.address import find_address
from privacy_tui.core.policy.categories import find_categories
from privacy_tui.core.policy.company import OUR_SITE, find_company
from privacy_tui.core.policy.emails import company_domains, find_addresses, rank_emails
from privacy_tui.core.policy.findings import PolicyAnalysis
from privacy_tui.core.policy.language import detect_language
from privacy_tui.core.policy.law_mentions import find_regimes
from privacy_tui.core.policy.response import find_response_days
from privacy_tui.core.policy.rights import find_rights
from privacy_tui.core.policy.sentences import segment
from privacy_tui.core.policy.text import MAX_BYTES, extract_text
from privacy_tui.core.policy.webforms import find_webforms
from privacy_tui.core.text import strip_controls


def analyze_text(text: str, *, source: str = "", format: str = "plain") -> PolicyAnalysis:
    """Analyse a policy's text. `source` (a URL or file name) helps tell the publisher's domain."""
    if len(text) > MAX_BYTES:
        raise UserError(f"the policy text is {len(text):,} characters, over the 5 MB limit: analyse just the privacy policy")
    # Policy text is foreign: normalised (lone surrogates from a PDF's ToUnicode map dropped, NFC)
    # and stripped of control characters before anything is found in it, so every fact and every
    # evidence offset refers to the same clean text. Page and line feeds keep words apart.
    text = strip_controls(text.replace("\f", "\n").replace("\v", "\n"), multiline=True)
    doc = segment(text)
    hits = find_addresses(doc)
    provisional = [h.address for h in hits]
    company, company_ev = find_company(doc, provisional)

    sites = [m.group(1) for m in OUR_SITE.finditer(doc.lower)]
    if re.match(r"https?://", source):
        sites.insert(0, source)
    ours = company_domains(hits, company, sites)
    ranked = rank_emails(doc, hits, ours)
    forms = find_webforms(doc, ours)
    address, address_ev = find_address(doc, company)
    regimes = find_regimes(doc)
    cats = find_categories(doc)
    rights = find_rights(doc)
    days, days_ev = find_response_days(doc)
    return PolicyAnalysis(
        company=company,
        emails=tuple(e for e, _ in ranked),
        webforms=tuple(u for u, _ in forms),
        address=address,
        regimes=tuple(regimes),
        ccpa_categories=cats.letters,
        data_items=cats.items,
        rights=tuple(rights),
        response_days=days,
        language=detect_language(text),
        company_evidence=company_ev,
        email_evidence=tuple(ev for _, ev in ranked),
        webform_evidence=tuple(ev for _, ev in forms),
        address_evidence=address_ev,
        regime_evidence=regimes,
        category_evidence=cats.evidence,
        right_evidence=rights,
        response_evidence=days_ev,
        source=source,
        format=format,
        text=text,
    )


def analyze_bytes(data: bytes, *, filename: str = "", content_type: str = "", source: str = "") -> PolicyAnalysis:
    """Detect the format (HTML, PDF, Markdown, plain), decode, extract the text and analyse it."""
    extracted = extract_text(data, filename=filename, content_type=content_type)
    return analyze_text(extracted.text, source=source or filename, format=extracted.format)


__all__ = ["analyze_bytes", "analyze_text"]
