"""Public evaluations and their latest finished result, read-only, under /api/v1/evaluations/."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from inclusive_cities.core.api import StrictPagination

from .models import Evaluation, ResultStatus, Visibility


class Pagination(StrictPagination):
    page_size = 20
    max_page_size = 100


class EvaluationSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    treated = serializers.SerializerMethodField()
    result = serializers.SerializerMethodField()
    registered_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "title",
            "question",
            "indicator",
            "category",
            "design",
            "pool",
            "treated",
            "registered_at",
            "result",
            "url",
        ]

    def get_treated(self, obj) -> list[dict]:
        return [{"place": t.place.code, "start_year": t.start_year} for t in obj.treated.all()]

    def get_result(self, obj) -> dict | None:
        done = [r for r in obj.results.all() if r.status == ResultStatus.DONE]
        if not done:
            return None
        out = done[0].output
        keys = (
            "method",
            "att",
            "ci_low",
            "ci_high",
            "p_value",
            "n_units",
            "n_treated",
            "n_periods",
            "pre_trend_p",
            "evidence_level",
        )
        return {**{k: out.get(k) for k in keys}, "follows_registration": done[0].follows_registration}


@extend_schema(summary="Public impact evaluations with their latest result")
class EvaluationListView(ListAPIView):
    serializer_class = EvaluationSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return (
            Evaluation.objects.filter(visibility=Visibility.PUBLIC)
            .select_related("indicator")
            .prefetch_related("treated__place", "results")
            .order_by("pk")
        )
