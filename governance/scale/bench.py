"""The benchmark (issue 20): Hearth's key pages under load on the scale operator, beside a trivial view.

`manage.py bench` starts the production server shape (gunicorn, `recovery.gunicorn_conf`, 2 sync workers, DEBUG
off, a throwaway SECRET_KEY) on the seeded data, signs each role in (a session saved to the database), loads each
key page with ApacheBench (`ab`, Debian's apache2-utils) at 16 connections, and counts each page's queries with
Django's test client. Throughput is read as a share of the trivial view's in the same run: absolute figures depend
on the machine and what else runs on it, the shares much less.
"""

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.scale.seed import email_domain
from peer_support.mentorships.models import Mentorship
from recovery.models import Organization, User
from recovery.tenancy import tenant_scope
from residences.models import BedAssignment, Residence

BENCH_URLCONF = "governance.scale.bench_urls"
INSTALL_HINT = "ApacheBench (ab) is needed: on Debian or Ubuntu, `apt-get install apache2-utils`."
SESSION_COOKIE = "sessionid"  # the server runs over plain HTTP, so cookies keep their plain names
CSRF_COOKIE = "csrftoken"
WARM_UP_REQUESTS = 6  # per page, before its load: enough for each of the 2 workers to have served it


class BenchProblem(Exception):
    """What stops a benchmark run (no seeded data, no load tool, a server that does not start), in a sentence."""


@dataclass(frozen=True)
class KeyPage:
    """A page the benchmark loads: who asks (`role`), what it is called in the table, and how it is asked."""

    role: str
    name: str
    path: str
    method: str = "GET"
    data: tuple[tuple[str, str], ...] = ()
    expected_status: int = 200


@dataclass
class PageResult:
    page: KeyPage
    requests_per_second: float = 0.0
    p50: int = 0
    p95: int = 0
    p99: int = 0
    errors: int = 0  # refused connections, broken responses, or answers other than the expected status
    queries: int | None = None
    status: int | None = None  # the status of one request before the load, to spot a page that is not what we think


def bench_people(organization: Organization) -> dict[str, User]:
    """The signed-in role players of the scale operator (`seed_scale`): role name -> user."""
    domain = email_domain(organization.slug)
    emails = {
        "resident": f"resident1@{domain}",
        "manager": f"manager1@{domain}",
        "coach": f"coach1@{domain}",
        "admin": f"admin@{domain}",
        "platform": f"platform@{domain}",
    }
    users = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    missing = sorted(email for email in emails.values() if email not in users)
    if missing:
        raise BenchProblem(f"The scale operator has no account {missing[0]}: run `manage.py seed_scale` first.")
    return {role: users[email] for role, email in emails.items()}


def key_pages(organization: Organization, people: dict[str, User], *, quick: bool = False) -> list[KeyPage]:
    """The pages issue 20 names (the API's once it exists), with real objects of the scale operator; the two
    yardsticks come first. `quick`: the yardsticks and one page, for the benchmark's own test."""
    with tenant_scope(organization):
        home = Residence.objects.filter(manager_assignments__membership__user=people["manager"]).order_by("pk").first()
        if home is None:
            raise BenchProblem("The scale operator's first manager runs no home: run `manage.py seed_scale` first.")
        living = (
            BedAssignment.objects.filter(bed__room__residence=home, ends_on__isnull=True, stay__move_out__isnull=True)
            .select_related("stay")
            .order_by("pk")
            .first()
        )
        mentorship = (
            Mentorship.objects.filter(mentor__membership__user=people["coach"], ended_on__isnull=True)
            .order_by("pk")
            .first()
        )
    yardsticks = [
        KeyPage("visitor", "trivial view (no session)", reverse("bench_trivial")),
        KeyPage("resident", "signed-in trivial view", reverse("bench_signed_in")),
    ]
    residence_page = KeyPage("manager", "residence's page", reverse("residences:residence_home", args=[home.pk]))
    if quick:
        return [*yardsticks, residence_page]
    check_in = (
        ("feeling", "4"),
        ("craving", "2"),
        ("slept", "ok"),
        ("went_to_meeting", "True"),
        ("goal_today", "Walk"),
    )
    pages = [
        KeyPage("resident", "resident's home", reverse("home")),
        KeyPage("resident", "today", reverse("peer_support:today")),
        KeyPage("resident", "check-in (POST)", reverse("peer_support:today"), "POST", check_in, 302),
        KeyPage("resident", "my house", reverse("governance:my_house")),
        KeyPage("manager", "manager's home", reverse("home")),
        residence_page,
        KeyPage("manager", "bed board", reverse("residences:bed_board", args=[home.pk])),
        KeyPage("manager", "residents list", reverse("residents:resident_list")),
        KeyPage("manager", "who is behind", reverse("residences:behind", args=[home.pk])),
        KeyPage("manager", "accountability", reverse("governance:accountability")),
        KeyPage("coach", "coach's home", reverse("home")),
        KeyPage("coach", "coach's people", reverse("peer_support:my_people")),
        KeyPage("admin", "admin's home", reverse("home")),
        KeyPage("admin", "audit log", reverse("recovery:audit_log")),
        KeyPage("platform", "admin: residents", reverse("admin:residents_resident_changelist")),
        KeyPage("visitor", "public bed feed", reverse("public_availability_feed", args=[organization.slug])),
    ]
    if living is not None:
        timeline = reverse("residents:resident_detail", args=[living.stay.resident_id])
        pages += [
            KeyPage("manager", "resident's timeline", timeline),
            KeyPage("manager", "ledger", reverse("residences:ledger", args=[living.stay_id])),
        ]
    if mentorship is not None:
        signals = reverse("peer_support:resident_check_ins", args=[mentorship.mentee_id])
        pages.append(KeyPage("coach", "mentee's check-ins and signals", signals))
    return [*yardsticks, *pages]


