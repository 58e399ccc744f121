"""Secrets that travel in URLs (an invitation's token, an email confirmation key, a password-reset key) are kept out
of every record Hearth writes: the audit log's `path`, Django's request and server logs, and gunicorn's access log.

Which parts of a URL are secret is read from the URLconf, not listed by hand: any URL parameter named in
`SECRET_PARAMETERS` is replaced by `REDACTED`, so a new link that carries a token is covered when its parameter is
named like one (tests/recovery/test_redaction.py walks every route to hold that).
"""

import logging
import re

from django.urls import Resolver404, resolve

SECRET_PARAMETERS = frozenset({"token", "key", "uidb36"})
REDACTED = "[redacted]"

# A path inside any text: a request line, a referer (after its scheme and host), a `next=` query value.
_PATH = re.compile(r"(?P<origin>[a-z][a-z0-9+.-]*://[^/\s\"'<>]*)?(?P<path>/[^\s\"'?#&<>=]*)", re.IGNORECASE)


def redact_path(path: str) -> str:
    """`path` (str, no query) with the value of each secret URL parameter replaced by `REDACTED`; a path that
    matches no route is returned as it came."""
    for candidate in (path, path + "/"):
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        for name, value in match.kwargs.items():
            if name in SECRET_PARAMETERS and isinstance(value, str) and value:
                path = path.replace(value, REDACTED)
        return path
    return path


def redact(text: str) -> str:
    """`text` (a request line, a URL, a log message) with every path in it redacted by `redact_path`."""
    if not text or "/" not in text:
        return text
    return _PATH.sub(lambda found: (found["origin"] or "") + redact_path(found["path"]), text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter for Django's request and server loggers: their messages carry paths (`Not Found: /...`,
    `"GET /invitations/... HTTP/1.1" 200`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True
