"""The ledger in the API: read entries as the ledger pages allow (staff of the home, the resident their own), and
post charges, payments and credits through the ledger's own services (`post_charge`, `record_payment`,
`post_credit`), so every rule of the pages holds: a signed fee disclosure first, dollars and cents, no date in the
future, a third-party payer named.

`POST /api/v1/ledger-entries/` needs an `Idempotency-Key` header: the same key sent again answers the first posting
and posts nothing (`recovery.api.idempotency`). It replaces the pages' "the same amount was posted a few minutes ago"
question, which a program cannot answer. Entries are final: a correction is a new entry (on the pages).
"""

from datetime import date
from decimal import Decimal

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from recovery.api.errors import Unprocessable
from recovery.api.filters import MAX_ID, IdFilter
from recovery.api.idempotency import HEADER, once
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.errors import DomainError
from recovery.lookups import found_or_404
from recovery.registry import api_route
from recovery.tenancy import home_today
from residences.homes.selectors import home_of
from residences.ledger import selectors, services
from residences.ledger.models import MONEY, EntryCategory, EntryKind, PayerKind, PaymentMethod
from residences.models import LedgerEntry, Stay

POSTED_KINDS = [EntryKind.CHARGE, EntryKind.PAYMENT, EntryKind.CREDIT]


class LedgerEntrySerializer(serializers.ModelSerializer):
    # Blank where the kind has none (a charge has no payer): "" is part of each field's enumeration.
    category = serializers.ChoiceField(choices=EntryCategory.choices, allow_blank=True, read_only=True)
    payer_kind = serializers.ChoiceField(choices=PayerKind.choices, allow_blank=True, read_only=True)
    method = serializers.ChoiceField(choices=PaymentMethod.choices, allow_blank=True, read_only=True)
    amount = serializers.DecimalField(**MONEY, read_only=True, coerce_to_string=True)
    balance_effect = serializers.DecimalField(
        **MONEY,
        read_only=True,
        coerce_to_string=True,
        help_text="What the entry adds to the balance (negative: lowers).",
    )

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "stay",
            "kind",
            "category",
            "description",
            "amount",
            "balance_effect",
            "payer_kind",
            "payer_name",
            "method",
            "reference",
            "posted_on",
            "corrects",
            "created_at",
        ]
        read_only_fields = fields


class PostEntrySerializer(serializers.Serializer):
    """A charge, payment or credit to post; which fields count depends on `kind` (the ledger's services decide)."""

    stay = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The stay whose ledger it goes on.")
    kind = serializers.ChoiceField(choices=[(kind.value, kind.label) for kind in POSTED_KINDS])
    amount = serializers.DecimalField(
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        min_value=Decimal("0.01"),
        help_text='Dollars and cents, as a string: "150.00".',
    )
    posted_on = serializers.DateField(required=False, help_text="Default: today in the organization; never later.")
    category = serializers.ChoiceField(choices=EntryCategory.choices, required=False, allow_blank=True)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    method = serializers.ChoiceField(choices=PaymentMethod.choices, required=False, help_text="Payments only.")
    payer_kind = serializers.ChoiceField(choices=PayerKind.choices, required=False, help_text="Payments only.")
    payer_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")

    def validate(self, data):
        if data["kind"] == EntryKind.CHARGE and not data.get("category"):
            raise serializers.ValidationError({"category": ["Say what the charge is for: rent, deposit, fee, other."]})
        if data["kind"] == EntryKind.PAYMENT and not data.get("method"):
            raise serializers.ValidationError({"method": ["Say how it was paid."]})
        return data


class LedgerEntryFilter(django_filters.FilterSet):
    stay = IdFilter(field_name="stay_id")
    resident = IdFilter(field_name="stay__resident_id")
    kind = django_filters.ChoiceFilter(choices=EntryKind.choices)
    posted_after = django_filters.DateFilter(field_name="posted_on", lookup_expr="gte")
    posted_before = django_filters.DateFilter(field_name="posted_on", lookup_expr="lte")

    class Meta:
        model = LedgerEntry
        fields = ["stay", "resident", "kind", "posted_after", "posted_before"]


IDEMPOTENCY_PARAMETER = OpenApiParameter(
    HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="A key you make (a UUID): the same key sent again answers the first posting and posts nothing.",
)


@api_route("ledger-entries", basename="ledger-entries")
class LedgerEntryViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Ledger entries of the stays this person may see (staff of the home; a resident their own), oldest first.
    `POST` posts a charge, a payment or a credit (staff of the home), once per Idempotency-Key."""

    api_resource = "ledger"
    object_permission = "residences.view_ledger"
    checked_on = "stay"
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilter
    queryset = LedgerEntry.objects.none()
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if self.membership is None:
            return LedgerEntry.objects.none()
        return selectors.entries_visible_to(self.membership).order_by("posted_on", "created_at", "pk")

    def get_serializer_class(self):
        return PostEntrySerializer if self.action == "create" else LedgerEntrySerializer

    @extend_schema(
        request=PostEntrySerializer,
        responses={201: LedgerEntrySerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    def create(self, request, *args, **kwargs):
        return once(request, lambda: self._post(request), reread=self._reread)

    def _reread(self, kept: dict) -> None:
        """Load the entry a replayed answer shows among the entries this person may see (its read is audited)."""
        found_or_404(self.request._request, self.get_queryset(), pk=kept.get("id"))

    def _post(self, request) -> Response:
        entry_request = PostEntrySerializer(data=request.data)
        entry_request.is_valid(raise_exception=True)
        data = entry_request.validated_data
        stay = found_or_404(request._request, Stay.objects.select_related("resident"), pk=data["stay"])
        self.require("residences.manage_ledger", stay)
        # The day the stay's home turns to, as the ledger pages post on (issue 15, item 6).
        posted_on: date = data.get("posted_on") or home_today(home_of(stay=stay, on=None, latest=True))
        common = {"stay": stay, "amount": data["amount"], "posted_on": posted_on, "by": request.user}
        try:
            if data["kind"] == EntryKind.CHARGE:
                entry = services.post_charge(category=data["category"], description=data["description"], **common)
            elif data["kind"] == EntryKind.PAYMENT:
                entry = services.record_payment(
                    method=data["method"],
                    payer_kind=data.get("payer_kind") or PayerKind.RESIDENT,
                    payer_name=data["payer_name"],
                    reference=data["reference"],
                    description=data["description"],
                    **common,
                )
            else:
                entry = services.post_credit(
                    description=data["description"], category=data.get("category") or "", **common
                )
        except DomainError as refused:
            raise Unprocessable(str(refused)) from refused
        return Response(LedgerEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
