"""Companies: filter as you type, add with inline validation, the detail's category grid and evidence, edit."""

from __future__ import annotations

from support.demo import TODAY
from support.ui import open_screen, settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def vault_store():
    return Vault.open(paths(), passphrase=PASS)


async def test_add_company_with_inline_validation(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "c")
        await pilot.press("a")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyFormScreen"
        await pilot.press(*"Sample Shop Ltd", "tab", *"not-an-email")
        await pilot.pause()
        problem = str(app.screen.query_one("#err-emails").render())
        assert "email" in problem.lower()
        assert app.screen.query_one("#f-emails").has_class("invalid")
        app.screen.query_one("#f-country").value = "Narnia"
        await pilot.pause()
        assert str(app.screen.query_one("#err-country").render()).strip()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyFormScreen"  # nothing saved with errors
        app.screen.query_one("#f-emails").value = "privacy@sample-shop.example.com"
        app.screen.query_one("#f-country").value = "gb"
        app.screen.query_one("#f-categories").value = "a, f"
        await pilot.pause()
        assert not str(app.screen.query_one("#err-emails").render()).strip()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyDetailScreen"
        grid = app.screen.query_one("#category-grid").render()
        assert grid is not None
    with vault_store() as vault:
        company = next(c for c in Store(vault).companies() if c.name == "Sample Shop Ltd")
    assert company.emails == ("privacy@sample-shop.example.com",)
    assert company.country == "GB" and company.categories == ("A", "F")
    assert company.provenance["emails"].kind == "typed"


async def test_filter_as_you_type_and_detail_shows_evidence(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "c")
        table = app.screen.query_one("#company-table")
        assert table.row_count == 10
        await pilot.press("slash", *"widg")
        await pilot.pause()
        assert table.row_count == 1
        assert str(table.get_row_at(0)[1]) == "Example Widgets Ltd"
        await pilot.press("enter")  # to the table
        await pilot.press("enter")  # open
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyDetailScreen"
        from rich.console import Console

        console = Console(width=118, record=True)
        console.print(app.screen.query_one("#category-grid").content)
        console.print(app.screen.query_one("#company-contacts").content)
        text = console.export_text()
        assert "Identifiers" in text and "email" in text.lower()
        assert "collect your name, email address" in text  # the policy's quote for category A
        assert "policy" in text and "typed" in text
        requests = app.screen.query_one("#company-requests")
        assert requests.row_count == 1


async def test_edit_keeps_the_evidence_of_unchanged_facts(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, "c")
        await pilot.press("slash", *"widgets", "enter")
        await pilot.press("e")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompanyFormScreen"
        assert app.screen.query_one("#f-name").value == "Example Widgets Ltd"
        app.screen.query_one("#f-website").value = "https://widgets.example.com"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CompaniesScreen"
    with vault_store() as vault:
        company = next(c for c in Store(vault).companies() if c.name == "Example Widgets Ltd")
    assert company.website == "https://widgets.example.com"
    assert company.provenance["website"].kind == "typed"
    assert company.provenance["emails"].kind == "policy"  # untouched: its quote is kept
