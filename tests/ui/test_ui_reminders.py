"""Reminders in the app: the dashboard panel, the start-up overdue toast, and escalation drafts
(reminder to the company, complaint to the regulator) drafted and sent from the request detail."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from support.demo import TODAY
from support.ui import settle
from support.vault import PASSPHRASE as PASS

from privacy_tui.services.reminders import SEEN_OVERDUE_SETTING, compute_reminders
from privacy_tui.services.requests import append_event
from privacy_tui.ui.app import build_app
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store
from privacy_tui.vault.vault import Vault


def open_store(writable: bool = False):
    return Vault.open(paths(), writable=writable, passphrase=PASS)


def request_of(store: Store, company: str):
    cid = next(c.id for c in store.companies() if c.name == company)
    return next(r for r in store.requests(cid))


def toasts(app) -> list[str]:
    return [str(t.render()) for t in app.screen.query("Toast")]


async def test_dashboard_lists_the_same_reminders_as_remind(demo_home):
    with open_store() as vault:
        store = Store(vault)
        expected = compute_reminders(store.requests(), store.companies(), TODAY, 7)
        overdue_id = request_of(store, "Fictional Foods GmbH").id
    # The demo: one late, one waiting for the user's reply (never "overdue"), one due in 6 days.
    assert [r.kind for r in expected] == ["overdue", "needs_action", "due_soon"]
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one("#reminders")
        text = str(panel.render())
        for r in expected:
            assert r.describe() in text
        assert text.index("Fictional Foods GmbH") < text.index("Placeholder Telecom Ltda")  # overdue first
        assert "1 overdue" in panel.border_title and "1 due within 7 days" in panel.border_title
        assert "1 need your reply" in panel.border_title
        await pilot.click("#reminders", offset=(3, 1))  # the first line (inside the border)
        await settle(app, pilot)
        assert type(app.screen).__name__ == "RequestDetailScreen"
        assert app.screen.request_id == overdue_id
        # the request detail shows the same reminder
        assert expected[0].describe() in str(app.screen.query_one("#request-summary").render())


async def test_remind_within_setting_widens_the_panel(demo_home):
    with open_store(writable=True) as vault:
        Store(vault).set_setting("remind_within", 40)
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        panel = app.screen.query_one("#reminders")
        assert "due within 40 days" in panel.border_title
        assert "Acme Example Corp" in str(panel.render())  # due in 25 days: only with the wider window


async def test_overdue_toast_once_per_new_overdue_item(demo_home):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        shown = toasts(app)
        assert len(shown) == 1 and "became overdue since the last start" in shown[0]
        assert "Fictional Foods GmbH" in shown[0] and "Placeholder" not in shown[0]
        assert [n.severity for n in app._notifications] == ["warning"]
        await pilot.press("r")  # refreshing the dashboard does not toast again
        await settle(app, pilot)
        assert len(list(app._notifications)) == 1
    with open_store() as vault:
        store = Store(vault)
        assert store.setting(SEEN_OVERDUE_SETTING) == [request_of(store, "Fictional Foods GmbH").id]

    again = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with again.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(again, pilot)
        assert type(again.screen).__name__ == "DashboardScreen"
        assert toasts(again) == [] and list(again._notifications) == []

    # Ten days on, the LGPD request (due 16 Mar) is late too: only it is new.
    later = build_app(today=TODAY + timedelta(days=10), passphrase=PASS, blink=False)
    async with later.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(later, pilot)
        shown = toasts(later)
        assert len(shown) == 1 and "Placeholder Telecom Ltda" in shown[0] and "Fictional Foods" not in shown[0]
    with open_store() as vault:
        store = Store(vault)
        seen = store.setting(SEEN_OVERDUE_SETTING)
        assert set(seen) == {request_of(store, "Fictional Foods GmbH").id, request_of(store, "Placeholder Telecom Ltda").id}


@pytest.fixture
def uk_overdue(demo_home) -> str:
    """Mock Mobility's UK GDPR request, sent 40 days ago and unanswered: overdue."""
    with open_store(writable=True) as vault:
        store = Store(vault)
        r = request_of(store, "Mock Mobility Ltd")
        r = append_event(r, "sent", TODAY - timedelta(days=40), "emailed")
        store.save_request(replace(r, transport="smtp", sent_text=r.body))
        return r.id


async def open_detail(app, pilot, rid: str) -> None:
    await settle(app, pilot)
    app.action_open_request(rid)
    await settle(app, pilot)
    assert type(app.screen).__name__ == "RequestDetailScreen"


