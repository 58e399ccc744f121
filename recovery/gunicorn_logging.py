"""gunicorn's access log without the secrets of URLs (see `recovery.redaction`): set as `logger_class` in
`recovery/gunicorn_conf.py`."""

from gunicorn.glogging import Logger

from recovery.redaction import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        """gunicorn's atoms, every text one redacted: a URL is in the request line, path, query and referer, and
        again in the `{...}e` environ and `{...}i` header atoms a custom format may use."""
        atoms = super().atoms(resp, req, environ, request_time)
        return {name: redact(value) if isinstance(value, str) else value for name, value in atoms.items()}
