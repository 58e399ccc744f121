"""The browser's own date and time pickers, one way for every form: `<input type="date">` and its kin."""

from django import forms


class DateInput(forms.DateInput):
    """A date picker. Its value is written year-month-day whatever the locale: the only form it accepts."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


class DateTimeInput(forms.DateTimeInput):
    """A date-and-time picker in the organization's local time (`datetime-local`, no time zone)."""

    input_type = "datetime-local"


class TimeInput(forms.TimeInput):
    """A time-of-day picker."""

    input_type = "time"
