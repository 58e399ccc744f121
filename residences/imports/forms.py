"""The upload form of the spreadsheet import: a homes file, a residents file, or both."""

from django import forms

from residences.imports.spreadsheets import MAX_BYTES

ACCEPTED = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    homes_file = forms.FileField(
        label="Homes, rooms and beds",
        required=False,
        help_text="CSV or XLSX, one row per bed.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )
    residents_file = forms.FileField(
        label="Current residents",
        required=False,
        help_text="CSV or XLSX, one row per person living in your homes today.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("homes_file") and not cleaned.get("residents_file") and not self.errors:
            raise forms.ValidationError("Choose a homes file, a residents file, or both.")
        for name in ("homes_file", "residents_file"):
            upload = cleaned.get(name)
            if upload is not None and upload.size > MAX_BYTES:
                self.add_error(
                    name, f"This file is larger than {MAX_BYTES // 1024 // 1024} MB. Split it into smaller files."
                )
        return cleaned
