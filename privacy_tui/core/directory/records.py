"""Company and supervisory-authority records of the datarequests.org database (CC0).

The database comes as one dump file or as a folder of per-record JSON files:

- the dump `{"companies": [...], "supervisory-authorities": [...], "company-packs": ..., "source": ...}`;
  the website's `offline-data.json` has the same keys but holds each list as a JSON *string*
  and names its build `date` instead of a `source`;
- a folder in the layout of the datenanfragen/data repository (`companies/*.json`,
  `supervisory-authorities/*.json`), or a plain folder of `<slug>.json` company records.

Every record is checked against the fields of the published JSON schemas that this program
reads; a record that misses a required field or has a field of the wrong type is skipped and
counted with a one-line reason, never raised. Unknown fields are kept (in `raw`) so that newer
versions of the database still load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from privacy_tui.core.directory.countries import seat_country
from privacy_tui.core.foreign import strip_deep

_SLUG = re.compile(r"^[a-z0-9-]+$")
_COUNTRY = re.compile(r"^(?:[a-z]{2}|all)$")

_STR, _STRS, _BOOL, _OBJS = "a string", "a list of strings", "true or false", "a list of objects"

# Field types from schema-company.json; REQUIRED as the schema's "required".
COMPANY_FIELDS: dict[str, str] = {
    "slug": _STR, "relevant-countries": _STRS, "categories": _STRS, "name": _STR, "runs": _STRS,
    "address": _STR, "phone": _STR, "fax": _STR, "email": _STR, "webform": _STR,
    "pgp-fingerprint": _STR, "pgp-url": _STR, "web": _STR, "sources": _STRS,
    "required-elements": _OBJS, "request-language": _STR, "custom-access-template": _STR,
    "custom-erasure-template": _STR, "custom-rectification-template": _STR,
    "custom-objection-template": _STR, "needs-id-document": _BOOL,
    "suggested-transport-medium": _STR, "comments": _STRS, "quality": _STR, "facet-group": _STR,
    "nsfw": _BOOL,
}  # fmt: skip
COMPANY_REQUIRED = ("slug", "relevant-countries", "name", "address", "sources", "quality")

# Field types from schema-supervisory-authority.json.
AUTHORITY_FIELDS: dict[str, str] = {
    "slug": _STR, "relevant-countries": _STRS, "name": _STR, "address": _STR, "phone": _STR,
    "fax": _STR, "email": _STR, "webform": _STR, "pgp-fingerprint": _STR, "pgp-url": _STR,
    "web": _STR, "sources": _STRS, "complaint-language": _STR, "suggested-transport-medium": _STR,
    "comments": _STRS,
}  # fmt: skip
AUTHORITY_REQUIRED = ("slug", "relevant-countries", "name", "address", "sources")

# Key of a {slug: country} map that privacy-tui's stored copy adds to the dump (not a datarequests field).
SEAT_COUNTRIES = "privacy-tui-seat-countries"

MAX_MESSAGES = 1000  # keeps a badly broken file from producing megabytes of messages


@dataclass(frozen=True)
class _DirectoryRecord:
    """What a company record and an authority record share: who it is and how to reach it."""

    slug: str
    name: str
    relevant_countries: tuple[str, ...] = ()  # lower-case alpha-2 codes or "all"
    country: str = ""  # ISO alpha-2, upper case
    address: str = ""
    email: str = ""
    webform: str = ""
    web: str = ""
    phone: str = ""
    fax: str = ""
    suggested_transport_medium: str = ""
    sources: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class DirectoryEntry(_DirectoryRecord):
    """One company record of the directory (public data, not the user's own); `country` is its
    seat: the address's country, else the only relevant one."""

    runs: tuple[str, ...] = ()  # brands and services the company is responsible for
    categories: tuple[str, ...] = ()  # datarequests categories ("commerce", "social media", ...)
    request_language: str = ""
    needs_id_document: bool = False
    quality: str = ""

    @property
    def emails(self) -> tuple[str, ...]:
        return (self.email,) if self.email else ()


@dataclass(frozen=True)
class SupervisoryAuthority(_DirectoryRecord):
    """A data-protection authority to which complaints can be lodged; `country` is the
    jurisdiction it supervises."""

    complaint_language: str = ""
    pgp_fingerprint: str = ""
    pgp_url: str = ""

    @property
    def jurisdiction(self) -> str:
        return self.country


_Record = TypeVar("_Record", DirectoryEntry, SupervisoryAuthority)


@dataclass(frozen=True)
class LoadResult:
    entries: tuple[DirectoryEntry, ...]
    authorities: tuple[SupervisoryAuthority, ...]
    skipped: int
    messages: list[str]
    source: str
    company_packs: Any = None  # kept as given; suggestions of companies to ask, per country


# --- validation ------------------------------------------------------------------------------


def _type_ok(value: Any, kind: str) -> bool:
    if kind == _STR:
        return isinstance(value, str)
    if kind == _STRS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == _BOOL:
        return isinstance(value, bool)
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _problem(record: Any, fields: Mapping[str, str], required: Iterable[str]) -> str:
    """Why a record cannot be used, or "" when it can."""
    if not isinstance(record, dict):
        return f"is {type(record).__name__}, not a JSON object"
    for name in required:
        if name not in record:
            return f"misses the required field {name!r}"
    for name, kind in fields.items():
        if name in record and not _type_ok(record[name], kind):
            return f"field {name!r} must be {kind}"
    if not _SLUG.match(record["slug"]):
        return "field 'slug' must be lower-case letters, digits and hyphens"
    if not record["name"].strip():
        return "field 'name' is empty"
    countries = record["relevant-countries"]
    if not countries:
        return "field 'relevant-countries' is empty"
    bad = [c for c in countries if not _COUNTRY.match(c)]
    if bad:
        return f"field 'relevant-countries' has {bad[0]!r}, not a two-letter code or 'all'"
    return ""


# Fields whose text is meant to span lines; every other string is one line.
_MULTILINE = frozenset({"address", "comments"})


def clean_record(record: Any) -> Any:
    """The record with every string normalised and stripped of control characters (directory
    text reaches names, letters and the terminal; the stored copy must always encode)."""
    return strip_deep(record, _MULTILINE)


def _tuple(record: Mapping[str, Any], name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in record.get(name, ()) if v.strip()))


