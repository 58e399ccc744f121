"""Sending one webhook over HTTP, and refusing addresses inside the operator's network (SSRF).

An endpoint's URL must be https and must not lead to a loopback, private, link-local or otherwise non-public
address, unless HEARTH_WEBHOOKS_ALLOW_LOCAL is on (development, and the tests' local receiver). The address is
checked twice: when the URL is saved (its name resolved, for a clear message on the form), and again on every
connection, against the address the socket actually reached, so a name that later resolves inside the network
(DNS rebinding) is refused before a byte is sent. Redirects are never followed: a 3xx is a failed attempt.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# Enough of a receiver's answer to tell what went wrong; the rest is never read.
MAX_RESPONSE_BYTES = 4096
USER_AGENT = "Hearth-Webhooks/1"


class RefusedURL(ValueError):
    """An endpoint URL Hearth will not send to; the message is a sentence for the person who typed it."""


def allows_local() -> bool:
    return bool(getattr(settings, "HEARTH_WEBHOOKS_ALLOW_LOCAL", False))


def is_public_address(address: str) -> bool:
    """Whether `address` (IPv4 or IPv6 text) is a public internet address: not loopback, private, link-local,
    shared (100.64/10), multicast, reserved or unspecified. An IPv4 address mapped into IPv6 is judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str, *, resolve: bool = True) -> None:
    """Raise RefusedURL unless Hearth may send to `url`: https (http only when local addresses are allowed), a host
    name, no user name or password in it, and (when `resolve`) every address the name resolves to public."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise RefusedURL("This is not a web address Hearth can send to. Check it and try again.") from error
    allowed_schemes = ("https", "http") if allows_local() else ("https",)
    if parts.scheme not in allowed_schemes:
        raise RefusedURL("The address must start with https:// so that deliveries are encrypted on the way.")
    if not parts.hostname:
        raise RefusedURL("The address needs a host name, for example https://hooks.example.org/hearth.")
    if parts.username or parts.password:
        raise RefusedURL("Leave the user name and password out of the address; deliveries are signed instead.")
    if allows_local() or not resolve:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as error:
        raise RefusedURL("Hearth could not find that host. Check the spelling of the address.") from error
    if not found or not all(is_public_address(entry[4][0]) for entry in found):
        raise RefusedURL("That address leads inside a private network (or to this server). Use a public https address.")


class RefusedAddress(Exception):  # not an OSError, which urllib3 would wrap as a dropped connection
    """The connection reached a non-public address; closed before anything was sent."""


class _GuardedConnectionMixin:
    def _new_conn(self):
        sock = super()._new_conn()
        if not allows_local():
            peer = sock.getpeername()[0]
            if not is_public_address(peer):
                sock.close()
                raise RefusedAddress("The endpoint's host resolved to a non-public address.")
        return sock


class _GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class _GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _pool_manager() -> urllib3.PoolManager:
    manager = urllib3.PoolManager(num_pools=4, maxsize=1, retries=False)
    manager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
    return manager


@dataclass(frozen=True)
class Answer:
    """What one attempt got: the HTTP status (None when no answer came), the start of the body (text), and the
    kind of failure ("" when an answer came): "timeout", "refused address", or the error's type name."""

    status: int | None
    body: str = ""
    error: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
    """POST `body` (JSON bytes) to `url` with `headers`; `timeout` seconds for connecting and for each read.

    Never raises for the receiver's trouble (it is the Answer's `error`); raises RefusedURL for a URL that no longer
    passes `check_url` (scheme and form only: the address itself is checked on connecting). Reads at most
    MAX_RESPONSE_BYTES of the answer.
    """
    check_url(url, resolve=False)
    manager = _pool_manager()
    try:
        response = manager.request(
            "POST",
            url,
            body=body,
            headers={**headers, "content-type": "application/json", "user-agent": USER_AGENT},
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            retries=False,
            redirect=False,
            preload_content=False,
        )
        try:
            raw = response.read(MAX_RESPONSE_BYTES, decode_content=False)
        finally:
            response.close()
    except RefusedAddress:
        return Answer(status=None, error="refused address")
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        return Answer(status=None, error="timeout")
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return Answer(status=None, error=type(error).__name__)
    finally:
        manager.clear()
    return Answer(status=response.status, body=raw.decode("utf-8", errors="replace"))
