"""Django admin for mentoring, check-ins, meetings and signal settings (tenant-aware, audited)."""

from django.contrib import admin

from peer_support.mentorships.models import Mentor, MentorContact, Mentorship
from recovery.admin import TenantAdmin


@admin.register(Mentor)
class MentorAdmin(TenantAdmin):
    """The one place to change a mentor's limit of mentees."""

    list_display = ["pk", "mentee_limit"]
    raw_id_fields = ["resident", "membership"]


@admin.register(Mentorship)
class MentorshipAdmin(TenantAdmin):
    list_display = ["__str__", "started_on", "ended_on"]
    raw_id_fields = ["mentor", "mentee", "started_by"]


@admin.register(MentorContact)
class MentorContactAdmin(TenantAdmin):
    list_display = ["__str__", "how"]
