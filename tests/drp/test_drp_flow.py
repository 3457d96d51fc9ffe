"""DRP end to end through the command line, against the real test provider on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
from support.cli import run_main
from support.drp_provider import DrpProvider

AGENT_ID = "privacy-tui-test-agent"


@pytest.fixture
def drp_home(real_keyring, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery")
    assert run_main(capsys, "init")[0] == 0
    rc, out, _ = run_main(capsys, "drp", "keygen", "--json")
    assert rc == 0
    verify_key = json.loads(out)["verify_key"]
    with DrpProvider() as provider:
        provider.register_agent(AGENT_ID, verify_key)
        directory = tmp_path / "businesses.json"
        directory.write_text(json.dumps([provider.business_entry()]))
        assert run_main(capsys, "drp", "config", "--agent-id", AGENT_ID)[0] == 0
        assert run_main(capsys, "drp", "businesses", str(directory))[0] == 0
        assert run_main(capsys, "profile", "set", "--name", "Zoë Example", "--email", "zoe@example.com", "--country", "US", "--state", "CA")[0] == 0
        rc, out, _ = run_main(capsys, "company", "add", "Business Inc", "--country", "US", "--subdivision", "CA", "--regime", "ccpa")
        company = out.strip()
        assert run_main(capsys, "drp", "link", company, provider.business_id)[0] == 0
        yield provider, company
    from privacy_tui.vault import drp_keys

    drp_keys.delete_token(provider.business_id)
    drp_keys.rotate_agent_key()


def test_send_poll_and_finish_through_drp(drp_home, capsys):
    provider, company = drp_home
    rc, out, _ = run_main(capsys, "request", "new", company, "--type", "access", "--regime", "ccpa", "--today", "2026-11-02")
    request_id = out.strip()
    rc, out, err = run_main(capsys, "request", "send", request_id, "--via", "drp", "--today", "2026-11-02", "--json")
    assert rc == 0, err
    sent = json.loads(out)
    assert sent["sent"] is True
    exercises = provider.calls("POST", "/v1/data-rights-request")
    assert len(exercises) == 1
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-02")
    shown = json.loads(out)
    assert shown["status"] == "sent" and shown["sent"] == "2026-11-02"
    assert shown["due"] == "2026-12-17"  # 45 calendar days under the CCPA
    drp_id = provider_request_id = next(iter(provider.requests))
    provider.set_status(provider_request_id, "in_progress")
    rc, out, _ = run_main(capsys, "request", "poll", "--json", "--today", "2026-11-05")
    assert json.loads(out) == [{"id": request_id, "drp_request_id": drp_id, "drp_status": "in_progress"}]
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-05")
    assert json.loads(out)["status"] == "acknowledged"
    provider.set_status(provider_request_id, "fulfilled")
    run_main(capsys, "request", "poll", request_id, "--today", "2026-11-20")
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-20")
    assert json.loads(out)["status"] == "done"
    # Polling again changes nothing: no duplicate events.
    before = json.loads(out)["timeline"]
    run_main(capsys, "request", "poll", request_id, "--today", "2026-11-21")
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-21")
    assert json.loads(out)["timeline"] == before
    # Sending again is refused without --resend.
    rc, _, err = run_main(capsys, "request", "send", request_id, "--via", "drp")
    assert rc == 2 and "already sent" in err


def test_revoke_withdraws_the_request(drp_home, capsys):
    provider, company = drp_home
    rc, out, _ = run_main(capsys, "request", "new", company, "--type", "deletion", "--regime", "ccpa", "--today", "2026-11-02")
    request_id = out.strip()
    assert run_main(capsys, "request", "send", request_id, "--via", "drp", "--today", "2026-11-02")[0] == 0
    rc, out, err = run_main(capsys, "request", "revoke", request_id, "--reason", "changed my mind", "--today", "2026-11-03")
    assert rc == 0, err
    assert out.strip() == f"{request_id} revoked"
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-03")
    assert json.loads(out)["status"] == "withdrawn"
    stored = next(iter(provider.requests.values()))
    assert stored.status["status"] == "revoked"


def sent_drp_request(capsys, company) -> str:
    rc, out, _ = run_main(capsys, "request", "new", company, "--type", "deletion", "--regime", "ccpa", "--today", "2026-11-02")
    request_id = out.strip()
    assert run_main(capsys, "request", "send", request_id, "--via", "drp", "--today", "2026-11-02")[0] == 0
    return request_id


def test_revoke_answered_with_another_status_is_reported_not_claimed(drp_home, capsys):
    # DRP 1.0 2.04.1: the answer MUST carry the new `revoked` state. This business keeps it in progress.
    provider, company = drp_home
    request_id = sent_drp_request(capsys, company)
    provider.set_status(next(iter(provider.requests)), "in_progress", processing_details="already being deleted")
    provider.refuse_revoke = True
    rc, out, err = run_main(capsys, "request", "revoke", request_id, "--reason", "changed my mind", "--today", "2026-11-03")
    assert rc == 4 and out == "" and "revoked" not in out
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "did not revoke" in err and "in_progress" in err and "already being deleted" in err
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-03")
    shown = json.loads(out)
    assert shown["status"] != "withdrawn"
    assert shown["timeline"][-1]["kind"] == "acknowledged"  # what the business said is recorded
    assert provider.calls("DELETE")  # it was asked


def test_revoke_answered_fulfilled_is_not_revoked(drp_home, capsys):
    provider, company = drp_home
    request_id = sent_drp_request(capsys, company)
    drp_id = next(iter(provider.requests))
    provider.inject(200, {"request_id": drp_id, "status": "fulfilled"}, method="DELETE")
    rc, out, err = run_main(capsys, "request", "revoke", request_id, "--today", "2026-11-03")
    assert rc == 4 and "'fulfilled'" in err and out == ""
    rc, out, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-03")
    assert json.loads(out)["status"] == "done"


def test_revoke_answered_for_another_request_records_nothing(drp_home, capsys):
    provider, company = drp_home
    request_id = sent_drp_request(capsys, company)
    rc, before, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-03")
    provider.inject(200, {"request_id": "someone-else", "status": "revoked"}, method="DELETE")
    rc, out, err = run_main(capsys, "request", "revoke", request_id, "--today", "2026-11-03")
    assert rc == 4 and "another request" in err
    rc, after, _ = run_main(capsys, "request", "show", request_id, "--json", "--today", "2026-11-03")
    assert json.loads(after) == json.loads(before)


def test_unlinked_company_is_a_clear_error(drp_home, capsys):
    provider, _ = drp_home
    rc, out, _ = run_main(capsys, "company", "add", "Unlinked Co", "--country", "US", "--subdivision", "CA")
    rc, out, _ = run_main(capsys, "request", "new", out.strip(), "--type", "access", "--regime", "ccpa")
    rc, out, err = run_main(capsys, "request", "send", out.strip(), "--via", "drp")
    assert rc == 2
    assert err.count("\n") == 1 and "drp link" in err
    assert provider.calls("POST", "/v1/data-rights-request") == []
