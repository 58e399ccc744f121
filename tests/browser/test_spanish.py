"""A resident who reads Spanish (issue 18), on a phone (390 by 844): the Today page, the check-in, the safety plan
with the crisis lines for Spanish speakers, a vote and their balance, all in Spanish. Screenshots of each page go to
HEARTH_SCREENSHOTS (default: the test's temporary folder) for a person to look at."""

import os
from datetime import time, timedelta
from decimal import Decimal
from pathlib import Path

from governance.house_meetings.models import HouseMeeting
from governance.house_meetings.services import open_motion
from recovery.models import Role
from recovery.tenancy import tenant_scope
from residences.ledger import services as ledger
from residences.models import Residence
from residents.safety_plans.services import save_safety_plan
from tests.browser.conftest import VIEWPORTS
from tests.clock import house_today
from tests.recovery.builders import OrganizationFactory, make_member
from tests.residences.builders import admit, make_home, manager_of, sign_disclosure

PASSWORD = "quiet-morning-coffee-7"


def test_a_resident_who_chose_spanish_reads_her_pages_in_spanish(browser, live_server, transactional_db, tmp_path):
    shots = Path(os.environ.get("HEARTH_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    today = house_today()
    organization = OrganizationFactory(name="Casa Esperanza Recovery Homes", require_mfa_for_staff=False)
    home = make_home(organization, name="Casa Esperanza", beds=("A", "B"))
    with tenant_scope(organization):  # the check-in is open whenever the test runs (the default opens at 06:00)
        Residence.objects.filter(pk=home.pk).update(check_in_opens_at=time(0, 0), check_in_closes_at=time(23, 59))
    rosa = make_member(organization, Role.RESIDENT, email="rosa@example.org", first_name="Rosa", language="es")
    rosa.set_password(PASSWORD)
    rosa.save()
    stay = admit(home, first_name="Rosa", last_name="Martínez", user=rosa, move_in=today - timedelta(days=20))
    manager = manager_of(home, email="luis@example.org")
    sign_disclosure(stay)
    with tenant_scope(organization):
        ledger.post_charge(stay=stay, category="rent", amount=Decimal("1175.00"), posted_on=today, by=manager)
        save_safety_plan(
            resident=stay.resident,
            by=rosa,
            warning_signs="No duermo y me aíslo.",
            people_to_call="Mi hermana Ana: 555-0100",
        )
        meeting = HouseMeeting.objects.create(residence=home, held_on=today, starts_at=time(19, 0))
        motion = open_motion(residence=home, meeting=meeting, title="Adoptar un gato", secret=True, by=manager)

    context = browser.new_context(base_url=live_server.url, locale="en-US", **VIEWPORTS["phone"])
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill("rosa@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/")

        def read(path: str, name: str, *phrases: str) -> str:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == "es"
            body = page.locator("body").inner_text()
            for phrase in phrases:
                assert phrase in body, f"{path} does not say {phrase!r}: {body}"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide on a phone"
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
            return body

        # Her saved choice beats the browser's English.
        read("/", "1-today", "Hola, Rosa", "Qué hacer ahora", "Regístrate hoy", "Saldo pendiente: $1,", "Hoy")
        read("/peer-support/today/", "2-check-in", "¿Cómo te sientes?", "Necesito hablar", "Mi meta de hoy")
        page.get_by_label("4 · Bien").check()
        page.get_by_label("2", exact=True).check()
        page.get_by_label("Mi meta de hoy").fill("Llamar a mi hermana")
        page.get_by_role("button", name="Registrarme").click()
        page.wait_for_url("**/peer-support/today/")
        assert "Ya te registraste hoy" in page.locator("main").inner_text()
        page.screenshot(path=str(shots / "2b-checked-in.png"), full_page=True)

        read(
            "/residents/me/safety-plan/",
            "3-safety-plan",
            "Mi plan de seguridad",
            "Llama al 988 y marca 2",
            "Manda AYUDA al 741741",
            "Mis señales de alerta",
            "Dónde está la naloxona",
        )
        assert page.locator('a[href="sms:741741?&body=AYUDA"]').count() == 1

        read(f"/house/motions/{motion.pk}/", "4-vote", "Votación abierta", "Voto secreto", "Tu voto")
        page.get_by_label("Sí", exact=True).check()
        page.get_by_role("button", name="Votar").click()
        assert "Gracias — tu voto está contado." in page.locator("main").inner_text()
        page.screenshot(path=str(shots / "4b-voted.png"), full_page=True)

        read("/residences/ledger/mine/", "5-balance", "Mi saldo", "Debes", "Historial", "+$1,175.00")
    finally:
        context.close()
