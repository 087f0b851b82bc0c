"""Machine access to the evidence base: one ranked search, shared by the JSON API and `search_evidence`."""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .models import EvidenceRating, InterventionType

MAX_LIMIT = 100


class SearchParams(serializers.Serializer):
    # Patterns admit the empty default, so the schema's defaults match their own patterns.
    q = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=True, max_length=settings.MAX_QUERY_LENGTH
    )
    mode = serializers.ChoiceField(
        choices=["hybrid", "text", "semantic"], required=False, allow_blank=True, default="hybrid"
    )
    theme = serializers.RegexField(r"^(?:[Tt][1-5])?$", required=False, allow_blank=True, default="")
    principle = serializers.RegexField(r"^(?:[Pp][1-5])?$", required=False, allow_blank=True, default="")
    domain = serializers.RegexField(r"^[-a-zA-Z0-9_]*$", required=False, allow_blank=True, default="", max_length=40)
    target_group = serializers.RegexField(
        r"^[-a-zA-Z0-9_]*$", required=False, allow_blank=True, default="", max_length=40
    )
    country = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    type = serializers.ChoiceField(choices=InterventionType.values, required=False, allow_blank=True, default="")
    evidence_min = serializers.ChoiceField(
        choices=EvidenceRating.values, required=False, allow_null=True, allow_blank=True, default=None
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_LIMIT, default=20)


class SearchResultSchema(serializers.Serializer):
    rank = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    place = serializers.CharField()
    country = serializers.CharField()
    score = serializers.FloatField(help_text="reciprocal rank fusion score; higher is better")
    url = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())
    matched_words = serializers.ListField(child=serializers.CharField())
    similar_in_meaning = serializers.BooleanField()
    themes = serializers.ListField(child=serializers.CharField())
    evidence_rating = serializers.IntegerField(help_text="Nesta standards of evidence, 1-5")


class SearchResponseSchema(serializers.Serializer):
    query = serializers.CharField()
    truncated = serializers.BooleanField()
    mode = serializers.CharField()
    semantic_search = serializers.BooleanField()
    count = serializers.IntegerField(help_text="results in this response (at most `limit`)")
    total = serializers.IntegerField(help_text="case studies that match (a search keeps the best 200)")
    results = SearchResultSchema(many=True)


def search_payload(*, user, q: str, mode: str = "hybrid", filters: dict | None = None, limit: int = 20, base_url=""):
    """The ranked list as plain data: what the API returns and the command prints.

    With words, case studies are ranked by the search; without words but with filters, the filtered case studies
    are listed best evidence first (as the page browses them); with neither, nothing is returned.
    """
    found = selectors.search_case_studies(user=user, q=q, mode=mode, filters=filters, limit=limit)
    items = [
        {
            "case_study": r.case_study,
            "score": r.score,
            "reasons": r.reasons,
            "matched_words": r.matched_words,
            "similar_in_meaning": r.similar_in_meaning,
        }
        for r in found.results
    ]
    total = found.total
    if not found.query and any(value not in (None, "") for value in (filters or {}).values()):
        browsed = (
            selectors.filter_case_studies(selectors.case_studies_visible(user=user), **filters)
            .distinct()
            .order_by("-evidence_rating", "-year", "title")
        )
        total = browsed.count()
        items = [
            {
                "case_study": cs,
                "score": 0.0,
                "reasons": [_("Matches the filters")],
                "matched_words": [],
                "similar_in_meaning": False,
            }
            for cs in browsed[:limit]
        ]
    return {
        "query": found.query,
        "truncated": found.truncated,
        "mode": mode,
        "semantic_search": found.semantic_available,
        "count": len(items),
        "total": total,
        "results": [
            {
                "rank": position,
                "slug": item["case_study"].slug,
                "title": item["case_study"].title,
                "place": item["case_study"].place_name,
                "country": item["case_study"].country,
                "score": item["score"],
                "url": base_url + item["case_study"].get_absolute_url(),
                "reasons": item["reasons"],
                "matched_words": item["matched_words"],
                "similar_in_meaning": item["similar_in_meaning"],
                "themes": item["case_study"].themes,
                "evidence_rating": item["case_study"].evidence_rating,
            }
            for position, item in enumerate(items, start=1)
        ],
    }


class EvidenceSearchView(APIView):
    """Search published case studies by words and by meaning; filters combine with the query.

    Parameters: q, mode (hybrid|text|semantic), theme (T1-T5), principle (P1-P5), domain, target_group, country,
    type (intervention type), evidence_min (1-5), limit (1-100). Results are ranked best first; without `q`, the
    case studies that pass the filters are listed, best evidence first.
    """

    @extend_schema(parameters=[SearchParams], responses=SearchResponseSchema, tags=["evidence"])
    def get(self, request):
        params = SearchParams(data=request.query_params)
        if not params.is_valid():
            return Response({"detail": _("Invalid search parameters."), "errors": params.errors}, status=400)
        data = params.validated_data
        filters = {
            "theme": data["theme"],
            "principle": data["principle"],
            "domain": data["domain"],
            "target_group": data["target_group"],
            "country": data["country"],
            "intervention_type": data["type"],
            "evidence_min": data["evidence_min"],
        }
        payload = search_payload(
            user=request.user,
            q=data["q"],
            mode=data["mode"] or "hybrid",
            filters=filters,
            limit=data["limit"],
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return Response(payload)
