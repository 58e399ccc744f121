"""Every page the link-coverage crawl reaches, for every demo role, at phone size (390 by 844): axe-core (vendored in
tests/browser/vendor) finds no serious or critical violation (WCAG 2.2 AA and axe's best practices), no page scrolls
sideways, and every tap target is at least 24 px (44 px high for a primary button and a call link; tap_targets.js).

The crawl is tests/test_link_coverage.py's, on the demo data; one page per route is opened in the browser (a route's
second instance is the same template), each role in one browser context signed in with the crawl's session. One test
walks them all, because seeding the demo is the slow part; a failure lists every page and what it found.
"""

from pathlib import Path

from django.core.management import call_command

from recovery.models import User
from tests.browser.conftest import VIEWPORTS
from tests.test_demo_crawl import ROLES
from tests.test_link_coverage import _route_of, crawl

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-4.14.1.min.js"
TAP_TARGETS = (HERE / "tap_targets.js").read_text()
BLOCKING = {"serious", "critical"}
RUN_AXE = "axe.run(document, {resultTypes: ['violations']}).then(result => result.violations)"


def one_page_per_route(urls: list[str]) -> list[str]:
    pages = {}
    for url in urls:
        pages.setdefault(_route_of(url.split("?")[0]), url)
    return list(pages.values())


def axe_violations(page) -> list[str]:
    found = []
    for violation in page.evaluate(RUN_AXE):
        if violation["impact"] in BLOCKING:
            node = violation["nodes"][0]
            found.append(
                f"axe {violation['id']} ({violation['impact']}, {len(violation['nodes'])} places) {violation['help']}"
                f" — first at {node['target']}: {node['html'][:160]}"
            )
    return found


def sideways_scroll(page) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    return [f"the page is {width} px wide"] if width > page.viewport_size["width"] else []


def test_every_page_of_every_demo_role_is_accessible_on_a_phone(
    browser, live_server, transactional_db, client, settings
):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    problems = []
    for role in ROLES:
        client.force_login(User.objects.get(email=f"{role}@harbor.example"))
        visited = []
        crawl(client, visited)
        context = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
        context.set_default_timeout(15_000)
        context.add_init_script(path=str(AXE))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
        page = context.new_page()
        for url in one_page_per_route(visited):
            page.goto(url)
            found = axe_violations(page) + sideways_scroll(page) + page.evaluate(TAP_TARGETS)
            problems += [f"{role}: {url}: {problem}" for problem in found]
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