def _text(record: Mapping[str, Any], name: str) -> str:
    return record.get(name, "").strip()


def _from_record(cls: type[_Record], record: Mapping[str, Any], **known: Any) -> _Record:
    """`cls` from a record that passed validation: each field not `known` from the record's key of
    the same name (hyphens for underscores), by the kind of its default -- lists deduplicated,
    flags as booleans, text stripped -- and the whole record kept as `raw`."""
    values: dict[str, Any] = {"slug": record["slug"], "raw": dict(record), **known}
    for f in fields(cls):
        if f.name in values:
            continue
        key = f.name.replace("_", "-")
        if isinstance(f.default, tuple):
            values[f.name] = _tuple(record, key)
        elif isinstance(f.default, bool):
            values[f.name] = bool(record.get(key, False))
        else:
            values[f.name] = _text(record, key)
    return cls(**values)


def entry_from_record(record: Mapping[str, Any], country: str | None = None) -> DirectoryEntry:
    """A DirectoryEntry from a record that passed validation; `country` if already known
    (the stored copy keeps it, which spares loading pycountry's tables when searching)."""
    if country is None or (country and not (len(country) == 2 and country.isalpha() and country.isupper())):
        country = seat_country(_text(record, "address"), _tuple(record, "relevant-countries"))
    return _from_record(DirectoryEntry, record, country=country)


def authority_from_record(record: Mapping[str, Any]) -> SupervisoryAuthority:
    countries = _tuple(record, "relevant-countries")
    specific = [c for c in countries if c != "all"]
    # The authority's own country is the one it supervises; its address decides only when the
    # record lists several (or none) -- seat_country needs pycountry, so it is the fallback.
    country = specific[0].upper() if len(specific) == 1 else seat_country(_text(record, "address"), countries)
    return _from_record(SupervisoryAuthority, record, country=country)


class _Collector:
    """Validated records of one kind, with duplicates and failures counted."""

    def __init__(self, what: str, fields: Mapping[str, str], required: tuple[str, ...], build, messages: list[str]):
        self.what, self.fields, self.required, self.build = what, fields, required, build
        self.messages = messages
        self.items: list[Any] = []
        self.slugs: set[str] = set()
        self.skipped = 0

    def skip(self, where: str, why: str) -> None:
        self.skipped += 1
        if len(self.messages) < MAX_MESSAGES:
            self.messages.append(f"{where} {why}; skipped")

    def add(self, record: Any, where: str) -> None:
        record = clean_record(record)
        problem = _problem(record, self.fields, self.required)
        if problem:
            self.skip(where, problem)
            return
        slug = record["slug"]
        if slug in self.slugs:
            self.skip(where, f"repeats the slug {slug!r}")
            return
        self.slugs.add(slug)
        self.items.append(self.build(record))


def _label(what: str, index: int, record: Any) -> str:
    slug = record.get("slug") if isinstance(record, dict) else None
    return f"{what} #{index + 1}" + (f" ({strip_deep(slug)})" if isinstance(slug, str) and slug else "")


# --- sources ---------------------------------------------------------------------------------
# Parsing only: reading the files (bounded, regular files only) is services/directory_files.py's.


@dataclass(frozen=True)
class RecordFile:
    """One file of a records folder as read: its bytes, or why it could not be read."""

    name: str
    data: bytes = b""
    error: str = ""  # e.g. "cannot be read (Permission denied)"; `data` is then empty


def parse_json(data: bytes) -> Any:
    """Parsed JSON of a file's bytes; ValueError with a one-line reason when it is not JSON."""
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise ValueError("is nested too deeply to be a directory file") from None


def _list_field(dump: Mapping[str, Any], key: str, messages: list[str]) -> tuple[list[Any], int]:
    """A list held directly or as a JSON string (offline-data.json); (items, 1) when unusable."""
    value = dump.get(key)
    if value is None:
        return [], 0
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError):
            messages.append(f"the {key!r} list is not valid JSON; skipped")
            return [], 1
    if not isinstance(value, list):
        messages.append(f"the {key!r} field is {type(value).__name__}, not a list; skipped")
        return [], 1
    return value, 0


