"""The taxonomy's synonyms compiled into one regular expression, shaped as a trie.

A plain alternation of a few hundred phrases makes the regex engine try every phrase at every
position; factoring common prefixes ("email address", "email addresses", "e-mail") keeps the work
per position to a handful of character tests, so scanning stays linear and fast. Spaces in a
phrase match any run of whitespace (line breaks included: policies arrive hard-wrapped), and a
plural "s"/"es" is always allowed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from privacy_tui.core.taxonomy import ITEMS

# Words that also have everyday meanings: they count only as a list entry or after "your".
GENERIC = frozenset(
    """
    name names email e-mail address phone telephone location locations age sex gender photo photos video audio
    images pictures income education employer occupation citizenship religion race cookie cookies purchases
    grades transcripts resume cv signature password passwords passport alias pin health
    """.split()
)


def _normalize(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()


def _trie_regex(phrases: list[str]) -> str:
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            if ch == " ":
                atom = r"\s+"
            elif ch == "'":
                atom = "['’]"
            elif ch == "-":
                atom = r"[-‐‑–]?"
            else:
                atom = re.escape(ch)
            branches.append(atom + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return emit(trie)


@lru_cache(maxsize=1)
def item_lexicon() -> tuple[re.Pattern[str], Mapping[str, str]]:
    """(pattern, phrase -> item key). Group 1 of a match is the phrase; look it up after `normalize_match`."""
    phrases: dict[str, str] = {}
    for key, item in ITEMS.items():
        for synonym in (*item.synonyms, item.label):
            norm = _normalize(synonym)
            phrases.setdefault(norm, key)
    body = _trie_regex(sorted(phrases))
    # Runs on the lower-cased text (`Doc.lower`): no IGNORECASE needed, and much faster without.
    pattern = re.compile(r"(?<![\w@/.-])(" + body + r")(?:e?s)?(?![\w@-])")
    return pattern, phrases


def normalize_match(text: str) -> str:
    return re.sub(r"[-‐‑–]", "-", _normalize(text))


def lookup(matched: str, phrases: Mapping[str, str]) -> str | None:
    key = phrases.get(matched)
    if key is not None:
        return key
    norm = normalize_match(matched)
    if norm in phrases:
        return phrases[norm]
    # The trie made the hyphen optional: "e mail" / "email" map back to the spelling we listed.
    for variant in (norm.replace("-", ""), norm.replace(" ", "-"), norm.replace("-", " ")):
        if variant in phrases:
            return phrases[variant]
    return None
