"""Error reports to Sentry (or any Sentry-compatible tracker), off unless SENTRY_DSN is set; never with personal data.

Resident records are substance-use-disorder records (42 CFR Part 2): an error report that carried a resident's name
would be a disclosure nobody logged. So the SDK is started with personal data, request bodies and local variables
off, and every event passes `scrub_event`, an allow-list: what it does not name is dropped. What is kept is enough to
find the bug: the exception's type, the stack (files, functions, lines; no variables, no source lines), the request's
method and path (secrets in it redacted, no query), the log message's template without its arguments, the release
and environment. Exception messages are dropped: they are free text, and free text can name a person.
"""

from recovery.redaction import redact

SCRUBBED = "[scrubbed]"
KEPT_EVENT_KEYS = frozenset(
    {"event_id", "timestamp", "level", "platform", "logger", "release", "environment", "server_name", "sdk", "type"}
)
KEPT_CONTEXTS = frozenset({"runtime", "os", "trace"})
KEPT_FRAME_KEYS = frozenset({"filename", "abs_path", "module", "function", "lineno", "colno", "in_app"})


def _scrub_frame(frame: dict) -> dict:
    return {key: value for key, value in frame.items() if key in KEPT_FRAME_KEYS}


def _scrub_exception(exception: dict) -> dict:
    kept = {"type": exception.get("type"), "module": exception.get("module"), "value": SCRUBBED}
    if isinstance(exception.get("mechanism"), dict):
        kept["mechanism"] = {key: exception["mechanism"].get(key) for key in ("type", "handled")}
    frames = (exception.get("stacktrace") or {}).get("frames") or []
    kept["stacktrace"] = {"frames": [_scrub_frame(frame) for frame in frames]}
    return kept


def _request_path(url: str) -> str:
    """The path of a URL without scheme, host or query, with secret URL parameters redacted."""
    path = url.split("://", 1)[-1]
    path = "/" + path.split("/", 1)[1] if "/" in path else "/"
    return redact(path.split("?", 1)[0].split("#", 1)[0])


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """A copy of a Sentry event holding only what KEPT_* allow (see the module's docstring); `before_send`.

    Input: the SDK's event dict; output: a new dict (the input is not changed). Never raises on an odd event: keys it
    does not know are dropped.
    """
    scrubbed = {key: value for key, value in event.items() if key in KEPT_EVENT_KEYS}
    exceptions = (event.get("exception") or {}).get("values") or []
    if exceptions:
        scrubbed["exception"] = {"values": [_scrub_exception(exception) for exception in exceptions]}
    if isinstance(event.get("logentry"), dict):
        # The template ("Delivery %s failed") without its arguments.
        scrubbed["logentry"] = {"message": str(event["logentry"].get("message", ""))}
    elif event.get("message"):
        scrubbed["message"] = SCRUBBED
    request = event.get("request") or {}
    if request.get("method") or request.get("url"):
        scrubbed["request"] = {"method": request.get("method"), "url": _request_path(str(request.get("url", "")))}
    contexts = event.get("contexts") or {}
    scrubbed["contexts"] = {name: value for name, value in contexts.items() if name in KEPT_CONTEXTS}
    if event.get("transaction"):
        scrubbed["transaction"] = redact(str(event["transaction"]))
    return scrubbed


def start(dsn: str, *, environment: str, release: str, transport=None) -> None:
    """Start the Sentry SDK for Django, Celery and logging with personal data off and `scrub_event` on every event.

    `dsn` is SENTRY_DSN; `transport` is for tests (an in-memory transport). Performance tracing stays off.
    """
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        include_source_context=False,
        max_breadcrumbs=0,
        traces_sample_rate=0.0,
        before_send=scrub_event,
        before_send_transaction=lambda event, hint: None,
        transport=transport,
    )
