"""Fuzzy search over the company directory: names, brands (`runs`), web domains and slugs.

Ranking, best first, each band kept apart so that a typo never outranks a real match:

    100        the whole name, slug or domain equals the query ("google", "facebook.com")
     99        a brand equals the query ("youtube" -> Google)
     90 - 98.9 a name, brand, slug or domain starts with the query ("goo", "deutsche tel")
     80 - 88.9 a later word starts with the query ("telekom" -> "Deutsche Telekom")
      0 - 79   fuzzy similarity (rapidfuzz WRatio x 0.79): typos ("gogle" -> Google)

Within a band a whole word beats part of a word, a closer length beats a longer name, names
beat brands. Each company appears once, under its best key.

Speed: exact and prefix candidates come from a dict and two sorted lists (bisect). Typos are
looked for only when fewer than `limit` companies matched that well, with
`rapidfuzz.process.extract` and the plain `ratio` scorer over the query's unknown words
against the directory's words, and over the whole query against whole keys -- each time only
over strings with the same first letter and a length that can reach the cut-off (a typo seldom
changes the first letter; a word nothing resembles is tried against all first letters). Only those few
hundred candidates are scored with the slower WRatio. The tables are built on the first search.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from privacy_tui.core.directory.normalize import (
    domain_query,
    domain_stem,
    domains_in,
    host_of,
    name_key,
    parent_domains,
    split_parentheses,
)
from privacy_tui.core.directory.records import DirectoryEntry

# Weights break ties inside a band: an exact web host, then names/slugs/domains, then brands.
HOST, NAME, ALIAS = 4, 3, 2

PREFIX_SCAN = 4000  # most keys or words looked at for one prefix (a one-letter query matches thousands)
FUZZY_KEYS = 60  # best whole-key candidates taken from the ratio pass
FUZZY_WORDS = 25  # best vocabulary words per query word
RESCORE = 400  # most keys scored with WRatio
KEY_CUTOFF = 70.0  # ratio a whole key (spaces removed) needs to be a candidate
WORD_CUTOFF = 75.0  # ratio a word of up to 5 letters needs to be a candidate ("bset" ~ "best")
LONG_WORD_CUTOFF = 80.0  # and a longer word: one typo in 6+ letters stays above it
COMPACT_MAX = 24  # longest query compared as a whole (longer ones are matched word by word)
COMMON_WORD = 3000  # a word in more keys than this says little about which company is meant
FUZZY_CUTOFF = 62.0  # WRatio a candidate needs to be shown
FUZZY_SCALE = 0.79  # keeps fuzzy scores below the substring bands


@dataclass(frozen=True)
class SearchHit:
    entry: DirectoryEntry
    score: float  # 0-100, higher is better; see the module docstring for the bands


class _Tables:
    """Lookup structures over the normalised keys of all entries."""

    def __init__(self, entries: tuple[DirectoryEntry, ...]):
        self.key_id: dict[str, int] = {}
        self.keys: list[str] = []
        self.owners: list[dict[int, int]] = []  # key id -> {entry index: weight}
        self.hosts: dict[str, dict[int, int]] = {}
        self._entry_words: list[set[str]] = []
        for index, entry in enumerate(entries):
            self._entry_words.append(set())
            self._add_entry(index, entry)
        # How many companies use a word: "ireland" is common, "google" is not (inverse document frequency).
        df: dict[str, int] = {}
        for ws in self._entry_words:
            for word in ws:
                df[word] = df.get(word, 0) + 1
        del self._entry_words
        self.idf_base = math.log(len(entries) + 1)
        self.word_df = df
        self.sorted_keys = sorted(self.keys)
        compact_keys: dict[str, list[int]] = {}
        for kid, key in enumerate(self.keys):
            compact_keys.setdefault(key.replace(" ", ""), []).append(kid)
        self.compact_keys = compact_keys
        # Grouped by first letter, then by length: a typo seldom changes the first letter, so
        # the fuzzy passes look at one group, and within it only at lengths that can match.
        self.compact_by_first = sorted(compact_keys, key=_first_len)
        word_keys: dict[str, list[int]] = {}
        for kid, key in enumerate(self.keys):
            for word in dict.fromkeys(key.split()):
                word_keys.setdefault(word, []).append(kid)
        self.word_keys = word_keys
        self.sorted_words = sorted(word_keys)
        words_by_len = sorted(word_keys, key=len)
        self.words_by_len = words_by_len
        self.word_lens = [len(w) for w in words_by_len]
        self.words_by_first = sorted(word_keys, key=_first_len)

    def _key(self, text: str, index: int, weight: int) -> None:
        key = name_key(text)
        if not key:
            return
        kid = self.key_id.get(key)
        if kid is None:
            kid = self.key_id[key] = len(self.keys)
            self.keys.append(key)
            self.owners.append({})
        owners = self.owners[kid]
        self._entry_words[index].update(key.split())
        if owners.get(index, 0) < weight:
            owners[index] = weight

    def idf(self, word: str) -> float:
        return self.idf_base - math.log(self.word_df.get(word, 0) + 1) + 1.0

    def _host(self, host: str, index: int) -> None:
        if not host:
            return
        self.hosts.setdefault(host, {})[index] = HOST
        self._key(domain_stem(host).replace("-", " "), index, NAME)

    def _text(self, text: str, index: int, weight: int) -> None:
        main, inner = split_parentheses(text)
        host = domain_query(main)
        if host:  # a brand written as a domain: "amazon.de"
            self._host(host, index)
        else:
            self._key(main, index, weight)
        for part in inner:  # "Messenger (www.messenger.com)", "... (BayLDA)"
            found = domains_in(part)
            for h in found:
                self._host(h, index)
            if not found:
                self._key(part, index, ALIAS)

    def _add_entry(self, index: int, entry: DirectoryEntry) -> None:
        self._text(entry.name, index, NAME)
        self._key(entry.slug.replace("-", " "), index, NAME)
        if entry.web:
            self._host(host_of(entry.web), index)
        for brand in entry.runs:
            self._text(brand, index, ALIAS)


def _first_len(text: str) -> tuple[str, int]:
    return text[:1], len(text)


def _length_range(length: int, cutoff: float) -> tuple[int, int]:
    """Lengths b for which `ratio` can reach `cutoff` against a string of `length` a:
    ratio = 2*matches/(a+b) <= 2*min(a,b)/(a+b), so b lies in [a*c/(2-c), a*(2-c)/c]."""
    c = cutoff / 100.0
    return math.ceil(length * c / (2 - c)), math.floor(length * (2 - c) / c)


def _window(lengths: list[int], length: int, cutoff: float) -> tuple[int, int]:
    """Index range, in a list sorted by length, of the items whose length can reach `cutoff`."""
    lo, hi = _length_range(length, cutoff)
    return bisect_left(lengths, lo), bisect_right(lengths, hi)


def _first_window(items: list[str], text: str, cutoff: float) -> tuple[int, int]:
    """Index range, in a list sorted by `_first_len`, of the items that start like `text` and
    whose length can reach `cutoff`."""
    lo, hi = _length_range(len(text), cutoff)
    first = text[:1]
    return bisect_left(items, (first, lo), key=_first_len), bisect_right(items, (first, hi), key=_first_len)


class DirectoryIndex:
    """Search and look-up over directory entries; build once, query many times."""

    def __init__(self, entries: Iterable[DirectoryEntry]):
        self._entries = tuple(entries)
        self._by_slug: dict[str, DirectoryEntry] = {}
        for entry in self._entries:
            self._by_slug.setdefault(entry.slug, entry)
        self._tables: _Tables | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[DirectoryEntry]:
        return iter(self._entries)

    @property
    def entries(self) -> tuple[DirectoryEntry, ...]:
        return self._entries

    def get(self, slug: str) -> DirectoryEntry | None:
        return self._by_slug.get(slug.strip().lower())

    def prepare(self) -> None:
        """Build the search tables now (otherwise the first search does)."""
        if self._tables is None:
            self._tables = _Tables(self._entries)

    def search(self, query: str, limit: int = 10) -> list[SearchHit]:
        if limit <= 0 or not query or not query.strip():
            return []
        self.prepare()
        assert self._tables is not None
        best = _search(self._tables, query, limit)
        if not best:
            return []
        entries = self._entries
        ranked = heapq.nsmallest(
            limit,
            best.items(),
            key=lambda item: (-item[1][0], -item[1][1], len(entries[item[0]].name), entries[item[0]].slug),
        )
        return [SearchHit(entries[i], round(score, 1)) for i, (score, _w) in ranked]


def _search(t: _Tables, query: str, limit: int) -> dict[int, tuple[float, int]]:
    """Entry index -> (score, weight) of its best key."""
    from rapidfuzz import fuzz, process

    best: dict[int, tuple[float, int]] = {}

    def offer(owners: dict[int, int], score: float) -> None:
        for index, weight in owners.items():
            s = 99.0 if score >= 100.0 and weight < NAME else score
            old = best.get(index)
            if old is None or (s, weight) > old:
                best[index] = (s, weight)

    host = domain_query(query)
    if host:
        for h in parent_domains(host):
            if h in t.hosts:
                offer(t.hosts[h], 100.0)
        q = name_key(domain_stem(host).replace("-", " "))
    else:
        q = name_key(query)
    if not q:
        return best

    kid = t.key_id.get(q)
    if kid is not None:
        offer(t.owners[kid], 100.0)

    # The start of a key: "goo" -> "google", "deutsche tel" -> "deutsche telekom".
    qlen = len(q)
    start = bisect_left(t.sorted_keys, q)
    for key in t.sorted_keys[start : start + PREFIX_SCAN]:
        if not key.startswith(q):
            break
        if len(key) == qlen:
            continue
        whole = key[qlen] == " "
        offer(t.owners[t.key_id[key]], 90.0 + 5.0 * whole + 3.9 * qlen / len(key))

    qwords = q.split()
    last = qwords[-1]
    # A later word of a key: "telekom" -> "deutsche telekom". Needs three letters: shorter
    # beginnings of words match too many keys to mean anything.
    if len(last) >= 3 or len(qwords) > 1:
        if len(qwords) == 1:
            lo = bisect_left(t.sorted_words, last)
            candidates: dict[int, None] = {}
            for word in t.sorted_words[lo : lo + PREFIX_SCAN]:
                if not word.startswith(last):
                    break
                for k in t.word_keys[word]:
                    candidates[k] = None
                if len(candidates) > PREFIX_SCAN:
                    break
        else:
            candidates = dict.fromkeys(t.word_keys.get(qwords[0], ()))
        needle = " " + q
        for k in candidates:
            key = t.keys[k]
            at = (" " + key).find(needle, 1)
            if at <= 0:
                continue
            end = at - 1 + qlen
            whole = end == len(key) or key[end] == " "
            offer(t.owners[k], 80.0 + 5.0 * whole + 3.9 * qlen / len(key))

    # Fuzzy scores stay below 80, so once `limit` companies score 80 or more the typo search
    # cannot change the result: skip it (most queries that name a company end here).
    if qlen < 3 or sum(1 for score, _w in best.values() if score >= 80.0) >= limit:
        return best

    # Typos: keys holding words close to the query's words, and (for short queries) keys close
    # to the whole query with spaces removed, which also catches "deutschetelekom" or "face book".
    scored: dict[int, float] = {}
    compact = q.replace(" ", "")
    if len(qwords) <= 2 and len(compact) <= COMPACT_MAX:
        lo, hi = _first_window(t.compact_by_first, compact, KEY_CUTOFF)
        for key, _score, _i in process.extract(
            compact, t.compact_by_first[lo:hi], scorer=fuzz.ratio, processor=None, limit=FUZZY_KEYS, score_cutoff=KEY_CUTOFF
        ):
            for k in t.compact_keys[key]:
                scored[k] = 1e9  # always rescored
    weight_sum = sum(len(w) for w in qwords)
    for w in dict.fromkeys(qwords):
        if len(w) < 3:
            continue
        if w in t.word_keys:
            # A word the directory uses as it is: its keys were found above for a one-word query;
            # in a longer one it helps choose among the keys the other words find.
            if len(qwords) > 1 and len(t.word_keys[w]) <= COMMON_WORD:
                gain = 100.0 * len(w) / weight_sum
                for k in t.word_keys[w]:
                    scored[k] = scored.get(k, 0.0) + gain
            continue
        cutoff = WORD_CUTOFF if len(w) <= 5 else LONG_WORD_CUTOFF
        lo, hi = _first_window(t.words_by_first, w, cutoff)
        close = process.extract(
            w, t.words_by_first[lo:hi], scorer=fuzz.ratio, processor=None, limit=FUZZY_WORDS, score_cutoff=cutoff
        )
        if not close:  # the typo may be in the first letter: look at every word of a fitting length
            lo, hi = _window(t.word_lens, len(w), cutoff)
            close = process.extract(
                w, t.words_by_len[lo:hi], scorer=fuzz.ratio, processor=None, limit=FUZZY_WORDS, score_cutoff=cutoff
            )
        for word, score, _i in close:
            gain = score * len(w) / weight_sum
            for k in t.word_keys[word][:COMMON_WORD]:
                scored[k] = scored.get(k, 0.0) + gain
    if len(scored) > RESCORE:
        chosen = heapq.nlargest(RESCORE, scored, key=scored.__getitem__)
    else:
        chosen = list(scored)
    idf = [t.idf(w) for w in qwords] if len(qwords) > 1 else []
    for k in chosen:
        key = t.keys[k]
        score = _similarity(fuzz, q, key)
        if idf:
            score *= 0.7 + 0.3 * _coverage(fuzz, qwords, idf, key.split())
        if score >= FUZZY_CUTOFF:
            offer(t.owners[k], score * FUZZY_SCALE)
    return best


def _coverage(fuzz, qwords: list[str], idf: list[float], kwords: list[str]) -> float:
    """Share of the query's information found in a key: its words weighted by rarity, so that
    "google ireland" prefers Google (a rare word) to some other company "... Ireland"."""
    found = 0.0
    for word, weight in zip(qwords, idf, strict=True):
        # Inside a word counts too: "face book" is all there in "facebook".
        if any(word in kw for kw in kwords) or any(fuzz.ratio(word, kw, score_cutoff=80) for kw in kwords):
            found += weight
    return found / sum(idf)


def _similarity(fuzz, query: str, key: str) -> float:
    """WRatio when the key is at least as long as the query (a query found inside a longer name
    is a good sign); for a shorter key only whole-string or whole-word agreement counts, since
    WRatio would score "spot" 90 against "spotifi" just for being a part of it."""
    if len(key) >= len(query):
        return fuzz.WRatio(query, key, processor=None, score_cutoff=FUZZY_CUTOFF)
    return max(fuzz.ratio(query, key, processor=None), 0.9 * fuzz.token_set_ratio(query, key, processor=None))


__all__ = ["DirectoryIndex", "SearchHit"]
