"""The guarded HTTP client against hostile peers on 127.0.0.1.

Every slow peer gets a small total deadline (injected) and must end in HttpTimeout naming the
step that was under way; no test measures wall-clock time (benchmarks/hostile.py does, with
the documented deadlines). Address rules are checked with an injected resolver: no real DNS.
"""

from __future__ import annotations

import threading
from urllib.parse import quote

import pytest
from http_peers import HTML, HostilePeer, SilentTcp, TlsPeer, loopback_counts_as_public, pinned_resolver

from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.transport import http
from privacy_tui.transport.http import HttpError, HttpProtocolError, HttpRefused, HttpTimeout, HttpTooLarge, Network

DEADLINE = 1.0
CAP = 1024 * 1024

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def peer():
    with HostilePeer(bomb_bytes=64 * 1024 * 1024) as server:
        yield server


def get(url: str, **kwargs):
    kwargs.setdefault("deadline", DEADLINE)
    kwargs.setdefault("max_bytes", CAP)
    return http.fetch("GET", url, **kwargs)


def redirect(peer: HostilePeer, target: str) -> str:
    return peer.url("/redirect?to=" + quote(target, safe=""))


# --- one total deadline, the step named -----------------------------------------------------


@pytest.mark.parametrize(
    ("path", "step"),
    [("/trickle-body", "reading the body"), ("/trickle-headers", "waiting for the response"), ("/silent", "waiting for the response")],
)
def test_a_slow_peer_ends_at_the_deadline_with_the_step(peer, path, step):
    with pytest.raises(HttpTimeout) as info:
        get(peer.url(path))
    assert info.value.step == step
    assert f"timed out after {DEADLINE:g} s while {step}" in str(info.value)


def test_a_tls_handshake_that_never_completes(tmp_path):
    net = Network(resolve=pinned_resolver({"tls.example": "127.0.0.1"}), is_public=loopback_counts_as_public)
    with SilentTcp() as silent:
        with pytest.raises(HttpTimeout) as info:
            get(f"https://tls.example:{silent.port}/", network=net)
    assert info.value.step == "the TLS handshake with tls.example"


def test_a_resolver_that_never_answers():
    release = threading.Event()

    def stuck(host: str, port: int) -> list[str]:
        release.wait()
        return ["127.0.0.1"]

    try:
        with pytest.raises(HttpTimeout) as info:
            get("https://slow-dns.example/", network=Network(resolve=stuck))
        assert info.value.step == "resolving slow-dns.example"
    finally:
        release.set()


# --- bodies: capped after decoding ----------------------------------------------------------


def test_an_endless_body_is_cut_at_the_cap(peer):
    with pytest.raises(HttpTooLarge, match="more than 1 MB"):
        get(peer.url("/endless"), deadline=30)


@pytest.mark.parametrize("path", ["/gzip-bomb", "/deflate-bomb"])
def test_a_compression_bomb_is_cut_at_the_cap_after_decoding(peer, path):
    with pytest.raises(HttpTooLarge, match="more than 1 MB"):
        get(peer.url(path), deadline=30)


def test_a_small_compressed_body_is_decoded(peer):
    """The same decoder lets an honest compressed page through (the bomb is only too big)."""
    with HostilePeer(bomb_bytes=512 * 1024) as small:
        response = get(small.url("/gzip-bomb"), deadline=30)
    assert response.content == bytes(512 * 1024)


@pytest.mark.parametrize("path", ["/garbage", "/endless-header"])
def test_an_answer_that_is_not_http(peer, path):
    with pytest.raises(HttpProtocolError, match="did not answer with valid HTTP"):
        get(peer.url(path), deadline=30)


# --- redirects and addresses ----------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://127.0.0.1:{port}/ok",  # loopback, through a redirect
        "https://10.0.0.1/",  # private
        "https://169.254.169.254/latest/meta-data/",  # link-local (cloud metadata)
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://0.0.0.0/",
        "https://[::ffff:10.0.0.1]/",  # a private IPv4 address written as IPv6
    ],
)
def test_a_redirect_to_a_non_public_address_is_refused(peer, target):
    with pytest.raises(HttpRefused, match="address, is refused"):
        get(redirect(peer, target.format(port=peer.port)))
    assert len(peer.seen) == 1  # nothing was requested from the refused address


def test_a_redirect_to_a_name_with_a_private_address_is_refused(peer):
    net = Network(resolve=pinned_resolver({"intranet.example.com": "10.1.2.3"}))
    with pytest.raises(HttpRefused, match="intranet.example.com resolves to 10.1.2.3, a private address"):
        get(redirect(peer, "https://intranet.example.com/admin"), network=net)


