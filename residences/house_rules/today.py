"""House rules on the home page's Today (recovery.today): a resident asked to sign their house's current rules.
Three queries (where they live; the latest rules; whether they are acknowledged)."""

from django.urls import reverse
from django.utils.translation import gettext

from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.tenancy import viewer_today
from residences.homes.selectors import bed_of
from residences.models import HouseRuleVersion, RuleAcknowledgement


@today_lines(roles={Role.RESIDENT}, order=25)
def rules_to_sign(request):
    bed = bed_of(user=request.user, on=viewer_today(request))
    if bed is None:
        return
    latest = HouseRuleVersion.objects.filter(residence=bed.bed.room.residence).order_by("-version").first()
    signed = RuleAcknowledgement.objects.filter(rule_version=latest, resident=bed.stay.resident)
    if latest is not None and not signed.exists():
        yield TodayLine(gettext("Read and sign the house rules"), reverse("residences:my_house_rules"))
