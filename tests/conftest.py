"""Fixtures every test module may use: the database in use, a real Celery worker process; and, when pytest-xdist
runs the suite in parallel, each worker's own folders and Redis database."""

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.db import connection

from recovery.redis_urls import DATABASES_PER_SITE, with_database

PROJECT_DIR = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    """Clear what an interrupted run left of the SQLite test database: a new database file beside a stale
    write-ahead log (-wal, -shm) fails with "disk I/O error". On PostgreSQL, let the test runner's flush through
    the append-only tables' TRUNCATE guard."""
    test_database = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and test_database:
        worker = getattr(config, "workerinput", {}).get("workerid")
        if worker:  # pytest-django names each xdist worker's test database NAME_gw0, NAME_gw1, ...
            test_database = f"{test_database}_{worker}"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{test_database}{suffix}").unlink(missing_ok=True)
    _let_flush_pass_the_truncate_guards()


def _let_flush_pass_the_truncate_guards():
    """Transactional tests end with Django's flush, one TRUNCATE of every table: let that flush (and only it) pass
    the append-only tables' TRUNCATE guard (recovery/append_only.py)."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        from django.db.backends.postgresql.operations import DatabaseOperations

        from recovery.append_only import allow_truncate_in_flush

        allow_truncate_in_flush(DatabaseOperations)


def pytest_addoption(parser, pluginmanager):
    """A serial run with pytest-xdist switched off (`pytest -p no:xdist`) still accepts addopts' --numprocesses."""
    if not pluginmanager.has_plugin("xdist"):
        parser.addoption("--numprocesses", help="ignored: pytest-xdist is off (-p no:xdist)")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config, specs):
    """Keep each pytest-xdist worker's runtime state apart: the controller sets it in each worker's environment
    before the worker starts, because pytest-django loads the settings before any conftest is imported.

    pytest-django already gives each worker its own test database (NAME_gw0, ...). Each worker also gets its own
    HEARTH_VAR_DIR subfolder (SQLite file, Celery's file queue and results, the file cache, media, worker logs)
    and, with Redis, its own databases: the settings derive three from REDIS_URL's number N (broker N, cache
    N + 1, locks N + 2; recovery/redis_urls.py), so worker i starts at N + 3 i and no two workers' databases
    overlap (the cache's clear() before every test flushes a whole Redis database). Celery and gunicorn processes a
    test starts inherit the worker's environment (hearth_env), so they share its folders and Redis databases, never
    another worker's.
    """
    var_dir = Path(os.environ.get("HEARTH_VAR_DIR", "var"))
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        _check_redis_has_databases_for(redis_url, workers=len(specs))
    for index, spec in enumerate(specs):
        spec.env.setdefault("HEARTH_VAR_DIR", str(var_dir / spec.id))
        if redis_url:
            spec.env.setdefault("REDIS_URL", with_database(redis_url, offset=index * DATABASES_PER_SITE))


def _check_redis_has_databases_for(redis_url: str, workers: int) -> None:
    """Refuse to start, with the way out, when Redis has fewer databases than the workers need (16 by default)."""
    import redis

    needed = int(urlsplit(redis_url).path.strip("/") or 0) + workers * DATABASES_PER_SITE
    try:
        available = int(redis.Redis.from_url(redis_url, socket_connect_timeout=2).config_get("databases")["databases"])
    except (redis.RedisError, KeyError, ValueError):
        return  # a Redis that hides its configuration: the tests will say what is wrong
    if needed > available:
        raise pytest.UsageError(
            f"{workers} test workers need Redis databases up to {needed - 1} ({DATABASES_PER_SITE} each, from"
            f" REDIS_URL's number), and this Redis has {available}: start it with --databases 64, or use fewer (-n)."
        )


def pytest_report_header(config):
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "Redis (REDIS_URL)" if settings.REDIS_URL else "the embedded file queue (no REDIS_URL)"
    return [f"hearth: database {database}; Celery broker {broker}"]


@pytest.fixture
def harbor(db):
    from tests.recovery.builders import OrganizationFactory

    return OrganizationFactory(name="Harbor Light Recovery Homes", slug="harbor-light")


@pytest.fixture
def cedar(db):
    from tests.recovery.builders import OrganizationFactory

    return OrganizationFactory(name="Cedar Path Sober Living", slug="cedar-path")


@pytest.fixture
def in_scope():
    """`with in_scope(org):` — enter a tenant scope in a test body."""
    from recovery.tenancy import tenant_scope

    return tenant_scope


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield


def database_url(settings_dict) -> str:
    """DATABASE_URL for the database this test process uses, so a child process shares it."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{settings_dict['NAME']}"


def hearth_env(**overrides) -> dict[str, str]:
    """The environment for a Hearth child process: this test's database, plus overrides (None unsets)."""
    environment = {**os.environ, "DATABASE_URL": database_url(connection.settings_dict)}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # a browser test's relaxation, never a child's
    for key, value in overrides.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    return environment


@pytest.fixture
def start_celery_worker(transactional_db):
    """Start a real `celery worker` process on its own queue; yields a function that returns the queue name.

    The worker shares this test's database and broker settings (override them with keyword arguments).
    """
    workers = []

    def start(**env_overrides) -> str:
        queue = f"test-{uuid.uuid4().hex[:10]}"
        log = open(Path(settings.VAR_DIR) / f"{queue}.log", "w+")  # noqa: SIM115 - closed at teardown
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "recovery",
                "worker",
                "--queues",
                queue,
                "--hostname",
                f"{queue}@%h",
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=PROJECT_DIR,
            env=hearth_env(**env_overrides),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append((process, log))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            log.seek(0)
            if " ready." in log.read():
                return queue
            if process.poll() is not None:
                break
            time.sleep(0.2)
        log.seek(0)
        pytest.fail(f"The Celery worker did not start:\n{log.read()[-3000:]}")

    yield start
    for process, log in workers:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


SILENT_SMTP_TIMEOUT = 1  # seconds: EMAIL_TIMEOUT while `silent_smtp` is the provider


class SilentSMTPServer:
    """Accepts connections and never sends a byte (not even the SMTP greeting)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        self.accepted = threading.Event()
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                accepted, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(accepted)
            self.accepted.set()

    def close(self):
        for accepted in self.connections:
            accepted.close()
        self.listener.close()


@pytest.fixture
def silent_smtp(settings):
    """A mail provider that never answers, with EMAIL_TIMEOUT at SILENT_SMTP_TIMEOUT (issue 15, item 4)."""
    server = SilentSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = SILENT_SMTP_TIMEOUT
    yield server
    server.close()


# The few tests that take a minute or more each (a crawl of every page, a second site seeded and compared, the
# schema's contract, a backup restored and migrated) start first: started last, one of them kept a worker busy for
# minutes after the other had finished, the longest part of every CI run (issue 20: a fast suite).
HEAVY_FIRST = (
    "tests/browser/test_accessibility.py",
    "tests/recovery/test_portability.py",
    "tests/api/test_contract.py",
    "tests/recovery/test_backups.py",
    "tests/test_link_coverage.py",
)


def pytest_collection_modifyitems(config, items):
    """Put the HEAVY_FIRST modules' tests at the front, in their own order, keeping every other test's order."""
    rank = {path: position for position, path in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
