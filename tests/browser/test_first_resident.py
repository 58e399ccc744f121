"""A house runs on Hearth from the first minute, on phones: a new operator signs up, creates the organization and a
home with beds, adds a resident and prints their welcome sheet; the resident types the code on a phone, signs up and
checks in. After the first address everything is a link or a button; the only other addresses are the links in the
confirmation emails, which is how a person follows them. No admin page, no platform administrator.
"""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail

from recovery.tenancy import scopes_disabled
from residences.models import Residence
from tests.browser.conftest import VIEWPORTS

OPERATOR, RESIDENT = "dana@harbor.example.org", "jordan@example.org"
PASSWORD = "quiet-morning-coffee-7"


def _confirm_email_from_the_outbox(page, address):
    message = next(message for message in reversed(mail.outbox) if message.to == [address])
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()


def _sign_up(page, address):
    page.get_by_label("Email").fill(address)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    _confirm_email_from_the_outbox(page, address)


def _set_up_an_authenticator(page):
    """The organization asks its staff for a second sign-in step: the operator sets one up as a person would."""
    page.wait_for_url("**/reauthenticate/**")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.get_by_role("button", name="Activate").click()


def _open_check_in_window_around_now(home_name):
    # The check-in window is a home's setting; the test runs at any hour, so it opens around now.
    with scopes_disabled():
        home = Residence.objects.select_related("organization").get(name=home_name)
        now = datetime.now(ZoneInfo(str(home.organization.time_zone)))
        start = max(now - timedelta(hours=1), now.replace(hour=0, minute=0, second=0, microsecond=0))
        end = min(now + timedelta(hours=1), now.replace(hour=23, minute=59, second=0, microsecond=0))
        Residence.objects.filter(pk=home.pk).update(check_in_opens_at=start.time(), check_in_closes_at=end.time())


def test_a_new_operator_gets_a_first_resident_checking_in_on_a_phone(browser, live_server, transactional_db):
    # The operator works on a phone too: everything they need fits it (the top bar's sections are in Menu).
    desk = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    desk.set_default_timeout(15_000)
    page = desk.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # The operator: sign up, create the organization, set up the second step.
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    _sign_up(page, OPERATOR)
    page.get_by_role("button", name="Create an organization").click()
    page.get_by_label("Organization name").fill("Harbor Light Recovery Homes")
    page.get_by_role("button", name="Create").click()
    _set_up_an_authenticator(page)

    # A home with a room of beds.
    page.get_by_role("link", name="Hearth", exact=True).click()
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Homes", exact=True).last.click()
    page.get_by_role("button", name="Add a home").click()
    page.get_by_label("Name").fill("Maple House")
    page.get_by_role("button", name="Add the home").click()
    page.get_by_role("link", name="Add a room").click()
    page.get_by_label("Room name").fill("Upstairs front")
    page.get_by_label("Beds").fill("A, B")
    page.get_by_role("button", name="Add the room").click()

    # A resident, and their welcome sheet.
    page.get_by_role("button", name="Add a resident").click()
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Reyes")
    page.get_by_label("Bed").select_option(label="Maple House · Upstairs front · A")
    page.get_by_role("button", name="Add the resident").click()
    assert page.get_by_text("Jordan Reyes is admitted to Upstairs front · A").is_visible()
    assert page.get_by_role("heading", name="Next steps").is_visible()
    page.get_by_role("button", name="Print a welcome sheet with a code").click()
    code = page.locator(".welcome-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
    assert page.get_by_role("img", name="A QR code that opens your invitation").is_visible()
    assert not errors, f"the browser reported errors (a CSP violation?): {errors}"
    desk.close()

    _open_check_in_window_around_now("Maple House")

    # The resident, on their phone, with the sheet in hand.
    phone = browser.new_context(base_url=live_server.url, **VIEWPORTS["phone"])
    phone.set_default_timeout(15_000)
    page = phone.new_page()
    page.goto("/")
    page.get_by_role("button", name="I have a code").click()
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="Join Harbor Light Recovery Homes").is_visible()
    page.get_by_role("button", name="Create an account").click()
    _sign_up(page, RESIDENT)
    page.get_by_role("button", name="Accept the invitation").click()
    assert page.get_by_text("Welcome to Harbor Light Recovery Homes.").is_visible()

    page.get_by_role("link", name="Today", exact=True).first.click()
    page.get_by_role("link", name="Check in for today").click()
    page.get_by_label("4 · Good").check()
    page.get_by_label("2", exact=True).check()
    page.get_by_label("My goal today").fill("Unpack and meet the house")
    page.get_by_role("button", name="Check in").click()
    assert page.get_by_text("You checked in today").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the today page is {width}px wide on a phone"
    phone.close()
