"""The progress reviews API, to read: one resident's reviews (`?resident=`), the resident's own, or the reviews due
that the reviews page lists for the people who keep records (`residents.reviews.selectors.reviews_to_do`); one review
by `residents.view_progress_reviews` on its resident (the resident and the keepers of their record, never a coach).
Every review returned is written to the audit log, as the review page's are.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.models import Role
from recovery.registry import api_route
from recovery.tenancy import organization_today
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record
from residents.reviews import selectors
from residents.reviews.models import ProgressReview, ReviewGoalProgress

VIEW = "residents.view_progress_reviews"


class GoalProgressSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewGoalProgress
        fields = ["goal", "note"]
        read_only_fields = fields


class ProgressReviewSerializer(serializers.ModelSerializer):
    """A review of a stay as its page shows it: what was written, who signed and when."""

    resident = serializers.IntegerField(source="stay.resident_id", read_only=True)
    goal_progress = GoalProgressSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReview
        fields = [
            "id",
            "stay",
            "resident",
            "due_on",
            "reviewer",
            "progress",
            "reflection",
            "next_steps",
            "goal_progress",
            "resident_signed_at",
            "reviewer_signed_at",
            "completed_at",
            "created_at",
        ]
        read_only_fields = fields


@api_route("progress-reviews")
class ProgressReviewViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Progress reviews: `?resident=` one resident's; without it, a resident's own, or the reviews due for staff."""

    api_resource = "progress_reviews"
    serializer_class = ProgressReviewSerializer
    queryset = ProgressReview.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return ProgressReview.objects.none()
        if self.action != "list":
            return selectors.review_with_stay().prefetch_related("goal_progress")
        wanted = self.request.query_params.get("resident")
        if wanted is not None:
            resident = resident_or_404(self.request._request, wanted, VIEW)
            reviews = selectors.resident_reviews(resident)
        elif self.membership.role == Role.RESIDENT:
            resident = my_resident_record(self.request.user)
            reviews = selectors.resident_reviews(resident) if resident else ProgressReview.objects.none()
        else:
            self.require("residents.list_progress_reviews")
            reviews = selectors.reviews_to_do(self.membership, today=organization_today(self.organization))
        return reviews.select_related("stay").prefetch_related("goal_progress")

    @extend_schema(parameters=[OpenApiParameter("resident", OpenApiTypes.INT, description="This resident's reviews.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        review = super().get_object()
        self.require(VIEW, review.stay.resident)
        return review
