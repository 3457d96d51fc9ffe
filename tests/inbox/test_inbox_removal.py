"""Removed with their request (issue 14): `request remove` and `company remove --force` take the
request's sent letters, its inbox replies and their encrypted blobs with it, in one vault write."""

from __future__ import annotations

import json

import pytest
from support.cli import assert_one_line_error, run_cli
from support.inbox import add_sent_request, no_dkim, reply
from support.vault import make_vault, open_vault

from privacy_tui.core.errors import VaultError
from privacy_tui.services import inbox
from privacy_tui.services.removal import remove_requests
from privacy_tui.vault.rollback import generation
from privacy_tui.vault.store import Store

BODY = "Due to the complexity of your request we need to extend the deadline by two further months."


def _two_requests_with_replies(paths):
    """Two companies, each a request with one reply carrying an attachment: 2 blobs each."""
    with open_vault(paths, writable=True) as vault:
        store = Store(vault)
        ids = []
        for name, domain in (("Acme Ltd", "acme.example"), ("Other plc", "other.example")):
            company, request = add_sent_request(store, name=name, domain=domain)
            raw = reply(sender=f"dpo@{domain}", subject=f"Your request {request.reference}", body=BODY,
                        attachments=[("data.csv", "text/csv", b"a,b\n1,2\n")])
            report = inbox.ingest_many(store, [(raw, {})], dkim=no_dkim)
            assert report.matched == 1
            ids.append((company.id, request.id))
        assert len(vault.blobs.ids()) == 4
    return ids


def _state(paths):
    with open_vault(paths) as vault:
        store = Store(vault)
        return ({r.id for r in store.requests()}, {m.request_id for r in store.requests() for m in store.messages(r.id)},
                {m["request_id"] for m in inbox.list_messages(store)}, set(vault.blobs.ids()),
                {c.id for c in store.companies()})


def test_request_remove_yes_removes_request_messages_inbox_and_blobs_only_of_that_request():
    paths, _ = make_vault()
    (c1, r1), (c2, r2) = _two_requests_with_replies(paths)
    _, _, _, blobs_before, _ = _state(paths)
    rc, out, err = run_cli("request", "remove", r1, "--yes")
    assert rc == 0, out + err
    assert "1 request(s), 1 sent message(s), 1 inbox message(s) and 2 encrypted blob(s)" in out
    requests, sent_for, inbox_for, blobs, companies = _state(paths)
    assert requests == {r2} and sent_for == {r2} and inbox_for == {r2}
    assert len(blobs) == 2 and blobs < blobs_before
    assert companies == {c1, c2}  # the company stays: only the request was asked for
    rc, out, err = run_cli("vault", "check", "--json")
    report = json.loads(out)
    assert rc == 0 and report["problems"] == [] and report["blobs"]["unreferenced"] == [], out + err


def test_request_remove_without_terminal_and_without_yes_exits_2_and_removes_nothing():
    paths, _ = make_vault()
    _two_requests_with_replies(paths)
    before = _state(paths)
    r1 = sorted(before[0])[0]
    rc, out, err = run_cli("request", "remove", r1)
    assert rc == 2
    assert_one_line_error(err, contains="--yes")
    assert _state(paths) == before


def test_request_remove_of_an_unknown_request_is_a_clear_error():
    make_vault()
    rc, out, err = run_cli("request", "remove", "rnothere1", "--yes")
    assert rc == 2
    assert_one_line_error(err)


def test_company_remove_force_takes_its_requests_and_their_evidence_with_it():
    paths, _ = make_vault()
    (c1, r1), (c2, r2) = _two_requests_with_replies(paths)
    rc, out, err = run_cli("company", "remove", c1)
    assert rc == 2 and "--force" in err
    rc, out, err = run_cli("company", "remove", c1, "--force")
    assert rc == 0, out + err
    assert "2 encrypted blob(s)" in out
    requests, sent_for, inbox_for, blobs, companies = _state(paths)
    assert companies == {c2} and requests == {r2} and sent_for == {r2} and inbox_for == {r2} and len(blobs) == 2


def test_a_failed_vault_write_keeps_every_record_and_blob(monkeypatch):
    paths, _ = make_vault()
    (_, r1), _ = _two_requests_with_replies(paths)
    before = _state(paths)
    with open_vault(paths, writable=True) as vault:
        store = Store(vault)
        written = generation(vault.header)

        from privacy_tui.vault import atomic

        def full_disk(*a, **k):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(atomic, "replace_file", full_disk)
        with pytest.raises(VaultError):
            remove_requests(store, [store.request(r1)])
        assert generation(vault.header) == written
        monkeypatch.undo()
    assert _state(paths) == before


@pytest.mark.parametrize("answer, removed", [("n", False), ("y", True)])
def test_request_remove_asks_at_a_terminal(answer, removed):
    import os
    import pty
    import subprocess
    import sys

    from support.cli import cli_env

    paths, _ = make_vault()
    (_, r1), (_, r2) = _two_requests_with_replies(paths)
    master, slave = pty.openpty()
    try:
        os.write(master, f"{answer}\n".encode())  # typed ahead: the terminal keeps it until input() reads
        proc = subprocess.run([sys.executable, "-m", "privacy_tui", "request", "remove", r1], stdin=slave,
                              capture_output=True, text=True, env=cli_env(), timeout=60)
    finally:
        os.close(slave)
        os.close(master)
    assert "Remove request" in proc.stdout and "2 blob(s)" in proc.stdout, proc.stdout + proc.stderr
    requests = _state(paths)[0]
    if removed:
        assert proc.returncode == 0 and requests == {r2}
    else:
        assert proc.returncode == 2 and "nothing was removed" in proc.stderr and requests == {r1, r2}
