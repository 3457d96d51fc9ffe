"""Fuzzy search over the directory: typos, brands, domains, slugs, ranking bands."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_tui.core.directory import DirectoryEntry, DirectoryIndex, SearchHit
from privacy_tui.core.directory.normalize import domain_query, domain_stem, host_of, name_key, words
from privacy_tui.services.directory_files import load_directory_path


@lru_cache(maxsize=1)
def _index(path: str) -> DirectoryIndex:
    index = DirectoryIndex(load_directory_path(path).entries)
    index.prepare()
    return index


@pytest.fixture
def index(shared_dir) -> DirectoryIndex:
    return _index(str(shared_dir / "directory" / "datarequests-db.json"))


def slugs(hits: list[SearchHit]) -> list[str]:
    return [h.entry.slug for h in hits]


# --- normalisation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Google LLC", "google"),
        ("GOOGLE Inc.", "google"),
        ("Amazon EU S.à r.l.", "amazon eu"),
        ("Edelmetall-Service GmbH & Co. KG.", "edelmetall service"),
        ("Österreichische Post AG", "osterreichische post"),
        ("Straße Ltd", "strasse"),
        ("The New York Times Company", "new york times"),
        ("Limited", "limited"),  # never stripped down to nothing
        ("AG Software", "ag software"),  # legal forms only go from the end
        ("Søstrene Grene", "sostrene grene"),
        ("!!!", ""),
    ],
)
def test_name_key(text, key):
    assert name_key(text) == key


def test_words_join_dotted_abbreviations():
    assert words("Foo B.V.") == ["foo", "bv"]
    assert words("e.V.") == ["ev"]


def test_domain_helpers():
    assert host_of("https://www.Google.com/privacy") == "google.com"
    assert host_of("amazon.co.uk") == "amazon.co.uk"
    assert host_of("") == ""
    assert domain_stem("aws.amazon.com") == "amazon"
    assert domain_stem("amazon.co.uk") == "amazon"
    assert domain_query("facebook.com") == "facebook.com"
    assert domain_query("https://www.facebook.com/help?x=1") == "facebook.com"
    assert domain_query("facebook") == "" and domain_query("meta platforms.ie") == ""


# --- the examples of the issue ----------------------------------------------------------------


def test_typo_finds_google_first(index):
    hits = index.search("gogle")
    assert hits[0].entry.slug == "google"
    assert hits[0].score < 80  # a fuzzy match, in the fuzzy band


def test_amazon_ranks_amazon_entities_first(index):
    amazon = {e.slug for e in index if e.slug.startswith("amazon-")}
    assert len(amazon) == 7
    hits = index.search("amazon", limit=10)
    assert set(slugs(hits)[: len(amazon)]) == amazon
    assert all(h.score == 100.0 for h in hits[: len(amazon)])


@pytest.mark.parametrize("query", ["facebook.com", "www.facebook.com", "https://www.facebook.com/privacy/policy"])
def test_domain_query_finds_meta(index, query):
    hits = index.search(query)
    assert hits[0].entry.slug == "facebook"
    assert hits[0].entry.name.startswith("Meta Platforms")
    assert hits[0].score == 100.0


def test_exact_host_beats_same_stem(index):
    # amazon.de is amazon-de's own website; the other Amazon records share only the stem.
    assert index.search("amazon.de")[0].entry.slug == "amazon-de"


# --- more ways people search ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Google LLC", "google"),
        ("google inc", "google"),
        ("GOOGLE", "google"),
        ("deutsche-telekom-ag", "deutsche-telekom-ag"),  # a slug
        ("deutsche tel", "deutsche-telekom-ag"),  # typed so far
        ("deutshe telekom", "deutsche-telekom-ag"),
        ("deutschetelekom", "deutsche-telekom-ag"),  # words run together
        ("face book", "facebook"),  # a word split
        ("instagarm", "instagram"),
        ("mircosoft", "microsoft"),
        ("spotifi", "spotify"),
        ("paypl", "paypal"),
        ("Österreichische Post AG", "post-at"),
        ("osterreichische post", "post-at"),
        ("commerzbank", "commerzbank"),
        ("comerzbank", "commerzbank"),
    ],
)
def test_finds_intended_company_first(index, query, slug):
    assert index.search(query, limit=5)[0].entry.slug == slug


def test_brand_finds_its_company(index):
    hits = index.search("YouTube")
    assert hits[0].entry.slug == "google"
    assert hits[0].score == 99.0  # a brand ranks just below a name


def test_bands_exact_then_prefix_then_fuzzy(index):
    exact = index.search("zalando")[0]
    prefix = index.search("zaland")[0]
    fuzzy = index.search("zalanod")[0]
    assert exact.entry.slug == prefix.entry.slug == fuzzy.entry.slug == "zalando"
    assert exact.score == 100.0
    assert 90.0 <= prefix.score < 99.0
    assert fuzzy.score < 80.0


def test_whole_word_prefix_beats_part_of_word(index):
    hits = index.search("meta", limit=5)
    # Meta Platforms (Facebook's and Oculus's operator) before "Metabase"-like partial words.
    assert set(slugs(hits)[:2]) == {"facebook", "oculuscom"}


def test_rare_word_outweighs_common_one(index):
    assert index.search("google ireland")[0].entry.slug == "google"


def test_one_hit_per_company_sorted_and_limited(index):
    for query in ("google", "amazon", "bank", "kirchengemeinde", "gogle", "a"):
        hits = index.search(query, limit=7)
        assert len(hits) <= 7
        assert len(set(slugs(hits))) == len(hits)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize("query", ["", "   ", "---", "!!", "\n"])
def test_empty_queries(index, query):
    assert index.search(query) == []


def test_limit_zero_and_unknown(index):
    assert index.search("google", limit=0) == []
    assert index.search("qqqqqqqqqqqqqqqqqqqqqqq") == []


def test_get_by_slug(index):
    assert index.get("google").name == "Google LLC"
    assert index.get(" GOOGLE ").slug == "google"
    assert index.get("no-such-company") is None
    assert len(index) == 3070


# --- ranking rules on a small hand-made index -------------------------------------------------


def entry(slug: str, name: str, **kw) -> DirectoryEntry:
    return DirectoryEntry(slug=slug, name=name, relevant_countries=("all",), **kw)


def test_name_beats_brand_and_host_beats_stem():
    small = DirectoryIndex(
        [
            entry("umbrella", "Umbrella Holdings Ltd", runs=("Acme",)),
            entry("acme", "Acme Inc.", web="https://acme.example.org"),
            entry("acme-mirror", "Mirror Ltd", web="https://acme.example.net"),
        ]
    )
    assert slugs(small.search("acme"))[:2] == ["acme", "umbrella"]
    assert small.search("acme.example.net")[0].entry.slug == "acme-mirror"


def test_brand_in_parentheses_and_domain_brand():
    small = DirectoryIndex(
        [
            entry("social", "Social Ltd", runs=("Messenger (www.messenger.example)", "chat.example")),
            entry("other", "Other Ltd"),
        ]
    )
    assert small.search("messenger")[0].entry.slug == "social"
    assert small.search("messenger.example")[0].entry.slug == "social"
    assert small.search("chat.example")[0].score == 100.0


def test_index_is_built_lazily():
    small = DirectoryIndex([entry("a", "Alpha")])
    assert small._tables is None
    assert small.get("a") is not None and small._tables is None
    small.search("alpha")
    assert small._tables is not None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=-2, max_value=30))
def test_any_query_is_safe(query, limit):
    index = _SMALL
    hits = index.search(query, limit=limit)
    assert len(hits) <= max(limit, 0)
    assert len({h.entry.slug for h in hits}) == len(hits)
    assert all(0.0 <= h.score <= 100.0 for h in hits)


_SMALL = DirectoryIndex(
    [
        entry("google", "Google LLC", runs=("YouTube", "Gmail"), web="https://www.google.com"),
        entry("oesterreich", "Österreichische Post AG", web="https://www.post.at"),
        entry("dots", "S.à r.l. B.V. e.V.", runs=("(", ")", "..", "x.y")),
        entry("empty-ish", "!!!", runs=("",)),
    ]
)
