"""House meeting pages: a home's meetings and schedule, the meeting page (agenda, votes, minutes — made for the
phone), attendance, minutes and their approval, motions and votes, and the decisions log.

Every page looks its object up with the tenant-scoped manager before checking permission, so another
organization's meeting is simply not found (404) for every role."""

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from governance.house_meetings import selectors, services
from governance.house_meetings.exports import DECISIONS, MEETINGS
from governance.house_meetings.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MinutesForm,
    MotionForm,
    ScheduleForm,
    VoteForm,
)
from governance.house_meetings.models import HouseMeeting, Motion
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import object_or_404
from recovery.models import Role
from recovery.pagination import page_of
from recovery.permissions import member_required, require
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of, visible_residences
from residents.profiles.selectors import my_resident_record

PAGE_SIZE = 20  # meetings and decisions a page


def meeting_or_404(request, pk: int, permission: str) -> HouseMeeting:
    """The meeting of this organization with that id (404 otherwise), if the person may `permission` in its home."""
    return object_or_404(
        request,
        HouseMeeting.objects.select_related("residence__organization"),
        permission,
        pk=pk,
        checked_on="residence",
    )


def motion_or_404(request, pk: int, permission: str) -> Motion:
    """The motion of this organization with that id (404 otherwise), if the person may `permission` in its home."""
    return object_or_404(
        request,
        Motion.objects.select_related("residence__organization", "meeting"),
        permission,
        pk=pk,
        checked_on="residence",
    )


@member_required
@require_safe
def meetings(request):
    """A resident goes to their own house's meetings; staff see the homes they look after."""
    today = organization_today(request.organization)
    if request.membership.role == Role.RESIDENT:
        home = home_of(user=request.user, on=today)
        if home is None:
            return render(request, "governance/house_meetings/no_home.html")
        return redirect("governance:residence_meetings", residence_pk=home.pk)
    next_meeting = HouseMeeting.objects.filter(residence=OuterRef("pk"), held_on__gte=today, cancelled=False)
    homes = visible_residences(request.membership).annotate(
        next_meeting_on=Subquery(next_meeting.order_by("held_on").values("held_on")[:1]),
        next_meeting_pk=Subquery(next_meeting.order_by("held_on").values("pk")[:1]),
    )
    return render(request, "governance/house_meetings/homes.html", {"homes": homes})


