"""The daily check-in form: big choices, few words, about thirty seconds on a phone."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from peer_support.checkins.models import CheckIn, Slept
from residents.plans.models import SelfCategory

FEELING_CHOICES = [(n, format_lazy("{} · {}", n, label)) for n, label in CheckIn.FEELINGS.items()]
CRAVING_CHOICES = [(n, str(n)) for n in range(11)]


class CheckInForm(forms.Form):
    feeling = forms.TypedChoiceField(
        label=_("How are you feeling?"), choices=FEELING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    craving = forms.TypedChoiceField(
        label=_("Cravings right now (0 none to 10 strong)"),
        choices=CRAVING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    slept = forms.ChoiceField(
        label=_("How did you sleep?"),
        choices=[("", _("Skip")), *list(Slept.choices)],
        required=False,
        widget=forms.RadioSelect,
    )
    slept_hours = forms.DecimalField(
        label=_("Hours of sleep (if you know)"), required=False, min_value=0, max_value=24, decimal_places=1
    )
    went_to_meeting = forms.TypedChoiceField(
        label=_("A meeting since your last check-in?"),
        choices=[(True, _("Yes")), (False, _("No"))],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
        initial=False,
    )
    goal_today = forms.CharField(label=_("My goal today"), max_length=200, required=False)
    ask_for_help = forms.CharField(label=_("Who I will ask for help"), max_length=120, required=False)
    self_tag = forms.ChoiceField(
        label=_("S.E.L.F. (optional)"), choices=[("", "—"), *list(SelfCategory.choices)], required=False
    )
    needs_to_talk = forms.BooleanField(
        label=_("I need to talk"),
        required=False,
        help_text=_("Your coach or mentor and house manager are told straight away."),
    )
    share_with_house = forms.BooleanField(
        label=_("Share my answers with the house at the morning meeting"), required=False
    )
    share_with_mentor = forms.BooleanField(label=_("Share my answers with my mentor"), required=False, initial=True)

    @classmethod
    def initial_from(cls, check_in: CheckIn | None) -> dict:
        if check_in is None:
            return {}
        return {name: getattr(check_in, name) for name in cls.base_fields}
