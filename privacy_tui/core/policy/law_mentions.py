"""Which privacy laws the policy invokes: the law keys of the registry (gdpr, uk_gdpr, ccpa,
us_state, pipeda, lgpd), each detected by the patterns its module declares (`Law.mention`).

A law counts when the policy names it, names its regulator, or addresses its residents ("If you
are a California resident", "individuals in the EEA"). GDPR is also inferred from its vocabulary:
a policy that lists two or more of Art. 6's legal bases (legitimate interests, performance of a
contract, vital interests, legal obligation) is a GDPR notice, or a UK GDPR one when it speaks
of the UK and not of the EU. A mere mention of a place ("we store data in the European Union")
does not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from privacy_tui.core.laws import gdpr
from privacy_tui.core.laws.base import Mention
from privacy_tui.core.laws.registry import mentions
from privacy_tui.core.policy.fast import Triggered, ci
from privacy_tui.core.policy.findings import Evidence
from privacy_tui.core.policy.sentences import Doc

_LEGAL_BASES = Triggered(gdpr.LEGAL_BASES_TRIGGERS, ci(gdpr.LEGAL_BASES))


@lru_cache(maxsize=4)
def _compiled(declared: tuple[tuple[str, Mention], ...]) -> tuple[tuple[str, Triggered, Triggered | None], ...]:
    # Compiled once per set of registered laws; all patterns run on the lower-cased text (see
    # fast.py), except the `cased` ones.
    return tuple(
        (key, Triggered(m.triggers, ci(m.pattern)),
         Triggered(m.cased_triggers, re.compile(m.cased), reach=m.cased_reach) if m.cased else None)
        for key, m in declared
    )


def find_regimes(doc: Doc) -> dict[str, Evidence]:
    text = doc.text
    found: dict[str, Evidence] = {}
    patterns = _compiled(mentions())
    for key, pattern, cased in patterns:
        positions = [m.start() for m in (pattern.search(doc.lower), cased.search(text) if cased else None) if m]
        if positions:
            found[key] = doc.evidence_at(min(positions))
    if "gdpr" not in found:
        kinds: dict[int, int] = {}
        for m in _LEGAL_BASES.finditer(doc.lower):
            kinds.setdefault(m.lastindex or 0, m.start())
        # "legal obligations" alone is everyday US wording: it counts only beside two real legal bases.
        strong = [k for k in kinds if k != 4]
        if len(strong) >= 2 and "uk_gdpr" not in found:
            found["gdpr"] = doc.evidence_at(min(kinds.values()))
    order = [key for key, _, _ in patterns]
    return {r: found[r] for r in order if r in found}
