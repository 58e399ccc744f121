"""The resident's "today" (check in, my meetings this week, my mentor), the coach's and house manager's
"my people", the house's community-meeting screen, and one resident's check-ins and signals.

Object views look the object up through the tenant-scoped manager first (another organization's id is a 404),
then check permission; every read of a resident's record is audited.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from peer_support.checkins import services as checkin_services
from peer_support.checkins.exports import CHECK_INS
from peer_support.checkins.forms import CheckInForm
from peer_support.checkins.models import CheckIn, TalkRequest
from peer_support.checkins.selectors import talk_answered_lately
from peer_support.drift_signals import services as drift_services
from peer_support.drift_signals.forms import AcknowledgeForm
from peer_support.drift_signals.selectors import signals_for
from peer_support.mentorships.models import Mentorship
from peer_support.mentorships.services import active_mentorships_of, mentorship_of
from peer_support.outside_meetings import services as meeting_services
from peer_support.today import selectors
from peer_support.workshops.selectors import next_workshop_for
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import home_today, viewer_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of
from residences.stays.selectors import open_stay_of
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record


@permission_required("peer_support.check_in")
def today(request):
    resident = my_resident_record(request.user)
    if resident is None:
        return render(request, "peer_support/today/no_record.html", status=200)
    day = home_today(home_of(resident=resident, on=None))  # the home's day, on its own clock
    existing = CheckIn.objects.filter(resident=resident, day=day).first()
    editing = request.GET.get("edit") == "1" or request.method == "POST"
    form = CheckInForm(request.POST or None, initial=CheckInForm.initial_from(existing))
    if request.method == "POST" and form.is_valid():
        try:
            _check_in, created = checkin_services.check_in(resident=resident, answers=form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data.get("needs_to_talk"):
                messages.success(
                    request, _("Thank you. We have told your coach and house manager: someone will reach you soon.")
                )
            else:
                messages.success(request, _("Thanks for checking in.") if created else "Today's check-in is updated.")
            return redirect("peer_support:today")
    home = home_of(resident=resident, on=None)
    context = {
        "resident": resident,
        "check_in": existing,
        "form": form if (existing is None or editing) else None,
        "progress": meeting_services.week_progress(resident, today=day),
        "mentorships": active_mentorships_of(resident),
        "mentors_someone": Mentorship.objects.filter(ended_on__isnull=True, mentor__resident=resident).exists(),
        "home": home,
        "today": day,
        "next_workshop": next_workshop_for(resident),
        "talk_request": TalkRequest.objects.filter(resident=resident, answered_at__isnull=True).first(),
        # Who answered their last request, for half a day: the person who asked knows who is coming.
        "talk_answered": talk_answered_lately(resident=resident),
    }
    return render(request, "peer_support/today/today.html", context)


@permission_required("peer_support.check_in")
@require_POST
def ask_to_talk(request):
    """ "I need to talk", at any hour: no check-in window applies (`checkins.services.ask_to_talk`)."""
    resident = my_resident_record(request.user)
    if resident is None:
        messages.error(
            request, _("Hearth has no resident record for you yet, so it cannot tell anyone. Please call your house.")
        )
        return redirect("peer_support:today")
    _talk, created = checkin_services.ask_to_talk(resident=resident)
    if created:
        messages.success(
            request,
            _("Thank you for saying so. We have told the people who look after you: someone will reach you soon."),
        )
    else:
        messages.info(request, _("You asked already, and they know. Someone will reach you soon."))
    return redirect("peer_support:today")


@member_required
@require_POST
def answer_talk_request(request, pk):
    """Someone who looks after the resident says they are reaching out; the resident is told."""
    talk = object_or_404(
        request,
        TalkRequest.objects.select_related("resident"),
        "peer_support.answer_talk_request",
        pk=pk,
        checked_on="resident",
    )
    try:
        checkin_services.answer_talk_request(talk_request=talk, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. They are told that someone is reaching out."))
    return redirect("peer_support:resident_check_ins", resident_pk=talk.resident_id)


@permission_required("peer_support.view_my_people")
@require_safe
def my_people(request):
    day = viewer_today(request)  # a manager of one home: its day; of several homes: the organization's
    page, people = selectors.my_people(request.membership, request.user, today=day, page_number=request.GET.get("page"))
    homes = list({person.home.pk: person.home for person in people}.values())
    context = {
        "page": page,
        "people": people,
        "today": day,
        "talk_count": sum(p.needs_to_talk for p in people),
        "homes": homes,
        "can_set_thresholds": request.membership.role in ("admin", "house_manager"),
        "sees_house_screens": request.membership.role != "coach",
    }
    return render(request, "peer_support/today/my_people.html", context)


@member_required
@require_safe
def community_screen(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "peer_support.view_community_screen")
    day = home_today(residence)
    shared = selectors.shared_with_house(residence, today=day)
    return render(
        request, "peer_support/today/community_screen.html", {"residence": residence, "shared": shared, "today": day}
    )


@member_required
def resident_check_ins(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "peer_support.view_check_ins")
    looks_after = request.user.has_perm("peer_support.view_signals", resident)
    # Anyone here who does not keep the record and is not the resident is a mentor (a coach or a resident).
    shared_only = not looks_after and resident.user_id != request.user.pk
    fmt = requested_format(request)
    if fmt and request.method != "POST":
        rows = selectors.check_ins_of(resident, user=request.user, shared_only=shared_only, limit=None)
        return CHECK_INS.response(request, rows, fmt)
    home = home_of(resident=resident, on=None)
    day = home_today(home)  # the resident's day on their home's own clock
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST":
        require(request, "peer_support.acknowledge_signal", resident)
        if form.is_valid():
            try:
                drift_services.acknowledge(resident=resident, by=request.user, **form.cleaned_data)
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Noted. The signal is put away until something new happens."))
            return redirect("peer_support:resident_check_ins", resident_pk=resident.pk)
        messages.error(request, _("Add a short note: what did you do, or what will you do?"))
    signals = []
    if looks_after:
        stay = open_stay_of(resident)
        signals = signals_for([(resident.pk, home.pk if home else None, stay.move_in if stay else None)], today=day)
        signals = signals.get(resident.pk, [])
    record_view(resident, detail="check-ins")
    context = {
        "resident": resident,
        "check_ins": selectors.check_ins_of(resident, user=request.user, shared_only=shared_only),
        "shared_only": shared_only,
        "signals": signals,
        "can_acknowledge": looks_after,
        "today": day,
        "talk_request": TalkRequest.objects.filter(resident=resident, answered_at__isnull=True).first(),
        "can_answer_talk": request.user.has_perm("peer_support.answer_talk_request", resident),
        "my_mentorship": mentorship_of(resident, mentor_user=request.user),
    }
    return render(request, "peer_support/checkins/resident_check_ins.html", context)


@require_POST
@member_required
def acknowledge_signal(request, resident_pk):
    return resident_check_ins(request, resident_pk)
