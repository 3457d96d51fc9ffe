"""`import json`: the whole file is validated first; a bad file exits 2, lists the first problems
and leaves the vault byte-for-byte unchanged, and every command still works afterwards."""

from __future__ import annotations

import copy
import json

import pytest
from support.cli import ok, refused

COMPANY = {"id": "c1111aaaa", "name": "Acme Ltd", "emails": ["privacy@acme.example"], "country": "GB",
           "regimes": ["uk_gdpr"], "categories": ["A"], "provenance": {"name": {"kind": "typed", "ref": "", "evidence": "", "offset": None}},
           "created": "2026-01-02T10:00:00+00:00", "updated": "2026-01-02T10:00:00+00:00", "v": 1}
REQUEST = {"id": "r2222bbbb", "company_id": "c1111aaaa", "type": "access", "regime": "uk_gdpr", "reference": "PT-ABCDEFGH",
           "created": "2026-01-02T10:00:00+00:00", "subject": "Subject access request", "body": "Dear Acme,\n\nPlease.",
           "due": "2026-02-02",
           "events": [{"request_id": "r2222bbbb", "kind": "created", "date": "2026-01-02", "at": "2026-01-02T10:00:00+00:00",
                       "detail": "", "data": {}}], "v": 1}
MESSAGE = {"id": "m3333cccc", "request_id": "r2222bbbb", "kind": "request", "transport": "smtp", "to": "privacy@acme.example",
           "subject": "Subject access request", "body": "Dear Acme", "v": 1}


def export(**tables) -> dict:
    base = {"companies": {"1": COMPANY}, "requests": {"1": REQUEST}, "messages": {"1": MESSAGE}}
    base.update(tables)
    return {"format": "privacy-tui-export", "version": 1, "vault_id": "x", "tables": copy.deepcopy(base)}


def with_company(**fields) -> dict:
    return export(companies={"1": {**COMPANY, **fields}})


def with_request(**fields) -> dict:
    return export(requests={"1": {**REQUEST, **fields}})


def without(record: dict, key: str) -> dict:
    return {k: v for k, v in record.items() if k != key}


NESTED = {"a": None}
_inner = NESTED
for _ in range(20):
    _inner["a"] = {"a": None}
    _inner = _inner["a"]
# Deeper than any parser's recursion: written as text, never built as a Python object.
DEEP = json.dumps(with_request(events=[{**REQUEST["events"][0], "data": "HERE"}])).replace(
    '"HERE"', '{"a":' * 100_000 + "null" + "}" * 100_000)

MALFORMED = {
    "name is a number": (with_company(name=12345), "name must be text"),
    "name is null": (with_company(name=None), "name must be text, not null"),
    "company without id": (export(companies={"1": without(COMPANY, "id")}), "id is missing"),
    "request without id": (export(requests={"1": without(REQUEST, "id")}, messages={}), "id is missing"),
    "companies is a string": (export(companies="companies"), "tables.companies must be an object"),
    "companies is a list": (export(companies=[COMPANY]), "tables.companies must be an object"),
    "record is a list": (export(companies={"1": [1, 2]}), "must be an object"),
    "bad event date": (with_request(events=[{**REQUEST["events"][0], "date": "2026-13-45"}]), "not a real date"),
    "event date not iso": (with_request(events=[{**REQUEST["events"][0], "date": "yesterday"}]), "YYYY-MM-DD"),
    "event date far future": (with_request(events=[{**REQUEST["events"][0], "date": "9999-12-01"}]), "outside"),
    "unknown event kind": (with_request(events=[{**REQUEST["events"][0], "kind": "teleported"}]), "unknown value"),
    "unknown request type": (with_request(type="mind_reading"), "unknown value 'mind_reading'"),
    "unknown regime": (with_request(regime="atlantis"), "unknown value 'atlantis'"),
    "bad due date": (with_request(due="soon"), "due must be a date"),
    "huge name": (with_company(name="x" * 5_000_000), "too long"),
    "nesting in event data": (with_request(events=[{**REQUEST["events"][0], "data": NESTED}]), "nested"),
    "deep nesting as text": (DEEP, "nested too deeply"),
    "dangling company reference": (with_request(company_id="cnothere"), "neither in the file nor in the vault"),
    "dangling request reference": (export(messages={"1": {**MESSAGE, "request_id": "rnothere"}}), "neither in the file"),
    "duplicate id": (export(companies={"1": COMPANY, "2": COMPANY}), "appears twice"),
    "emails is a string": (with_company(emails="a@b.example"), "emails must be a list"),
    "bad category": (with_company(categories=["Z"]), "unknown value 'Z'"),
    "tables is a list": ({"format": "privacy-tui-export", "version": 1, "tables": []}, "tables"),
    "response days text": (with_company(response_days="30"), "whole number"),
}


