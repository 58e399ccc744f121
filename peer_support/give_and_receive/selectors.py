"""Reads for give and receive: a resident's own log, and the totals a house manager sees."""

from datetime import date, timedelta

from django.db.models import Count, Q

from peer_support.give_and_receive.models import HelpExchange
from residences.homes.selectors import living_in, residents_living_in, visible_residences
from residents.models import Resident

WINDOW_DAYS = 30


def my_help(resident: Resident):
    """Help the resident gave or got, newest first, with both names (one query)."""
    return (
        HelpExchange.objects.filter(Q(giver=resident) | Q(receiver=resident))
        .select_related("giver", "receiver")
        .order_by("-on", "-created_at")
    )


def neighbours_of(resident: Resident, *, today: date):
    """Other residents of the organization who live in a home today, for the "who" field."""
    living = residents_living_in(every_home=True, on=today)
    return living.exclude(pk=resident.pk).order_by("first_name", "last_name")


def help_totals(membership, *, today: date) -> dict:
    """Help given and received in the last 30 days, per resident and per home, for the homes this person
    looks after. Four queries whatever the data: homes, who lives there, help given, help received."""
    since = today - timedelta(days=WINDOW_DAYS)
    homes = list(visible_residences(membership))
    # Rows, not values(): the residents listed are loaded as records, so the page's audit names each of them.
    beds = list(living_in([home.pk for home in homes], on=today))
    ids = [bed.stay.resident_id for bed in beds]
    window = Q(on__gt=since, on__lte=today)
    given = dict(
        HelpExchange.objects.filter(window, giver__in=ids).values_list("giver").annotate(n=Count("pk")).order_by()
    )
    received = dict(
        HelpExchange.objects.filter(window, receiver__in=ids).values_list("receiver").annotate(n=Count("pk")).order_by()
    )
    by_home = {home.pk: {"home": home, "given": 0, "received": 0, "residents": []} for home in homes}
    for bed in beds:
        resident = bed.stay.resident
        name = f"{resident.preferred_name or resident.first_name} {resident.last_name}"
        pk = resident.pk
        entry = {"pk": pk, "name": name.strip(), "given": given.get(pk, 0), "received": received.get(pk, 0)}
        home = by_home[bed.bed.room.residence_id]
        home["residents"].append(entry)
        home["given"] += entry["given"]
        home["received"] += entry["received"]
    for home in by_home.values():
        home["residents"].sort(key=lambda entry: entry["name"])
    return {"since": since, "homes": list(by_home.values())}
