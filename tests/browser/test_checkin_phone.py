"""On a phone, a resident checks in with a few taps, and their coach sees it on "my people"."""

from peer_support.checkins.services import organization_today
from peer_support.mentorships import services as mentor_services
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.browser.conftest import VIEWPORTS
from tests.peer_support.builders import add_resident, make_peer_home
from tests.recovery.builders import OrganizationFactory, make_coach, make_member

PASSWORD = "quiet-morning-coffee-7"


def _sign_in(context, email):
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    return page


def test_a_resident_checks_in_on_a_phone_and_the_coach_sees_it(browser, live_server, transactional_db):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes", require_mfa_for_staff=False)
    home = make_peer_home(organization)
    resident_user = make_member(organization, Role.RESIDENT, email="jordan@example.org")
    coach_user, coach = make_coach(organization)
    for user in (resident_user, coach_user):
        user.set_password(PASSWORD)
        user.save()
    resident = add_resident(home, first_name="Jordan", user=resident_user)
    with tenant_scope(organization):
        mentor_services.start_mentorship(mentee=resident, coach=coach, on=organization_today(), by=None)

    phone = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    phone.set_default_timeout(10_000)
    page = _sign_in(phone, "jordan@example.org")
    page.goto("/peer-support/today/")
    # A few taps: feeling, cravings, a goal, "I need to talk", check in.
    page.get_by_label("4 · Good").check()
    page.get_by_label("2", exact=True).check()
    page.get_by_label("My goal today").fill("Call my sister")
    page.get_by_label("I need to talk").check()
    page.get_by_role("button", name="Check in").click()
    page.wait_for_url("**/peer-support/today/")
    assert page.get_by_text("You checked in today").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the today page is {width}px wide on a phone"
    phone.close()

    coach_phone = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    coach_phone.set_default_timeout(10_000)
    page = _sign_in(coach_phone, coach_user.email)
    page.goto("/peer-support/my-people/")
    body = page.locator("main").inner_text()
    assert "Jordan Lee" in body and "Asked to talk" in body and "feeling 4 of 5" in body
    coach_phone.close()
