"""Pages for residents and their recovery plans: the list, the timeline, the profile, the plan editor, case notes,
and the resident's own "my plan" and "my progress". Every look at a resident's record is audited; an object of
another organization is not found (the scoped lookup comes before the permission check)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import organization_today
from residents.consents.services import officer_consent
from residents.models import Goal, Milestone, Phase
from residents.plans import extras as plan_extras
from residents.plans import selectors, services
from residents.plans.exports import RESIDENTS
from residents.plans.forms import (
    CaseNoteForm,
    CommentForm,
    EmergencyContactFormSet,
    ExitPlanForm,
    GoalForm,
    MilestoneForm,
    ProgressForm,
    ResidentFilterForm,
    ResidentProfileForm,
    ResourceForm,
)
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record
from residents.welcome import selectors as welcome_selectors

RESIDENTS_PAGE_SIZE = 50


def _resident(request, pk, permission, detail):
    resident = resident_or_404(request, pk, permission)
    record_view(resident, detail=detail)
    return resident


def _barc10_trend(request, resident):
    """The BARC-10 trend for the timeline and the plan, for those who may see assessments; else None."""
    from residents.barc10.selectors import barc10_trend

    return barc10_trend(resident) if request.user.has_perm("residents.view_barc10", resident) else None


def _goal(request, pk, permission, detail):
    goal = object_or_404(
        request, Goal.objects.select_related("plan__stay__resident"), permission, pk=pk, checked_on="plan.stay.resident"
    )
    resident = goal.plan.stay.resident
    record_view(resident, detail=detail)
    return goal, resident


@permission_required("residents.view_residents")
@require_safe
def resident_list(request):
    from residences.homes.selectors import visible_residences

    houses = list(visible_residences(request.membership))
    phase_names = Phase.objects.filter(residence__in=houses).order_by("name").values_list("name", flat=True).distinct()
    form = ResidentFilterForm(request.GET or None, houses=houses, phase_names=list(phase_names))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.resident_rows(
        request.membership,
        today=organization_today(request.organization),
        house=filters.get("house"),
        flag=filters.get("flag", ""),
        phase=filters.get("phase", ""),
    )
    fmt = requested_format(request)
    if fmt:
        return RESIDENTS.response(request, rows, fmt)
    page = page_of(request, rows, RESIDENTS_PAGE_SIZE)
    recorder.record(AuditEvent.Action.VIEW, organization=request.organization, detail="resident list")
    query = "&".join(f"{key}={value}" for key, value in filters.items() if value)
    # A filter changed with htmx gets only the rows (not a history restore, which needs the whole page).
    rows_only = request.htmx and not request.htmx.history_restore_request
    template = "residents/plans/_resident_rows.html" if rows_only else "residents/plans/resident_list.html"
    response = render(request, template, {"form": form, "page": page, "query": query})
    patch_vary_headers(response, ["HX-Request"])
    return response


@member_required
@require_safe
def resident_detail(request, pk):
    """The resident's timeline: stays, plan changes and case notes, newest first, under links to every page of
    their record and their stay that this person may open."""
    resident = _resident(request, pk, "residents.view_resident", "timeline")
    context = {
        "resident": resident,
        "record_links": _record_links(request, resident),
        "entries": selectors.timeline(resident, user=request.user),
        "emergency_contacts": list(resident.emergency_contacts.all()),
        "show_justice": request.user.has_perm("residents.view_justice_details", resident),
        "show_date_of_birth": request.user.has_perm("residents.view_date_of_birth", resident),
        "show_case_notes": request.user.has_perm("residents.view_case_notes", resident),
        "show_barc10": request.user.has_perm("residents.view_barc10", resident),
        "officer_consent": officer_consent(resident, resident.justice_officer_name),
        "trend": _barc10_trend(request, resident),
        "can_edit": request.user.has_perm("residents.change_resident", resident),
        "consents_url": _consents_url(request.user, resident),
    }
    if request.user.has_perm("residents.manage_sign_in", resident):
        context["next_steps"] = welcome_selectors.next_steps(resident)
    return render(request, "residents/plans/resident_detail.html", context)


def _consents_url(user, resident) -> str:
    """The resident's own consents page (where consents waiting for their signature are), when the person looking
    is the resident; staff reach the consent list through RECORD_LINKS."""
    if resident.user_id is not None and resident.user_id == user.pk:
        return reverse("residents:my_consents")
    return ""


# The pages of a resident's record and stay, linked from their page: (label, url name, permission, checked on the
# resident, their open stay or its home).
# The url names of higher apps are only names here (no import), as in a template.
RECORD_LINKS = [
    ("Recovery plan", "residents:plan", "residents.view_plan", "resident"),
    ("Case notes", "residents:case_notes", "residents.view_case_notes", "resident"),
    ("Phase", "residents:resident_phase", "residents.view_phase", "resident"),
    ("BARC-10", "residents:barc10_history", "residents.view_barc10", "resident"),
    ("Safety plan", "residents:safety_plan", "residents.view_safety_plan", "resident"),
    ("Medications", "residents:medications", "residents.view_medications", "resident"),
    ("Consents", "residents:consents", "residents.view_consents", "resident"),
    ("Schedule a test", "governance:drug_test_new", "governance.schedule_test", "resident"),
    ("Note a violation", "governance:violation_new", "governance.record_violation", "resident"),
    ("Ledger", "residences:ledger", "residences.manage_ledger", "stay"),
    ("Transfer", "residences:transfer", "residences.admit", "home"),
    ("Move out", "residences:move_out", "residences.admit", "home"),
]


def _record_links(request, resident) -> list[tuple[str, str]]:
    """(label, url) of each page in RECORD_LINKS this person may open for the resident: the stay's pages only while
    the resident has an open stay, checked on its home."""
    from django.urls import reverse

    from residences.homes.selectors import bed_of

    bed = bed_of(resident=resident, on=None)
    links = []
    for label, name, permission, checked_on in RECORD_LINKS:
        if checked_on in ("stay", "home"):
            target = bed and (bed.stay if checked_on == "stay" else bed.bed.room.residence)
            if target is None or not request.user.has_perm(permission, target):
                continue
            links.append((label, reverse(name, args=[bed.stay_id])))
        elif request.user.has_perm(permission, resident):
            links.append((label, reverse(name, args=[resident.pk])))
    return links


@member_required
def resident_edit(request, pk):
    resident = _resident(request, pk, "residents.change_resident", "profile form")
    form = ResidentProfileForm(request.POST or None, instance=resident)
    contacts = EmergencyContactFormSet(request.POST or None, instance=resident, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        with transaction.atomic():
            form.save()
            contacts.save()
        messages.success(request, f"{resident.display_name}'s profile is saved.")
        return redirect("residents:resident_detail", pk=resident.pk)
    context = {"form": form, "contacts": contacts, "resident": resident}
    return render(request, "residents/plans/resident_edit.html", context)


@member_required
def plan(request, pk):
    """The plan editor: goals with their milestones, resources, progress and comments; the exit plan."""
    resident = _resident(request, pk, "residents.view_plan", "recovery plan")
    current = selectors.latest_plan(resident)
    plan_extras.annotate(current)
    # Clinical considerations are counseling-type notes (residents.sensitivity): only for roles that see the class.
    clinical = request.user.has_perm(
        "residents.view_clinical_considerations", resident
    ) and services.clinical_documentation_on(resident)
    initial = {}
    if current:
        initial = {
            "exit_where_next": current.exit_where_next,
            "exit_supports": current.exit_supports,
            "clinical_considerations": current.clinical_considerations,
        }
    form = ExitPlanForm(request.POST or None, clinical=clinical, initial=initial)
    if request.method == "POST":
        require(request, "residents.change_plan", resident)
        try:
            if current is None:
                services.start_plan(resident=resident, by=request.user)
                messages.success(request, _("The plan is started. Add the goals you write together."))
                return redirect("residents:plan", pk=resident.pk)
            if form.is_valid():
                data = form.cleaned_data
                services.update_plan(
                    plan=current,
                    by=request.user,
                    exit_where_next=data["exit_where_next"],
                    exit_supports=data["exit_supports"],
                    clinical_considerations=data.get("clinical_considerations"),
                )
                messages.success(request, _("The exit plan is saved."))
                return redirect("residents:plan", pk=resident.pk)
        except DomainError as error:
            messages.error(request, str(error))
            return redirect("residents:plan", pk=resident.pk)
    context = {
        "resident": resident,
        "plan": current,
        "form": form,
        "clinical": clinical,
        "can_change": request.user.has_perm("residents.change_plan", resident),
        "trend": _barc10_trend(request, resident),
        "goal_extras": plan_extras.templates(),
    }
    return render(request, "residents/plans/plan.html", context)


@member_required
def goal_new(request, pk):
    resident = _resident(request, pk, "residents.change_plan", "new goal form")
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            current = services.start_plan(resident=resident, by=request.user)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            services.add_goal(plan=current, by=request.user, **form.cleaned_data)
            messages.success(request, _("The goal is added."))
            return redirect("residents:plan", pk=resident.pk)
    return render(request, "residents/plans/goal_form.html", {"form": form, "resident": resident, "goal": None})


@member_required
def goal_edit(request, pk):
    goal, resident = _goal(request, pk, "residents.change_plan", "goal form")
    form = GoalForm(request.POST or None, instance=goal)
    if request.method == "POST" and form.is_valid():
        # The form has already written its values onto `goal`; the service saves them and notes the change.
        services.update_goal(goal=goal, by=request.user)
        messages.success(request, _("The goal is saved."))
        return redirect("residents:plan", pk=resident.pk)
    context = {"form": form, "resident": resident, "goal": goal, "resource_form": ResourceForm()}
    return render(request, "residents/plans/goal_form.html", context)


@member_required
def milestone_new(request, pk):
    goal, resident = _goal(request, pk, "residents.change_plan", "new milestone form")
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_milestone(goal=goal, by=request.user, **form.cleaned_data)
        messages.success(request, _("The milestone is added."))
        return redirect("residents:plan", pk=resident.pk)
    return render(request, "residents/plans/milestone_form.html", {"form": form, "goal": goal, "resident": resident})


@member_required
@require_POST
def milestone_done(request, pk):
    milestone = object_or_404(
        request,
        Milestone.objects.select_related("goal__plan__stay__resident"),
        "residents.complete_milestone",
        pk=pk,
        checked_on="goal.plan.stay.resident",
    )
    resident = milestone.goal.plan.stay.resident
    services.complete_milestone(milestone=milestone, by=request.user, on=organization_today(request.organization))
    messages.success(request, f"Milestone reached: {milestone.title}. Well done.")
    if resident.user_id == request.user.pk:
        return redirect("residents:my_plan")
    return redirect("residents:plan", pk=resident.pk)


@member_required
@require_POST
def resource_new(request, pk):
    goal, _resident_record = _goal(request, pk, "residents.change_plan", "new resource")
    form = ResourceForm(request.POST)
    if form.is_valid():
        services.add_resource(goal=goal, by=request.user, **form.cleaned_data)
        messages.success(request, _("The resource is added."))
    else:
        messages.error(request, _("A resource needs a name. Nothing was added."))
    return redirect("residents:goal_edit", pk=goal.pk)


@member_required
@require_POST
def goal_comment(request, pk):
    goal, resident = _goal(request, pk, "residents.comment_on_plan", "comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(goal=goal, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment is added; the resident sees it on their plan."))
    else:
        messages.error(request, _("The comment was empty. Nothing was added."))
    return redirect("residents:plan", pk=resident.pk)


@member_required
def case_notes(request, pk):
    resident = _resident(request, pk, "residents.view_case_notes", "case notes")
    staff_view = request.user.has_perm("residents.add_case_note", resident)
    enabled = services.clinical_documentation_on(resident)
    form = CaseNoteForm(request.POST or None)
    if request.method == "POST":
        require(request, "residents.add_case_note", resident)
        if form.is_valid():
            try:
                services.add_case_note(resident=resident, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The case note is saved."))
                return redirect("residents:case_notes", pk=resident.pk)
    context = {
        "resident": resident,
        "notes": selectors.case_notes_for(resident, staff_view=staff_view),
        "form": form if staff_view and enabled else None,
        "enabled": enabled,
    }
    return render(request, "residents/plans/case_notes.html", context)


def _my_record(request):
    resident = my_resident_record(request.user)
    if resident is not None:
        record_view(resident, detail="own record")
    return resident


@member_required
@require_safe
def my_plan(request):
    """The resident's own plan, on their phone: goals, milestones to tick, comments from staff and coach."""
    resident = _my_record(request)
    current = selectors.latest_plan(resident) if resident else None
    plan_extras.annotate(current)
    trend = _barc10_trend(request, resident) if resident else None
    context = {"resident": resident, "plan": current, "trend": trend, "goal_extras": plan_extras.templates()}
    return render(request, "residents/plans/my_plan.html", context)


@member_required
def my_progress(request):
    """The resident adds progress on a goal and sees what they wrote before."""
    resident = _my_record(request)
    if resident is None:
        return render(request, "residents/plans/my_progress.html", {"resident": None})
    current = selectors.latest_plan(resident)
    goals = Goal.objects.filter(plan=current) if current else Goal.objects.none()
    form = ProgressForm(request.POST or None, goals=goals)
    if request.method == "POST":
        require(request, "residents.add_progress", resident)
        if form.is_valid():
            services.add_progress(goal=form.cleaned_data["goal"], by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("Your progress is saved. Your house staff and coach can see it."))
            return redirect("residents:my_progress")
    context = {"resident": resident, "form": form, "updates": selectors.my_progress_updates(resident), "plan": current}
    return render(request, "residents/plans/my_progress.html", context)
