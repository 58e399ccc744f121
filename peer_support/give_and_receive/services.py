"""Give and receive: log a time one resident helped another, and confirm it."""

from django.db import transaction
from django.utils import timezone

from peer_support.give_and_receive.models import HelpExchange
from recovery.errors import DomainError


class HelpNotLogged(DomainError):
    pass


class HelpNotConfirmable(DomainError):
    pass


def log_help(*, me, other, i_gave: bool, kind: str, on, note: str = "", by) -> HelpExchange:
    """A resident logs help they gave to (or got from) another resident of the organization; the other confirms."""
    if other is None or other.pk == me.pk:
        raise HelpNotLogged("Choose the other resident: help is between two people.")
    if on > timezone.localdate():
        raise HelpNotLogged("That date is in the future. Log help once it has happened.")
    giver, receiver = (me, other) if i_gave else (other, me)
    return HelpExchange.objects.create(giver=giver, receiver=receiver, kind=kind, on=on, note=note, logged_by=by)


def confirm_help(*, exchange: HelpExchange, by, now=None) -> HelpExchange:
    """The other party confirms; the one who logged it cannot confirm their own entry."""
    with transaction.atomic():
        exchange = HelpExchange.objects.select_for_update().get(pk=exchange.pk)
        if exchange.confirmed_at is not None:
            raise HelpNotConfirmable("This is already confirmed.")
        if exchange.logged_by_id == by.pk:
            raise HelpNotConfirmable("The other person confirms what you logged.")
        exchange.confirmed_at = now or timezone.now()
        exchange.save(update_fields=["confirmed_at"])
    return exchange
