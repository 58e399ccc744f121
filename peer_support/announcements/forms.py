"""The announcement form."""

from django import forms


class AnnouncementForm(forms.Form):
    residence = forms.ModelChoiceField(label="For", queryset=None, required=False, empty_label="All homes")
    title = forms.CharField(max_length=150)
    body = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, homes, allow_all_homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = homes
        self.fields["residence"].required = not allow_all_homes
