"""Read API for convenings: GET /api/v1/convenings/. Public fields only (never notes, attendees or outputs)."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from inclusive_cities.core.api import StrictPagination, capped_text, text_param
from inclusive_cities.core.sources import CitedSerializerMixin

from . import selectors


class HostSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField(allow_null=True)
    country = serializers.CharField()


class ConveningSerializer(CitedSerializerMixin, serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    host = serializers.SerializerMethodField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    dates_note = serializers.CharField()
    aims = serializers.ListField(child=serializers.CharField(), source="aim_list")
    places = serializers.SerializerMethodField()
    programme = serializers.CharField(source="programme.code")
    source = serializers.CharField()

    @extend_schema_field(HostSerializer(allow_null=True))
    def get_host(self, convening):
        host = convening.host
        if host is None:
            return None
        code = host.code if not host.code.startswith("INT-") else None
        return {"name": host.name, "code": code, "country": host.country}

    @extend_schema_field(HostSerializer(many=True))
    def get_places(self, convening) -> list:
        return [
            {"name": p.place.name, "code": None if p.place.code.startswith("INT-") else p.place.code,
             "country": p.place.country}
            for p in convening.participations.all()
        ]  # fmt: skip


class Pagination(StrictPagination):
    page_size = 20
    max_page_size = 100


@extend_schema(
    summary="Convenings of the network's programmes (public fields only)",
    tags=["convenings"],
    parameters=[text_param("programme", "A programme's code, e.g. inclusive-cities", max_length=60)],
)
class ConveningList(generics.ListAPIView):
    serializer_class = ConveningSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return selectors.convening_list(programme=capped_text(self.request.query_params, "programme", max_length=60))
