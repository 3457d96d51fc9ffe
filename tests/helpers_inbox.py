"""A vault with the demo data and a handful of replies ingested through the real inbox services."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from privacy_tui.core.timeline import derive_status
from privacy_tui.vault.paths import paths
from privacy_tui.services.demo import populate
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault

TODAY = date(2026, 3, 10)
PASS = "correct horse battery staple"
ZIP = b"PK\x03\x04" + bytes(range(256)) * 4  # the bytes the company sent, to compare with the saved copy


def mail(n: int, frm: str, subject: str, body: str, *, attachment: tuple[str, bytes] | None = None, day: int = 9,
         headers: dict | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = frm
    m["To"] = "alex@example.com"
    m["Subject"] = subject
    m["Date"] = f"Mon, {day:02d} Mar 2026 10:{n:02d}:00 +0000"
    m["Message-ID"] = f"<reply-{n}@mail.example>"
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body)
    if attachment:
        m.add_attachment(attachment[1], maintype="application", subtype="zip", filename=attachment[0])
    return m.as_bytes()


def open_requests(store: Store) -> dict[str, object]:
    """The demo's open requests by company name (one each)."""
    names = {c.id: c for c in store.companies()}
    found = {}
    for r in store.requests():
        if derive_status(r, TODAY) not in ("done", "denied", "withdrawn", "draft") and r.sent:
            found.setdefault(names[r.company_id].name, (r, names[r.company_id]))
    return found


def replies(store: Store) -> list[bytes]:
    reqs = open_requests(store)
    foods, foods_co = reqs["Fictional Foods GmbH"]
    acme, acme_co = reqs["Acme Example Corp"]
    stream, stream_co = reqs["Sample Streaming Inc"]
    tele, tele_co = reqs["Placeholder Telecom Ltda"]
    return [
        mail(1, foods_co.emails[0], f"Re: {foods.subject} [{foods.reference}]",
             "Before we can process your request please send us a copy of your passport and a recent utility bill "
             "so that we can verify your identity.\n\nKind regards,\nPrivacy Team"),
        mail(2, "noreply@helpdesk-tickets.example", "Your data request",
             "Please use our web form at https://acme-example.example.com/privacy-form to submit privacy requests. "
             "Requests by email cannot be processed.\n\n\x1b[31mThis is not markup: [b]bold[/b]"),
        mail(3, stream_co.emails[0], f"Re: {stream.subject} [{stream.reference}]",
             "Please find attached a copy of the personal data we hold about you, as requested.",
             attachment=("export.zip", ZIP)),
        mail(4, acme_co.emails[0], f"Automatic reply: {acme.subject} [{acme.reference}]",
             "I am out of the office until Monday and have limited access to email.",
             headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"}),
        mail(5, tele_co.emails[0], f"Re: {tele.subject} [{tele.reference}]",
             "Thank you for your request. We have received your request and a ticket has been created (ticket 48213). "
             "We will respond within the legal deadline.",
             headers={"Auto-Submitted": "auto-generated"}),
    ]


def make_inbox_home(*, ingest: bool = True) -> dict:
    """Create the vault (demo data + replies); returns {'ids': [...], 'requests': {...}} for the tests."""
    from privacy_tui.services.inbox import ingest_many, list_messages

    vault, _ = Vault.create(paths(), PASS, use_keyring=False)
    try:
        store = Store(vault)
        populate(store, TODAY)
        info = {"requests": {name: r.id for name, (r, _) in open_requests(store).items()}}
        if ingest:
            report = ingest_many(store, [(raw, {"source": "import", "origin": f"reply-{i}.eml"})
                                         for i, raw in enumerate(replies(store), 1)], dkim=lambda raw: "not checked")
            info["ids"] = report.ids
            info["records"] = {r["subject"]: r for r in list_messages(store)}
        return info
    finally:
        vault.close()


def inbox_records() -> list[dict]:
    from privacy_tui.services.inbox import list_messages

    with Vault.open(paths(), passphrase=PASS) as vault:
        return list_messages(Store(vault))
