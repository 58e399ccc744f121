"""Filters shared by API lists: an id in a query string is 1 to 10**18 - 1 (PostgreSQL's bigint, and what SQLite
can hold), else a 400 problem naming the parameter, never a database error (the pages' rule: recovery.lookups)."""

import django_filters
from django import forms

MAX_ID = 10**18 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):
    """`?residence=12`: rows whose `field_name` is that id."""

    field_class = IdField
