"""The admin bases: a read-only tenant admin shows and audits, and adds, changes and deletes nothing."""

import pytest
from django.contrib import admin

from recovery.admin import ReadOnlyTenantAdmin
from recovery.audit.models import AuditEvent
from recovery.tenancy import scopes_disabled
from residences.models import LedgerEntry
from tests.recovery.builders import UserFactory, sign_in_with_totp

pytestmark = pytest.mark.django_db


def test_a_read_only_tenant_admin_refuses_add_change_and_delete_when_the_user_is_a_superuser(rf):
    request = rf.get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = ReadOnlyTenantAdmin(LedgerEntry, admin.site)

    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_a_read_only_tenant_admin_list_is_audited_when_platform_staff_open_it(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_totp(client, staff)

    assert client.get("/admin/residences/ledgerentry/").status_code == 200

    with scopes_disabled():
        (event,) = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW, actor=staff)
    assert event.detail == "admin list of residences.ledgerentry"
