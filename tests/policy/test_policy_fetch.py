"""Fetching policies over HTTP from a real server on 127.0.0.1, and loading them from files."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from support.paths import POLICY_FIXTURES as FIXTURES

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.policy import MAX_BYTES
from privacy_tui.transport.fetch import USER_AGENT, check_url, fetch_policy, load_policy_source

HTML = (FIXTURES / "ccpa_table.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    release: threading.Event
    seen_agents: list[str]

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        path = self.path
        if path == "/privacy.html":
            self._send(200, HTML)
        elif path == "/hop":
            self._send(302, b"", extra={"Location": "/privacy.html"})
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, b"", extra={"Location": f"/chain/{n + 1}"})
        elif path == "/to-http":
            self._send(301, b"", extra={"Location": "http://policies.example.org/privacy"})
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(MAX_BYTES + 1))
            self.end_headers()
        elif path == "/huge-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no length: HTTP/1.0 body until close
            chunk = b"x" * 65536
            try:
                for _ in range(MAX_BYTES // len(chunk) + 2):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            self.release.wait(10)
            self._send(200, b"too late")
        elif path == "/policy.md":
            self._send(200, (FIXTURES / "eu_gmbh.md").read_bytes(), "text/markdown")
        else:
            self._send(404, b"")


@pytest.fixture
def server():
    release = threading.Event()
    handler = type("Handler", (_Handler,), {"release": release, "seen_agents": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_fetch_html_with_a_user_agent(server):
    base, handler = server
    doc = fetch_policy(f"{base}/privacy.html")
    assert doc.content == HTML
    assert doc.content_type.startswith("text/html")
    assert doc.url == f"{base}/privacy.html"
    assert handler.seen_agents == [USER_AGENT]
    assert USER_AGENT.startswith("privacy-tui/")


def test_redirects_are_followed_up_to_five(server):
    base, _ = server
    assert fetch_policy(f"{base}/hop").url == f"{base}/privacy.html"
    with pytest.raises(TransportError, match="redirects"):
        fetch_policy(f"{base}/chain/0")


def test_a_redirect_to_plain_http_elsewhere_is_refused(server):
    base, _ = server
    with pytest.raises(TransportError, match="refused address"):
        fetch_policy(f"{base}/to-http")


def test_http_errors_and_limits(server):
    base, _ = server
    with pytest.raises(TransportError, match="HTTP 404"):
        fetch_policy(f"{base}/missing")
    with pytest.raises(TransportError, match="5 MB"):
        fetch_policy(f"{base}/huge-declared")
    with pytest.raises(TransportError, match="5 MB"):
        fetch_policy(f"{base}/huge-streamed")


def test_timeout_is_a_clear_error(server):
    base, _ = server
    with pytest.raises(TransportError, match="timed out"):
        fetch_policy(f"{base}/slow", deadline=0.3)


def test_connection_refused_is_a_transport_error():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(TransportError, match="cannot connect"):
        fetch_policy(f"http://127.0.0.1:{port}/privacy")


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://example.com/privacy", True),
        ("http://127.0.0.1:8080/p", True),
        ("http://example.com/privacy", False),
        ("ftp://example.com/privacy", False),
        ("https:///nohost", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_https_or_loopback_http(url, ok):
    if ok:
        assert check_url(url) == url
    else:
        with pytest.raises(UserError):
            check_url(url)


def test_load_policy_source_url_and_file(server, tmp_path):
    base, _ = server
    data, name, ctype, source = load_policy_source(f"{base}/policy.md")
    assert name == "policy.md" and ctype == "text/markdown" and source == f"{base}/policy.md"
    assert data.startswith(b"# Privacy Notice")

    path = tmp_path / "policy.html"
    path.write_bytes(HTML)
    data, name, ctype, source = load_policy_source(str(path))
    assert (data, name, ctype, source) == (HTML, "policy.html", "", str(path))


def test_load_policy_source_errors(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load_policy_source(str(tmp_path / "missing.txt"))
    with pytest.raises(UserError, match="folder"):
        load_policy_source(str(tmp_path))
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(UserError, match="5 MB"):
        load_policy_source(str(big))


def test_cli_analyzes_a_url(server, capsys):
    from privacy_tui.cli import main

    base, _ = server
    assert main(["policy", "analyze", f"{base}/privacy.html", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["company"] == "Brightleaf Labs, Inc."
    assert data["emails"][0] == "privacy@brightleaf.app"
    assert "https://privacy.brightleaf.app/requests/new" in data["webforms"]


def test_cli_reports_fetch_errors_on_one_line(server, capsys):
    from privacy_tui.cli import main

    base, _ = server
    assert main(["policy", "analyze", f"{base}/missing"]) == 4
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "HTTP 404" in err and err.count("\n") == 1
    assert main(["policy", "analyze", "http://example.com/privacy"]) == 2
    assert "https://" in capsys.readouterr().err
