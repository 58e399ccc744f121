"""A house meeting on phones: two residents vote on a motion from their own phones (two browser contexts at
phone size), the house manager closes the vote, and both phones show the result."""

from datetime import date, time

from governance.house_meetings.models import HouseMeeting
from governance.house_meetings.services import open_motion
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.browser.conftest import VIEWPORTS
from tests.recovery.builders import OrganizationFactory, make_member
from tests.residences.builders import admit, make_home, manager_of

PASSWORD = "quiet-morning-coffee-7"


def person(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(browser, live_server, email, size="phone"):
    context = browser.new_context(base_url=live_server.url, **VIEWPORTS[size])
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    return context, page


def test_two_residents_vote_from_their_phones_and_see_the_result(browser, live_server, transactional_db):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes", require_mfa_for_staff=False)
    home = make_home(organization, name="Harbor House", beds=("A", "B"))
    jordan = person(make_member(organization, Role.RESIDENT, email="jordan@example.org"))
    chris = person(make_member(organization, Role.RESIDENT, email="chris@example.org"))
    admit(home, first_name="Jordan", last_name="Reyes", user=jordan, move_in=date(2026, 1, 1))
    admit(home, first_name="Chris", last_name="Wallace", user=chris, move_in=date(2026, 1, 1))
    manager = person(manager_of(home, email="luis@example.org"))
    with tenant_scope(organization):
        meeting = HouseMeeting.objects.create(residence=home, held_on=date(2026, 11, 29), starts_at=time(19, 0))
        motion = open_motion(residence=home, meeting=meeting, title="Adopt a house cat", secret=True, by=manager)

    contexts = []
    try:
        phones = []
        for email, choice in (("jordan@example.org", "Yes"), ("chris@example.org", "Yes")):
            context, page = sign_in(browser, live_server, email)
            contexts.append(context)
            page.goto("/house/my-house/")
            page.get_by_role("link", name="Adopt a house cat").click()
            page.get_by_label(choice, exact=True).check()
            page.get_by_role("button", name="Cast my vote").click()
            assert "your vote is counted" in page.content()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.viewport_size["width"], f"the vote page is {width}px wide on a phone"
            phones.append(page)

        context, chair = sign_in(browser, live_server, "luis@example.org")
        contexts.append(context)
        chair.goto(f"/house/motions/{motion.pk}/")
        assert "2 voted so far" in chair.content()
        chair.get_by_role("button", name="Close the vote and count").click()
        assert "The vote is closed: passed." in chair.content()

        for page in phones:
            page.reload()
            result = page.locator("#vote-result")
            assert "Passed" in result.inner_text()
            assert "2 yes · 0 no · 0 abstaining" in result.inner_text()
        for path in ["/house/my-house/", f"/house/meetings/{meeting.pk}/", f"/house/homes/{home.pk}/decisions/"]:
            phones[0].goto(path)
            width = phones[0].evaluate("document.documentElement.scrollWidth")
            assert width <= phones[0].viewport_size["width"], f"{path} is {width}px wide on a phone"
        assert "Passed: “Adopt a house cat” (2 yes, 0 no, 0 abstaining)." in phones[0].content()
    finally:
        for context in contexts:
            context.close()
