"""House officers and elections: who holds which office (and who has held one long enough to rotate),
recording terms, and elections — nominations, a secret candidate ballot from the phone, the count."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from governance.officers import selectors as officers_selectors
from governance.officers import services
from governance.officers.forms import ElectionForm, ElectionVoteForm, NominationForm, OfficerTermForm
from governance.officers.models import Election, ElectionStage
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.models import Role
from recovery.pagination import page_of
from recovery.permissions import member_required, require
from recovery.tenancy import home_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import residents_living_in
from residents.profiles.selectors import my_resident_record

TERMS_PAGE_SIZE = 20  # past officer terms a page


def election_or_404(request, pk: int, permission: str) -> Election:
    """The election of this organization with that id (404 otherwise), if the person may `permission` in its home."""
    return object_or_404(
        request,
        Election.objects.select_related("residence__organization", "winner"),
        permission,
        pk=pk,
        checked_on="residence",
    )


def _living(residence, request):
    return list(residents_living_in(residence, on=home_today(residence)).order_by("last_name"))


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def officers(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.view_officers")
    today = home_today(residence)
    can_manage = request.user.has_perm("governance.manage_officers", residence)
    term_form = OfficerTermForm(
        request.POST or None, residents=_living(residence, request) if can_manage else [], initial={"starts_on": today}
    )
    if request.method == "POST":
        require(request, "governance.manage_officers", residence)
        if term_form.is_valid():
            data = term_form.cleaned_data
            try:
                services.start_term(
                    residence=residence,
                    office=data["office"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    resident=term_form.residents[data["resident"]],
                )
            except DomainError as error:
                term_form.add_error(None, str(error))
            else:
                messages.success(request, _("The officer's term is recorded."))
                return redirect("governance:officers", residence_pk=residence.pk)
    context = officers_selectors.officers_page(residence, today=today)
    context.update(
        residence=residence,
        page=page_of(request, context.pop("history"), TERMS_PAGE_SIZE),
        can_manage=can_manage,
        term_form=term_form,
        election_form=ElectionForm(),
    )
    return render(request, "governance/officers/officers.html", context)


@member_required
@require_POST
def new_election(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.manage_officers")
    form = ElectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an office and a term of 1 to 24 months."))
        return redirect("governance:officers", residence_pk=residence.pk)
    try:
        election = services.open_election(residence=residence, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("governance:officers", residence_pk=residence.pk)
    messages.success(request, _("Nominations are open."))
    return redirect("governance:election", pk=election.pk)


def _election_page(request, election, *, status=200, vote_form=None, nomination_form=None):
    residence = election.residence
    resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
    context = officers_selectors.election_page(election, resident=resident, today=home_today(residence))
    may_take_part = election.stage != ElectionStage.CLOSED and request.user.has_perm("governance.nominate", residence)
    context.update(
        election=election,
        residence=residence,
        can_manage=request.user.has_perm("governance.manage_officers", residence),
        can_nominate=may_take_part and election.stage == ElectionStage.NOMINATING,
        can_vote=may_take_part
        and election.stage == ElectionStage.VOTING
        and not context["i_voted"]
        and context["in_electorate"],
        resident_not_in_electorate=resident is not None
        and election.stage == ElectionStage.VOTING
        and not context["in_electorate"],
        nomination_form=nomination_form
        or (NominationForm(residents=_living(residence, request)) if may_take_part else None),
        vote_form=vote_form or ElectionVoteForm(nominations=context["nominations"]),
    )
    return render(request, "governance/officers/election.html", context, status=status)


@member_required
@require_safe
def election(request, pk):
    return _election_page(request, election_or_404(request, pk, "governance.view_officers"))


@member_required
@require_POST
def nominate(request, pk):
    election = election_or_404(request, pk, "governance.nominate")
    form = NominationForm(request.POST, residents=_living(election.residence, request))
    if form.is_valid():
        try:
            services.nominate(
                election=election,
                candidate=form.residents[form.cleaned_data["candidate"]],
                nominated_by=my_resident_record(request.user),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Nomination recorded."))
            return redirect("governance:election", pk=election.pk)
    return _election_page(request, election, status=400, nomination_form=form)


@member_required
@require_POST
def start_voting(request, pk):
    election = election_or_404(request, pk, "governance.manage_officers")
    try:
        services.start_voting(election=election)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Voting is open. Residents vote from their phones."))
    return redirect("governance:election", pk=election.pk)


@member_required
@require_POST
def election_vote(request, pk):
    election = election_or_404(request, pk, "governance.nominate")
    nominations = officers_selectors.election_page(election, resident=None)["nominations"]
    form = ElectionVoteForm(request.POST, nominations=nominations)
    if form.is_valid():
        try:
            services.cast_election_vote(
                election=election,
                resident=my_resident_record(request.user),
                nomination_id=form.cleaned_data["nomination"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you — your vote is counted."))
            return redirect("governance:election", pk=election.pk)
    return _election_page(request, election, status=400, vote_form=form)


@member_required
@require_POST
def close_election(request, pk):
    election = election_or_404(request, pk, "governance.manage_officers")
    try:
        election = services.close_election(election=election)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The election is closed: {election.get_result_display().lower()}.")
    return redirect("governance:election", pk=election.pk)
