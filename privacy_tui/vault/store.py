"""Typed access to the records in the vault: companies, requests, messages, profile, settings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tinydb import Query

from privacy_tui.core.errors import UserError
from privacy_tui.core.models import Company, Message, Profile, Request, from_record, to_record
from privacy_tui.vault.vault import Vault

_Q = Query()


class Store:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        db = vault.db
        self._companies = db.table("companies")
        self._requests = db.table("requests")
        self._messages = db.table("messages")
        self._settings = db.table("settings")
        self._profile = db.table("profile")

    def close(self) -> None:
        """Release the vault (its lock, its key in memory)."""
        self.vault.close()

    def batch(self):
        """`with store.batch():` several saves become one atomic write."""
        return self.vault.batch()

    @property
    def notified(self):
        """The once-a-day notification record beside the vault (needs no write lock)."""
        return self.vault.notified

    # --- lookup helpers ---------------------------------------------------------------
    @staticmethod
    def _resolve(table, ident: str, what: str) -> dict:
        ident = (ident or "").strip()
        if not ident:
            raise UserError(f"no {what} id given")
        exact = table.get(_Q.id == ident)
        if exact is not None:
            return exact
        # Unique prefixes are accepted, like git's short hashes.
        matches = [d for d in table.all() if str(d.get("id", "")).startswith(ident)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UserError(f"{what} id {ident!r} is ambiguous: {', '.join(sorted(m['id'] for m in matches)[:5])}")
        raise UserError(f"no {what} with id {ident!r} (see `privacy-tui {what} list`)")

    @staticmethod
    def _upsert(table, record: dict, cond) -> None:
        # TinyDB's upsert writes twice when inserting (a no-op update, then the insert).
        if table.contains(cond):
            table.update(record, cond)
        else:
            table.insert(record)

    # --- companies --------------------------------------------------------------------
    def companies(self) -> list[Company]:
        return sorted((from_record(Company, d) for d in self._companies.all()), key=lambda c: c.name.casefold())

    def company(self, ident: str) -> Company:
        return from_record(Company, self._resolve(self._companies, ident, "company"))

    def find_company(self, company_id: str) -> Company | None:
        doc = self._companies.get(_Q.id == company_id)
        return from_record(Company, doc) if doc else None

    def save_company(self, company: Company) -> Company:
        self._upsert(self._companies, to_record(company), _Q.id == company.id)
        return company

    def remove_company(self, company_id: str) -> None:
        self._companies.remove(_Q.id == company_id)

    # --- requests ---------------------------------------------------------------------
    def requests(self, company_id: str | None = None) -> list[Request]:
        docs = self._requests.all() if company_id is None else self._requests.search(_Q.company_id == company_id)
        return [from_record(Request, d) for d in docs]

    def request_records(self) -> list[dict]:
        """Raw request records, for hot paths (remind) that need no model objects."""
        return list((self.vault.db.storage.read() or {}).get("requests", {}).values())

    def request(self, ident: str) -> Request:
        return from_record(Request, self._resolve(self._requests, ident, "request"))

    def save_request(self, request: Request) -> Request:
        self._upsert(self._requests, to_record(request), _Q.id == request.id)
        return request

    def remove_requests(self, request_ids: Iterable[str]) -> None:
        """The requests and the messages sent for them (services/removal.py adds the inbox)."""
        wanted = set(request_ids)
        self._requests.remove(_Q.id.one_of(wanted))
        self._messages.remove(_Q.request_id.one_of(wanted))

    def save_requests(self, requests: Iterable[Request]) -> None:
        """Several requests in one write (bulk actions stay one atomic replacement)."""
        requests = list(requests)
        doc_ids = {d["id"]: d.doc_id for d in self._requests.all()}
        known = {str(doc_ids[r.id]): to_record(r) for r in requests if r.id in doc_ids}
        new = [to_record(r) for r in requests if r.id not in doc_ids]
        with self.vault.batch():
            if known:
                self._overwrite("requests", known)
            if new:
                self._requests.insert_multiple(new)

    def add_records(self, table_name: str, records: list[dict]) -> None:
        """Append already-validated raw records to a table in one pass (bulk import: inserting
        one by one rebuilds the whole table each time, which made importing quadratic)."""
        if records:
            self.vault.db.table(table_name).insert_multiple(records)

    def raw_records(self, table_name: str) -> dict[str, dict]:
        """The table's records as stored ({doc_id: record}), unparsed: for checks and repair."""
        return (self.vault.db.storage.read() or {}).get(table_name, {})

    def remove_doc_ids(self, table_name: str, doc_ids: list[str]) -> None:
        table = self.vault.db.table(table_name)
        table.remove(doc_ids=[int(d) for d in doc_ids])

    def replace_records(self, table_name: str, records: dict[str, dict]) -> None:
        """Overwrite stored records by doc id (repair writes cleaned copies)."""
        if records:
            self._overwrite(table_name, records)

    def _overwrite(self, table_name: str, records: dict[str, dict]) -> None:
        # Whole documents replaced in place, by doc id, through TinyDB's storage: its Table API
        # can only merge fields into a document, or give every matched one the same fields. The
        # ids already exist, so TinyDB's next-id stays right; its query caches are dropped.
        db = self.vault.db
        document = db.storage.read() or {}
        stored = document.get(table_name, {})
        unknown = [doc_id for doc_id in records if str(doc_id) not in stored]
        if unknown:
            raise ValueError(f"no document {unknown[0]} in table {table_name!r} to replace")
        # A new document and table dict: the cached one stays intact if the write fails.
        db.storage.write({**document, table_name: {**stored, **{str(k): v for k, v in records.items()}}})
        db.clear_cache()

    # --- messages (evidence of what was sent) -----------------------------------------
    def messages(self, request_id: str) -> list[Message]:
        return [from_record(Message, d) for d in self._messages.search(_Q.request_id == request_id)]

    def all_messages(self) -> list[Message]:
        """Every stored message: a letter drafted as a message is addressed by its own id, not its request's."""
        return [from_record(Message, d) for d in self._messages.all()]

    def message(self, ident: str) -> Message:
        return from_record(Message, self._resolve(self._messages, ident, "message"))

    def save_message(self, message: Message) -> Message:
        self._upsert(self._messages, to_record(message), _Q.id == message.id)
        return message

    # --- profile and settings ---------------------------------------------------------
    def profile(self) -> Profile:
        doc = self._profile.get(doc_id=1)
        return from_record(Profile, doc) if doc else Profile()

    def save_profile(self, profile: Profile) -> Profile:
        self._upsert(self._profile, to_record(profile), _Q.v.exists())
        return profile

    def setting(self, key: str, default: Any = None) -> Any:
        doc = self._settings.get(_Q.key == key)
        return doc["value"] if doc else default

    def set_setting(self, key: str, value: Any) -> None:
        self._upsert(self._settings, {"key": key, "value": value}, _Q.key == key)

    def counts(self) -> dict[str, int]:
        return {
            "companies": len(self._companies),
            "requests": len(self._requests),
            "messages": len(self._messages),
            "inbox": len(self.vault.db.table("inbox")),  # received mail (services/inbox.py)
            "profile": len(self._profile),
            "settings": len(self._settings),
        }
