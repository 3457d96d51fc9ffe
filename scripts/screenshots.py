"""Regenerate screenshots/ from the real app running on the demo home: an SVG and a PNG per main screen.

Run with `make screenshots` (inside scripts/with-keyring, so the demo vault opens through the keyring
as it would for a real user). The demo's dates are fixed so the pictures change only when the UI does.
`scripts/screenshots.py --only inbox` (or `main`, `first-run`) regenerates one group.
The Inbox pictures are taken last, after replies from the demo's companies (scripts/demo_replies.py)
were imported, so the other pictures show the demo as `privacy-tui demo` makes it.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "screenshots"
SHARED = REPO.parent / "shared"
TODAY = date(2026, 3, 10)
SIZE = (120, 40)
POLICY = """Example Widgets Ltd Privacy Policy

Example Widgets Ltd ("we") is the controller of your personal data.
We collect your name, email address and postal address when you create an account.
We keep a record of the products you buy from us. Our site records the pages you visit.
You have the right to access, delete and correct your data under the UK GDPR.
Contact our Data Protection Officer at privacy@example-widgets.example.com. We answer within 30 days.
"""


async def capture(home: Path, passphrase: str) -> list[str]:
    from privacy_tui.ui.app import build_app
    from privacy_tui.vault.paths import Paths

    app = build_app(paths=Paths(home), today=TODAY, passphrase=passphrase, blink=False, theme="textual-dark")
    saved: list[str] = []

    async def settle(pilot) -> None:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()

    def shot(name: str) -> None:
        app.save_screenshot(f"{name}.svg", str(OUT))
        saved.append(name)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shot("dashboard")
        await pilot.press("a")
        await settle(pilot)
        shot("dashboard-all")
        await pilot.press("a")
        # request detail of the overdue request (first row: sorted by due date)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#reminder")
        await settle(pilot)
        shot("request-detail")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        shot("companies")
        await pilot.press("enter")
        await settle(pilot)
        shot("company-detail")
        await pilot.press("e")
        await settle(pilot)
        shot("company-form")
        await pilot.press("escape", "escape")
        await settle(pilot)
        # new request to several companies at once
        for _ in range(3):
            await pilot.press("space")
        await pilot.press("n")
        await settle(pilot)
        shot("new-request-companies")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        shot("new-request-letters")
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press(*"example")
        await settle(pilot)
        shot("directory")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#policy-text").text = POLICY
        await pilot.click("#analyze")
        await settle(pilot)
        shot("policy-import")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        shot("settings")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        shot("help")
        await pilot.press("escape")
        await settle(pilot)
        # A letter in another language: the wizard drafting to the demo's German company in German
        # (Automatic language: the company's country), at the letter step.
        german = next(c.id for c in app.store.companies() if c.name == "Fictional Foods GmbH")
        app.action_new_request([german])
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        shot("new-request-german-letter")
        await pilot.press("escape", "escape")
        app.theme = "textual-light"
        await settle(pilot)
        shot("dashboard-light")
    return saved


def import_replies(home: Path, passphrase: str) -> None:
    from demo_replies import replies  # scripts/ is on sys.path when this script runs

    from privacy_tui.services.inbox import ingest_many
    from privacy_tui.vault.paths import Paths
    from privacy_tui.vault.store import Store
    from privacy_tui.vault.vault import Vault

    with Vault.open(Paths(home), writable=True, passphrase=passphrase) as vault:
        store = Store(vault)
        ingest_many(store, replies(store, TODAY), dkim=lambda raw: "not checked")  # offline: said plainly


async def capture_inbox(home: Path, passphrase: str) -> list[str]:
    from privacy_tui.ui.app import build_app
    from privacy_tui.vault.paths import Paths

    app = build_app(paths=Paths(home), today=TODAY, passphrase=passphrase, blink=False, theme="textual-dark")

    async def settle(pilot) -> None:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        # The ID demand: the reply a ready answer exists for.
        table = app.screen.query_one("#inbox-table")
        for row in range(table.row_count):
            if "ID requested" in str(table.get_row_at(row)[1]):
                table.move_cursor(row=row)
                break
        await settle(pilot)
        app.save_screenshot("inbox.svg", str(OUT))
        await pilot.press("w")
        await settle(pilot)
        app.screen.query_one("#answer-words").value = "a copy of my passport or identity card and a utility bill"
        await pilot.click("#answer-draft")
        await settle(pilot)
        app.save_screenshot("inbox-answer.svg", str(OUT))
    return ["inbox", "inbox-answer"]


async def capture_first_run(home: Path) -> list[str]:
    from privacy_tui.ui.app import build_app
    from privacy_tui.vault.paths import Paths

    app = build_app(paths=Paths(home), today=TODAY, blink=False, theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#pass1")
        await pilot.press(*"correct horse battery staple")
        await pilot.pause()
        app.save_screenshot("first-run.svg", str(OUT))
    return ["first-run"]


def to_png(names: list[str]) -> None:
    import cairosvg

    for name in names:
        cairosvg.svg2png(url=str(OUT / f"{name}.svg"), write_to=str(OUT / f"{name}.png"), output_width=1480)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Regenerate screenshots/ from the real app on the demo home.")
    parser.add_argument("--only", choices=("main", "inbox", "first-run"), action="append",
                        help="regenerate only this group (repeatable); default: all")
    groups = set(parser.parse_args(argv).only or ("main", "inbox", "first-run"))
    OUT.mkdir(exist_ok=True)
    names: list[str] = []
    with tempfile.TemporaryDirectory(prefix="privacy-tui-demo-") as tmp:
        home = Path(tmp) / "home"
        os.environ["PRIVACY_TUI_HOME"] = str(home)  # the directory store lives in the home too
        from privacy_tui.services.demo import DEMO_PASSPHRASE, build_demo_home

        build_demo_home(home, today=TODAY)
        directory = SHARED / "directory" / "datarequests-db.json"
        if directory.exists():
            from privacy_tui.services.directory_store import import_directory

            import_directory(directory)
        if "main" in groups:
            names += asyncio.run(capture(home, DEMO_PASSPHRASE))
        if "inbox" in groups:
            import_replies(home, DEMO_PASSPHRASE)
            names += asyncio.run(capture_inbox(home, DEMO_PASSPHRASE))
        if "first-run" in groups:
            os.environ["PRIVACY_TUI_HOME"] = str(Path(tmp) / "fresh")
            names += asyncio.run(capture_first_run(Path(tmp) / "fresh"))
    to_png(names)
    for name in names:
        print(f"screenshots/{name}.svg  screenshots/{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
