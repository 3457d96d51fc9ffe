"""Removing requests with everything recorded for them: the request, the letters sent for it,
the replies received for it and their encrypted blobs (issue 14: "removed with their request").

One vault write for the records; the blobs are deleted only after it succeeded, so a failed
write leaves the vault and its evidence exactly as they were (a blob left behind by a crash
between the two is only an unreferenced leftover that `vault check` lists)."""

from __future__ import annotations

from dataclasses import dataclass

from privacy_tui.core.models import Company, Request
from privacy_tui.vault.store import Store


@dataclass(frozen=True)
class Removal:
    requests: tuple[str, ...]
    sent: int  # letters sent for them (table messages)
    received: int  # replies in the inbox
    blobs: int

    def summary(self) -> str:
        return (f"removed {len(self.requests)} request(s), {self.sent} sent message(s), "
                f"{self.received} inbox message(s) and {self.blobs} encrypted blob(s)")


def plan(store: Store, requests: list[Request]) -> Removal:
    """What removing `requests` would remove (shown before asking for confirmation)."""
    from privacy_tui.services.inbox import referenced_by

    ids = {r.id for r in requests}
    sent = sum(len(store.messages(r.id)) for r in requests)
    received, blobs = referenced_by(store, ids)
    return Removal(tuple(sorted(ids)), sent, received, len(blobs))


def remove_requests(store: Store, requests: list[Request], *, company: Company | None = None) -> Removal:
    """Remove the requests (and `company`, when given) with their messages and blobs."""
    from privacy_tui.services.inbox import delete_blobs, remove_for_requests

    what = plan(store, requests)
    ids = [r.id for r in requests]
    with store.batch():
        doomed = remove_for_requests(store, ids)
        store.remove_requests(ids)
        if company is not None:
            store.remove_company(company.id)
    delete_blobs(store, doomed)  # after the write: a failed write keeps every blob it referred to
    return what
