"""Drug and alcohol tests on a resident's timeline (the registry's "timeline" key), and whether one counted
as a return to use. Test results are a sensitive class: shown to the resident and to roles that see it by default
(residents.sensitivity)."""

from django.utils import timezone

from recovery.registry import TimelineEntry, timeline_source
from recovery.tenancy import home_time_zone
from residents.sensitivity import class_of, sees_class_of


@timeline_source
def drug_tests(resident, *, staff_view, membership=None, **_viewer):
    from governance.drug_tests.models import DrugTest

    if not sees_class_of(membership, resident, class_of("governance.DrugTest")):
        return
    for test in DrugTest.objects.filter(resident=resident, collected_at__isnull=False).select_related("residence"):
        day = timezone.localdate(test.collected_at, timezone=home_time_zone(test.residence))  # the home's day
        outcome = " — counted as a return to use" if test.return_to_use else ""
        yield TimelineEntry(day, "test", f"{test.get_kind_display()} test{outcome}", test.collected_at)
