"""Passes, chores and the house treasury (governance): makers of a fresh object of an organization per route."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _home_with_resident(organization, level=1):
    home = make_home(organization, name=f"{MARKER} house life {unique()}", level=level, beds=("A", "B"))
    stay = admit(home, first_name="Casey", last_name=MARKER, move_in=date(2020, 1, 1))
    return home, stay


def _residence(organization):
    return {"residence_pk": _home_with_resident(organization)[0].pk}


def _pass(organization):
    from governance.passes.models import Pass

    home, stay = _home_with_resident(organization)
    leaves = timezone.make_aware(datetime(2026, 1, 10, 9))
    with tenant_scope(organization):
        return {
            "pk": Pass.objects.create(
                stay=stay,
                residence=home,
                kind="day",
                leaves_at=leaves,
                returns_at=leaves + timedelta(hours=8),
                destination=MARKER,
            ).pk
        }


def _sign_out(organization):
    from governance.passes.models import SignOut

    home, stay = _home_with_resident(organization)
    out = timezone.make_aware(datetime(2026, 1, 10, 9))
    with tenant_scope(organization):
        return {
            "pk": SignOut.objects.create(stay=stay, residence=home, out_at=out, due_back_at=out + timedelta(hours=8)).pk
        }


def _assignment(organization):
    from governance.chores.models import Chore, ChoreAssignment, ChoreWeek

    home, stay = _home_with_resident(organization)
    with tenant_scope(organization):
        chore = Chore.objects.create(residence=home, name=f"{MARKER} dishes")
        week = ChoreWeek.objects.create(residence=home, week_of=date(2026, 1, 5), turn=0)
        return {"pk": ChoreAssignment.objects.create(week=week, chore=chore, resident=stay.resident).pk}


def make_expense(organization):
    from governance.treasury import services as treasury_services

    home, _stay = _home_with_resident(organization)
    with tenant_scope(organization):
        treasury_services.record_expense(residence=home, spent_on=date(2026, 1, 5), what=MARKER, amount=Decimal("10"))
    return {"residence_pk": home.pk}


OBJECT_ROUTES = {
    "governance:pass_house": _residence,
    "governance:pass_decide": _pass,
    "governance:pass_sign_back": _sign_out,
    "governance:chore_house": _residence,
    "governance:chore_turn": _residence,
    "governance:chore_done": _assignment,
    "governance:chore_check": _assignment,
    "governance:chore_missed": _assignment,
    "governance:treasury_house": make_expense,
    "governance:treasury_report": make_expense,
    "governance:treasury_audit": make_expense,
}

NOT_TENANT_ROUTES = {
    "governance:pass_mine": "the signed-in resident's own passes (or the homes a member runs), by their scope",
    "governance:pass_sign_out": "signs out the signed-in resident themselves",
    "governance:chore_mine": "the signed-in resident's own chores",
    "governance:treasury_mine": "redirects to the signed-in resident's own home",
}
