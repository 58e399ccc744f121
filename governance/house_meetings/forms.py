"""Input for the house meeting, vote and officer pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.house_meetings.models import AttendanceStatus, Quorum, VoteChoice, Weekday
from recovery.widgets import DateInput, TimeInput


class ScheduleForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    starts_at = forms.TimeField(label=_("Time"), widget=TimeInput(format="%H:%M"))
    place = forms.CharField(label=_("Where (optional)"), required=False, max_length=120)
    quorum = forms.ChoiceField(
        label=_("A vote counts when at least this many vote"), choices=Quorum.choices, initial=Quorum.MAJORITY
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("What do you want to bring up?"), max_length=200)
    details = forms.CharField(
        label=_("More detail (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Who chaired, what was discussed, what was decided, who does what next."),
    )


class MotionForm(forms.Form):
    title = forms.CharField(
        label=_("The motion"),
        max_length=300,
        help_text=_("Say it so it can be answered yes or no, e.g. “Move the house meeting to 7 pm”."),
    )
    details = forms.CharField(
        label=_("Background (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    secret = forms.BooleanField(
        label=_("Secret ballot: nobody, not even staff, can see how anyone voted"), required=False
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)


class DecisionForm(forms.Form):
    summary = forms.CharField(label=_("What the house decided"), max_length=400)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())


class AttendanceForm(forms.Form):
    """One radio group per resident living in the house on the meeting day, each with an optional note."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for resident, mark in sheet:
            self.fields[f"status_{resident.pk}"] = forms.ChoiceField(
                label=resident.display_name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=mark.status if mark else AttendanceStatus.PRESENT,
            )
            self.fields[f"note_{resident.pk}"] = forms.CharField(
                label=_("Note (optional)"), required=False, max_length=200, initial=mark.note if mark else ""
            )

    def rows(self):
        return [(resident, self[f"status_{resident.pk}"], self[f"note_{resident.pk}"]) for resident, _ in self.sheet]

    def marks(self) -> dict:
        return {
            resident: (self.cleaned_data[f"status_{resident.pk}"], self.cleaned_data[f"note_{resident.pk}"])
            for resident, _ in self.sheet
        }
