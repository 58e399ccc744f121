"""No value a person or a stale page can post gives a server error, and no form is acted on twice (issue 14: the
form fuzzer, and item 5's test over every create view).

Each demo role walks the pages it can reach by links (bounded), reads every POST form on them (tests/page_forms.py)
and sends each distinct form back: hostile values in every field (very long text, NUL bytes, junk ids, impossible
dates, huge, negative and non-numeric numbers), and once as rendered, twice with the same one-time token. Any 5xx
fails; so does a second sending of the same form that writes anything. The demo is seeded once for the module
and each test rolls back to it; a bounded number of pages and posts keeps the module within its time budget.
"""

import logging
import re
import time
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import Resolver404, resolve

from recovery.models import User
from recovery.submissions import FIELD
from tests.page_forms import forms_of
from tests.test_demo_crawl import NAMESPACES, ROLES, _writes_to_records

MOST_PAGES_PER_ROLE = 120  # pages opened per role, breadth first from the home page
PAGES_PER_ROUTE = 1  # a route's first linked page stands for its others
MUTATIONS_PER_FORM = 4  # rounds of _hostile_values(); the hidden-field rounds only for forms that have some
# Posting these would end the walk (signing out), or they answer for a page, not for a field's value.
NOT_FUZZED = {"account_logout"}
# The forms a double submit costs money on; the walk must reach them.
MONEY_FORMS = {
    "residences:record_payment",
    "residences:post_charge",
    "residences:post_credit",
    "governance:treasury_house",
}
# Forms whose answer is a page shown once (not a redirect), where sending again on purpose replaces the first result,
# so a double submit leaves one result all the same: each with why.
SENT_AGAIN_REPLACES = {
    "residents:welcome_sheet": "a new sign-in code revokes the previous one: one code works, the one on the page",
}
LINK = re.compile(r'<a\s[^>]*?href="([^"]+)"')

