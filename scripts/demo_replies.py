"""Replies from the demo's companies, for the Inbox screenshots (scripts/screenshots.py).

Written for privacy-tui; ingested through the real inbox services (match, classify, encrypted
blobs), so the picture shows what a user would see after `privacy-tui inbox import`.
"""

from __future__ import annotations

from email.message import EmailMessage

ZIP = b"PK\x03\x04" + bytes(range(256)) * 40  # stands for a data export the company attached


def _mail(n: int, frm: str, subject: str, body: str, *, day: int, attachment: tuple[str, str, bytes] | None = None,
          headers: dict | None = None) -> bytes:
    m = EmailMessage()
    m["From"] = frm
    m["To"] = "alex@example.com"
    m["Subject"] = subject
    m["Date"] = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][(day + 6) % 7]}, {day:02d} Mar 2026 09:{n:02d}:00 +0000"
    m["Message-ID"] = f"<demo-reply-{n}@mail.example>"
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body)
    if attachment:
        name, subtype, data = attachment
        m.add_attachment(data, maintype="application", subtype=subtype, filename=name)
    return m.as_bytes()


def replies(store, today) -> list[tuple[bytes, dict]]:
    """(raw message, meta) for ingest_many: one reply per open demo request, and a newsletter."""
    from privacy_tui.core.timeline import derive_status

    companies = {c.id: c for c in store.companies()}
    open_ = {}
    for r in store.requests():
        if r.sent and derive_status(r, today) not in ("done", "denied", "withdrawn", "draft"):
            open_.setdefault(companies[r.company_id].name, (r, companies[r.company_id]))
    found = []

    def reply_subject(r) -> str:
        # The demo's subjects carry the reference already; a company's reply keeps it.
        return f"Re: {r.subject}" if r.reference in r.subject else f"Re: {r.subject} [{r.reference}]"

    def add(name: str, make) -> None:
        if name in open_:
            request, company = open_[name]
            found.append(make(request, company))

    add("Fictional Foods GmbH", lambda r, c: _mail(
        1, c.emails[0], reply_subject(r),
        "Before we can process your request please send us a copy of your passport or identity card and a recent "
        "utility bill, so that we can verify your identity.\n\nKind regards,\nData Protection Team", day=9))
    add("Acme Example Corp", lambda r, c: _mail(
        2, "noreply@helpdesk-tickets.example", "Your data request (ticket #58213)",
        "Please use our web form at https://acme-example.example.com/privacy-form to submit privacy requests. "
        "Requests by email cannot be processed.\n\nAcme Example Support", day=8))
    add("Sample Streaming Inc", lambda r, c: _mail(
        3, c.emails[0], reply_subject(r),
        "Please find attached a copy of the personal data we hold about you, as requested.",
        day=6, attachment=("your-data.zip", "zip", ZIP)))
    add("Placeholder Telecom Ltda", lambda r, c: _mail(
        4, c.emails[0], reply_subject(r),
        "Thank you for your request. We have received it and a ticket has been created (ticket 48213). "
        "We will respond within the legal deadline.", day=5, headers={"Auto-Submitted": "auto-generated"}))
    if "Sample Streaming Inc" in open_:
        _, c = open_["Sample Streaming Inc"]
        found.append(_mail(5, f"news@{c.emails[0].split('@')[1]}", "New this week: 12 shows you will love",
                           "Our picks for you this week. Unsubscribe at any time.", day=7))
    return [(raw, {"source": "import", "origin": f"reply-{i}.eml"}) for i, raw in enumerate(found, 1)]
