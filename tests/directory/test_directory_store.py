"""The stored directory in the home folder: import, update over HTTP (local server), info."""

from __future__ import annotations

import json
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from privacy_tui.core.directory import DirectoryIndex
from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.services import directory_store as store
from privacy_tui.vault.paths import paths


@pytest.fixture
def dump_path(shared_dir) -> Path:
    return shared_dir / "directory" / "datarequests-db.json"


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.seen.append((self.path, self.headers.get("User-Agent", "")))
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading (size limit)
            pass

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server(dump_path):
    """A real HTTP server on 127.0.0.1 serving the fixture dump and some bad answers."""
    raw = json.loads(dump_path.read_text(encoding="utf-8"))
    offline = {
        "date": "2026-07-30T08:00:00.000Z",
        "dump-format": 1,
        "companies": json.dumps(raw["companies"][:25]),
        "supervisory-authorities": json.dumps(raw["supervisory-authorities"]),
        "company-packs": json.dumps({}),
    }
    handler = type("Handler", (_Handler,), {"routes": {}, "seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    handler.routes.update(
        {
            "/db.json": (200, {"Content-Type": "application/json"}, dump_path.read_bytes()),
            "/offline-data.json": (200, {"Content-Type": "application/json"}, json.dumps(offline).encode()),
            "/broken.json": (200, {}, b'{"companies": [ oops'),
            "/empty.json": (200, {}, b'{"companies": []}'),
            "/moved": (302, {"Location": "/db.json"}, b""),
            "/downgrade": (302, {"Location": "http://192.0.2.1/db.json"}, b""),
            "/error": (500, {}, b"boom"),
        }
    )
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield base, handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


# --- import ----------------------------------------------------------------------------------


def test_nothing_imported_yet():
    with pytest.raises(UserError) as err:
        store.open_index()
    assert str(err.value) == store.NOT_IMPORTED
    shipped = store.load_authorities()  # the supervisory authorities ship with the package
    assert len(shipped) == 57 and "frcnil" in {a.slug for a in shipped}
    info = store.directory_info()
    assert info["imported"] is False
    assert not paths().directory.exists()  # asking created nothing


def test_import_stores_privately_and_searches(dump_path):
    summary = store.import_directory(dump_path)
    assert (summary.companies, summary.authorities, summary.skipped) == (3070, 57, 0)
    assert "2026-07-21" in summary.source
    assert summary.origin == str(dump_path)
    stored = Path(summary.path)
    assert stored.parent == paths().directory
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths().directory.stat().st_mode) == 0o700
    assert not list(paths().directory.glob("*.tmp"))
    assert not paths().vault.exists()  # public data, kept apart from the vault

    index = store.open_index()
    assert isinstance(index, DirectoryIndex) and len(index) == 3070
    assert index.search("gogle")[0].entry.slug == "google"
    assert store.open_index() is index  # cached while the file is unchanged
    assert index.get("google").country == "US"  # kept in the stored copy

    info = store.directory_info()
    assert info["imported"] is True
    assert info["source"] == summary.source and info["imported_at"] == summary.imported_at
    assert (info["companies"], info["supervisory_authorities"]) == (3070, 57)


def test_authorities_after_import(dump_path):
    store.import_directory(dump_path)
    assert len(store.load_authorities()) == 57
    assert [a.slug for a in store.authorities_for_country("FR")] == ["frcnil"]


def test_import_with_bad_records_counts_them(tmp_path, dump_path):
    raw = json.loads(dump_path.read_text(encoding="utf-8"))
    companies = raw["companies"][:10] + [{"slug": "no-name"}, "junk"]
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({"companies": companies, "supervisory-authorities": []}), encoding="utf-8")
    summary = store.import_directory(path)
    assert summary.companies == 10 and summary.skipped == 2 and len(summary.messages) == 2
    assert store.directory_info()["skipped_at_import"] == 2


