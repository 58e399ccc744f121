"""Pages for passes and sign-outs: a resident's own (phone-first) and a home's, for staff and officers."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.passes import rules as house_life_rules  # noqa: F401 - registers the permissions
from governance.passes import selectors, services
from governance.passes.forms import PassDecisionForm, PassRequestForm
from governance.passes.models import Pass, PassStatus, SignOut
from recovery.errors import DomainError
from recovery.lookups import object_or_404, requested_id
from recovery.pagination import page_of
from recovery.permissions import member_required
from recovery.tenancy import home_time_zone, home_today, viewer_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import living_in, visible_residences


@member_required
def my_passes(request):
    """A resident's passes, their request form and the sign-out button; staff see the homes they run."""
    stay, home = selectors.my_stay_and_home(request.user, today=viewer_today(request))
    if stay is None:
        homes = visible_residences(request.membership).order_by("name")
        return render(request, "governance/passes/homes.html", {"homes": homes})
    home_zone = home_time_zone(home, organization=request.organization)
    form = PassRequestForm(request.POST or None, home=home)  # the times typed are the home's wall clock
    if request.method == "POST" and form.is_valid():
        try:
            services.request_pass(stay=stay, residence=home, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your pass request is in. You will hear back here."))
            return redirect("governance:pass_mine")
    passes = selectors.my_passes(stay)
    context = {
        "form": form,
        "home": home,
        "passes": passes,
        "out": selectors.open_sign_out(stay),
        "curfew": services.curfew_for(stay, home),
        "home_zone": home_zone,
        "allowed": services.nights_allowed(stay),
        "approved": [p for p in passes if p.status == PassStatus.APPROVED and p.returns_at > timezone.now()],
    }
    return render(request, "governance/passes/mine.html", context)


@member_required
@require_POST
def sign_me_out(request):
    stay, home = selectors.my_stay_and_home(request.user, today=viewer_today(request))
    if stay is None:
        messages.error(request, _("Only a resident living in a home can leave the house here."))
        return redirect("governance:pass_mine")
    pass_id = requested_id(request.POST.get("pass"))
    on_pass = Pass.objects.filter(pk=pass_id, stay=stay).first() if pass_id else None
    try:
        out = services.sign_out(stay=stay, residence=home, by=request.user, on_pass=on_pass)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if out.due_back_at <= out.out_at:
            messages.warning(request, _("It is past curfew, so you are due back now. Your house manager will know."))
        else:
            messages.success(request, _("You're out of the house. Tap “I'm back home” when you get back."))
    return redirect("governance:pass_mine")


@member_required
@require_POST
def sign_back_in(request, pk):
    sign_out = object_or_404(
        request, SignOut.objects.select_related("stay__resident", "residence"), "governance.sign_back_in", pk=pk
    )
    try:
        services.sign_back_in(sign_out=sign_out, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Welcome back home."))
    if sign_out.stay.resident.user_id == request.user.pk:
        return redirect("governance:pass_mine")
    return redirect("governance:pass_house", residence_pk=sign_out.residence_id)


@member_required
def house_passes(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_house_passes")
    staff = request.user.has_perm("residences.view_residence", residence)
    living_here = living_in(residence, on=home_today(residence))
    if request.method == "POST" and staff:  # staff sign a resident of this home out
        chosen = requested_id(request.POST.get("stay"))
        row = living_here.filter(stay_id=chosen).first() if chosen else None
        if row is not None:
            try:
                services.sign_out(stay=row.stay, residence=residence, by=request.user)
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Marked as out of the house."))
        return redirect("governance:pass_house", residence_pk=residence.pk)
    context = {
        "residence": residence,
        "home_zone": home_time_zone(residence, organization=request.organization),
        "staff": staff,
        "waiting": selectors.waiting_passes(residence),
        "out": selectors.out_now(residence),
        "now": timezone.now(),  # a sign-out due back before now is marked overdue
        "page": page_of(request, selectors.recent_passes(residence)),
        "stays": living_here if staff else [],
        "decision_form": PassDecisionForm(),
    }
    return render(request, "governance/passes/house.html", context)


@member_required
@require_POST
def decide_pass(request, pk):
    pass_ = object_or_404(
        request, Pass.objects.select_related("stay__resident", "residence"), "governance.decide_pass", pk=pk
    )
    form = PassDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_pass(pass_=pass_, by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your answer is recorded."))
    else:
        messages.error(request, _("Choose approve or decline."))
    return redirect("governance:pass_house", residence_pk=pass_.residence_id)
