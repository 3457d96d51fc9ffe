"""Hostile text and a vault full of it, for the app's hostile suite (Pilot and tmux).

The records are written straight through the Store, as an old vault, an import or a directory
could have left them: the point is what the app shows, not whether a form would accept them
(input validation has its own tests).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from support.vault import PASSPHRASE

from privacy_tui.core.models import Company, DataItem, Profile, Source
from privacy_tui.core.text import find_control, printable

TODAY = date(2026, 3, 10)
PASS = PASSPHRASE

# Markup that Textual/Rich would run: style, crash (a closing tag with nothing open), action.
MARKUP_NAMES = ("[bold red]X[/]", "[/] Closer Ltd", "[@click=app.quit]Quit[/]")
# Terminal control sequences: CSI colour, OSC 8 hyperlink, OSC 52 clipboard write, BEL,
# the one-byte C1 CSI, a bidi override that reverses what follows.
CONTROL_NAMES = (
    "Esc\x1b[31mRed Ltd",
    "\x1b]8;;https://evil.example/\x07Link\x1b]8;;\x07 Inc",
    "Clip\x1b]52;c;ZXZpbA==\x07 SA",
    "Bell\x07\x07 Co",
    "C1\x9b31m Csi AG",
    "Bidi \u202eexe.fdp\u202c Ltd",
)
HOSTILE_NAMES = MARKUP_NAMES + CONTROL_NAMES


def shown(value: str) -> str:
    """How the app must show `value` on one line: controls as visible escapes, markup as is."""
    return printable(value, multiline=False)


def hostile_company(index: int, name: str) -> Company:
    src = Source("policy", f"https://policy{index}.example/[@click=app.quit]x[/]", f"We keep {name} [/] data.", 10)
    return Company(
        id=f"c{index:07x}",
        name=name,
        aliases=(f"alias {name}",),
        website=f"https://site{index}.example/[b]",
        emails=(f"privacy{index}@hostile{index}.example",),
        webform=f"https://form{index}.example/\x1b]8;;x\x07",
        address=f"1 [/] Street\n{name}\nTown",
        country="GB",
        regimes=("uk_gdpr",),
        categories=("A", "B"),
        data_items=(DataItem("email_address", "B", src),),
        provenance={"emails": src, "address": Source("directory", f"[/]{index}")},
        notes=f"note {name}",
        created="2026-01-01T00:00:00+00:00",
        updated="2026-01-01T00:00:00+00:00",
    )


def populate_hostile(store, today: date = TODAY) -> dict[str, list[str]]:
    """Companies named HOSTILE_NAMES, each with one sent request (overdue or due soon, so the
    reminders and the start-up toast name them) whose timeline details are hostile too; a hostile
    profile. Returns the company and request ids."""
    from privacy_tui.services.requests import append_event, build_request

    store.save_profile(Profile(name="Ada [/] \x1b[2J Example", email="ada@example.com", address="1 [b]Road\x07", country="GB"))
    profile = store.profile()
    companies, requests = [], []
    with store.batch():
        for i, name in enumerate(HOSTILE_NAMES):
            company = store.save_company(hostile_company(i, name))
            companies.append(company.id)
            r = build_request(company, profile, "access", identity_fields=["name", "email"], today=today)
            # Alternate overdue and due soon: both appear in the reminders.
            sent_on = today - timedelta(days=40 if i % 2 == 0 else 25)
            r = append_event(replace(r, transport="smtp", sent_text=r.body), "sent", sent_on, f"sent to {name}")
            r = append_event(r, "acknowledged", sent_on + timedelta(days=1), f"ack [/] {name}")
            store.save_request(r)
            requests.append(r.id)
    return {"companies": companies, "requests": requests}


def hostile_directory(path: Path) -> Path:
    """A directory dump (datarequests.org format) whose companies have hostile names."""
    companies = [
        {
            "slug": f"hostile-{i}",
            "relevant-countries": ["all"],
            "categories": ["commerce"],
            "name": f"Dir {name}",
            "address": f"1 Street\n{name}",
            "email": f"privacy@dir{i}.example",
            "web": f"https://dir{i}.example",
            "sources": [f"https://dir{i}.example/privacy"],
            "suggested-transport-medium": "email",
            "quality": "verified",
        }
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    path.write_text(json.dumps({"source": "hostile test", "companies": companies, "supervisory-authorities": [], "company-packs": []}))
    return path


def controls_in(text: str) -> list[str]:
    """Every line of rendered output that holds a control character (tabs, newlines excluded
    by splitting; bidi overrides included)."""
    return [line for line in text.splitlines() if find_control(line, multiline=False) is not None]


def screen_text(app) -> str:
    """What the terminal would show for the current screen (toasts included), as plain text:
    the text of every segment the compositor renders, control segments (cursor moves) left out."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip if not seg.control) for strip in strips)