def test_broken_import_keeps_the_current_directory(tmp_path, dump_path):
    first = store.import_directory(dump_path)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError) as err:
        store.import_directory(broken)
    assert "no usable company records" in str(err.value) and "not valid JSON" in str(err.value)
    assert store.directory_info()["imported_at"] == first.imported_at
    assert len(store.open_index()) == 3070


def test_import_missing_path():
    with pytest.raises(UserError, match="no such file or folder"):
        store.import_directory("/nonexistent/db.json")


def test_damaged_store_is_a_user_error(dump_path):
    store.import_directory(dump_path)
    store.store_path().write_text("{half a file", encoding="utf-8")
    with pytest.raises(UserError, match="damaged"):
        store.open_index()


def test_foreign_file_in_place_of_the_store(dump_path):
    paths().directory.mkdir(parents=True)
    store.store_path().write_bytes(dump_path.read_bytes())  # a raw dump, not our format
    with pytest.raises(UserError, match="not a directory stored by privacy-tui"):
        store.open_index()


# --- update over HTTP ------------------------------------------------------------------------


def test_update_from_local_server(server):
    base, handler = server
    summary = store.update_directory(f"{base}/db.json")
    assert (summary.companies, summary.authorities) == (3070, 57)
    assert summary.origin == f"{base}/db.json"
    assert "datenanfragen/data" in summary.source
    assert handler.seen[-1][1].startswith("privacy-tui/")
    assert store.open_index().search("facebook.com")[0].entry.slug == "facebook"


def test_update_reads_offline_data_format(server):
    base, _ = server
    summary = store.update_directory(f"{base}/offline-data.json")
    assert summary.companies == 25 and summary.authorities == 57
    assert summary.source == "datarequests.org offline data of 2026-07-30T08:00:00.000Z"
    assert store.directory_info()["source"] == summary.source


def test_update_follows_redirects_on_loopback(server):
    base, handler = server
    assert store.update_directory(f"{base}/moved").companies == 3070
    assert [p for p, _ua in handler.seen] == ["/moved", "/db.json"]


def test_update_refuses_a_redirect_to_plain_http(server):
    base, handler = server
    with pytest.raises(TransportError, match="refused address: redirects must go to https"):
        store.update_directory(f"{base}/downgrade")
    assert [p for p, _ua in handler.seen] == ["/downgrade"]  # the http URL was never requested


@pytest.mark.parametrize(
    ("path", "error", "text"),
    [
        ("/error", TransportError, "HTTP 500"),
        ("/nothing-here", TransportError, "HTTP 404"),
        ("/broken.json", TransportError, "is not JSON"),
        ("/empty.json", UserError, "no usable company records"),
    ],
)
def test_update_failures_keep_the_current_directory(server, dump_path, path, error, text):
    base, _ = server
    first = store.import_directory(dump_path)
    with pytest.raises(error, match=text):
        store.update_directory(f"{base}{path}")
    assert store.directory_info()["imported_at"] == first.imported_at


def test_update_size_limit(server):
    base, _ = server
    with pytest.raises(TransportError, match="larger than"):
        store.update_directory(f"{base}/db.json", max_bytes=1024 * 1024)
    assert store.directory_info()["imported"] is False


def test_update_connection_refused():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(TransportError, match="could not download"):
        store.update_directory(f"http://127.0.0.1:{port}/db.json")


@pytest.mark.parametrize(
    "url",
    ["http://www.datarequests.org/offline-data.json", "ftp://127.0.0.1/db.json", "file:///etc/passwd", "not a url", "https://"],
)
def test_update_refuses_insecure_urls_before_any_request(url):
    with pytest.raises(UserError, match="must be https"):
        store.update_directory(url)


def test_default_url_is_https():
    assert store.check_url(store.DEFAULT_URL) == store.DEFAULT_URL
    assert store.DEFAULT_URL.startswith("https://www.datarequests.org/")
    assert store.check_url("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080/x"
    assert store.check_url("http://[::1]:8080/x") == "http://[::1]:8080/x"