# --- query counts -------------------------------------------------------------------------------------------------


def count_queries(pages: list[KeyPage], people: dict[str, User]) -> dict[KeyPage, tuple[int, int]]:
    """Each page's (status, number of queries) through Django's test client, signed in as its role; each page is
    asked twice and the second request counted, so one-time work (a session's first stamp) is left out."""
    counts = {}
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ROOT_URLCONF=BENCH_URLCONF, SECURE_SSL_REDIRECT=False, ALLOWED_HOSTS=hosts):
        clients = {}
        for page in pages:
            client = clients.get(page.role)
            if client is None:
                client = clients[page.role] = signed_in_client(people.get(page.role))
            ask = client.post if page.method == "POST" else client.get
            data = dict(page.data) if page.method == "POST" else None
            ask(page.path, data)
            with CaptureQueriesContext(connection) as queries:
                response = ask(page.path, data)
            counts[page] = (response.status_code, len(queries.captured_queries))
    return counts


# --- the server and the load ----------------------------------------------------------------------------------------


def _database_url() -> str:
    """The database this process uses (the test database, under pytest), as the server's DATABASE_URL."""
    db = connection.settings_dict
    if "sqlite" in db["ENGINE"]:
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def production_server(*, secret_key: str, workers: int = 2):
    """gunicorn with Hearth's production configuration on a free local port, DEBUG off; yields its base URL.

    Plain HTTP on 127.0.0.1: HTTPS redirects and secure cookies are off (a TLS proxy's work, not Hearth's), static
    files are served unhashed (no collectstatic needed). Raises BenchProblem when it does not answer in 30 s."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "governance.scale.bench_settings",
        "DEBUG": "false",
        "SECRET_KEY": secret_key,
        "DATABASE_URL": _database_url(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_MANIFEST": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "python:recovery.gunicorn_conf", "recovery.wsgi"]
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        try:
            _wait_for(base_url + reverse("bench_trivial"), server, errors)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(url: str, server: subprocess.Popen, errors) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own local server
                return
        except OSError:  # refused while it starts, or too slow to answer yet (URLError and timeouts are OSErrors)
            time.sleep(0.2)
    errors.seek(0)
    tail = errors.read().decode(errors="replace")[-2000:]
    raise BenchProblem(f"The benchmark server did not start:\n{tail}")


def server_sessions(people: dict[str, User], *, secret_key: str) -> dict[str, str]:
    """A signed-in session per role, saved to the database and signed with the server's key: role -> session key."""
    with override_settings(SECRET_KEY=secret_key):
        return {role: signed_in_client(user).session.session_key for role, user in people.items()}


def signed_in_client(user: User | None) -> Client:
    """A test client signed in as `user` (None: a visitor). Platform staff's session records a second factor, as
    allauth's sign-in records the code they type, since Django admin opens for no session without one."""
    client = Client()
    if user is None:
        return client
    client.force_login(user)
    if user.is_staff:
        request = RequestFactory().get("/")
        request.session, request.user = client.session, user
        for method, extra in (("password", {"email": user.email}), ("mfa", {"type": "totp"})):
            record_authentication(request, user, method, **extra)  # what allauth's sign-in form records
        session = request.session
        session.save()
    return client


