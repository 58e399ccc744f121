"""The sign-in page works in a real browser, on a desk and on a phone."""

from allauth.account.models import EmailAddress

from recovery.models import Role
from tests.recovery.builders import OrganizationFactory, make_member


def test_sign_in_form_is_usable_and_signs_in_at_desktop_and_phone_size(page):
    organization = OrganizationFactory(name="Harbor Light Recovery Homes")
    user = make_member(organization, Role.RESIDENT, email="robin@example.org")
    user.set_password("quiet-morning-coffee-7")
    user.save()

    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("/accounts/login/")

    email, password = page.get_by_label("Email"), page.get_by_label("Password")
    assert email.is_visible() and password.is_visible()
    # Nothing spills sideways on a phone: the page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    # Touch targets are big enough to hit with a thumb.
    assert page.get_by_role("button", name="Sign In").bounding_box()["height"] >= 40

    email.fill("robin@example.org")
    password.fill("quiet-morning-coffee-7")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    assert page.get_by_text("You are signed in to Harbor Light Recovery Homes as resident").is_visible()
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"


def test_wrong_password_gets_a_clear_message(page, django_user_model):
    user = django_user_model.objects.create_user(email="robin@example.org", password="quiet-morning-coffee-7")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign In").click()
    assert page.get_by_text("not correct").is_visible()