def test_a_typed_public_name_resolving_to_loopback_is_refused(peer):
    net = Network(resolve=pinned_resolver({"policies.example.com": "127.0.0.1"}))
    with pytest.raises(HttpRefused, match="resolves to 127.0.0.1, a loopback address"):
        get(f"https://policies.example.com:{peer.port}/ok", network=net)
    assert peer.seen == []


def test_a_redirect_to_plain_http_is_refused(peer):
    with pytest.raises(HttpRefused, match="redirects must go to https"):
        get(redirect(peer, "http://example.org/privacy"))


def test_a_redirect_on_the_typed_origin_is_followed(peer):
    response = get(redirect(peer, "/ok"))
    assert response.content == HTML and response.url == peer.url("/ok")


def test_at_most_five_redirects(peer):
    with pytest.raises(HttpError, match="more than 5 redirects"):
        get(peer.url("/chain/0"))
    assert len(peer.seen) == 6


def test_credentials_in_urls(peer):
    with pytest.raises(UserError, match="user name or password"):
        get(f"http://ada:secret@127.0.0.1:{peer.port}/ok")
    with pytest.raises(HttpRefused, match="credentials"):
        get(redirect(peer, "https://ada:secret@example.org/"))


def test_plain_http_is_only_for_a_typed_loopback_address():
    for url in ("http://example.org/privacy", "http://10.0.0.1/", "ftp://127.0.0.1/"):
        with pytest.raises(UserError, match="must be https://"):
            get(url)


# --- TLS: the checked address is the one connected to, the name is verified ------------------


@pytest.fixture
def tls_peer(tmp_path):
    with TlsPeer("policy.example", tmp_path) as server:
        server.network = Network(
            resolve=pinned_resolver({"policy.example": "127.0.0.1"}),
            is_public=loopback_counts_as_public,
            ssl_context=server.client_context,
        )
        yield server


def test_tls_to_the_pinned_address_with_the_name_verified(tls_peer):
    response = get(tls_peer.url("/ok"), network=tls_peer.network)
    assert response.status == 200 and response.content == HTML


def test_https_to_http_downgrade_is_refused(tls_peer):
    target = f"http://policy.example:{tls_peer.port}/ok"
    with pytest.raises(HttpRefused, match="redirects must go to https"):
        get(tls_peer.url("/redirect?to=" + quote(target, safe="")), network=tls_peer.network)
    assert len(tls_peer.seen) == 1


def test_a_certificate_for_another_name_is_refused(tls_peer):
    net = Network(
        resolve=pinned_resolver({"other.example": "127.0.0.1"}),
        is_public=loopback_counts_as_public,
        ssl_context=tls_peer.client_context,
    )
    with pytest.raises(HttpError, match="cannot connect"):
        get(f"https://other.example:{tls_peer.port}/ok", network=net)


# --- every user of the client: policy fetch, directory update, DRP ---------------------------


def test_policy_fetch_has_one_deadline(peer):
    from privacy_tui.transport.fetch import fetch_policy

    with pytest.raises(TransportError, match="timed out after 1 s while reading the body"):
        fetch_policy(peer.url("/trickle-body"), deadline=DEADLINE)


def test_policy_fetch_caps_a_bomb(peer):
    from privacy_tui.transport.fetch import fetch_policy

    with pytest.raises(TransportError, match="more than 5 MB"):
        fetch_policy(peer.url("/gzip-bomb"))


def test_directory_update_has_one_deadline(peer):
    from privacy_tui.services import directory_store

    with pytest.raises(TransportError, match="timed out after 1 s while waiting for the response"):
        directory_store.update_directory(peer.url("/trickle-headers"), deadline=DEADLINE)
    assert directory_store.directory_info()["imported"] is False


def test_drp_directory_has_one_deadline(peer):
    from privacy_tui.transport.drp import DrpTimeout, load_business_directory

    with pytest.raises(DrpTimeout, match="timed out after 1 s while reading the body"):
        load_business_directory(peer.url("/trickle-body"), deadline=DEADLINE)


def test_drp_pairing_has_one_deadline_and_capped_answers(peer):
    from privacy_tui.transport.drp import DrpBusiness, DrpClient, DrpFatalError, DrpTimeout, generate_agent_key

    business = DrpBusiness(id="SLOW", name="Slow", api_base=peer.url("/trickle-body"))
    with DrpClient("AGENT", generate_agent_key(), deadline=DEADLINE, sleep=lambda s: None) as client:
        with pytest.raises(DrpTimeout, match="did not answer the pairing within 1 s .timed out while reading the body"):
            client.pair(business)
    endless = DrpBusiness(id="ENDLESS", name="Endless", api_base=peer.url("/endless"))
    with DrpClient("AGENT", generate_agent_key(), deadline=30, sleep=lambda s: None) as client:
        with pytest.raises(DrpFatalError, match="more than 1 MB"):
            client.pair(endless)
