"""Homes on the home page's Today (recovery.today), for staff: arrivals and departures today and beds free, over
every home the person looks after. Three queries whatever the number of homes and beds."""

from django.db.models import Sum
from django.urls import reverse

from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.tenancy import organization_today
from residences.homes.selectors import arriving_on, leaving_on, residences_with_occupancy, visible_residences


@today_lines(roles={Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER}, order=40)
def arrivals_departures_and_beds(request):
    today = organization_today(request.organization)
    homes = visible_residences(request.membership)
    homes_page = reverse("residences:residence_list")
    arriving = arriving_on(homes, on=today)
    if arriving:
        yield TodayLine("Arriving today", homes_page, count=arriving)
    leaving = leaving_on(homes, on=today)
    if leaving:
        yield TodayLine("Leaving today", homes_page, count=leaving)
    free = residences_with_occupancy(request.membership, today=today).aggregate(free=Sum("beds_free"))["free"]
    yield TodayLine("Beds free", homes_page, count=free or 0)
