"""businesses.json (spec 3.05.2): parsing, lookup, loading from a file and from a local URL."""

from __future__ import annotations

import json

import pytest
from support.http_static import static_server

from privacy_tui.core.errors import UserError
from privacy_tui.transport.drp import find_business, load_business_directory, parse_business_directory

ENTRIES = [
    {
        "id": "onetrust_staging_001",
        "name": "OneTrust Test Instance",
        "logo": "",
        "api_base": "https://staging.example/api/datasubject/v2/crp/",
        "supported_actions": ["access", "deletion", "sale:opt_out"],
        "supported_verifications": ["email", "phone_number", "retina"],
        "web_url": "https://onetrust.example",
        "technical_contact": "fixme",
        "business_contact": "fixme",
    },
    {"id": "TRANSCEND_TEST_001", "name": "Transcend Test Instance", "api_base": "https://drp.staging.example", "supported_actions": ["access"]},
    {"id": "INSECURE", "name": "Plain http", "api_base": "http://drp.example"},
    {"id": "NO_BASE", "name": "Missing api_base"},
    {"id": "TRANSCEND_TEST_001", "name": "Duplicate", "api_base": "https://dup.example"},
    "not an object",
]


def test_entries_are_parsed_normalised_and_bad_ones_reported():
    businesses, problems = parse_business_directory(ENTRIES)
    assert [b.id for b in businesses] == ["onetrust_staging_001", "TRANSCEND_TEST_001"]
    first = businesses[0]
    assert first.api_base == "https://staging.example/api/datasubject/v2/crp"  # trailing slash dropped
    assert first.supported_actions == ("access", "deletion", "sale:opt-out")
    assert first.supported_verifications == ("email", "phone_number")
    assert first.logo is None
    assert first.supports("sale:opt_out") and first.supports("sale:opt-out") and not first.supports("sale:opt-in")
    assert len(problems) == 4
    assert any("INSECURE" in p and "https" in p for p in problems)
    assert any("NO_BASE" in p for p in problems)
    assert any("duplicate" in p for p in problems)


def test_find_business():
    businesses, _ = parse_business_directory(ENTRIES)
    assert find_business(businesses, "TRANSCEND_TEST_001").name == "Transcend Test Instance"
    assert find_business(businesses, "transcend_test_001").id == "TRANSCEND_TEST_001"
    with pytest.raises(UserError, match="no business with id 'NOPE'"):
        find_business(businesses, "NOPE")


def test_load_from_file(tmp_path):
    path = tmp_path / "businesses.json"
    path.write_text(json.dumps(ENTRIES), encoding="utf-8")
    assert len(load_business_directory(str(path))) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [("{}", "JSON array"), ("[1,", "not JSON"), (json.dumps([{"id": "X"}]), "no usable business")],
)
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "businesses.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_business_directory(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load_business_directory(str(tmp_path / "nope.json"))


@pytest.fixture
def directory_server():
    with static_server({"/businesses.json": ("application/json", json.dumps(ENTRIES).encode())}) as base:
        yield base


def test_load_from_local_url(directory_server):
    businesses = load_business_directory(f"{directory_server}/businesses.json")
    assert [b.id for b in businesses] == ["onetrust_staging_001", "TRANSCEND_TEST_001"]


def test_url_errors(directory_server):
    from privacy_tui.transport.drp import DrpError

    with pytest.raises(DrpError, match="HTTP 404"):
        load_business_directory(f"{directory_server}/missing.json")
    # plain http off this machine is refused before any connection is made
    with pytest.raises(UserError, match="https"):
        load_business_directory("http://drp.example/businesses.json")
