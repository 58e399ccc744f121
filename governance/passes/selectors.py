"""Reads for the pass pages: a resident's own passes and sign-outs, and a home's waiting requests and who is out."""

from governance.passes.models import Pass, PassStatus, SignOut
from residences.homes.selectors import bed_of


def my_stay_and_home(user, *, today):
    """The signed-in resident's open stay and the home its bed is in on `today` (the organization's date), or
    (None, None) when they live in no home that day. One query (`residences.homes.selectors.bed_of`)."""
    bed = bed_of(user=user, on=today)
    return (bed.stay, bed.bed.room.residence) if bed is not None else (None, None)


def my_passes(stay, *, limit=20):
    return list(Pass.objects.filter(stay=stay).select_related("decided_by")[:limit])


def open_sign_out(stay):
    return SignOut.objects.filter(stay=stay, back_at__isnull=True).first()


def waiting_passes(residence):
    return (
        Pass.objects.filter(residence=residence, status=PassStatus.REQUESTED)
        .select_related("stay__resident", "residence")
        .order_by("leaves_at")
    )


def recent_passes(residence):
    return (
        Pass.objects.filter(residence=residence)
        .exclude(status=PassStatus.REQUESTED)
        .select_related("stay__resident", "decided_by")
        .order_by("-leaves_at", "-pk")
    )


def out_now(residence):
    return (
        SignOut.objects.filter(residence=residence, back_at__isnull=True)
        .select_related("stay__resident", "on_pass")
        .order_by("due_back_at")
    )
