"""One validation per field at every entry point: control characters refused in typed fields
(exit 2, nothing written), addresses accepted only when every send path accepts them, foreign
text (directory, policy) stripped before it reaches a record, URL credentials never stored."""

from __future__ import annotations

import json
import re

import pytest
from support.cli import ok, refused

from privacy_tui.core.errors import UserError
from privacy_tui.core.validation import clean_email, clean_text, clean_url

CONTROLS = {
    "\x1b": "U+001B (ESCAPE)",
    "\x07": "U+0007 (BELL)",
    "\x00": "U+0000 (NULL)",
    "\x9b": "U+009B (CONTROL SEQUENCE INTRODUCER)",
    "\u2028": "U+2028 (LINE SEPARATOR)",
    "\u202e": "U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "\u2066": "U+2066 (LEFT-TO-RIGHT ISOLATE)",
    "\x7f": "U+007F (DELETE)",
}


@pytest.mark.parametrize("ch", sorted(CONTROLS))
def test_clean_text_names_the_control_character(ch):
    with pytest.raises(UserError, match=re.escape(f"name contains a control character {CONTROLS[ch]}")):
        clean_text("name", f"Acme{ch}Ltd")
    with pytest.raises(UserError, match="control character"):
        clean_text("notes", f"line one\n{ch}line two", multiline=True)


def test_tab_and_newline_only_where_text_is_multi_line():
    assert clean_text("notes", "a\tb\nc", multiline=True) == "a\tb\nc"
    assert clean_text("notes", "a\r\nb", multiline=True) == "a\nb"
    with pytest.raises(UserError, match="one line"):
        clean_text("name", "a\nb")
    with pytest.raises(UserError, match="U\\+0009"):
        clean_text("name", "a\tb")


def test_text_is_normalised_on_entry():
    assert clean_text("name", "Cafe\u0301") == "Caf\u00e9"  # NFC
    assert clean_text("name", "Bad\ud800Name") == "BadName"  # a lone surrogate can never be stored


ADDRESSES = [
    "privacy@example.com", "P.Rivacy+tag@Example.COM", "üser@example.com", "user@exämple.com", "a@b", "user@",
    "@example.com", "two@@example.com", "user@example..com", "user name@example.com", "user@-example.com",
    "x" * 65 + "@example.com", "user@" + "a" * 64 + ".com", "user@localhost", "user@[127.0.0.1]", "user.@example.com",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_address_is_accepted_at_input_exactly_when_the_send_path_accepts_it(address):
    from privacy_tui.transport.message import parse_address

    def accepted(check) -> bool:
        try:
            check(address)
            return True
        except UserError:
            return False

    at_input = accepted(clean_email)
    assert at_input == accepted(parse_address), address
    if at_input:
        assert accepted(lambda a: parse_address(clean_email(a)))  # what is stored is sendable


def test_url_credentials_are_stripped_and_bad_urls_refused():
    assert clean_url("http://user:pw@example.com/privacy?x=1") == "http://example.com/privacy?x=1"
    assert clean_url("https://token@example.com") == "https://example.com"
    for bad in ("javascript:alert(1)", "https://example.com:abc/", "ftp://example.com", "https://exa mple.com"):
        with pytest.raises(UserError):
            clean_url(bad)


# --- the CLI: exit 2 and the vault byte-for-byte unchanged ---------------------------------------


@pytest.fixture
def vault(cli):
    ok(cli, "init")
    cid = ok(cli, "company", "add", "Acme Ltd", "--email", "dpo@acme.example", "--country", "GB").strip()
    out = ok(cli, "request", "new", cid, "--type", "access")
    rid = out.split()[0]
    return {"company": cid, "request": rid}


@pytest.mark.parametrize("ch", sorted(CONTROLS))
def test_company_fields_refuse_control_characters(vault, cli, ch):
    refused(cli, "company", "add", f"Evil{ch}Corp", contains="control character")
    refused(cli, "company", "add", "Fine", "--address", f"1 Road {ch}Town", contains="control character")
    refused(cli, "company", "add", "Fine", "--alias", f"A{ch}B", contains="control character")
    refused(cli, "company", "edit", vault["company"], "--notes", f"x{ch}y", contains="control character")
    refused(cli, "profile", "set", "--name", f"Jo{ch}e", contains="control character")


@pytest.mark.parametrize("subject", ["Access\u2028Bcc: evil@example.com", "Access \x1b[2J", "Access\x85request"])
def test_request_edit_refuses_a_subject_the_send_path_would_refuse(vault, cli, subject):
    refused(cli, "request", "edit", vault["request"], "--subject", subject, contains="subject")


def test_request_mark_refuses_controls_in_the_note_and_far_dates(vault, cli):
    refused(cli, "request", "mark", vault["request"], "sent", "--note", "x\x1b", contains="control character")
    refused(cli, "request", "mark", vault["request"], "sent", "--date", "1900-01-01", contains="out of range")


def test_an_address_with_a_non_ascii_local_part_is_refused_everywhere(vault, cli):
    refused(cli, "company", "add", "Uber", "--email", "üser@example.com", contains="before the @")
    refused(cli, "profile", "set", "--email", "üser@example.com", contains="before the @")


# --- foreign text: directory and policy ------------------------------------------------------------


def _dump(tmp_path, *records) -> str:
    base = {"relevant-countries": ["gb"], "address": "1 Road\nLondon", "sources": ["x"], "quality": "verified"}
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"companies": [{**base, **r} for r in records]}, ensure_ascii=True))
    return str(path)


