"""The resident's "my house" page on the phone: the next meeting and its agenda, votes to cast, recent decisions,
their offices, elections under way, their chores this week, and their own accountability history."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from governance.chores import selectors as chore_selectors
from governance.ladder import selectors as ladder_selectors
from governance.my_house import selectors as my_house_selectors
from governance.officers.rules import offices_held
from governance.treasury import services as treasury_services
from recovery.audit.recorder import record_view
from recovery.permissions import member_required
from recovery.tenancy import home_today, viewer_today
from residences.homes.selectors import home_of
from residents.profiles.selectors import my_resident_record


@member_required
@require_safe
def my_house(request):
    home = home_of(user=request.user, on=viewer_today(request))
    if home is None:
        return render(request, "governance/house_meetings/no_home.html")
    today = home_today(home)  # the page's day is the home's own
    resident = my_resident_record(request.user)
    context = my_house_selectors.my_house_page(home, resident=resident, user=request.user, today=today)
    context.update(residence=home, is_officer=bool(offices_held(request.user, home)))
    # The resident's chores and own accountability history come from the other parts of governance.
    context.update(
        resident=resident,
        my_chores=chore_selectors.my_chores(resident, today),
        history=ladder_selectors.my_history(resident) if resident else None,
        treasury_open=treasury_services.treasury_open(home),
    )
    if resident is not None:
        record_view(resident, detail="own house page")
    return render(request, "governance/my_house/my_house.html", context)