@member_required
@require_safe
def residence_meetings(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_meetings")
    fmt = requested_format(request)
    if fmt:
        return MEETINGS.response(request, selectors.meetings_of(residence), fmt)
    today = home_today(residence)
    return render(
        request,
        "governance/house_meetings/residence.html",
        {
            "residence": residence,
            "schedule": services.schedule_of(residence),
            "upcoming": selectors.upcoming_meetings(residence, today=today),
            "page": page_of(request, selectors.past_meetings(residence, today=today), PAGE_SIZE),
            "can_run": request.user.has_perm("governance.run_meetings", residence),
        },
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_schedule(request, residence_pk):
    """When the house meets and its quorum; saving also puts the next four meetings on the calendar."""
    residence = residence_or_404(request, residence_pk, "governance.run_meetings")
    schedule = services.schedule_of(residence)
    initial = (
        {
            "weekday": schedule.weekday,
            "starts_at": schedule.starts_at,
            "place": schedule.place,
            "quorum": schedule.quorum,
        }
        if schedule
        else {"place": "Living room"}
    )
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_schedule(residence=residence, **form.cleaned_data)
            created = services.schedule_meetings(residence=residence)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Saved. {len(created)} new meeting(s) are on the calendar.")
            return redirect("governance:residence_meetings", residence_pk=residence.pk)
    return render(request, "governance/house_meetings/schedule.html", {"residence": residence, "form": form})


@member_required
@require_safe
def meeting(request, pk):
    """The meeting on the phone: agenda (and adding to it), votes, minutes; staff and officers run it from here."""
    meeting = meeting_or_404(request, pk, "governance.view_meetings")
    resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
    residence = meeting.residence
    context = selectors.meeting_page(meeting, resident=resident, today=home_today(residence))
    context.update(
        meeting=meeting,
        residence=residence,
        agenda_form=AgendaItemForm(),
        can_run=request.user.has_perm("governance.run_meetings", residence),
        can_minute=request.user.has_perm("governance.keep_minutes", residence),
        can_vote=request.user.has_perm("governance.vote", residence),
    )
    return render(request, "governance/house_meetings/meeting.html", context)


@member_required
@require_POST
def add_agenda_item(request, pk):
    meeting = meeting_or_404(request, pk, "governance.add_agenda_item")
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(meeting=meeting, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Added to the agenda."))
    else:
        messages.error(request, _("Write a few words about what you want to bring up."))
    return redirect("governance:meeting", pk=meeting.pk)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def attendance(request, pk):
    meeting = meeting_or_404(request, pk, "governance.run_meetings")
    form = AttendanceForm(request.POST or None, sheet=selectors.attendance_sheet(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(meeting=meeting, marks=form.marks(), by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/house_meetings/attendance.html", {"meeting": meeting, "form": form})


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes(request, pk):
    meeting = meeting_or_404(request, pk, "governance.keep_minutes")
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_minutes(meeting=meeting, minutes=form.cleaned_data["minutes"], by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Minutes saved. The house approves them at the next meeting."))
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/house_meetings/minutes.html", {"meeting": meeting, "form": form})


@member_required
@require_POST
def approve_minutes(request, pk):
    """At this meeting, the house approves the minutes of the meeting before."""
    meeting = meeting_or_404(request, pk, "governance.run_meetings")
    previous = services.previous_meeting(meeting)
    if previous is None:
        messages.error(request, _("There is no earlier meeting whose minutes to approve."))
    else:
        try:
            services.approve_minutes(minutes_of=previous, at_meeting=meeting, by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The minutes of the last meeting are approved."))
    return redirect("governance:meeting", pk=meeting.pk)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def new_motion(request, pk):
    meeting = meeting_or_404(request, pk, "governance.run_meetings")
    form = MotionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            motion = services.open_motion(
                residence=meeting.residence, meeting=meeting, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The vote is open. Residents can vote from their phones."))
            return redirect("governance:motion", pk=motion.pk)
    return render(request, "governance/house_meetings/motion_form.html", {"meeting": meeting, "form": form})


def _motion_page(request, motion, *, form=None, status=200):
    residence = motion.residence
    resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
    voted = resident is not None and motion.ballots.filter(voter=resident).exists()
    # The electorate was fixed when voting opened: a newcomer since then may not vote (the page says why).
    elector = resident is not None and (
        motion.electorate_fixed_at is None or motion.electors.filter(resident=resident).exists()
    )
    return render(
        request,
        "governance/house_meetings/motion.html",
        {
            "motion": motion,
            "residence": residence,
            "form": form or VoteForm(),
            "i_voted": voted,
            "can_vote": motion.is_open
            and not voted
            and elector
            and request.user.has_perm("governance.vote", residence),
            "not_in_electorate": motion.is_open and resident is not None and not elector,
            "can_run": request.user.has_perm("governance.run_meetings", residence),
            # Open votes only: who voted how. A secret ballot keeps no such list anywhere.
            "open_ballots": list(selectors.open_ballots(motion)),
            "voters_so_far": motion.ballots.count(),
        },
        status=status,
    )


@member_required
@require_safe
def motion(request, pk):
    return _motion_page(request, motion_or_404(request, pk, "governance.view_meetings"))


@member_required
@require_POST
def vote(request, pk):
    motion = motion_or_404(request, pk, "governance.vote")
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            services.cast_vote(
                motion=motion, resident=my_resident_record(request.user), choice=form.cleaned_data["choice"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            # The message does not repeat the choice: on a shared screen a secret vote stays secret.
            messages.success(request, _("Thank you — your vote is counted."))
            return redirect("governance:motion", pk=motion.pk)
    motion.refresh_from_db()
    return _motion_page(request, motion, form=form, status=400)


@member_required
@require_POST
def close_motion(request, pk):
    motion = motion_or_404(request, pk, "governance.run_meetings")
    try:
        motion = services.close_motion(motion=motion, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The vote is closed: {motion.get_result_display().lower()}.")
    return redirect("governance:motion", pk=motion.pk)


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def decisions(request, residence_pk):
    """The decisions log the whole house reads; staff (and officers of a peer-run home) add to it."""
    residence = residence_or_404(request, residence_pk, "governance.view_meetings")
    can_run = request.user.has_perm("governance.run_meetings", residence)
    fmt = requested_format(request)
    if fmt and request.method != "POST":
        return DECISIONS.response(request, selectors.decisions_of(residence).order_by("-decided_on", "-pk"), fmt)
    form = DecisionForm(request.POST or None, initial={"decided_on": home_today(residence)})
    if request.method == "POST":
        require(request, "governance.run_meetings", residence)
        if form.is_valid():
            try:
                services.record_decision(residence=residence, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Added to the decisions log."))
                return redirect("governance:decisions", residence_pk=residence.pk)
    return render(
        request,
        "governance/house_meetings/decisions.html",
        {
            "residence": residence,
            "page": page_of(request, selectors.decisions_of(residence), PAGE_SIZE),
            "form": form,
            "can_run": can_run,
        },
    )