def test_a_directory_dump_is_cleaned_and_one_bad_record_is_skipped(vault, cli, tmp_path):
    dump = _dump(
        tmp_path,
        {"slug": "crlf", "name": "CR\r\nLF\x1b[31m Corp\ud800", "email": "dpo@crlf.example\r\nBcc: x@evil.example",
         "runs": ["Brand\x07"], "web": "http://admin:secret@crlf.example/"},
        {"slug": "uni", "name": "Üni Ltd", "email": "üser@uni.example"},
        {"slug": "broken", "name": 12345},
    )
    rc, out, err = cli("directory", "import", dump)
    assert rc == 0, err
    assert "skipped 1" in err and "broken" in err
    cid = ok(cli, "company", "add", "--from-directory", "crlf").strip()
    shown = json.loads(ok(cli, "company", "show", cid, "--json"))
    assert shown["name"] == "CR LF[31m Corp"
    assert shown["emails"] == []  # "dpo@… Bcc: …" is no address: left out, not stored
    assert shown["aliases"] == ["Brand"]
    assert shown["website"] == "http://crlf.example/"
    assert shown["address"] == "1 Road\nLondon"
    cid = ok(cli, "company", "add", "--from-directory", "uni").strip()
    assert json.loads(ok(cli, "company", "show", cid, "--json"))["emails"] == []
    assert "vault OK" in ok(cli, "vault", "check")


def test_policy_analysis_is_stripped_and_url_credentials_never_stored():
    from privacy_tui.services.policy_import import company_from_analysis

    analysis = {
        "company": "Policy\x1b]8;;http://evil/\x07 Corp\ud800",
        "emails": ["privacy@policy.example"],
        "address": "1 Road\x9b\r\nTown",
        "evidence": {"company": {"text": "Policy Corp\u202e is the controller", "offset": 3}},
    }
    company = company_from_analysis(analysis, "http://user:pw@policy.example/privacy")
    assert company.name == "Policy]8;;http://evil/ Corp"
    assert company.address == "1 Road\nTown"
    assert company.website == "http://policy.example"
    assert all("pw" not in src.ref and "user" not in src.ref for src in company.provenance.values())
    assert company.provenance["name"].evidence == "Policy Corp is the controller"


def test_drp_answers_are_stripped():
    from privacy_tui.transport.drp.status import DrpStatus

    status = DrpStatus.from_json({"request_id": "abc\x1b[2J", "status": "in_progress\x07",
                                  "processing_details": "working\u202e on it\ud800"})
    assert status.request_id == "abc[2J" and status.status == "in_progress"
    assert status.processing_details == "working on it"


def test_policy_text_is_analysed_clean(vault, cli, tmp_path):
    from privacy_tui.core.policy import analyze_text
    from privacy_tui.core.text import find_control

    text = ("Privacy Policy of Acme\ud800 Widgets Ltd.\x0cContact our Data Protection Officer at "
            "privacy@acme-widgets.example\x1b[31m. You have the right to access your data.\x9b")
    analysis = analyze_text(text, source="policy.txt")
    assert find_control(analysis.text, multiline=True) is None and "\ud800" not in analysis.text
    assert "privacy@acme-widgets.example" in analysis.emails

    policy = tmp_path / "policy.txt"
    policy.write_bytes(text.replace("\ud800", "").encode() + b"\xff\xfe invalid UTF-8 \x1b]52;c;AAAA\x07")
    rc, out, err = cli("company", "import-policy", str(policy), "--yes")
    assert rc == 0, err
    assert "vault OK" in ok(cli, "vault", "check")
    stored = json.loads(ok(cli, "company", "list", "--json"))
    assert len(stored) == 2
    for company in stored:
        assert all(find_control(v) is None for v in [company["name"], *company["emails"], company["website"]])


def test_a_dump_with_surrogates_outside_the_records_still_imports(vault, cli, tmp_path):
    base = {"relevant-countries": ["gb"], "address": "1 Road", "sources": ["x"], "quality": "verified"}
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps({"companies": [{**base, "slug": "ok", "name": "Fine Ltd"}],
                                "source": "datarequests \ud800 dump", "company-packs": [{"name": "pack\udfff"}]},
                               ensure_ascii=True))
    rc, out, err = cli("directory", "import", str(dump))
    assert rc == 0, err
    assert "Fine Ltd" in ok(cli, "directory", "search", "fine")
