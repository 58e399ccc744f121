"""The date and time pickers: the browser's own inputs, with values it can read."""

from datetime import date

from django.utils import translation

from recovery.widgets import DateInput, DateTimeInput, TimeInput


def test_a_date_input_writes_its_value_year_month_day_when_the_locale_writes_dates_otherwise():
    with translation.override("de"):
        html = DateInput().render("on", date(2026, 11, 24))

    assert html == '<input type="date" name="on" value="2026-11-24">'


def test_the_pickers_are_the_browsers_own_inputs():
    assert 'type="datetime-local"' in DateTimeInput().render("at", None)
    assert 'type="time"' in TimeInput().render("at", None)
