"""On a phone (390 by 844), Hearth is an app the resident can install: a manifest and a service worker; with no
signal the resident still opens their safety plan, and any other page says plainly that it needs a signal; after
signing out, no personal page is left in the phone's caches."""

from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.safety_plans import services as safety_plans_services
from tests.browser.conftest import VIEWPORTS
from tests.recovery.builders import OrganizationFactory, make_member
from tests.residences.builders import admit, make_home

PASSWORD = "quiet-morning-coffee-7"
SAFETY_PLAN = dict.fromkeys(["people_and_places", "professional_contacts", "naloxone_location", "safe_environment"], "")
SAFETY_PLAN |= {"coping_strategies": "Walk to the harbor, call my sponsor", "people_to_call": "Sam: (555) 010-0100"}
SAFETY_PLAN |= {"warning_signs": "Skipping meetings"}
CACHED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""


def _resident_with_a_safety_plan():
    organization = OrganizationFactory(name="Harbor Light Recovery Homes", require_mfa_for_staff=False)
    home = make_home(organization, name="Harbor House")
    user = make_member(organization, Role.RESIDENT, email="jordan@example.org")
    user.set_password(PASSWORD)
    user.save()
    stay = admit(home, first_name="Jordan", user=user)
    with tenant_scope(organization):
        safety_plans_services.save_safety_plan(resident=stay.resident, by=user, **SAFETY_PLAN)
    return organization


def test_a_resident_installs_reads_the_safety_plan_offline_and_signing_out_leaves_nothing_personal(
    browser, live_server, transactional_db
):
    organization = _resident_with_a_safety_plan()
    phone = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    phone.set_default_timeout(10_000)
    page = phone.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("jordan@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")

    manifest_url = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.evaluate("url => fetch(url).then(r => r.json())", manifest_url)
    assert manifest["name"] == organization.name and manifest["display"] == "standalone"
    worker = page.evaluate("navigator.serviceWorker.ready.then(r => r.active.scriptURL)")
    assert worker == f"{live_server.url}/sw.js"
    # Once signed in, the phone keeps the safety plan and the self-care plan without the resident opening them.
    page.wait_for_function(
        """() => caches.open("hearth-personal").then(c => c.keys()).then(keys => keys.length === 2)"""
    )

    phone.set_offline(True)
    page.goto("/residents/me/safety-plan/")
    assert page.get_by_role("heading", name="My safety plan").is_visible()
    assert page.get_by_text("Walk to the harbor, call my sponsor").is_visible()
    page.goto("/house/my-house/")
    assert page.get_by_role("heading", name="You are offline").is_visible()
    page.goto("/residents/me/self-care/")
    assert page.get_by_role("heading", name="My self-care plan").is_visible()

    phone.set_offline(False)
    page.goto("/")
    # The form clears the caches, then submits: wait for that navigation to finish before looking, or the look
    # runs in the page being left.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")
    kept = page.evaluate(CACHED_PATHS)
    assert not [path for path in kept if path.startswith("/residents/")], kept
    assert not [path for path in kept if not path.startswith(("/static/", "/offline/"))], kept
    phone.close()
