"""Mentorship pages for the house manager (newcomers without a mentor, suggestions, pairing, ending) and the
mentorship log that mentor, mentee and house staff share."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from peer_support.checkins.services import organization_today
from peer_support.mentorships import services
from peer_support.mentorships.forms import ContactForm, EndMentorshipForm, PairForm
from peer_support.mentorships.models import Mentorship
from peer_support.today.selectors import people_of
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import found_or_404, object_or_404
from recovery.models import Membership
from recovery.permissions import member_required, permission_required, require
from residents.models import Resident
from residents.profiles.lookups import resident_or_404


@permission_required("peer_support.manage_mentorships")
@require_safe
def mentorships(request):
    beds, _shared = people_of(request.membership, request.user)
    residents = [b.stay.resident for b in beds.order_by("stay__resident__last_name")[:200]]
    active = list(
        Mentorship.objects.filter(ended_on__isnull=True, mentee__in=[r.pk for r in residents]).select_related(
            "mentee", "mentor__resident", "mentor__membership__user"
        )
    )
    paired = {m.mentee_id for m in active}
    context = {"without": [r for r in residents if r.pk not in paired], "active": active}
    return render(request, "peer_support/mentorships/mentorships.html", context)


@member_required
def pair(request, resident_pk):
    mentee = resident_or_404(request, resident_pk, "peer_support.pair_mentee")
    suggestions = services.suggest_mentors(mentee=mentee)
    form = PairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, pk = form.cleaned_data["mentor"]
        try:
            if kind == "resident":
                mentor = found_or_404(request, Resident, pk=pk)
                mentorship = services.start_mentorship(
                    mentee=mentee, mentor_resident=mentor, on=organization_today(), by=request.user
                )
            else:
                coach = found_or_404(request, Membership, pk=pk)
                mentorship = services.start_mentorship(
                    mentee=mentee, coach=coach, on=organization_today(), by=request.user
                )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("They are paired. The mentor can log contacts from the mentorship page."))
            return redirect("peer_support:mentorship_detail", pk=mentorship.pk)
    record_view(mentee, detail="mentor suggestions")
    return render(request, "peer_support/mentorships/pair.html", {"mentee": mentee, "suggestions": suggestions})


@member_required
def mentorship_detail(request, pk):
    mentorship = object_or_404(
        request,
        Mentorship.objects.select_related("mentee", "mentor__resident", "mentor__membership__user"),
        "peer_support.view_mentorship",
        pk=pk,
    )
    can_log = request.user.has_perm("peer_support.log_mentor_contact", mentorship) and mentorship.is_active
    form = ContactForm(request.POST or None, initial={"on": organization_today()})
    if request.method == "POST":
        require(request, "peer_support.log_mentor_contact", mentorship)
        if form.is_valid():
            try:
                services.log_contact(mentorship=mentorship, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Contact logged."))
                return redirect("peer_support:mentorship_detail", pk=mentorship.pk)
    record_view(mentorship, detail="mentorship log")
    context = {
        "mentorship": mentorship,
        "contacts": list(mentorship.contacts.select_related("logged_by")[:100]),
        "form": form if can_log else None,
        "end_form": EndMentorshipForm(initial={"ended_on": organization_today()})
        if mentorship.is_active and request.user.has_perm("peer_support.end_mentorship", mentorship)
        else None,
    }
    return render(request, "peer_support/mentorships/mentorship_detail.html", context)


@require_POST
@member_required
def mentorship_end(request, pk):
    mentorship = object_or_404(
        request, Mentorship.objects.select_related("mentee"), "peer_support.end_mentorship", pk=pk
    )
    form = EndMentorshipForm(request.POST)
    if form.is_valid():
        try:
            services.end_mentorship(
                mentorship=mentorship, on=form.cleaned_data["ended_on"], reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The mentorship has ended."))
    else:
        messages.error(request, _("Give the date and a few words on why the mentorship ends."))
    return redirect("peer_support:mentorship_detail", pk=mentorship.pk)
