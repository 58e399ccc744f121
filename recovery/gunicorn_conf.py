"""gunicorn's settings for Hearth (`gunicorn -c python:recovery.gunicorn_conf recovery.wsgi`): the Dockerfile and
docker-compose.yml start it so. The access log goes to standard output, with URL secrets redacted."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
logger_class = "recovery.gunicorn_logging.RedactingLogger"
