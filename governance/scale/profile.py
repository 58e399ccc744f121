"""Where a key page's work goes (issue 20), in one process through Django's test client, signed in as the page's role.

`manage.py bench --profile PAGE` prints one page's queries (each with the line of Hearth that asked it) and
cProfile's busiest functions; `manage.py bench --profile all` prints a table of every key page's queries, Python
function calls and milliseconds per request. On a shared machine the milliseconds are noisy; the function calls
and the queries are not, so they are what to compare before and after a change.
"""

import cProfile
import io
import pstats
import time
import traceback
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.test import override_settings

from governance.scale.bench import BENCH_URLCONF, BenchProblem, KeyPage, bench_people, key_pages, signed_in_client

WARM_UP = 2  # requests before measuring: templates compiled, per-process caches filled, the session stamped


@dataclass
class PageWork:
    """What one request of a page costs: its status, its queries as (SQL, where Hearth asked it), the Python
    function calls per request, the mean milliseconds per request (without the profiler) and the profile."""

    page: KeyPage
    status: int
    queries: list
    calls: int
    milliseconds: float
    stats: pstats.Stats


def _asker() -> str:
    """The innermost line of Hearth's own code (not Django's, a library's or this module's) on the stack."""
    base = str(settings.BASE_DIR) + "/"
    for frame in reversed(traceback.extract_stack()[:-2]):
        filename = frame.filename
        if filename.startswith(base) and "site-packages" not in filename and "/scale/" not in filename:
            return f"{filename.removeprefix(base)}:{frame.lineno} {frame.name}"
    return "?"


def find_page(pages: list[KeyPage], name: str) -> KeyPage:
    """The key page whose name contains `name` (case-insensitive; an exact name wins); raises BenchProblem when none
    or several match."""
    wanted = name.lower()
    exact = [page for page in pages if page.name.lower() == wanted]
    found = exact or [page for page in pages if wanted in page.name.lower()]
    if len(found) != 1:
        names = ", ".join(repr(page.name) for page in pages)
        raise BenchProblem(f"No single key page is called {name!r}; the key pages are {names}.")
    return found[0]


def measure(page: KeyPage, client, *, requests: int) -> PageWork:
    """Ask `page` WARM_UP times, then once recording its queries, then `requests` times timed and `requests` times
    under cProfile (asked twice, so the profiler's overhead stays out of the milliseconds)."""
    ask = client.post if page.method == "POST" else client.get
    data = dict(page.data) if page.method == "POST" else None
    for _warm_up in range(WARM_UP):
        ask(page.path, data)
    queries = []

    def record(execute, sql, *args):
        queries.append((sql, _asker()))
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        status = ask(page.path, data).status_code
    started = time.perf_counter()
    for _request in range(requests):
        ask(page.path, data)
    milliseconds = (time.perf_counter() - started) * 1000 / requests
    profiler = cProfile.Profile()
    profiler.enable()
    for _request in range(requests):
        ask(page.path, data)
    profiler.disable()
    stats = pstats.Stats(profiler)
    return PageWork(page, status, queries, round(stats.total_calls / requests), milliseconds, stats)


def profile_pages(
    organization, name: str, *, requests: int = 20, top: int = 40, sort: str = "cumulative", callers: str = ""
) -> str:
    """The report for the key page called `name` (its queries and cProfile's `top` functions by `sort`), or for
    `name` "all" a table of every key page's work. `callers`: a pattern of function names whose callers are listed
    too. Raises BenchProblem for a name that is no single key page."""
    people = bench_people(organization)
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    out = io.StringIO()
    with override_settings(ROOT_URLCONF=BENCH_URLCONF, SECURE_SSL_REDIRECT=False, ALLOWED_HOSTS=hosts):
        pages = key_pages(organization, people)
        chosen = pages if name == "all" else [find_page(pages, name)]
        clients = {}
        works = []
        for page in chosen:
            if page.role not in clients:
                clients[page.role] = signed_in_client(people.get(page.role))
            works.append(measure(page, clients[page.role], requests=requests))
    if name == "all":
        out.write(f"{'page':<32} {'role':<9} {'status':>6} {'queries':>7} {'calls':>8} {'ms':>7}\n")
        for work in works:
            out.write(
                f"{work.page.name:<32} {work.page.role:<9} {work.status:>6} {len(work.queries):>7} "
                f"{work.calls:>8} {work.milliseconds:>7.1f}\n"
            )
        return out.getvalue()
    work = works[0]
    out.write(
        f"{work.page.name} ({work.page.role}, {work.page.method} {work.page.path}): status {work.status}, "
        f"{len(work.queries)} queries, {work.calls} function calls and {work.milliseconds:.1f} ms per request\n"
    )
    for sql, asker in work.queries:
        out.write(f"  {sql[:100]}  <- {asker}\n")
    work.stats.stream = out
    work.stats.strip_dirs().sort_stats(sort).print_stats(top)
    if callers:
        work.stats.print_callers(callers)
    return out.getvalue()
