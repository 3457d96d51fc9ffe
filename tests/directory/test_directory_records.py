"""Parsing and validating the datarequests.org database: dump, offline-data, folders, bad data."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.paths import REPO

from privacy_tui.core.directory import DirectoryEntry, LoadResult, SupervisoryAuthority, load_directory_data
from privacy_tui.services.directory_files import load_directory_path


@lru_cache(maxsize=1)
def _real(path: str) -> LoadResult:
    return load_directory_path(path)


@pytest.fixture
def dump_path(shared_dir) -> Path:
    return shared_dir / "directory" / "datarequests-db.json"


@pytest.fixture
def real(dump_path) -> LoadResult:
    return _real(str(dump_path))


def company(slug: str = "acme", **extra) -> dict:
    record = {
        "slug": slug,
        "relevant-countries": ["de"],
        "name": "ACME GmbH",
        "address": "Hauptstraße 1\n10115 Berlin\nDeutschland",
        "sources": ["https://acme.example/privacy"],
        "quality": "verified",
    }
    record.update(extra)
    return record


def authority(slug: str = "xxdpa", **extra) -> dict:
    record = {
        "slug": slug,
        "relevant-countries": ["fr"],
        "name": "Some Authority",
        "address": "1 Rue\n75000 Paris\nFrance",
        "sources": ["https://dpa.example"],
    }
    record.update(extra)
    return record


# --- the real dump ----------------------------------------------------------------------------


def test_real_dump_loads_every_record(real):
    assert len(real.entries) == 3070
    assert len(real.authorities) == 57
    assert real.skipped == 0 and real.messages == []
    assert "datenanfragen/data" in real.source and "2026-07-21" in real.source
    assert len({e.slug for e in real.entries}) == 3070
    assert real.company_packs and isinstance(real.company_packs, list)


def test_real_entry_fields(real):
    google = next(e for e in real.entries if e.slug == "google")
    assert isinstance(google, DirectoryEntry)
    assert google.name == "Google LLC"
    assert "YouTube" in google.runs and "Gmail" in google.runs
    assert google.web == "https://www.google.com/"
    assert google.email == "data-access-requests@google.com" and google.emails == (google.email,)
    assert google.relevant_countries == ("all",)
    assert google.country == "US"  # from the address's last line, "United States of America"
    assert "ads" in google.categories
    assert google.raw["slug"] == "google"


def test_real_countries_all_resolved(real):
    # Every address in the dump ends with a country pycountry knows (in English or its own language).
    assert all(len(e.country) == 2 and e.country.isupper() for e in real.entries)
    by_slug = {e.slug: e.country for e in real.entries}
    assert by_slug["facebook"] == "IE" and by_slug["schufa"] == "DE" and by_slug["amazon-gb"] == "LU"


def test_real_authorities(real):
    cnil = next(a for a in real.authorities if a.slug == "frcnil")
    assert isinstance(cnil, SupervisoryAuthority)
    assert cnil.country == "FR" and cnil.jurisdiction == "FR"
    assert cnil.complaint_language == "fr"
    assert cnil.web.startswith("https://")
    assert sum(1 for a in real.authorities if a.country == "DE") == 26


# --- other shapes of the same data ------------------------------------------------------------


def test_offline_data_json_with_embedded_json_strings(real, dump_path):
    raw = json.loads(dump_path.read_text(encoding="utf-8"))
    offline = {
        "date": "2026-07-21T10:00:00.000Z",
        "dump-format": 1,
        "companies": json.dumps(raw["companies"][:40]),
        "supervisory-authorities": json.dumps(raw["supervisory-authorities"]),
        "company-packs": json.dumps({"de": raw["company-packs"][0]}),
    }
    result = load_directory_data(offline)
    assert len(result.entries) == 40 and len(result.authorities) == 57
    assert result.skipped == 0
    assert result.source == "datarequests.org offline data of 2026-07-21T10:00:00.000Z"
    assert isinstance(result.company_packs, dict) and "de" in result.company_packs


def test_repository_folder_layout(tmp_path, dump_path):
    raw = json.loads(dump_path.read_text(encoding="utf-8"))
    (tmp_path / "companies").mkdir()
    (tmp_path / "supervisory-authorities").mkdir()
    for record in raw["companies"][:5]:
        (tmp_path / "companies" / f"{record['slug']}.json").write_text(json.dumps(record), encoding="utf-8")
    for record in raw["supervisory-authorities"][:3]:
        (tmp_path / "supervisory-authorities" / f"{record['slug']}.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "companies" / "broken.json").write_text('{"slug": "broken", ', encoding="utf-8")
    (tmp_path / "companies" / "typed.json").write_text(json.dumps(company("typed", runs="not a list")), encoding="utf-8")
    (tmp_path / "companies" / "latin1.json").write_bytes('{"name": "Caf\xe9"}'.encode("latin-1"))
    (tmp_path / "companies" / "notes.txt").write_text("ignored: not JSON by name", encoding="utf-8")

    result = load_directory_path(tmp_path)
    assert len(result.entries) == 5 and len(result.authorities) == 3
    assert result.skipped == 3
    joined = "\n".join(result.messages)
    assert "broken.json is not valid JSON" in joined
    assert "typed.json field 'runs' must be a list of strings" in joined
    assert "latin1.json is not UTF-8 text" in joined
    assert result.source == f"folder {tmp_path.name}"


def test_flat_folder_of_company_records(tmp_path):
    for slug in ("one", "two"):
        (tmp_path / f"{slug}.json").write_text(json.dumps(company(slug)), encoding="utf-8")
    result = load_directory_path(str(tmp_path))
    assert sorted(e.slug for e in result.entries) == ["one", "two"]
    assert result.authorities == () and result.skipped == 0


def test_list_and_single_record():
    assert [e.slug for e in load_directory_data([company("a"), company("b")]).entries] == ["a", "b"]
    single = load_directory_data(company("solo"))
    assert [e.slug for e in single.entries] == ["solo"] and single.skipped == 0


def test_unknown_fields_are_kept_not_rejected():
    result = load_directory_data([company("future", **{"some-new-field": {"x": 1}})])
    assert result.skipped == 0
    assert result.entries[0].raw["some-new-field"] == {"x": 1}


# --- bad data: skipped with a count and a reason, never raised --------------------------------


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({k: v for k, v in company("noname").items() if k != "name"}, "misses the required field 'name'"),
        ({k: v for k, v in company("nosrc").items() if k != "sources"}, "misses the required field 'sources'"),
        (company("badruns", runs="Brand"), "field 'runs' must be a list of strings"),
        (company("badlist", runs=["ok", 3]), "field 'runs' must be a list of strings"),
        (company("badbool", **{"needs-id-document": "yes"}), "field 'needs-id-document' must be true or false"),
        (company("bademail", email=["a@b.c"]), "field 'email' must be a string"),
        (company("Bad Slug"), "field 'slug' must be lower-case letters"),
        (company("blank", name="   "), "field 'name' is empty"),
        (company("nocountry", **{"relevant-countries": []}), "field 'relevant-countries' is empty"),
        (company("country", **{"relevant-countries": ["germany"]}), "has 'germany', not a two-letter code"),
        (company("elements", **{"required-elements": ["name"]}), "field 'required-elements' must be a list of objects"),
        (42, "is int, not a JSON object"),
        ("acme", "is str, not a JSON object"),
    ],
)
def test_bad_company_record_is_skipped_with_reason(record, reason):
    result = load_directory_data({"companies": [company("good"), record], "supervisory-authorities": []})
    assert [e.slug for e in result.entries] == ["good"]
    assert result.skipped == 1
    assert len(result.messages) == 1
    assert reason in result.messages[0] and result.messages[0].startswith("company #2")


def test_duplicate_slug_keeps_first():
    result = load_directory_data([company("dup", name="First Ltd"), company("dup", name="Second Ltd")])
    assert [e.name for e in result.entries] == ["First Ltd"]
    assert result.skipped == 1 and "repeats the slug 'dup'" in result.messages[0]


def test_bad_authority_is_skipped():
    result = load_directory_data(
        {"companies": [company()], "supervisory-authorities": [authority("ok"), authority("bad", email=5), {"slug": "x"}]}
    )
    assert [a.slug for a in result.authorities] == ["ok"]
    assert result.skipped == 2
    assert any("authority #2 (bad) field 'email' must be a string" in m for m in result.messages)
    assert any("authority #3 (x) misses the required field" in m for m in result.messages)


def test_authority_country_falls_back_to_address_when_several():
    result = load_directory_data({"companies": [], "supervisory-authorities": [authority("multi", **{"relevant-countries": ["de", "at"], "address": "Somewhere\nÖsterreich"})]})
    assert result.authorities[0].country == "AT"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"companies": [', "is not valid JSON"),
        (b"{\"a\": \"\xc3\x28\"}", "is not UTF-8 text"),
        (b"12", "not a directory dump"),
        (b'{"hello": "world"}', "neither 'companies' nor 'supervisory-authorities'"),
        (b"[" * 100_000 + b"]" * 100_000, ""),
    ],
)
def test_broken_file_is_one_skip_not_a_crash(tmp_path, content, reason):
    path = tmp_path / "db.json"
    path.write_bytes(content)
    result = load_directory_path(path)
    assert result.entries == () and result.authorities == ()
    assert result.skipped >= 1 and result.messages
    assert reason in result.messages[0]


def test_lists_that_are_not_lists():
    result = load_directory_data({"companies": {"slug": "x"}, "supervisory-authorities": "[not json"})
    assert result.entries == () and result.skipped == 2
    assert any("'companies' field is dict, not a list" in m for m in result.messages)
    assert any("'supervisory-authorities' list is not valid JSON" in m for m in result.messages)


def test_missing_file_is_reported(tmp_path):
    result = load_directory_path(tmp_path / "nope.json")
    assert result.entries == () and result.skipped == 1 and "cannot be read" in result.messages[0]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
field_values = st.one_of(json_values, st.just("x"), st.just(["de"]), st.just(["a", "b"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            json_values,
            st.builds(lambda d: {**company(), **d}, st.dictionaries(st.sampled_from(["name", "slug", "runs", "web", "email", "relevant-countries", "address", "nsfw"]), field_values, max_size=3)),
        ),
        max_size=6,
    )
)
def test_any_json_is_counted_never_raised(records):
    result = load_directory_data({"companies": records})
    assert len(result.entries) + result.skipped == len(records)
    assert len(result.messages) == result.skipped


def test_core_import_is_light():
    code = (
        "import sys, privacy_tui.core.directory, privacy_tui.commands.directory\n"
        "heavy = [m for m in ('textual', 'httpx', 'rapidfuzz', 'pycountry') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
