"""Fetching URLs with httpx, defensively: timeouts, a streamed size cap, bounded redirects, no private hosts.

A URL given to brinkwatch (or a link in a feed) is untrusted: it may point at a huge file,
hang, redirect forever, or aim at the user's own network (router pages, cloud metadata at
169.254.169.254). Every hop's host is resolved and every address checked before the request
(:func:`check_host`); redirects are followed by hand so each hop is checked. The transport
is injectable so tests use ``httpx.MockTransport`` and never touch the network.

Known gap: httpx resolves the name again when it connects, so a DNS server that answers
differently the second time (DNS rebinding) is not caught here; run untrusted batches in a
network namespace without access to private ranges if that matters.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from ..config import IngestOptions
from ..errors import BlockedAddress, FetchError, InputTooLarge, UnsupportedInput
from .decode import size_hint

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65536


@dataclass(slots=True)
class Fetched:
    """A fetched body and what the server said about it."""

    url: str  # final URL, after redirects
    status: int
    content_type: str  # media type only, lower case ("text/html")
    charset: str | None
    body: bytes
    redirects: list[str] = field(default_factory=list)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to. Tests monkeypatch this to avoid DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
        or ip.is_multicast or ip.is_unspecified or not ip.is_global
    )


def check_host(url: str, options: IngestOptions) -> None:
    """Refuse a URL whose host is, or resolves to, a loopback/private/link-local/reserved address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsupportedInput(f"{url} is not an http(s) URL.", hint="Give an http:// or https:// address or a file path.")
    if options.allow_private:
        return
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = _resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"{url}: cannot resolve host {host!r} ({exc}).", hint="Check the address and your network.") from exc
    blocked = [a for a in addresses if not _is_public(a)]
    if blocked or not addresses:
        raise BlockedAddress(
            f"{url}: host {host!r} resolves to a non-public address ({', '.join(blocked) or 'none'}).",
            hint="brinkwatch refuses loopback, private, link-local and reserved addresses; "
            "pass --allow-private (IngestOptions.allow_private=True) if you mean to read your own network.",
        )


class Fetcher:
    """One httpx client for a batch; :meth:`get` fetches one URL under the batch's limits."""

    def __init__(self, options: IngestOptions, transport: httpx.BaseTransport | None = None) -> None:
        self.options = options
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(options.fetch_timeout),
            follow_redirects=False,
            headers={"User-Agent": options.user_agent, "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                     "application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        """Fetch ``url``: each hop checked, at most ``max_redirects`` redirects, body capped at ``max_bytes``."""
        opts = self.options
        deadline = time.monotonic() + opts.fetch_timeout
        hops: list[str] = []
        current = url
        while True:
            check_host(current, opts)
            try:
                with self._client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and response.headers.get("location"):
                        target = urljoin(current, response.headers["location"])
                        hops.append(target)
                        if len(hops) > opts.max_redirects:
                            raise FetchError(
                                f"{url}: more than {opts.max_redirects} redirects (last to {target}).",
                                hint="Give the final address of the article, or raise IngestOptions.max_redirects.",
                            )
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise FetchError(
                            f"{current}: the server answered HTTP {response.status_code}.",
                            hint="Check the address; the page may be gone, private or rate-limited.",
                        )
                    body = self._read_capped(response, current, deadline)
                    media, _, params = response.headers.get("content-type", "").partition(";")
                    return Fetched(
                        url=current,
                        status=response.status_code,
                        content_type=media.strip().lower(),
                        charset=_charset(params),
                        body=body,
                        redirects=hops,
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"{current}: timed out after {opts.fetch_timeout:g} s.",
                    hint="Try again later or raise BRINKWATCH_FETCH_TIMEOUT.",
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}.", hint="Check the address and your network.") from exc

    def _read_capped(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        cap = self.options.max_bytes
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            raise InputTooLarge(f"{url} announces {int(declared):,} bytes, over the size limit.", hint=size_hint(cap))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise InputTooLarge(f"{url} sent more than {cap:,} bytes, the size limit.", hint=size_hint(cap))
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{url}: the download took longer than {self.options.fetch_timeout:g} s.",
                    hint="Try again later or raise BRINKWATCH_FETCH_TIMEOUT.",
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
