"""Request portals: the web forms a policy offers for privacy requests.

A URL counts when the sentence around it offers a way to make a request ("submit a request",
"web form", "privacy portal", "Do Not Sell", "exercise your rights"...) or its path says so
(/privacy-request, /dsar, /webform), and it is the publisher's own site or a form host working
for it (OneTrust, TrustArc, a Google or Microsoft form...). Regulators' sites and third parties'
opt-out pages (Google Analytics, aboutads.info...) are not the publisher's portals.
"""

from __future__ import annotations

import re

from privacy_tui.core.policy import domains
from privacy_tui.core.policy.fast import Triggered
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

# Runs on the lower-cased text; the URL itself is then read from the original (paths are case-sensitive).
_URL = Triggered(
    "http|www.", re.compile(r"(?<![\w@/.-])((?:https?://|www\.)[^\s<>\"'`{}|\\^\[\]]{3,2000})"), reach=2010, before=1
)
_TRAIL = ".,;:!?)]}'\"’”"
_FORM_CONTEXT = re.compile(
    r"submit\w* (?:a |your |an? )?(?:\w+ ){0,3}request|request form|web ?form|online form|privacy (?:portal|cent(?:er|re)|request|choices)|"
    r"data (?:subject |access )?request|\bDSAR\b|do not sell|do not share|your privacy choices|opt[- ]out|"
    r"exercis\w* (?:any of )?(?:your|these|the|such) (?:\w+ )?rights|make (?:a |your )?request|"
    r"(?:access|delet\w*|correct\w*|erasure|portability) (?:request|right)|request (?:to|that we) (?:access|delete|correct)|"
    r"by (?:visiting|completing|filling|using)",
    re.IGNORECASE,
)
_FORM_PATH = re.compile(
    r"privacy[-_]?(?:request|portal|form|choices|center|centre|rights)|dsar|data[-_]?(?:subject|request|rights)|"
    r"webform|web-form|request[-_]?form|do[-_]?not[-_]?sell|opt[-_]?out|consumer[-_]?request|ccpa|gdpr|"
    r"your[-_]?privacy[-_]?choices|/form|/forms/|requests?/new",
    re.IGNORECASE,
)


def find_webforms(doc: Doc, ours: set[str]) -> list[tuple[str, Evidence]]:
    text = doc.text
    found: dict[str, Evidence] = {}
    for m in _URL.finditer(doc.lower):
        url = text[m.start(1) : m.end(1)].rstrip(_TRAIL)
        if url.count("(") < url.count(")"):
            url = url[: url.rfind(")")].rstrip(_TRAIL)
        if url.lower().startswith("www."):
            url = "https://" + url
        host = domains.host_of(url)
        if not host or "." not in host or domains.is_regulator(host) or domains.is_placeholder(host):
            continue
        if domains.is_third_party(host) and not domains.FORM_HOSTS.search(host):
            continue
        # With no known domain of the publisher, any site that is not a known third party's may be its own.
        own = domains.same_site(host, ours) if ours else True
        if not own and not domains.FORM_HOSTS.search(host):
            continue
        unit = doc.index_at(m.start())
        sentence = doc.clean(unit)
        path = url.split("//", 1)[-1].partition("/")[2]
        if not (_FORM_PATH.search(path) or _FORM_CONTEXT.search(sentence)):
            continue
        if not path.strip("/") and not _FORM_CONTEXT.search(sentence):
            continue
        key = url.rstrip("/")
        if key not in found:
            found[key] = doc.evidence(unit, m.start())
    return list(found.items())
