"""Ingest of URLs through an injected httpx.MockTransport: no test here touches the network.

Host names are resolved by a fake resolver (monkeypatched), so the address checks run as
they do for real: ``*.news.example`` is public, ``intranet.example`` is private.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest

import fixtures_ingest as fx
from brinkwatch.config import IngestOptions
from brinkwatch.errors import BlockedAddress
from brinkwatch.ingest import check_host, iter_sources
from brinkwatch.ingest import fetch as fetch_module

PUBLIC = "93.184.216.34"
ADDRESSES = {"kessel.news.example": [PUBLIC], "ostmark.news.example": [PUBLIC, "2606:2800:220:1::1"],
             "intranet.example": ["10.1.2.3"], "mixed.example": [PUBLIC, "192.168.1.9"], "localhost": ["127.0.0.1", "::1"]}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def resolve(host: str, port: int) -> list[str]:
        if host not in ADDRESSES:
            raise OSError("Name or service not known")
        return ADDRESSES[host]

    monkeypatch.setattr(fetch_module, "_resolve", resolve)


def serve(routes: dict[str, Callable[[httpx.Request], httpx.Response]]) -> httpx.MockTransport:
    """A transport answering by URL; any other URL is a 404. Records what was requested."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        route = routes.get(str(request.url))
        return route(request) if route else httpx.Response(404)

    transport = httpx.MockTransport(handler)
    transport.seen = seen  # type: ignore[attr-defined]
    return transport


def html(body: str, status: int = 200) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(status, headers={"content-type": "text/html; charset=utf-8"}, content=body.encode())


def redirect(to: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda r: httpx.Response(302, headers={"location": to})


def run(urls: list[str], transport: httpx.BaseTransport, **opts: object) -> list:
    return list(iter_sources(urls, IngestOptions(**opts), transport=transport))  # type: ignore[arg-type]


def test_html_page_by_url() -> None:
    url = "https://kessel.news.example/world/strait"
    [r] = run([url], serve({url: html(fx.html_page(1))}))
    a = r.article
    assert r.status == "ok" and a.url == url and a.origin == url
    assert a.title == "Strait talks collapse" and a.published == "2024-03-06" and a.date_method == "metadata"


def test_plain_text_by_content_type() -> None:
    url = "https://kessel.news.example/wire.txt"
    transport = serve({url: lambda r: httpx.Response(200, headers={"content-type": "text/plain"},
                                                     content=fx.text_with_dateline(2).encode())})
    [r] = run([url], transport)
    assert r.article.published == "2024-03-04" and r.article.source == "kessel.news.example"


def test_relative_redirect_is_followed() -> None:
    start, final = "https://kessel.news.example/a", "https://kessel.news.example/b"
    [r] = run([start], serve({start: redirect("/b"), final: html(fx.html_page(3))}))
    assert r.status == "ok" and r.article.url == final


def test_redirect_to_private_address_is_refused() -> None:
    start = "https://kessel.news.example/go"
    for target in ("http://intranet.example/admin", "http://127.0.0.1:8080/", "http://169.254.169.254/latest/meta-data/",
                   "http://[::1]/", "http://mixed.example/"):
        transport = serve({start: redirect(target), target: html(fx.html_page(4))})
        [r] = run([start], transport)
        assert (r.status, r.code) == ("failed", "BW-I009"), target
        assert "allow-private" in r.reason
        assert transport.seen == [start]  # the private hop was never requested


def test_private_host_allowed_when_asked() -> None:
    url = "http://intranet.example/report"
    [r] = run([url], serve({url: html(fx.html_page(5))}), allow_private=True)
    assert r.status == "ok"


def test_check_host_directly() -> None:
    opts = IngestOptions()
    check_host("https://ostmark.news.example/x", opts)
    for bad in ("http://localhost/", "http://0.0.0.0/", "http://[::ffff:10.0.0.1]/", "http://224.0.0.1/"):
        with pytest.raises(BlockedAddress):
            check_host(bad, opts)


def test_too_many_redirects() -> None:
    routes = {f"https://kessel.news.example/{i}": redirect(f"https://kessel.news.example/{i + 1}") for i in range(10)}
    [r] = run(["https://kessel.news.example/0"], serve(routes), max_redirects=3)
    assert (r.status, r.code) == ("failed", "BW-I008") and "redirects" in r.reason


def test_size_cap_from_content_length_and_from_stream() -> None:
    big = b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>"

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(big), 1000):
            yield big[i : i + 1000]

    url1, url2 = "https://kessel.news.example/big1", "https://kessel.news.example/big2"
    transport = serve({
        url1: lambda r: httpx.Response(200, headers={"content-type": "text/html", "content-length": str(len(big))}, content=big),
        url2: lambda r: httpx.Response(200, headers={"content-type": "text/html"}, content=chunks()),
    })
    results = run([url1, url2], transport, max_bytes=5000)
    assert [(r.status, r.code) for r in results] == [("failed", "BW-I005"), ("failed", "BW-I005")]


