"""BARC-10 (Brief Assessment of Recovery Capital, 10 items): one assessment per occasion of a stay."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class Barc10Occasion(models.TextChoices):
    MOVE_IN = "move_in", _("Move-in")
    REVIEW = "review", _("Progress review")
    MOVE_OUT = "move_out", _("Move-out")
    OTHER = "other", _("Other")


BARC10_ITEM_FIELDS = tuple(f"item_{n}" for n in range(1, 11))


def _answer_field(n: int):
    return models.PositiveSmallIntegerField(f"statement {n}")


class Barc10Assessment(TenantModel):
    """One completed BARC-10: ten answers from 1 (strongly disagree) to 6 (strongly agree); total 10 to 60."""

    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="barc10_assessments")
    stay = models.ForeignKey(
        "residences.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="barc10_assessments"
    )
    occasion = models.CharField(max_length=20, choices=Barc10Occasion.choices, default=Barc10Occasion.OTHER)
    taken_on = models.DateField()
    item_1 = _answer_field(1)
    item_2 = _answer_field(2)
    item_3 = _answer_field(3)
    item_4 = _answer_field(4)
    item_5 = _answer_field(5)
    item_6 = _answer_field(6)
    item_7 = _answer_field(7)
    item_8 = _answer_field(8)
    item_9 = _answer_field(9)
    item_10 = _answer_field(10)
    total = models.PositiveSmallIntegerField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on", "created_at"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 6}), name=f"barc10_{name}_from_1_to_6"
                )
                for name in BARC10_ITEM_FIELDS
            ),
            models.CheckConstraint(condition=Q(total__gte=10, total__lte=60), name="barc10_total_from_10_to_60"),
            models.CheckConstraint(
                condition=Q(total=sum((F(name) for name in BARC10_ITEM_FIELDS[1:]), F(BARC10_ITEM_FIELDS[0]))),
                name="barc10_total_is_the_sum",
            ),
        ]

    def __str__(self):
        return f"BARC-10 of {self.taken_on:%Y-%m-%d}"

    @property
    def answers(self) -> list[int]:
        return [getattr(self, name) for name in BARC10_ITEM_FIELDS]