def _dump_source(dump: Mapping[str, Any]) -> str:
    source = dump.get("source")
    if isinstance(source, str) and source.strip():
        return source.strip()
    date = dump.get("date")
    if isinstance(date, str) and date.strip():
        return f"datarequests.org offline data of {date.strip()}"
    return ""


def _from_dump(dump: Mapping[str, Any], fallback_source: str) -> LoadResult:
    messages: list[str] = []
    known = dump.get(SEAT_COUNTRIES)
    known = known if isinstance(known, dict) else {}

    def build(record: Mapping[str, Any]) -> DirectoryEntry:
        country = known.get(record["slug"])
        return entry_from_record(record, country if isinstance(country, str) else None)

    companies = _Collector("company", COMPANY_FIELDS, COMPANY_REQUIRED, build, messages)
    authorities = _Collector("authority", AUTHORITY_FIELDS, AUTHORITY_REQUIRED, authority_from_record, messages)
    records, broken = _list_field(dump, "companies", messages)
    for i, record in enumerate(records):
        companies.add(record, _label("company", i, record))
    sa_records, sa_broken = _list_field(dump, "supervisory-authorities", messages)
    for i, record in enumerate(sa_records):
        authorities.add(record, _label("authority", i, record))
    packs = dump.get("company-packs")
    if isinstance(packs, str):
        try:
            packs = json.loads(packs)
        except (json.JSONDecodeError, RecursionError):
            packs = None
    return LoadResult(
        entries=tuple(companies.items),
        authorities=tuple(authorities.items),
        skipped=companies.skipped + authorities.skipped + broken + sa_broken,
        messages=messages,
        source=strip_deep(_dump_source(dump)) or fallback_source,
        company_packs=strip_deep(packs),  # stored with the dump: it must always encode
    )


def _from_records(records: list[Any], source: str) -> LoadResult:
    return _from_dump({"companies": records}, source)


def load_record_folder(
    folder_name: str,
    companies: Sequence[RecordFile],
    authorities: Sequence[RecordFile] = (),
    refused: Sequence[str] = (),
) -> LoadResult:
    """Validated entries and authorities from the files of a records folder, in the order given.

    `refused` explains subfolders the reader would not list (each counts as one skipped).
    """
    messages: list[str] = list(refused)
    collectors = (
        _Collector("company", COMPANY_FIELDS, COMPANY_REQUIRED, entry_from_record, messages),
        _Collector("authority", AUTHORITY_FIELDS, AUTHORITY_REQUIRED, authority_from_record, messages),
    )
    broken = len(refused)
    for files, collector in zip((companies, authorities), collectors, strict=True):
        for file in files:
            try:
                if file.error:
                    raise ValueError(file.error)
                record = parse_json(file.data)
            except ValueError as exc:
                broken += 1
                if len(messages) < MAX_MESSAGES:
                    messages.append(f"{file.name} {exc}; skipped")
                continue
            collector.add(record, file.name)
    return LoadResult(
        entries=tuple(collectors[0].items),
        authorities=tuple(collectors[1].items),
        skipped=collectors[0].skipped + collectors[1].skipped + broken,
        messages=messages,
        source=f"folder {folder_name}",
    )


def load_directory_bytes(data: bytes, name: str) -> LoadResult:
    """`load_directory_data` of one file's bytes (`name` says where they came from)."""
    try:
        parsed = parse_json(data)
    except ValueError as exc:
        return LoadResult((), (), 1, [f"{name} {exc}"], f"file {name}")
    return load_directory_data(parsed, source=f"file {name}")


def load_directory_data(data: Any, *, source: str = "") -> LoadResult:
    """Validated entries and authorities from a parsed dump, a list of records, or one record.

    Never raises for bad data: unusable records are skipped, counted in `skipped` and explained
    in `messages`. `source` names the origin when the dump does not say.
    """
    fallback = source
    if isinstance(data, dict):
        if "companies" not in data and "slug" in data:  # a single company record
            return _from_records([data], fallback)
        if "companies" not in data and "supervisory-authorities" not in data:
            return LoadResult((), (), 1, ["the data has neither 'companies' nor 'supervisory-authorities'"], fallback)
        return _from_dump(data, fallback)
    if isinstance(data, list):
        return _from_records(data, fallback)
    return LoadResult((), (), 1, [f"the data is {type(data).__name__}, not a directory dump"], fallback)


__all__ = [
    "AUTHORITY_FIELDS",
    "AUTHORITY_REQUIRED",
    "COMPANY_FIELDS",
    "COMPANY_REQUIRED",
    "SEAT_COUNTRIES",
    "DirectoryEntry",
    "LoadResult",
    "RecordFile",
    "SupervisoryAuthority",
    "authority_from_record",
    "entry_from_record",
    "load_directory_bytes",
    "load_directory_data",
    "load_record_folder",
    "parse_json",
]
