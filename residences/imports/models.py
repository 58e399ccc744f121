"""A spreadsheet import: the checked rows waiting for the operator's yes, then what the import created, so it can be
undone while nothing else has touched it."""

from django.conf import settings
from django.db import models

from recovery.tenancy import TenantModel


class ImportStatus(models.TextChoices):
    CHECKED = "checked", "Checked, waiting to be imported"
    IMPORTED = "imported", "Imported"
    UNDONE = "undone", "Undone"
    REPLACED = "replaced", "Replaced by a later upload, not imported"


class SpreadsheetImport(TenantModel):
    """One upload of a homes file, a residents file or both. While `checked`, `rows` holds the rows as read (so the
    operator can look before importing); once imported they are emptied (the homes and residents hold them now), and
    so they are when a later upload replaces an import never confirmed: no copy of anyone's details is left behind."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.CHECKED)
    homes_file_name = models.CharField(max_length=200, blank=True)
    residents_file_name = models.CharField(max_length=200, blank=True)
    rows = models.JSONField(default=dict, blank=True)
    home_count = models.PositiveIntegerField(default=0)
    bed_count = models.PositiveIntegerField(default=0)
    resident_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="imported") | models.Q(imported_at__isnull=False),
                name="imported_spreadsheet_has_its_moment",
            ),
        ]

    def __str__(self):
        return f"Import of {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else "Import"


class ImportedRow(TenantModel):
    """A row the import created (a home, a bed, a resident, a stay, and what those verbs made besides), in the
    order it was created: an undo removes them in the reverse order."""

    spreadsheet_import = models.ForeignKey(SpreadsheetImport, on_delete=models.CASCADE, related_name="created_rows")
    position = models.PositiveIntegerField()
    model_label = models.CharField(max_length=100, help_text="app_label.model, as the audit log names it")
    object_id = models.CharField(max_length=64)

    class Meta:
        ordering = ["spreadsheet_import", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "spreadsheet_import", "position"], name="imported_row_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.model_label} {self.object_id}"
