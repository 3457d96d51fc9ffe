"""Domain records: companies, requests and their timelines, the user's profile.

Records are frozen dataclasses; the vault stores them as plain dicts through
`to_record` / `from_record`. Every stored record carries `SCHEMA_VERSION` under the key
"v" so that `privacy_tui.vault.migrations` can upgrade records written by older versions.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any

SCHEMA_VERSION = 1

CATEGORY_LETTERS = tuple("ABCDEFGHIJKL")

# Where a fact about a company came from.
SOURCE_KINDS = ("typed", "policy", "directory", "drp")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def new_id(prefix: str) -> str:
    """Short ids people can type: prefix + 8 hex characters (32 bits; collisions are checked on insert)."""
    return f"{prefix}{secrets.token_hex(4)}"


def new_reference() -> str:
    """A reference number for the subject line, used to match replies to requests."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I: people copy these by hand
    return "PT-" + "".join(secrets.choice(alphabet) for _ in range(8))


@dataclass(frozen=True)
class Source:
    """Provenance of a fact: typed by the user, read from a policy, copied from a directory."""

    kind: str = "typed"
    ref: str = ""  # policy URL or file name, directory slug
    evidence: str = ""  # the quoted sentence that supports the fact
    offset: int | None = None  # character offset of the evidence in the policy text


@dataclass(frozen=True)
class DataItem:
    item: str  # a taxonomy item key, e.g. "email_address"
    category: str  # CCPA category letter A-L
    source: Source = field(default_factory=Source)


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    website: str = ""
    emails: tuple[str, ...] = ()  # privacy contacts, best first
    webform: str = ""
    address: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, upper case
    subdivision: str = ""  # state / nation code for holidays, e.g. "CA", "SCT"
    regimes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # CCPA letters A-L
    data_items: tuple[DataItem, ...] = ()
    rights: tuple[str, ...] = ()  # rights the policy offers
    response_days: int | None = None  # response time the policy promises
    provenance: Mapping[str, Source] = field(default_factory=dict)  # field name -> source
    drp_business_id: str = ""
    # LGPD: a small processing agent (ANPD Resolution CD/ANPD 2/2022 art. 2) has double time limits.
    small_agent: bool = False
    language: str = ""  # ISO 639-1 language the company works in (directory, policy or the user), "" unknown
    notes: str = ""
    created: str = ""
    updated: str = ""


@dataclass(frozen=True)
class Event:
    """One entry of a request's append-only timeline."""

    request_id: str
    kind: str
    date: str  # ISO date on which it happened (user-entered or today)
    at: str = ""  # ISO timestamp at which it was recorded
    detail: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    id: str
    company_id: str
    type: str
    regime: str
    reference: str
    created: str = ""
    subject: str = ""  # the draft (editable until sent)
    body: str = ""
    identity_fields: tuple[str, ...] = ()  # profile fields the user chose to include
    transport: str = ""  # smtp | eml | mailto | copy | drp | post
    message_id: str = ""
    sent_text: str = ""  # exact text that was sent
    country: str = ""  # jurisdiction used for holidays (defaults from the company)
    subdivision: str = ""
    due: str = ""  # cached computed deadlines (ISO dates), refreshed on every event
    extended_due: str = ""
    ack_due: str = ""
    drp_request_id: str = ""
    small_agent: bool = False  # copied from the company: double time limits (LGPD small processing agent)
    language: str = ""  # ISO 639-1 language of the letter; "" for requests made before languages (English)
    events: tuple[Event, ...] = ()

    def event_dates(self, kind: str) -> list[str]:
        return [e.date for e in self.events if e.kind == kind]

    def first_date(self, kind: str) -> str:
        dates = self.event_dates(kind)
        return dates[0] if dates else ""

    def last_date(self, kind: str) -> str:
        dates = self.event_dates(kind)
        return dates[-1] if dates else ""

    @property
    def sent(self) -> str:
        return self.last_date("sent")

    @property
    def acknowledged(self) -> str:
        return self.first_date("acknowledged")


@dataclass(frozen=True)
class Profile:
    """The user's identity data, used in letters only as far as the user chooses."""

    name: str = ""
    email: str = ""
    address: str = ""
    country: str = ""
    state: str = ""
    phone: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)  # customer number, username, ...


@dataclass(frozen=True)
class Message:
    """Evidence of a message sent (or drafted) for a request: the exact bytes, as sent."""

    id: str
    request_id: str
    kind: str  # request | reminder | complaint | id_reply
    transport: str
    to: str
    subject: str
    body: str
    created: str = ""
    sent_at: str = ""
    message_id: str = ""
    raw: str = ""  # base64 of the exact RFC 5322 bytes handed to the server
    server_reply: str = ""
    language: str = ""  # ISO 639-1 language of the letter; "" for messages made before languages (English)


# --- serialisation -------------------------------------------------------------------------

_NESTED = {"data_items": DataItem, "events": Event}


def _plain(value: Any) -> Any:
    if isinstance(value, (Source, DataItem, Event)):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_record(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict for the vault, tagged with the schema version."""
    record = {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    record["v"] = SCHEMA_VERSION
    return record


def _source(raw: Any) -> Source:
    return _fast(Source, raw) if isinstance(raw, Mapping) else Source()


@dataclass(frozen=True)
class _Spec:
    names: frozenset
    defaults: Mapping[str, Any]
    factories: Mapping[str, Any]


_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    spec = _SPECS.get(cls)
    if spec is None:
        from dataclasses import MISSING

        fs = fields(cls)
        spec = _Spec(
            names=frozenset(f.name for f in fs),
            defaults={f.name: f.default for f in fs if f.default is not MISSING},
            factories={f.name: f.default_factory for f in fs if f.default_factory is not MISSING},
        )
        _SPECS[cls] = spec
    return spec


def _data_items(value: Any) -> tuple:
    return tuple(DataItem(item=d["item"], category=d["category"], source=_source(d.get("source"))) for d in value)


def _events(value: Any) -> tuple:
    return tuple(_fast(Event, e) for e in value)


_CONVERT = {
    "data_items": _data_items,
    "events": _events,
    "provenance": lambda v: {k: _source(x) for k, x in v.items()},
    "data": dict,
    "extra": dict,
}


def _fast(cls: type, raw: Mapping[str, Any]) -> Any:
    """Build a record without running the dataclass __init__ field by field.

    Opening a vault rebuilds every record (tens of thousands of events for a busy user), and
    the generated __init__ of a frozen dataclass costs an object.__setattr__ per field; filling
    __dict__ directly is several times faster and gives the same object.
    """
    spec = _spec(cls)
    values: dict[str, Any] = {}
    names = spec.names
    for name, value in raw.items():
        if name not in names:
            continue  # unknown keys from newer versions stay in the vault, not in the model
        convert = _CONVERT.get(name)
        if convert is not None:
            value = convert(value)
        elif type(value) is list:
            value = tuple(value)
        values[name] = value
    for name, default in spec.defaults.items():
        if name not in values:
            values[name] = default
    for name, factory in spec.factories.items():
        if name not in values:
            values[name] = factory()
    obj: Any = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


def from_record(cls: type, raw: Mapping[str, Any]) -> Any:
    """Rebuild a model from a vault record (already migrated to SCHEMA_VERSION)."""
    return _fast(cls, raw)


__all__ = [
    "CATEGORY_LETTERS",
    "SCHEMA_VERSION",
    "Company",
    "DataItem",
    "Event",
    "Message",
    "Profile",
    "Request",
    "Source",
    "from_record",
    "new_id",
    "new_reference",
    "now_iso",
    "replace",
    "to_record",
]
