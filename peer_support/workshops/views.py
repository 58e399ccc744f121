"""Workshop pages: the list (upcoming, past, curriculum), adding workshops and sessions, and a session's page
with RSVP, attendance and notes."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from peer_support.workshops import selectors, services
from peer_support.workshops.forms import RsvpForm, SessionForm, SessionNotesForm, WorkshopForm
from peer_support.workshops.models import Workshop
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.models import Membership, Role, User
from recovery.permissions import member_required, permission_required
from recovery.tenancy import organization_today
from residences.homes.selectors import residents_living_in, visible_residences
from residents.profiles.selectors import my_resident_record


@permission_required("peer_support.view_workshops")
@require_safe
def workshops(request):
    resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
    page = selectors.workshop_page(request.membership, resident=resident, now=timezone.now())
    return render(request, "peer_support/workshops/workshop_list.html", {"page": page, "resident": resident})


@permission_required("peer_support.manage_workshops")
def workshop_new(request):
    form = WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = services.add_workshop(**form.cleaned_data)
        messages.success(request, _("The workshop is in the curriculum. Add a session when you have a date."))
        return redirect("peer_support:session_new", pk=workshop.pk)
    return render(request, "peer_support/workshops/workshop_form.html", {"form": form})


@member_required
def session_new(request, pk):
    workshop = object_or_404(request, Workshop, "peer_support.manage_workshops", pk=pk)
    membership = request.membership
    today = organization_today(request.organization)
    homes = visible_residences(membership)
    staff = Membership.objects.filter(is_active=True, role__in=[Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.COACH])
    form = SessionForm(
        request.POST or None,
        homes=homes,
        staff_users=User.objects.filter(pk__in=staff.values("user_id")).order_by("first_name", "last_name"),
        # Peer facilitators: residents living today in the homes this person runs (no names from other homes).
        residents=residents_living_in(homes, on=today).order_by("first_name", "last_name"),
        allow_all_homes=membership.role in (Role.ADMIN, Role.STAFF),
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.schedule_session(workshop=workshop, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The session is scheduled. Residents can answer from their phones."))
            return redirect("peer_support:session_detail", pk=session.pk)
    return render(request, "peer_support/workshops/session_form.html", {"form": form, "workshop": workshop})


def _session_page(request, session, *, notes_form=None, status=200):
    now = timezone.now()
    user = request.user
    resident = my_resident_record(user) if request.membership.role == Role.RESIDENT else None
    may_take = user.has_perm("peer_support.take_attendance", session)
    context = {
        "session": session,
        "resident": resident,
        "started": session.starts_at <= now,
        "may_rsvp": resident is not None and user.has_perm("peer_support.rsvp_session", session),
        "may_take_attendance": may_take,
        "roster": selectors.session_roster(session, today=organization_today(request.organization))
        if may_take
        else None,
        "notes_form": notes_form
        or (
            SessionNotesForm(initial={"notes": session.notes, "materials": session.materials})
            if user.has_perm("peer_support.write_session_notes", session)
            else None
        ),
        "my_answer": (
            session.rsvps.filter(resident=resident).values_list("going", flat=True).first() if resident else None
        ),
    }
    return render(request, "peer_support/workshops/session_detail.html", context, status=status)


@member_required
@require_safe
def session_detail(request, pk):
    session = object_or_404(request, selectors.session_with_joins(), "peer_support.view_session", pk=pk)
    return _session_page(request, session)


@member_required
@require_POST
def session_rsvp(request, pk):
    session = object_or_404(request, selectors.session_with_joins(), "peer_support.rsvp_session", pk=pk)
    resident = my_resident_record(request.user)
    form = RsvpForm(request.POST)
    if resident is None or not form.is_valid():
        messages.error(request, _("Choose going or not going."))
    else:
        try:
            services.rsvp(session=session, resident=resident, going=form.cleaned_data["going"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thanks, your answer is saved."))
    return redirect("peer_support:session_detail", pk=session.pk)


@member_required
@require_POST
def session_attendance(request, pk):
    session = object_or_404(request, selectors.session_with_joins(), "peer_support.take_attendance", pk=pk)
    residents = list(selectors.expected_residents(session, today=organization_today(request.organization)))
    allowed = {str(resident.pk) for resident in residents}
    present = [pk for pk in request.POST.getlist("present") if pk in allowed]
    try:
        count = services.take_attendance(session=session, residents=residents, present_ids=present, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Attendance is saved: {count} present.")
    return redirect("peer_support:session_detail", pk=session.pk)


@member_required
@require_POST
def session_notes(request, pk):
    session = object_or_404(request, selectors.session_with_joins(), "peer_support.write_session_notes", pk=pk)
    form = SessionNotesForm(request.POST)
    if not form.is_valid():
        return _session_page(request, session, notes_form=form, status=400)
    services.save_session_notes(session=session, **form.cleaned_data)
    messages.success(request, _("The notes are saved."))
    return redirect("peer_support:session_detail", pk=session.pk)
