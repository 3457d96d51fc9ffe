"""`inbox sync` against a real Dovecot: incremental, read-only, UIDVALIDITY change, vanished
folder; a raw-socket peer that drops the connection mid-fetch; the deadline."""

from __future__ import annotations

import socket
import ssl
import threading

import pytest
from support.imap_servers import PASSWORD
from support.inbox import add_sent_request, no_dkim, reply

from privacy_tui.core.errors import TransportError
from privacy_tui.services import inbox
from privacy_tui.services.inbox_sync import STATE_SETTING, sync
from privacy_tui.vault.rollback import generation

EXT = "Due to the complexity of your request we need to extend the deadline by two further months."


def _msgs(request, n, start=0):
    return [reply(sender="dpo@acme.example", subject=f"Re: request {request.reference} #{i}", body=f"{EXT} ({i})",
                  message_id=f"<m{i}@acme.example>") for i in range(start, start + n)]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_sync_is_incremental_and_changes_nothing_on_the_server(store, dovecot, security):
    _, request = add_sent_request(store)
    for raw in _msgs(request, 3):
        dovecot.deliver("INBOX", raw)
    dovecot.deliver("INBOX", _msgs(request, 1, start=3)[0], seen=True)
    flags_before = dovecot.flags()
    files_before = sorted(p.name for p in dovecot.maildir.rglob("*") if p.is_file() and "dovecot" not in p.name)
    report = sync(store, dovecot.settings(security), PASSWORD, dkim=no_dkim)
    assert report.fetched == 4 and report.ingest.added == 4 and report.ingest.matched == 4
    raws = {inbox.raw_message(store, m["id"]) for m in inbox.list_messages(store)}
    assert raws == set(_msgs(request, 4))  # the exact bytes
    # Read-only: no flag changed (no \Seen set by the fetch), no message moved or deleted.
    assert dovecot.flags() == flags_before
    assert b"\\Seen" not in flags_before[1] and b"\\Seen" in flags_before[4]
    assert sorted(p.name for p in dovecot.maildir.rglob("*") if p.is_file() and "dovecot" not in p.name) == files_before
    # Nothing new: nothing fetched, no vault write.
    before = generation(store.vault.header)
    again = sync(store, dovecot.settings(security), PASSWORD, dkim=no_dkim)
    assert again.fetched == 0 and generation(store.vault.header) == before
    # One new message: only it is fetched.
    dovecot.deliver("INBOX", _msgs(request, 1, start=10)[0])
    third = sync(store, dovecot.settings(security), PASSWORD, dkim=no_dkim)
    assert third.fetched == 1 and third.ingest.added == 1
    assert len(inbox.list_messages(store)) == 5


@pytest.mark.timeout(180)
def test_uidvalidity_change_rereads_the_folder_without_duplicates(store, dovecot):
    _, request = add_sent_request(store)
    dovecot.create_folder("Replies")
    for raw in _msgs(request, 2):
        dovecot.deliver("Replies", raw)
    settings = dovecot.settings(folders=("Replies",))
    assert sync(store, settings, PASSWORD, dkim=no_dkim).ingest.added == 2
    validity = store.setting(STATE_SETTING)["Replies"]["uidvalidity"]
    dovecot.delete_folder("Replies")
    dovecot.create_folder("Replies")
    for raw in _msgs(request, 3):  # the same two again, and one more
        dovecot.deliver("Replies", raw)
    report = sync(store, settings, PASSWORD, dkim=no_dkim)
    assert any("UIDVALIDITY" in w for w in report.warnings)
    assert report.fetched == 3 and report.ingest.added == 1 and report.ingest.duplicates == 2
    assert store.setting(STATE_SETTING)["Replies"]["uidvalidity"] != validity


@pytest.mark.timeout(180)
def test_a_folder_that_vanished_is_reported_and_the_others_still_sync(store, dovecot):
    _, request = add_sent_request(store)
    dovecot.deliver("INBOX", _msgs(request, 1)[0])
    report = sync(store, dovecot.settings(folders=("Gone", "INBOX")), PASSWORD, dkim=no_dkim)
    assert report.folders["Gone"].startswith("not found")
    assert report.ingest.added == 1


