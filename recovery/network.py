"""The client's network address, read one way for the whole of Hearth: the sign-in limits (allauth), the audit
log, signatures and the public application form.

Behind proxies (docker-compose.yml puts Hearth behind a TLS proxy), REMOTE_ADDR is the proxy's address, and the
first entries of X-Forwarded-For are whatever the client claimed. The deployment says how many proxies it runs
(`TRUSTED_PROXY_COUNT`) or which header its proxy writes the client's address to (`TRUSTED_CLIENT_IP_HEADER`);
both become allauth's settings, and `client_ip()` asks allauth, so every reader agrees.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str | None:
    """The address of the person making `request` (IPv4 or IPv6 text), or None when none can be trusted.

    Reads ALLAUTH_TRUSTED_CLIENT_IP_HEADER, else the entry of X-Forwarded-For that the last of
    ALLAUTH_TRUSTED_PROXY_COUNT proxies added, else REMOTE_ADDR (allauth's `get_client_ip`).
    """
    try:
        return get_adapter(request).get_client_ip(request) or None
    except (PermissionDenied, ValueError):
        return None