@pytest.fixture
def vault(cli):
    ok(cli, "init")
    cid = ok(cli, "company", "add", "Existing Co", "--email", "dpo@existing.example", "--country", "GB").strip()
    ok(cli, "request", "new", cid, "--type", "access")
    return cid


def _still_works(cli) -> None:
    assert [c["name"] for c in json.loads(ok(cli, "company", "list", "--json"))] == ["Existing Co"]
    assert len(json.loads(ok(cli, "request", "list", "--json"))) == 1
    ok(cli, "vault", "check")


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_export_is_refused_and_nothing_is_written(vault, cli, tmp_path, case):
    payload, expected = MALFORMED[case]
    source = tmp_path / "export.json"
    source.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    refused(cli, "import", "json", str(source), contains=("nothing was imported", expected))
    _still_works(cli)


def test_the_first_few_problems_are_listed_and_the_rest_counted(vault, cli, tmp_path):
    companies = {str(i): {**COMPANY, "id": f"c{i:08d}", "name": i} for i in range(1, 9)}
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export(companies=companies, requests={}, messages={})))
    message = refused(cli, "import", "json", str(source), contains="8 problem(s)")
    assert message.count("name must be text") == 5 and "and 3 more" in message


@pytest.mark.parametrize("junk", [b"not json", b"[" * 100_000, b"\xff\xfe garbage", b'{"format": "other"}', b""])
def test_unparseable_files_are_refused(vault, cli, tmp_path, junk):
    source = tmp_path / "junk.json"
    source.write_bytes(junk)
    refused(cli, "import", "json", str(source))
    _still_works(cli)


def test_special_files_are_refused(vault, cli, tmp_path):
    refused(cli, "import", "json", "/dev/zero", contains="not a regular file")
    refused(cli, "import", "json", str(tmp_path), contains="not a regular file")


def test_a_valid_export_imports_and_lists(vault, cli, tmp_path):
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export()))
    assert "imported 1 companies, 1 requests, 1 messages" in ok(cli, "import", "json", str(source))
    names = sorted(c["name"] for c in json.loads(ok(cli, "company", "list", "--json")))
    assert names == ["Acme Ltd", "Existing Co"]
    assert len(json.loads(ok(cli, "request", "list", "--json"))) == 2
    assert "vault OK" in ok(cli, "vault", "check")
    ok(cli, "export", "ics", str(tmp_path / "deadlines.ics"))
    assert "imported 0 companies, 0 requests, 0 messages" in ok(cli, "import", "json", str(source))


def test_surrogates_and_controls_in_an_export_are_cleaned_not_stored(vault, cli, tmp_path):
    source = tmp_path / "export.json"
    # JSON's "\ud800" escape decodes to a lone surrogate, which UTF-8 cannot encode.
    text = json.dumps(with_company(name="Acme\ud800 \x1b[31mLtd", address="1 Road\r\nTown\x07"), ensure_ascii=True)
    source.write_text(text)
    ok(cli, "import", "json", str(source))
    shown = json.loads(ok(cli, "company", "show", "c1111aaaa", "--json"))
    assert shown["name"] == "Acme [31mLtd" and shown["address"] == "1 Road\nTown"
    assert "vault OK" in ok(cli, "vault", "check")


def test_an_exported_vault_round_trips(vault, cli, tmp_path):
    target = tmp_path / "out.json"
    ok(cli, "export", "json", str(target), "--plaintext")
    tables = json.loads(target.read_text())["tables"]
    from privacy_tui.core.schema import check_table

    for table in ("companies", "requests", "messages", "profile"):
        assert check_table(table, tables.get(table, {}), table)[1] == []
