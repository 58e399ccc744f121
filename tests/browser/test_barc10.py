"""A resident completes a BARC-10 on their phone (and at a desk) and sees the trend chart drawn on the server."""

from datetime import date

from recovery.models import Role
from recovery.tenancy import tenant_scope
from residents.barc10 import scoring as barc10
from residents.barc10 import services as barc10_services
from tests.recovery.builders import PASSWORD, OrganizationFactory, make_member
from tests.residences.builders import make_stay


def test_a_resident_completes_a_barc10_and_sees_the_chart_on_a_phone_and_a_desk(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes")
    user = make_member(organization, Role.RESIDENT, email="robin@example.org")
    stay = make_stay(organization, user=user)
    with tenant_scope(organization):
        barc10_services.record_barc10(
            resident=stay.resident, answers=[2] * 10, occasion="move_in", taken_on=date(2026, 9, 1)
        )

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")

    page.goto("/residents/me/barc10/")
    for statement in barc10.ITEMS:
        page.get_by_role("group", name=statement).get_by_label("Agree", exact=True).check()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_role("button", name="Save my answers").click()

    assert page.get_by_text("Your answers are saved").is_visible()
    chart = page.get_by_role("img", name="BARC-10 recovery capital over time")
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= page.viewport_size["width"]
    assert page.locator(".barc10-change").inner_text() == "+30"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"