def first_status(url: str, page: KeyPage, cookies: dict[str, str], *, form=()) -> int:
    """The status of one request for `page` (redirects not followed): a page that answers a redirect to the sign-in
    or an error would otherwise be measured as if it were the page."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    body = urlencode(form).encode() if page.method == "POST" else None
    request = urllib.request.Request(url, data=body, method=page.method)  # noqa: S310 - our own local server
    request.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in cookies.items()))
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0  # no answer within 30 s: shown as status 0


def ab_command(url: str, page: KeyPage, cookies: dict[str, str], *, form, requests: int, concurrency: int, body: Path):
    """The ApacheBench command for one page (raises BenchProblem when `ab` is not installed)."""
    ab = shutil.which("ab")
    if ab is None:
        raise BenchProblem(INSTALL_HINT)
    command = [ab, "-q", "-n", str(requests), "-c", str(concurrency), "-s", "60"]
    for name, value in cookies.items():
        command += ["-C", f"{name}={value}"]
    if page.method == "POST":
        body.write_text(urlencode(form))
        command += ["-p", str(body), "-T", "application/x-www-form-urlencoded"]
    return [*command, url]


def parse_ab(output: str, *, expected_status: int, requests: int) -> dict:
    """Requests/s, p50/p95/p99 (ms) and errors from ApacheBench's report. `ab` counts answers of varying length as
    failures (a page with a time in it varies); those are not errors. Every non-2xx answer is one for a page that
    should answer 200; for a page that should redirect (a POST), every 2xx answer is."""

    def number(pattern: str) -> float:
        found = re.search(pattern, output, re.MULTILINE)
        return float(found.group(1)) if found else 0.0

    non_2xx = int(number(r"^Non-2xx responses:\s+(\d+)"))
    broken = sum(int(number(rf"{kind}: (\d+)")) for kind in ("Connect", "Receive", "Exceptions"))
    completed = int(number(r"^Complete requests:\s+(\d+)"))
    wrong = non_2xx if expected_status < 300 else completed - non_2xx
    return {
        "requests_per_second": number(r"^Requests per second:\s+([\d.]+)"),
        "p50": int(number(r"^\s+50%\s+(\d+)")),
        "p95": int(number(r"^\s+95%\s+(\d+)")),
        "p99": int(number(r"^\s+99%\s+(\d+)")),
        "errors": broken + wrong + max(0, requests - completed),
    }


def run_benchmark(
    organization: Organization, *, requests: int = 400, concurrency: int = 16, quick: bool = False
) -> list[PageResult]:
    """Load every key page of `organization` (seeded by `seed_scale`) on a production-shaped server; see the module
    docstring. Raises BenchProblem when the data, the load tool or the server is missing."""
    if shutil.which("ab") is None:
        raise BenchProblem(INSTALL_HINT)
    people = bench_people(organization)
    with override_settings(ROOT_URLCONF=BENCH_URLCONF):
        pages = key_pages(organization, people, quick=quick)
        counts = count_queries(pages, people)
        secret_key = secrets.token_urlsafe(50)  # throwaway: the sessions below die with this run
        sessions = server_sessions(people, secret_key=secret_key)
        csrf = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret as the form's token
        results = []
        with production_server(secret_key=secret_key) as base_url, tempfile.TemporaryDirectory() as scratch:
            for page in pages:
                cookies = {CSRF_COOKIE: csrf}
                if page.role in sessions:
                    cookies[SESSION_COOKIE] = sessions[page.role]
                form = (*page.data, ("csrfmiddlewaretoken", csrf))
                url = base_url + page.path
                body = Path(scratch) / "body"
                command = ab_command(
                    url, page, cookies, form=form, requests=requests, concurrency=concurrency, body=body
                )
                # Warm up first: each worker's first request for a page compiles its templates and fills caches.
                statuses = [first_status(url, page, cookies, form=form) for _warm_up in range(WARM_UP_REQUESTS)]
                result = PageResult(page=page, status=statuses[0])
                completed = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
                figures = parse_ab(completed.stdout, expected_status=page.expected_status, requests=requests)
                for name, value in figures.items():
                    setattr(result, name, value)
                result.queries = counts[page][1]
                results.append(result)
    return results


# --- the report -------------------------------------------------------------------------------------------------------


def format_report(results: list[PageResult]) -> list[str]:
    """The table (one line per page: role, req/s, share of the trivial view, p50/p95/p99 in ms, queries, status and
    errors) and the one summary line, as lines of text."""
    trivial = results[0].requests_per_second or 1.0
    lines = [
        f"{'page':<32} {'role':<9} {'req/s':>8} {'share':>7} {'p50':>5} {'p95':>5} {'p99':>5} {'queries':>7} "
        f"{'status':>6} {'errors':>6}",
    ]
    for result in results:
        share = result.requests_per_second / trivial
        queries = "-" if result.queries is None else result.queries
        lines.append(
            f"{result.page.name:<32} {result.page.role:<9} {result.requests_per_second:>8.1f} {share:>7.1%} "
            f"{result.p50:>5} {result.p95:>5} {result.p99:>5} {queries:>7} "
            f"{result.status or '-':>6} {result.errors:>6}"
        )
    lines.append(summary_line(results))
    return lines


def summary_line(results: list[PageResult]) -> str:
    """One line: how many key pages meet issue 20's goal (at least 10 % of the trivial view and p95 under 100 ms),
    the slowest page's share, and the signed-in trivial view's share (the goal: at least 50 %)."""
    trivial = results[0].requests_per_second or 1.0
    signed_in, pages = results[1], results[2:]
    meeting = [r for r in pages if r.requests_per_second / trivial >= 0.10 and r.p95 < 100 and not r.errors]
    slowest = min(pages, key=lambda r: r.requests_per_second)
    errors = sum(r.errors for r in results)
    return (
        f"Summary: {len(meeting)} of {len(pages)} key pages at >= 10 % of the trivial view "
        f"({trivial:.0f} req/s) with p95 < 100 ms; slowest: {slowest.page.name} at "
        f"{slowest.requests_per_second / trivial:.1%} (p95 {slowest.p95} ms); signed-in trivial view at "
        f"{signed_in.requests_per_second / trivial:.1%}; {errors} errors."
    )
