"""Outside meetings: the resident's own log with this week's progress, and staff's view of one resident's
meetings, where they may mark entries verified."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peer_support.checkins.services import organization_today
from peer_support.outside_meetings import services
from peer_support.outside_meetings.forms import OutsideMeetingForm
from peer_support.outside_meetings.models import OutsideMeeting
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record


@permission_required("peer_support.log_own_meetings")
def my_meetings(request):
    resident = my_resident_record(request.user)
    if resident is None:
        return render(request, "peer_support/today/no_record.html")
    day = organization_today()
    form = OutsideMeetingForm(request.POST or None, initial={"attended_on": day})
    if request.method == "POST" and form.is_valid():
        try:
            services.log_meeting(resident=resident, today=day, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting logged. Well done."))
            return redirect("peer_support:my_outside_meetings")
    context = {
        "form": form,
        "meetings": list(OutsideMeeting.objects.filter(resident=resident)[:30]),
        "progress": services.week_progress(resident, today=day),
    }
    return render(request, "peer_support/outside_meetings/my_meetings.html", context)


@member_required
def resident_meetings(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "peer_support.view_meetings")
    record_view(resident, detail="outside meetings")
    context = {
        "resident": resident,
        "meetings": list(OutsideMeeting.objects.filter(resident=resident).select_related("verified_by")[:60]),
        "progress": services.week_progress(resident, today=organization_today()),
        "can_verify": request.user.has_perm("peer_support.verify_meeting", resident),
    }
    return render(request, "peer_support/outside_meetings/resident_meetings.html", context)


@require_POST
@member_required
def meeting_verify(request, pk):
    meeting = object_or_404(
        request,
        OutsideMeeting.objects.select_related("resident"),
        "peer_support.verify_meeting",
        pk=pk,
        checked_on="resident",
    )
    services.verify_meeting(meeting=meeting, by=request.user)
    messages.success(request, _("Marked verified."))
    return redirect("peer_support:resident_outside_meetings", resident_pk=meeting.resident_id)
