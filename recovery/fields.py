"""Form fields every app's forms share (the platform's own pages' forms are in `recovery/forms.py`)."""

from datetime import UTC, datetime

from django import forms
from django.utils import timezone

from recovery.tenancy import at_wall_time, home_time_zone
from recovery.widgets import DateTimeInput


class HomeDateTimeField(forms.DateTimeField):
    """A date and time a person types as it reads on a home's clock (`datetime-local`, no zone), cleaned to the aware
    moment at that wall time in `time_zone` (a tzinfo; None: the request's clock, the active zone, at cleaning).

    Set `time_zone` with `at_home()` once the form knows the home: in `__init__` for one home, or in the clean
    method of an earlier field that chooses it (`clean_residence`). Issue 15, item 6: a Denver home's pass back at
    10 p.m. is 10 p.m. in Denver whoever types it. Across a daylight-saving change it follows
    `recovery.tenancy.at_wall_time()`, like curfews: a time in the hour skipped in spring moves forward by the
    hour, one in the hour repeated in autumn is its first occurrence (never Django's "it may be ambiguous" error).
    """

    widget = DateTimeInput(format="%Y-%m-%dT%H:%M")
    time_zone = None

    def at_home(self, residence):
        """Read this field's time on `residence`'s clock (`home_time_zone`; None: the organization's)."""
        self.time_zone = home_time_zone(residence)

    def to_python(self, value):
        if isinstance(value, datetime):
            wall = timezone.localtime(value, self.time_zone) if timezone.is_aware(value) else value
        else:
            with timezone.override(UTC):  # parse the wall time only; UTC has no skipped or repeated hour
                parsed = super().to_python(value)
            if parsed is None:
                return None
            wall = parsed.astimezone(UTC)
        zone = self.time_zone or timezone.get_current_timezone()
        try:
            return at_wall_time(wall.date(), wall.time().replace(tzinfo=None), zone)
        except OverflowError:  # the last hours of year 9999 (or the first of year 1) have no moment in UTC
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value, self.time_zone).replace(tzinfo=None)
        return super().prepare_value(value)
