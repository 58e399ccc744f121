"""The passes' routes (governance/passes/urls.py): a home's passes, deciding a pass, signing back in."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, unique
from tests.residences.builders import admit, make_home


def _home_with_resident(organization):
    home = make_home(organization, name=f"{MARKER} home {unique()}", level=1)
    return home, admit(home, first_name="Casey", last_name=MARKER, move_in=date(2020, 1, 1))


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


OBJECT_ROUTES = {
    "governance:pass_house": _residence,
    "governance:pass_decide": _pass,
    "governance:pass_sign_back": _sign_out,
}

NOT_TENANT_ROUTES = {
    "governance:pass_mine": "the signed-in resident's own passes (or the homes a member runs), by their scope",
    "governance:pass_sign_out": "signs out the signed-in resident themselves",
}
