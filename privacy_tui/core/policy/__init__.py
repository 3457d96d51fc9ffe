"""The privacy-policy analyzer: who publishes a policy, how to reach them, what they collect,
which laws and rights they invoke and how fast they promise to answer, each fact with its evidence.

    analyze_text(text, *, source="") -> PolicyAnalysis
    analyze_bytes(data, *, filename="", content_type="", source="") -> PolicyAnalysis

`analyze_bytes` takes plain text, Markdown, HTML or PDF in any encoding, up to 5 MB
(`MAX_BYTES`; more is a UserError). Rules and a curated lexicon, no model: it runs offline, in
linear time (well over 1 MB of text per second).

`PolicyAnalysis.to_json()` has exactly the keys company, emails, webforms, address, regimes,
ccpa_categories, data_items, rights, response_days, evidence. An evidence entry is
`{"text": sentence, "offset": int}`, the offset counting characters into the extracted text
(`PolicyAnalysis.text`). `evidence` is keyed by field name:

    "company":         entry | null
    "emails":          [entry, ...]      aligned with "emails"
    "webforms":        [entry, ...]      aligned with "webforms"
    "address":         entry | null
    "regimes":         {regime: entry}
    "ccpa_categories": {letter: entry}
    "data_items":      [entry, ...]      aligned with "data_items" (each item also carries its own)
    "rights":          {right: entry}
    "response_days":   entry | null

`data_items` entries are `{"item": taxonomy key, "category": letter, "evidence": entry}`.
Field values: regimes from (gdpr, uk_gdpr, ccpa, us_state, pipeda, lgpd); rights from (access,
deletion, rectification, portability, objection, restriction, opt_out_sale, withdraw_consent,
non_discrimination); response_days in days as the policy states them (business days keep their
number, a month is 30 days).
"""

from privacy_tui.core.policy.analyze import analyze_bytes, analyze_text
from privacy_tui.core.policy.findings import JSON_KEYS, Evidence, FoundItem, PolicyAnalysis
from privacy_tui.core.policy.text import MAX_BYTES

__all__ = ["JSON_KEYS", "MAX_BYTES", "Evidence", "FoundItem", "PolicyAnalysis", "analyze_bytes", "analyze_text"]
