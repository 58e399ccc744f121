"""House rules, house operations and compliance routes. No app_name: residences/urls.py includes these into the
`residences` namespace, e.g. "residences:house_rules"."""

from django.urls import path

from residences.compliance import views as compliance
from residences.house_rules import views as house_rules
from residences.operations import views as operations

urlpatterns = [
    # House rules
    path("my-house/rules/", house_rules.my_house_rules, name="my_house_rules"),
    path("<int:residence_pk>/rules/", house_rules.house_rules, name="house_rules"),
    path("<int:residence_pk>/rules/publish/", house_rules.publish_rules, name="publish_rules"),
    path("rules/<int:pk>/acknowledge/", house_rules.acknowledge_rules, name="acknowledge_rules"),
    # House operations
    path("<int:residence_pk>/house-check/", operations.house_check, name="house_check"),
    path("house-checks/<int:pk>/", operations.house_check_detail, name="house_check_detail"),
    path("<int:residence_pk>/maintenance/", operations.maintenance, name="maintenance"),
    path("maintenance/<int:pk>/", operations.maintenance_detail, name="maintenance_detail"),
    path("<int:residence_pk>/inspections/", operations.inspections, name="inspections"),
    path("<int:residence_pk>/good-neighbor/", operations.good_neighbor, name="good_neighbor"),
    path("neighbor-complaints/<int:pk>/", operations.neighbor_complaint, name="neighbor_complaint"),
    # Compliance
    path("<int:residence_pk>/compliance/", compliance.compliance, name="compliance"),
    path("<int:residence_pk>/compliance/packet/", compliance.certification_packet, name="certification_packet"),
    path("compliance/items/<int:pk>/", compliance.compliance_item, name="compliance_item"),
    path("compliance/items/<int:pk>/document/", compliance.compliance_document, name="compliance_document"),
]
