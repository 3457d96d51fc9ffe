"""The language a privacy policy is written in, for the letters to its company (issue 15).

A policy is long, formal prose, so its most frequent function words tell its language reliably:
each candidate language scores the occurrences of its own short, frequent words that the other
candidates do not share. Only the languages letters exist for are candidates. The answer is ""
unless one language clearly leads; a wrong guess would send a letter in a language the company
may not read, so doubt falls back to the company's country (core.letter_language).
"""

from __future__ import annotations

import re
from collections import Counter

# Frequent words peculiar to each language (articles, prepositions, conjunctions, pronouns):
# words that are frequent in another candidate language too ("de", "la", "do", "as") are left
# out, and any word still in two lists counts for neither.
_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is are we you your with for that this which be or by from".split()),
    "de": frozenset("der das und ist sind wir sie ihre mit für von zu den dem des nicht eine einer auf".split()),
    "fr": frozenset("les et est sont nous vous vos avec pour des du au aux une ne pas sur dans".split()),
    "es": frozenset("el los las y es son nosotros usted sus con para del al una su por cuando sobre".split()),
    "it": frozenset("il gli e è sono noi voi vostri con per della delle dei al alla una non sul nel".split()),
    "nl": frozenset("het zijn wij u uw met voor van een niet op bij naar worden".split()),
    "pt": frozenset("o os e é são nós você seus com para dos das ao uma não pelo em".split()),
}
# Words in more than one list would blur the scores: count them for nobody.
_SHARED = frozenset(w for lang, words in _WORDS.items() for w in words
                    if any(w in other for o, other in _WORDS.items() if o != lang))
_OWN = {lang: words - _SHARED for lang, words in _WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SAMPLE = 60_000  # characters read: plenty for a verdict, and bounded work on any policy
MIN_HITS = 20
LEAD = 2.0  # the winner must score at least twice the runner-up


def detect_language(text: str) -> str:
    """ISO 639-1 code of the policy's language, or "" when it is not clear."""
    counts = Counter(w for w in (m.group().lower() for m in _WORD.finditer(text[:SAMPLE])) if w not in _SHARED)
    scores = sorted(((sum(counts[w] for w in own), lang) for lang, own in _OWN.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < LEAD * second:
        return ""
    return lang