def test_timeout_and_http_errors_do_not_stop_the_batch() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    ok_url = "https://kessel.news.example/ok"
    transport = serve({"https://kessel.news.example/slow": slow, "https://kessel.news.example/down": refused,
                       ok_url: html(fx.html_page(6))})
    urls = ["https://kessel.news.example/slow", "https://kessel.news.example/gone", "https://kessel.news.example/down",
            "https://unknown.example/", ok_url]
    results = run(urls, transport, fetch_timeout=1)
    assert [(r.status, r.code) for r in results] == [("failed", "BW-I008")] * 4 + [("ok", None)]
    assert "timed out" in results[0].reason and "HTTP 404" in results[1].reason
    assert "cannot resolve" in results[3].reason


def test_feed_url_follows_teaser_links() -> None:
    feed_url = "https://kessel.news.example/rss"
    link = "https://kessel.news.example/story/1"
    feed = fx.rss_feed([
        {"title": "Envoy recalled", "link": link, "date": "Thu, 07 Mar 2024 09:00:00 GMT", "text": "Teaser only."},
        {"title": "Dead link", "link": "https://kessel.news.example/missing", "text": "Teaser."},
    ])
    transport = serve({feed_url: lambda r: httpx.Response(200, headers={"content-type": "application/rss+xml"}, content=feed),
                       link: html(fx.html_page(7, date="2024-03-01"))})
    first, second = run([feed_url], transport)
    assert first.item == feed_url + "#1" and first.status == "ok"
    a = first.article
    assert a.url == link and a.title == "Envoy recalled" and a.meta["feed_summary"] == "Teaser only."
    assert (a.published, a.date_method) == ("2024-03-07T09:00:00+00:00", "feed")
    assert (second.status, second.code) == ("failed", "BW-I008")
    not_followed = run([feed_url], transport, follow_links=False)
    assert [r.status for r in not_followed] == ["skipped", "skipped"]


def test_feed_file_follows_links_only_when_asked(tmp_path) -> None:
    link = "https://kessel.news.example/story/2"
    path = fx.write(tmp_path, "f.rss", fx.rss_feed([{"title": "T", "link": link, "text": "Short."}]))
    transport = serve({link: html(fx.html_page(8))})
    [r] = list(iter_sources([str(path)], IngestOptions(), transport=transport))
    assert r.status == "skipped" and transport.seen == []
    [r] = list(iter_sources([str(path)], IngestOptions(follow_links=True), transport=transport))
    assert r.status == "ok" and r.article.url == link


def test_binary_body_fails() -> None:
    url = "https://kessel.news.example/file"
    transport = serve({url: lambda r: httpx.Response(200, headers={"content-type": "application/octet-stream"},
                                                     content=fx.junk())})
    [r] = run([url], transport)
    assert (r.status, r.code) == ("failed", "BW-I004")
