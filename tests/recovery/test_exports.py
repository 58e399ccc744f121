"""Exports (recovery/exports.py), walked over every declared export: a resident and a coach are refused, the file
starts with the redisclosure notice, every exported row is in the audit log by id, a cell written `=cmd()` is
neutralized in CSV and XLSX alike, and the filename names no one."""

import csv
import io
import re

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from recovery.audit import reads, recorder
from recovery.audit.models import AuditEvent, ExportDisclosure
from recovery.exports import EXPORTS, REDISCLOSURE_NOTICE, neutralized
from recovery.models import Role
from recovery.tenancy import tenant_scope
from tests.clock import house_today
from tests.recovery.builders import make_coach, make_member
from tests.residences.builders import make_stay

pytestmark = pytest.mark.django_db

INJECTED = "=cmd()"


def _resident(org):
    stay = make_stay(org, first_name=INJECTED)
    return {}, stay.resident


def _incident(org):
    from governance.incidents.models import Incident
    from tests.residences.builders import home_of_stay

    home = home_of_stay(make_stay(org))
    with tenant_scope(org):
        incident = Incident.objects.create(
            residence=home, kind="safety_threat", occurred_at=timezone.now(), description=INJECTED
        )
    return {}, incident


def _drug_test(org):
    from governance.drug_tests.models import DrugTest
    from tests.residences.builders import home_of_stay

    stay = make_stay(org, first_name=INJECTED)
    with tenant_scope(org):
        test = DrugTest.objects.create(resident=stay.resident, residence=home_of_stay(stay), due_on=stay.move_in)
    return {}, test


def _ledger(org):
    from residences.ledger.services import post_charge

    stay = make_stay(org)
    with tenant_scope(org):
        entry = post_charge(stay=stay, amount="25.00", category="fee", description=INJECTED, posted_on=stay.move_in)
    return {"stay_pk": stay.pk}, entry


def _audit_log(org):
    with tenant_scope(org):
        written = recorder.record(AuditEvent.Action.VIEW, organization=org, detail=INJECTED)
    return {}, written


def _check_ins(org):
    from peer_support.checkins.models import CheckIn

    stay = make_stay(org)
    with tenant_scope(org):
        check_in = CheckIn.objects.create(
            resident=stay.resident, day=stay.move_in, feeling=3, craving=1, goal_today=INJECTED
        )
    return {"resident_pk": stay.resident.pk}, check_in


def _decisions(org):
    from governance.house_meetings.models import HouseDecision
    from tests.residences.builders import make_home

    home = make_home(org)
    with tenant_scope(org):
        decision = HouseDecision.objects.create(residence=home, summary=INJECTED, decided_on=house_today())
    return {"residence_pk": home.pk}, decision


def _stays(org):
    stay = make_stay(org, first_name=INJECTED)
    return {}, stay


def _home_check_ins(org):
    from peer_support.checkins.models import CheckIn
    from tests.residences.builders import home_of_stay

    stay = make_stay(org)
    with tenant_scope(org):
        check_in = CheckIn.objects.create(
            resident=stay.resident,
            residence=home_of_stay(stay),
            day=stay.move_in,
            feeling=3,
            craving=1,
            goal_today=INJECTED,
        )
    return {}, check_in


def _house_meetings(org):
    from datetime import time

    from governance.house_meetings.models import HouseMeeting
    from tests.residences.builders import make_home

    home = make_home(org)
    with tenant_scope(org):
        meeting = HouseMeeting.objects.create(
            residence=home, held_on=house_today(), starts_at=time(19, 0), place=INJECTED
        )
    return {"residence_pk": home.pk}, meeting


# Each export's list page, built in an organization: (URL kwargs, a row of the list whose text is INJECTED).
BUILDERS = {
    "residents": _resident,
    "incidents": _incident,
    "drug-tests": _drug_test,
    "ledger": _ledger,
    "audit-log": _audit_log,
    "check-ins": _check_ins,
    "decisions": _decisions,
    "stays": _stays,
    "home-check-ins": _home_check_ins,
    "house-meetings": _house_meetings,
}


def _exports():
    get_resolver().url_patterns  # noqa: B018 - loading the URLconf imports every view, and so every export
    return sorted(EXPORTS)


