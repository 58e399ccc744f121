"""A posted key too large for the database is "not one of the choices", never a server error.

SQLite cannot bind an integer beyond 64 bits and raises OverflowError while Django's ModelChoiceField and
ModelMultipleChoiceField look a posted key up (PostgreSQL simply finds no row). Django catches ValueError and
TypeError there, not OverflowError, so `parties=99999999999999999999` answered 500 on the embedded default (issue
14's form fuzzer, item 8's kind). Every model choice field of every form is covered from `RecoveryConfig.ready`.
"""

from django.core.exceptions import ValidationError
from django.forms import models as form_models

_patched = False


def refuse_out_of_range_keys() -> None:
    """Wrap ModelChoiceField.to_python and ModelMultipleChoiceField._check_values so that an OverflowError becomes
    the field's own "invalid choice" message. Idempotent; takes and returns nothing."""
    global _patched
    if _patched:
        return
    _patched = True
    single, multiple = form_models.ModelChoiceField, form_models.ModelMultipleChoiceField
    original_to_python, original_check = single.to_python, multiple._check_values

    def to_python(self, value):
        try:
            return original_to_python(self, value)
        except OverflowError as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(value)[:40]}
            ) from error

    def check_values(self, value):
        try:
            return original_check(self, value)
        except OverflowError as error:
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": "that value"}
            ) from error

    single.to_python, multiple._check_values = to_python, check_values
