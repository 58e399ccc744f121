"""Dollars as the reader's language writes them (issue 18): `{{ amount|money }}` gives "$1,175.00" in English and in
US Spanish (recovery/formats/es), with the minus sign before the dollar sign for a negative amount."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(value) -> str:
    """An amount in dollars (a Decimal, int or numeric string) as text; anything else comes back unchanged."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    sign = "-" if amount < 0 else ""
    return f"{sign}${number_format(abs(amount), 2, force_grouping=True)}"