def test_every_declared_export_is_walked_here():
    assert set(_exports()) == set(BUILDERS), "teach BUILDERS how to make a row of each export"


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_resident_and_a_coach_are_refused_an_export(client, harbor, name):
    kwargs, _row = BUILDERS[name](harbor)
    url = reverse(EXPORTS[name].route, kwargs=kwargs)
    client.force_login(make_member(harbor, Role.RESIDENT))
    assert client.get(url, {"format": "csv"}).status_code in (403, 404)
    client.force_login(make_coach(harbor)[0])
    assert client.get(url, {"format": "csv"}).status_code in (403, 404)
    with tenant_scope(harbor):
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
        assert not ExportDisclosure.objects.exists()
        assert AuditEvent.objects.filter(action=AuditEvent.Action.DENIED).exists()


@pytest.mark.parametrize("name", sorted(BUILDERS))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_export_is_recorded_as_a_disclosure_with_the_residents_it_holds(client, harbor, name, fmt):
    kwargs, row = BUILDERS[name](harbor)
    admin = make_member(harbor, Role.ADMIN)
    client.force_login(admin)
    response = client.get(reverse(EXPORTS[name].route, kwargs=kwargs), {"format": fmt})
    assert response.status_code == 200
    with tenant_scope(harbor):
        disclosure = ExportDisclosure.objects.get()
    assert (disclosure.export, disclosure.file_format, disclosure.exported_by_id) == (name, fmt, admin.pk)
    assert disclosure.notice == REDISCLOSURE_NOTICE
    assert disclosure.row_count >= 1
    assert response["Content-Disposition"] == f'attachment; filename="{disclosure.filename}"'
    resident_id = reads.resident_id_of(row)
    if resident_id is not None:
        assert resident_id in disclosure.resident_ids


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_csv_export_carries_the_notice_is_audited_by_id_and_neutralizes_a_formula(client, harbor, name):
    kwargs, row = BUILDERS[name](harbor)
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse(EXPORTS[name].route, kwargs=kwargs), {"format": "csv"})
    assert response.status_code == 200
    assert re.fullmatch(
        rf'attachment; filename="hearth-{name}-\d{{4}}-\d{{2}}-\d{{2}}\.csv"', response["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == f"Prohibition on redisclosure: {REDISCLOSURE_NOTICE}"
    cells = [cell for line in rows for cell in line]
    assert any(cell.startswith("'" + INJECTED) for cell in cells)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    with tenant_scope(harbor):
        exported = AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, detail=f"{name} export")
        assert exported.filter(object_type=row._meta.label_lower, object_id=str(row.pk)).exists()


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_an_xlsx_export_carries_the_notice_and_holds_no_formula(client, harbor, name):
    kwargs, _row = BUILDERS[name](harbor)
    client.force_login(make_member(harbor, Role.ADMIN))
    response = client.get(reverse(EXPORTS[name].route, kwargs=kwargs), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"Prohibition on redisclosure: {REDISCLOSURE_NOTICE}"
    cells = [cell for line in sheet.iter_rows() for cell in line if cell.value is not None]
    assert not any(cell.data_type == "f" for cell in cells)
    assert any(str(cell.value).startswith("'" + INJECTED) for cell in cells)


def test_the_resident_export_names_each_resident_it_discloses_in_the_audit_log(client, harbor):
    _kwargs, resident = _resident(harbor)
    client.force_login(make_member(harbor, Role.ADMIN))
    client.get(reverse("residents:resident_list"), {"format": "csv"})
    with tenant_scope(harbor):
        assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, resident_id=resident.pk).exists()


def test_a_house_manager_exports_only_the_residents_of_their_homes(client, harbor):
    from tests.residences.builders import home_of_stay, manager_of

    mine = make_stay(harbor, last_name="Mine")
    make_stay(harbor, last_name="Elsewhere")
    client.force_login(manager_of(home_of_stay(mine)))
    body = client.get(reverse("residents:resident_list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "Mine" in body and "Elsewhere" not in body


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        (None, ""),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_neutralized(value, written):
    assert neutralized(value) == written


def test_numbers_stay_numbers_even_when_negative():
    from decimal import Decimal

    assert neutralized(Decimal("-25.00")) == Decimal("-25.00")


def test_a_resident_sees_which_downloaded_lists_held_their_record_on_their_consents_page(client, harbor):
    from tests.residences.builders import resident_stay

    stay = resident_stay(harbor, last_name="Listed")
    client.force_login(make_member(harbor, Role.ADMIN))
    client.get(reverse("residents:resident_list"), {"format": "xlsx"})
    client.force_login(stay.resident.user)
    page = client.get(reverse("residents:my_consents")).content.decode()
    assert "the residents list (XLSX)" in page