LONG = "Ω" * 20_000
HOSTILE_TEXT = [LONG, "a\x00b", "<script>alert(1)</script>'\"--", "\u202e\ufeff\ud7ff"]
HOSTILE_NUMBER = ["99999999999999999999999", "-99999999999", "NaN", "1e309", "12,50", "abc", "-0.001", "\x00"]
HOSTILE_DATE = ["2026-02-30", "99999-01-01", "0000-00-00", "2026-13-01T25:61", "\x00", "yesterday"]
HOSTILE_ID = ["abc", "²", "99999999999999999999", "-1", "1\x00", "0x1f", LONG]
HOSTILE_CHOICE = ["abc", "99999999999999999999", "-1", "0", "\x00", "1.5", LONG]
BY_KIND = {
    "number": HOSTILE_NUMBER,
    "date": HOSTILE_DATE,
    "datetime-local": HOSTILE_DATE,
    "time": ["25:61", "\x00", "noon"],
    "month": ["2026-13", "99999-01", "\x00"],
    "email": ["a\x00@b.example", "@" * 300, LONG],
    "select": HOSTILE_CHOICE,
    "radio": HOSTILE_CHOICE,
    "checkbox": HOSTILE_CHOICE,
}


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module inside a transaction rolled back at its end; each test's own
    changes are rolled back to the seeded demo by pytest-django (a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("seed_demo")
        yield
        transaction.set_rollback(True)


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _reachable_forms(client) -> dict[tuple, tuple[str, object]]:
    """Each distinct POST form (by the route it posts to and its field names) on the pages reachable by links from
    the home page: (page URL, PageForm)."""
    forms, seen, per_route = {}, {"/"}, {}
    queue = deque(["/"])
    opened = 0
    while queue and opened < MOST_PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        opened += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for form in forms_of(html, page_path=urlsplit(url).path):
            route = _route(urlsplit(form.action).path)
            if route is None or route in NOT_FUZZED:
                continue
            forms.setdefault((route, tuple(sorted(form.fields))), (url, form))
        for href in LINK.findall(html):
            parts = urlsplit(href.replace("&amp;", "&"))
            route = _route(parts.path) if not (parts.scheme or parts.netloc) else None
            if route is None or route.split(":")[0] not in NAMESPACES | {"home"}:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")
            if target in seen or per_route.get(route, 0) >= PAGES_PER_ROUTE:
                continue
            seen.add(target)
            per_route[route] = per_route.get(route, 0) + 1
            queue.append(target)
    return forms


def _hostile_values(form, round_: int) -> dict[str, list[str]] | None:
    """One hostile sending of `form`, or None when the round has nothing to change. Each round keeps the other
    fields as rendered, so that the form gets as far as the value under attack:

    0. and 3. junk ids in the hidden fields (which say which step, row or action a form is about);
    1. hostile values in every visible field, by its kind (text, number, date, choice, ...);
    2. hostile values in the visible fields that are not free text (numbers, dates, choices), the text as rendered.
    """
    data = form.data()
    changed = False
    hidden_round = round_ in (0, 3)
    fields = [(name, kind) for name, kind in form.kinds.items() if name not in ("csrfmiddlewaretoken", FIELD)]
    for index, (name, kind) in enumerate(fields):
        if (kind == "hidden") != hidden_round or (round_ == 2 and kind not in BY_KIND):
            continue
        values = HOSTILE_ID if hidden_round else BY_KIND.get(kind, HOSTILE_TEXT)
        data[name] = [values[(index + round_) % len(values)]]
        changed = True
    data[FIELD] = [str(uuid.uuid4())]
    return data if changed else None


def _post(client, action: str, data) -> tuple[int | None, str]:
    """The status of posting `data` to `action`, or None and the error a view raised; each post in a savepoint,
    so a database error does not spoil the rest of the walk."""
    try:
        with transaction.atomic():
            return client.post(action, data).status_code, ""
    except Exception as error:
        return None, f"{type(error).__name__}: {str(error)[:200]}"


@dataclass
class Walk:
    forms: list[tuple]  # (role, route, page URL, PageForm), each distinct form once
    reached_by: set[str]  # the roles that reached at least one form


@pytest.fixture(scope="module")
def reachable(demo_db, django_db_blocker):
    """Each distinct POST form some demo role reaches, once (the first role to reach it sends it): a list of
    (role, route, page URL, PageForm). Walked once for the module; the walk's reads stay in the demo transaction."""
    found, reached_by = {}, set()
    with django_db_blocker.unblock(), _quiet_refusals():
        client = Client()
        for role in ROLES:
            client.force_login(User.objects.get(email=f"{role}@harbor.example"))
            for key, (page, form) in _reachable_forms(client).items():
                found.setdefault(key, (role, key[0], page, form))
                reached_by.add(role)
    return Walk(forms=list(found.values()), reached_by=reached_by)


@contextmanager
def _quiet_refusals():
    """Hostile posts are refused by the hundred (400, 403, 404): their log lines are noise here, and slow."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _send_each(client, reachable, each_form) -> list[str]:
    """Call `each_form(client, form)` for each reachable form as the role that reached it: the problems it yields,
    named by role, route and page."""
    problems, users = [], {}
    with _quiet_refusals():
        for role, route, page, form in reachable.forms:
            user = users.setdefault(role, User.objects.get(email=f"{role}@harbor.example"))
            client.force_login(user)  # a form before may have signed this person out or switched organization
            problems += [f"{role} {route} (form on {page}): {problem}" for problem in each_form(client, form)]
    return problems


def test_the_walk_reaches_the_forms_of_every_role_and_the_money_forms(reachable):
    routes = {route for _role, route, _page, _form in reachable.forms}
    assert set(ROLES) == reachable.reached_by
    assert len(routes) > 40, f"the walk should reach most forms, not only {sorted(routes)}"
    assert routes >= MONEY_FORMS, f"the walk missed money forms: {MONEY_FORMS - routes}"


def test_hostile_values_in_every_form_of_every_demo_role_give_no_server_error(client, reachable, db):
    started = time.monotonic()

    def fuzz(client, form):
        for round_ in range(MUTATIONS_PER_FORM):
            data = _hostile_values(form, round_)
            if data is None:
                continue
            status, error = _post(client, form.action, data)
            if status is None or status >= 500:
                fields = ", ".join(f"{name}={values[0][:20]!r}" for name, values in data.items())
                yield f"{error or status} with {fields}"
                return  # one failure per form is enough to find it

    problems = _send_each(client, reachable, fuzz)
    assert not problems, "server errors from posted values:\n" + "\n".join(problems)
    assert time.monotonic() - started < 90, "the fuzzer outgrew its time budget: lower MUTATIONS_PER_FORM"


def test_every_form_of_every_demo_role_sent_twice_acts_once(client, reachable, db):
    """Item 5 over every create view: the same rendered form sent twice (a second click) writes nothing the second
    time, and answers where the first went when the first was taken."""

    def twice(client, form):
        if _route(urlsplit(form.action).path) in SENT_AGAIN_REPLACES:
            return
        data = form.data()
        if not data.get(FIELD):
            yield "the form carries no one-time token"
            return
        first, error = _post(client, form.action, data)
        if first is None or first >= 500:
            yield f"{error or first} when sent as rendered"
            return
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            second, error = _post(client, form.action, data)
        writes = [sql for sql in _writes_to_records(captured) if "recovery_formsubmission" not in sql]
        if second is None or second >= 500:
            yield f"{error or second} when sent again"
        elif writes:
            yield f"sent twice, the second sending wrote: {[sql[:70] for sql in writes]}"

    problems = _send_each(client, reachable, twice)
    assert not problems, "forms acted on twice:\n" + "\n".join(problems)