async def test_complaint_for_a_uk_gdpr_request_goes_to_the_ico(uk_overdue):
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, uk_overdue)
        assert "overdue" in str(app.screen.query_one("#request-summary").render())
        await pilot.press("c")
        await settle(app, pilot)
        screen = app.screen
        recipient = str(screen.query_one("#followup-recipient").render())
        assert "Information Commissioner's Office" in recipient and "ico.org.uk/make-a-complaint" in recipient
        # the ICO takes complaints through its web form only: no email transports
        assert screen.query_one("#esc-via-smtp").disabled and screen.query_one("#esc-via-copy").value
        assert "Complaint" in screen.query_one("#followup-title").render().plain
        with open_store() as vault:
            store = Store(vault)
            complaints = [m for m in store.messages(uk_overdue) if m.kind == "complaint"]
            request = store.request(uk_overdue)
        assert len(complaints) == 1 and not complaints[0].sent_at
        assert complaints[0].to.startswith("https://ico.org.uk/")
        draft_event = request.events[-1]
        assert draft_event.kind == "message" and draft_event.data["draft"] and draft_event.data["recipient"]["key"] == "ico"
        table = screen.query_one("#timeline-table")
        detail = " ".join(str(table.get_row_at(table.row_count - 1)[2]).split())  # wrapped to the column
        assert "complaint to the Information Commissioner's Office drafted" in detail

        screen.query_one("#send-followup").press()  # copy: the text for the web form
        await settle(app, pilot)
        assert "ico.org.uk" in str(screen.query_one("#followup-result").render())
        assert complaints[0].subject in app.clipboard and "send-escalation" not in app.clipboard
        screen.query_one("#record-followup").press()
        await settle(app, pilot)
        assert "Recorded as sent" in str(screen.query_one("#followup-result").render())
    with open_store() as vault:
        store = Store(vault)
        sent = store.message(complaints[0].id)
        last = store.request(uk_overdue).events[-1]
    assert sent.sent_at and sent.transport == "copy"
    assert last.kind == "message" and "through the web form" in last.detail


async def test_reminder_to_the_company_over_smtp(demo_home, make_smtp_server):
    server = make_smtp_server()
    with open_store(writable=True) as vault:
        store = Store(vault)
        store.set_setting("smtp", server.settings().to_dict())
        rid = request_of(store, "Fictional Foods GmbH").id
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, rid)
        await pilot.press("r")
        await settle(app, pilot)
        screen = app.screen
        assert "privacy@fictional-foods.example.com" in str(screen.query_one("#followup-recipient").render())
        assert screen.query_one("#esc-via-smtp").value  # email is the default where the company takes it
        assert screen.query_one("#record-followup").disabled
        screen.query_one("#send-followup").press()
        await settle(app, pilot)
        result = str(screen.query_one("#followup-result").render())
        assert "sent to privacy@fictional-foods.example.com" in result, result
        assert screen.query_one("#send-followup").disabled  # not twice by accident
        table = screen.query_one("#timeline-table")
        assert "emailed to privacy@fictional-foods.example.com" in " ".join(str(table.get_row_at(table.row_count - 1)[2]).split())
    received = server.wait_for_message()
    assert "privacy@fictional-foods.example.com" in received.rcpt_tos
    sent_mail = message_from_bytes(received.data, policy=policy.default)
    assert sent_mail["Subject"].strip().startswith("Reminder:") and "is overdue" in sent_mail["Subject"]
    with open_store() as vault:
        store = Store(vault)
        reminders = [m for m in store.messages(rid) if m.kind == "reminder"]
        last = store.request(rid).events[-1]
    assert len(reminders) == 1 and reminders[0].sent_at and reminders[0].transport == "smtp"
    assert last.kind == "message" and last.data["escalation"] == reminders[0].id and not last.data.get("draft")


async def test_send_failure_shows_one_line_inline_and_the_draft_is_offered_again(demo_home):
    with open_store() as vault:
        rid = request_of(Store(vault), "Fictional Foods GmbH").id
    app = build_app(today=TODAY, passphrase=PASS, blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, rid)
        await pilot.press("r")
        await settle(app, pilot)
        app.screen.query_one("#send-followup").press()  # SMTP is not configured
        await settle(app, pilot)
        line = app.screen.query_one("#followup-result")
        assert "SMTP is not configured" in str(line.render()) and line.has_class("error-line")
        assert not app.screen.query_one("#send-followup").disabled
        await pilot.press("escape")
        await settle(app, pilot)
        app.action_open_request(rid)
        await settle(app, pilot)
        box = app.screen.query_one("#followup-box")
        assert box.display and box.message.kind == "reminder"  # the unsent draft, offered again
    with open_store() as vault:
        assert [m.sent_at for m in Store(vault).messages(rid) if m.kind == "reminder"] == [""]
