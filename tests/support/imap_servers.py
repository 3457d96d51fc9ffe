"""A real Dovecot IMAP server for tests, on 127.0.0.1 with a throwaway config, users and Maildir.

tests/conftest.py registers the `dovecot` fixture for every test, so a test just names it:

    def test_x(dovecot):
        dovecot.deliver("INBOX", raw_bytes)          # written into the Maildir
        settings = dovecot.settings("ssl")            # or "starttls"
        ...

Plain-text login only over TLS (disable_plaintext_auth), certificates from smtp_servers'
throwaway CA. The fixture waits until both ports accept connections (bounded, polling the
process too) and kills Dovecot at teardown. Skipped when Dovecot is not installed.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.smtp_servers import make_certificate

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "ada", "imap-secret-pw"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dovecot:
    root: Path
    port: int  # STARTTLS
    ssl_port: int  # implicit TLS
    ca_file: str
    uid: int
    gid: int
    proc: subprocess.Popen

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / USER / "Maildir"

    def folder_dir(self, folder: str) -> Path:
        return self.maildir if folder == "INBOX" else self.maildir / f".{folder}"

    def settings(self, security: str = "ssl", *, folders=("INBOX",), timeout: float = 60.0):
        from privacy_tui.transport.imap_settings import ImapSettings

        return ImapSettings(host="127.0.0.1", port=self.ssl_port if security == "ssl" else self.port, security=security,
                            username=USER, folders=tuple(folders), ca_file=self.ca_file, timeout=timeout)

    def create_folder(self, folder: str) -> None:
        with self.admin() as conn:
            conn.create(folder)

    def delete_folder(self, folder: str) -> None:
        with self.admin() as conn:
            conn.delete(folder)

    def deliver(self, folder: str, raw: bytes, *, seen: bool = False) -> None:
        """Write one message into the folder's Maildir (as an MTA would)."""
        base = self.folder_dir(folder)
        for sub in ("tmp", "new", "cur"):
            (base / sub).mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.test"
        tmp = base / "tmp" / name
        tmp.write_bytes(raw)
        final = base / ("cur" if seen else "new") / (name + (":2,S" if seen else ""))
        os.rename(tmp, final)
        self.fix_owner()

    def deliver_quietly(self, folder: str, raw: bytes, n: int) -> None:
        """Bulk delivery (benchmarks): no ownership fix per message; call fix_owner() after."""
        base = self.folder_dir(folder)
        (base / "new").mkdir(parents=True, exist_ok=True)
        (base / "new" / f"{n}.bulk.test").write_bytes(raw)

    def fix_owner(self) -> None:
        if os.geteuid() == 0:
            for dirpath, _dirnames, filenames in os.walk(self.root / "mail"):
                os.chown(dirpath, self.uid, self.gid)
                for f in filenames:
                    os.chown(os.path.join(dirpath, f), self.uid, self.gid)

    def admin(self):
        """A separate IMAP session (read-write) for the test itself."""
        ctx = ssl.create_default_context(cafile=self.ca_file)
        conn = imaplib.IMAP4_SSL("127.0.0.1", self.ssl_port, ssl_context=ctx, timeout=30)
        conn.login(USER, PASSWORD)
        return conn

    def flags(self, folder: str = "INBOX") -> dict[int, bytes]:
        """{uid: flags} read with EXAMINE (so the check itself changes nothing)."""
        with self.admin() as conn:
            typ, _ = conn.select(f'"{folder}"', readonly=True)
            assert typ == "OK"
            typ, data = conn.uid("FETCH", "1:*", "(UID FLAGS)")
            found = {}
            for line in data:
                if isinstance(line, bytes) and b"UID" in line:
                    import re

                    uid = int(re.search(rb"UID (\d+)", line).group(1))
                    found[uid] = re.search(rb"FLAGS \(([^)]*)\)", line).group(1)
            return found

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _config(root: Path, cert, port: int, ssl_port: int, uid: int, gid: int, internal_user: str) -> str:
    return f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = pt-{root.name}
listen = 127.0.0.1
protocols = imap
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_internal_user = {internal_user}
default_internal_group = {internal_user if internal_user != 'dovecot' else 'dovecot'}
default_login_user = {internal_user if internal_user != 'dovecot' else 'dovenull'}
first_valid_uid = 1
ssl = yes
ssl_cert = <{cert.cert_file}
ssl_key = <{cert.key_file}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = .
}}
"""


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path, bound: float = 60.0) -> None:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dovecot exited ({proc.returncode}): {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2):
                return
        except OSError:
            # Poll, not sleep-and-hope: each attempt is bounded and the loop has a generous overall bound.
            proc_wait = 0.05
            try:
                proc.wait(timeout=proc_wait)
            except subprocess.TimeoutExpired:
                pass
    raise RuntimeError(f"dovecot did not listen on {port} within {bound:g} s")


def start_dovecot(root: Path) -> Dovecot:
    if not os.path.exists(DOVECOT):
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd)")
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    os.chmod(root.parent, 0o755)
    cert = make_certificate(root / "tls")
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        uid, gid, internal = nobody.pw_uid, nobody.pw_gid, "dovecot"
    else:
        uid, gid = os.geteuid(), os.getegid()
        internal = pwd.getpwuid(uid).pw_name
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}/mail/{USER}\n")
    os.chmod(root / "users", 0o644)
    (root / "mail" / USER / "Maildir").mkdir(parents=True)
    for sub in ("tmp", "new", "cur"):
        (root / "mail" / USER / "Maildir" / sub).mkdir()
    if os.geteuid() == 0:
        for dirpath, _, _ in os.walk(root / "mail"):
            os.chown(dirpath, uid, gid)
        os.chmod(cert.key_file, 0o644)
    port, ssl_port = _free_port(), _free_port()
    config = root / "dovecot.conf"
    config.write_text(_config(root, cert, port, ssl_port, uid, gid, internal))
    with open(root / "stderr.log", "wb") as stderr:  # Dovecot keeps its own copy of the descriptor
        proc = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        _wait_for_port(port, proc, root / "stderr.log")
        _wait_for_port(ssl_port, proc, root / "stderr.log")
    except BaseException:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        raise
    return Dovecot(root, port, ssl_port, cert.ca_file, uid, gid, proc)


@pytest.fixture
def dovecot():
    # Not under pytest's basetemp: pytest keeps that 0700, and Dovecot's auth and mail processes
    # run as other users who must reach the users file and the Maildir.
    root = Path(tempfile.mkdtemp(prefix="pt-dovecot-"))
    try:
        server = start_dovecot(root / "srv")
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
