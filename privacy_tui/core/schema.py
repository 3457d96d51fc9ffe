"""The record schema: what a decoded vault or export record must look like.

`import json` validates every record of a file here before anything is written, and `vault
check` / `vault repair` run every stored record through the same checks, so a record that
would make `company list`, `request list` or `export ics` fail can neither come in nor hide.

One pass per record does both jobs: it lists the problems (wrong type, too long, unknown enum
value, bad date, ...) and returns a cleaned copy whose text is normalised and stripped of
control characters (`core.text.strip_controls`), the way every importer treats foreign text.
Plain functions over plain dicts; linear in the size of the record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from privacy_tui.core.models import CATEGORY_LETTERS, SOURCE_KINDS
from privacy_tui.core.text import strip_controls
from privacy_tui.core.validation import MAX_FIELD, MAX_LINE, MAX_YEAR, MIN_YEAR

MAX_LONG = 2_000_000  # letters as sent and the base64 of their exact bytes
MAX_ITEMS = 10_000  # entries in one list (emails, events, data items)
MAX_DEPTH = 8  # nesting of free-form JSON (event data, settings)
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Check = Callable[[Any, str, list], Any]


class _Bad(Exception):
    """A field that cannot be kept; its message is added to the record's problems."""


# --- field checks: each returns the cleaned value or raises _Bad --------------------------------


def text(limit: int = MAX_LINE, *, multiline: bool = False, required: bool = False) -> Check:
    def check(value: Any, where: str, problems: list) -> str:
        if not isinstance(value, str):
            raise _Bad(f"must be text, not {_kind(value)}")
        if len(value) > limit:
            raise _Bad(f"is too long ({len(value)} characters; the limit is {limit})")
        cleaned = strip_controls(value, multiline=multiline)
        if required and not cleaned.strip():
            raise _Bad("must not be empty")
        return cleaned

    return check


def ident(value: Any, where: str, problems: list) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise _Bad(f"must be an id of 1-64 letters, digits or _.:- (got {_show(value)})")
    return value


def one_of(choices: Callable[[], Any], *, empty: bool = False) -> Check:
    def check(value: Any, where: str, problems: list) -> str:
        if empty and value == "":
            return value
        if not isinstance(value, str) or value not in choices():
            raise _Bad(f"unknown value {_show(value)}")
        return value

    return check


def _in_years(year: int, value: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Bad(f"is outside {MIN_YEAR}-{MAX_YEAR} ({value})")


def iso_date(*, empty: bool = True) -> Check:
    def check(value: Any, where: str, problems: list) -> str:
        if empty and value == "":
            return value
        if not isinstance(value, str) or not _DATE.match(value):
            raise _Bad(f"must be a date YYYY-MM-DD (got {_show(value)})")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"is not a real date ({_show(value)})") from None
        _in_years(day.year, value)
        return value

    return check


def timestamp(value: Any, where: str, problems: list) -> str:
    if value == "":
        return value
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad(f"must be an ISO timestamp (got {_show(value)})")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"must be an ISO timestamp (got {_show(value)})") from None
    _in_years(moment.year, value)
    return value


def integer(lo: int, hi: int, *, none: bool = True) -> Check:
    def check(value: Any, where: str, problems: list) -> int | None:
        if value is None and none:
            return None
        if type(value) is not int or not lo <= value <= hi:
            raise _Bad(f"must be a whole number from {lo} to {hi} (got {_show(value)})")
        return value

    return check


def list_of(item: Check, limit: int = MAX_ITEMS) -> Check:
    def check(value: Any, where: str, problems: list) -> list:
        if not isinstance(value, list):
            raise _Bad(f"must be a list, not {_kind(value)}")
        if len(value) > limit:
            raise _Bad(f"has too many entries ({len(value)}; the limit is {limit})")
        return [item(v, f"{where}[{i}]", problems) for i, v in enumerate(value)]

    return check


