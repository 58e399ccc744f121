"""The announcement form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AnnouncementForm(forms.Form):
    residence = forms.ModelChoiceField(label=_("For"), queryset=None, required=False, empty_label=_("All homes"))
    title = forms.CharField(max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, homes, allow_all_homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = homes
        self.fields["residence"].required = not allow_all_homes