def test_wrong_password_is_a_clear_error(store, dovecot):
    from privacy_tui.core.errors import UserError

    with pytest.raises(UserError, match="refused the login"):
        sync(store, dovecot.settings(), "wrong", dkim=no_dkim)


# --- a hostile raw-socket peer -------------------------------------------------------------------


class _DroppingPeer:
    """Speaks just enough IMAP over TLS to get to a FETCH, then sends half a literal and closes
    (`mode="drop"`), or stalls forever after the greeting (`mode="stall"`)."""

    def __init__(self, cert, mode: str, messages: list[bytes]) -> None:
        self.ctx = cert.server_context()
        self.mode = mode
        self.messages = messages
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            raw, _ = self.sock.accept()
        except OSError:
            return
        try:
            conn = self.ctx.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            return
        f = conn.makefile("rb")
        try:
            conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
            if self.mode == "stall":
                self.release.wait(120)
                return
            while True:
                line = f.readline()
                if not line:
                    return
                tag, _, rest = line.partition(b" ")
                cmd = rest.upper()
                if cmd.startswith(b"CAPABILITY"):
                    conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                elif cmd.startswith(b"LOGIN"):
                    conn.sendall(tag + b" OK logged in\r\n")
                elif cmd.startswith(b"EXAMINE"):
                    conn.sendall(b"* %d EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT %d] n\r\n" % (len(self.messages), len(self.messages) + 1)
                                 + tag + b" OK [READ-ONLY] done\r\n")
                elif cmd.startswith(b"UID SEARCH"):
                    conn.sendall(b"* SEARCH " + b" ".join(str(i + 1).encode() for i in range(len(self.messages))) + b"\r\n" + tag + b" OK\r\n")
                elif cmd.startswith(b"UID FETCH") and b"RFC822.SIZE" in cmd:
                    body = b"".join(b"* %d FETCH (UID %d RFC822.SIZE %d)\r\n" % (i + 1, i + 1, len(m)) for i, m in enumerate(self.messages))
                    conn.sendall(body + tag + b" OK\r\n")
                elif cmd.startswith(b"UID FETCH"):
                    first = self.messages[0]
                    conn.sendall(b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % len(first) + first[: len(first) // 2])
                    return  # the connection drops in the middle of the literal
                elif cmd.startswith(b"LOGOUT"):
                    conn.sendall(b"* BYE\r\n" + tag + b" OK\r\n")
                    return
                else:
                    conn.sendall(tag + b" BAD unknown\r\n")
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self.release.set()
        self.sock.close()
        self.thread.join(10)


@pytest.fixture
def cert(tmp_path):
    from support.smtp_servers import make_certificate

    return make_certificate(tmp_path / "tls")


def _peer_settings(peer, cert, timeout=30.0):
    from privacy_tui.transport.imap_settings import ImapSettings

    return ImapSettings(host="127.0.0.1", port=peer.port, security="ssl", username="ada", ca_file=cert.ca_file, timeout=timeout)


def test_a_connection_dropped_mid_fetch_is_a_network_error_and_nothing_half_is_kept(store, cert):
    _, request = add_sent_request(store)
    peer = _DroppingPeer(cert, "drop", _msgs(request, 2))
    try:
        with pytest.raises(TransportError):
            sync(store, _peer_settings(peer, cert), "pw", dkim=no_dkim)
    finally:
        peer.close()
    assert inbox.list_messages(store) == []
    assert store.vault.blobs.ids() == []
    assert not (store.setting(STATE_SETTING) or {}).get("INBOX", {}).get("last_uid")


def test_a_stalling_server_hits_the_total_deadline(store, cert):
    peer = _DroppingPeer(cert, "stall", [])
    try:
        with pytest.raises(TransportError, match="longer than"):
            sync(store, _peer_settings(peer, cert, timeout=1.0), "pw", dkim=no_dkim)
    finally:
        peer.close()