def mapping_of(value_check: Check, limit: int = MAX_ITEMS) -> Check:
    key_check = text(200, required=True)

    def check(value: Any, where: str, problems: list) -> dict:
        if not isinstance(value, dict):
            raise _Bad(f"must be an object, not {_kind(value)}")
        if len(value) > limit:
            raise _Bad(f"has too many entries ({len(value)}; the limit is {limit})")
        return {key_check(k, where, problems): value_check(v, f"{where}.{k}", problems) for k, v in value.items()}

    return check


def json_value(value: Any, where: str, problems: list, depth: int = 0) -> Any:
    """Free-form data (event data, settings): plain JSON, bounded in depth, text cleaned."""
    if depth > MAX_DEPTH:
        raise _Bad(f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        return text(MAX_LONG, multiline=True)(value, where, problems)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise _Bad(f"has too many entries ({len(value)})")
        return [json_value(v, where, problems, depth + 1) for v in value]
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise _Bad(f"has too many entries ({len(value)})")
        return {strip_controls(str(k)): json_value(v, f"{where}.{k}", problems, depth + 1) for k, v in value.items()}
    raise _Bad(f"holds {_kind(value)}")


def record(fields: Mapping[str, Check], required: tuple[str, ...] = ()) -> Check:
    """A nested record: each problem is reported with its path; unknown keys are kept as
    free-form JSON (a newer version may have written them)."""

    def check(value: Any, where: str, problems: list) -> dict:
        if not isinstance(value, dict):
            raise _Bad(f"must be an object, not {_kind(value)}")
        return _check_fields(value, fields, required, where, problems)

    return check


def _check_fields(raw: dict, fields: Mapping[str, Check], required: tuple[str, ...], where: str, problems: list) -> dict:
    out: dict = {}
    for name in required:
        if name not in raw:
            problems.append(f"{where}: {name} is missing")
    for name, value in raw.items():
        check = fields.get(name)
        path = f"{where}.{name}"
        try:
            out[name] = check(value, path, problems) if check else json_value(value, path, problems)
        except _Bad as exc:
            problems.append(f"{path} {exc}")
    return out


def _kind(value: Any) -> str:
    return "null" if value is None else {dict: "an object", list: "a list", str: "text", bool: "true/false"}.get(type(value), "a number")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(strip_controls(value[:40]) + ("…" if len(value) > 40 else ""))
    return _kind(value)


# --- the tables ---------------------------------------------------------------------------------


def _regimes() -> Any:
    from privacy_tui.core.laws.registry import aliases, regime_keys

    return set(regime_keys()) | set(aliases())


def _request_types() -> Any:
    from privacy_tui.core.request_types import REQUEST_TYPES

    return REQUEST_TYPES


def _event_kinds() -> Any:
    from privacy_tui.core.timeline import EVENT_KINDS

    return EVENT_KINDS


_SOURCE = record(
    {
        "kind": one_of(lambda: SOURCE_KINDS),
        "ref": text(MAX_FIELD),
        "evidence": text(MAX_FIELD, multiline=True),
        "offset": integer(0, 10**9),
    }
)
_DATA_ITEM = record(
    {"item": text(200, required=True), "category": one_of(lambda: CATEGORY_LETTERS), "source": _SOURCE},
    required=("item", "category"),
)
_EVENT = record(
    {
        "request_id": ident,
        "kind": one_of(_event_kinds),
        "date": iso_date(empty=False),
        "at": timestamp,
        "detail": text(MAX_FIELD, multiline=True),
        "data": lambda v, w, p: json_value(v, w, p) if isinstance(v, dict) else _fail(f"must be an object, not {_kind(v)}"),
    },
    required=("request_id", "kind", "date"),
)


def _fail(message: str):
    raise _Bad(message)


_LINE = text()
_MULTI = text(MAX_FIELD, multiline=True)
_COUNTRY = lambda v, w, p: v if v == "" or (isinstance(v, str) and re.fullmatch("[A-Z]{2}", v)) else _fail(f"must be a two-letter country code (got {_show(v)})")  # noqa: E731
_SUBDIVISION = lambda v, w, p: v if v == "" or (isinstance(v, str) and re.fullmatch("[A-Z0-9]{1,3}", v)) else _fail(f"must be a state/subdivision code (got {_show(v)})")  # noqa: E731
_VERSION = integer(0, 1000, none=False)
# Any ISO 639-1 code is kept: a letter language this version has no texts for is reported when
# a letter is rendered, not lost from the record.
_LANGUAGE = lambda v, w, p: v if v == "" or (isinstance(v, str) and re.fullmatch("[a-z]{2}", v)) else _fail(f"must be a two-letter language code (got {_show(v)})")  # noqa: E731


def _nullable(check: Check) -> Check:
    return lambda v, w, p: None if v is None else check(v, w, p)


def _confidence(value: Any, where: str, problems: list) -> float:
    if type(value) not in (int, float) or not 0 <= value <= 1:
        raise _Bad(f"must be a number from 0 to 1 (got {_show(value)})")
    return value


def _blob_id(*, empty: bool) -> Check:
    def check(value: Any, where: str, problems: list) -> str:
        if empty and value == "":
            return value
        if not isinstance(value, str) or not re.fullmatch("[0-9a-f]{32}", value):
            raise _Bad(f"must be a blob id of 32 hex digits (got {_show(value)})")
        return value

    return check


def _inbox_kinds() -> Any:
    from privacy_tui.core.inbox.classify import KINDS

    return KINDS


def _inbox_states() -> Any:
    from privacy_tui.core.inbox.record import STATES

    return STATES


_ATTACHMENT = record(
    {
        "filename": text(MAX_FIELD),
        "content_type": text(200),
        "size": integer(0, 2**40, none=False),
        "blob": _blob_id(empty=True),  # "" when the part was over the cap: kept only in the raw message
        "note": _LINE,
    },
    required=("blob",),
)
_APPLIED = record(
    {"request_id": ident, "event": one_of(_event_kinds), "at": timestamp, "kind": one_of(_inbox_kinds)},
    required=("request_id", "event"),
)
_INBOX_FIELDS: dict[str, Check] = {
    "id": ident,
    "message_id": _LINE,
    "from": text(MAX_FIELD),
    "from_name": _LINE,
    "to": list_of(text(MAX_FIELD), 1000),
    "subject": _LINE,
    "date": _LINE,
    "snippet": text(MAX_FIELD, multiline=True),
    "request_id": _nullable(ident),
    "company_id": _nullable(ident),
    "kind": one_of(_inbox_kinds),
    "confidence": _confidence,
    "match_confidence": _confidence,
    "state": one_of(_inbox_states),
    "attachments": list_of(_ATTACHMENT, 1000),
    "blob": _blob_id(empty=False),
    "sha256": lambda v, w, p: v if isinstance(v, str) and re.fullmatch("[0-9a-f]{64}", v) else _fail(f"must be a sha256 of 64 hex digits (got {_show(v)})"),
    "size": integer(0, 2**40, none=False),
    "dkim": _LINE,
    "ticket": text(200),
    "new_deadline": _nullable(iso_date()),
    "download_links": list_of(text(MAX_FIELD), 1000),
    "link_expiry": _nullable(iso_date()),
    "links": list_of(text(MAX_FIELD), MAX_ITEMS),
    "reasons": list_of(_LINE, 1000),
    "match_reason": _LINE,
    "proposed": list_of(ident, 1000),
    "folder": _LINE,
    "uid": integer(0, 2**32, none=False),
    "source": _LINE,
    "origin": text(MAX_FIELD),
    "received": timestamp,
    "applied_event": _nullable(_APPLIED),
    "auto_applied": lambda v, w, p: v if isinstance(v, bool) else _fail(f"must be true or false (got {_show(v)})"),
    "v": _VERSION,
}

TABLES: dict[str, tuple[dict[str, Check], tuple[str, ...]]] = {
    "companies": (
        {
            "id": ident,
            "name": text(required=True),
            "aliases": list_of(_LINE, 1000),
            "website": _LINE,
            "emails": list_of(text(320), 1000),
            "webform": _LINE,
            "address": _MULTI,
            "country": _COUNTRY,
            "subdivision": _SUBDIVISION,
            "regimes": list_of(one_of(_regimes), 100),
            "categories": list_of(one_of(lambda: CATEGORY_LETTERS), len(CATEGORY_LETTERS)),
            "data_items": list_of(_DATA_ITEM),
            "rights": list_of(text(200), 100),
            "response_days": integer(0, 3650),
            "provenance": mapping_of(_SOURCE, 1000),
            "drp_business_id": _LINE,
            "language": _LANGUAGE,
            "notes": _MULTI,
            "created": timestamp,
            "updated": timestamp,
            "v": _VERSION,
        },
        ("id", "name"),
    ),
    "requests": (
        {
            "id": ident,
            "company_id": ident,
            "type": one_of(_request_types),
            "regime": one_of(_regimes),
            "reference": text(100, required=True),
            "created": timestamp,
            "subject": _LINE,
            "body": text(MAX_LONG, multiline=True),
            "identity_fields": list_of(text(200), 100),
            "transport": _LINE,
            "message_id": _LINE,
            "sent_text": text(MAX_LONG, multiline=True),
            "country": _COUNTRY,
            "subdivision": _SUBDIVISION,
            "due": iso_date(),
            "extended_due": iso_date(),
            "ack_due": iso_date(),
            "drp_request_id": _LINE,
            "language": _LANGUAGE,
            "events": list_of(_EVENT),
            "v": _VERSION,
        },
        ("id", "company_id", "type", "regime", "reference"),
    ),
    "messages": (
        {
            "id": ident,
            "request_id": ident,
            "kind": text(40, required=True),
            "transport": text(40),
            "to": text(MAX_FIELD),
            "subject": _LINE,
            "body": text(MAX_LONG, multiline=True),
            "created": timestamp,
            "sent_at": timestamp,
            "message_id": _LINE,
            "raw": text(MAX_LONG, multiline=True),
            "server_reply": text(MAX_FIELD, multiline=True),
            "language": _LANGUAGE,
            "v": _VERSION,
        },
        ("id", "request_id", "kind"),
    ),
    "profile": (
        {
            "name": _LINE,
            "email": text(320),
            "address": _MULTI,
            "country": _COUNTRY,
            "state": _SUBDIVISION,
            "phone": _LINE,
            "extra": mapping_of(_LINE, 100),
            "v": _VERSION,
        },
        (),
    ),
    "settings": ({"key": text(200, required=True), "value": json_value}, ("key", "value")),
    # A received message (services/inbox.py); its raw bytes and attachments are blobs.
    "inbox": (_INBOX_FIELDS, ("id", "kind", "state", "blob", "sha256")),
}


def check_record(table: str, raw: Any, where: str) -> tuple[dict | None, list[str]]:
    """(cleaned record, problems) for one record of `table`; the record is None when it is not
    even an object. `where` names the record in messages, e.g. "companies/3"."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        return None, [f"{where} must be an object, not {_kind(raw)}"]
    fields, required = TABLES[table]
    if isinstance(raw.get("id"), str) and ID_PATTERN.match(raw["id"]):
        where = f"{where} ({raw['id']})"
    cleaned = _check_fields(raw, fields, required, where, problems)
    if table == "requests" and not problems:
        for i, event in enumerate(cleaned.get("events", ())):
            if event.get("request_id") != cleaned["id"]:
                problems.append(f"{where}.events[{i}].request_id does not match the request's id")
    return cleaned, problems


def check_table(table: str, raw: Any, where: str) -> tuple[dict[str, dict], list[str]]:
    """Every record of one table (TinyDB's {doc_id: record} object): cleaned records that
    passed, and all problems."""
    if not isinstance(raw, dict):
        return {}, [f"{where} must be an object of records, not {_kind(raw)}"]
    good: dict[str, dict] = {}
    problems: list[str] = []
    for doc_id, rec in raw.items():
        cleaned, found = check_record(table, rec, f"{where}/{doc_id}")
        if found:
            problems.extend(found)
        elif cleaned is not None:
            good[doc_id] = cleaned
    return good, problems


__all__ = ["MAX_DEPTH", "TABLES", "check_record", "check_table"]
