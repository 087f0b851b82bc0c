"""Read API for published plans: GET /api/v1/plans/?place=<ONS code>. Never drafts."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError

from inclusive_cities.core.api import StrictPagination, capped_text, text_param
from inclusive_cities.core.sources import CitedSerializerMixin
from inclusive_cities.network.models import Place

from . import exchange, selectors
from .models import ActionPlan, Direction, PlanStatus

try:  # Case studies pinned to priorities and actions, when the evidence app provides them.
    from inclusive_cities.evidence.selectors import public_pins
except ImportError:  # pragma: no cover - depends on another app
    public_pins = None


class ProgressSerializer(serializers.Serializer):
    date = serializers.DateField()
    status = serializers.CharField()
    rag = serializers.CharField()
    narrative = serializers.CharField()
    evidence_url = serializers.CharField()


class LatestSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    period = serializers.CharField(help_text="The observation's period, or the progress update's date.")


class MeasureSerializer(serializers.Serializer):
    name = serializers.CharField()
    indicator_code = serializers.CharField(help_text="A data catalogue code; empty for a local measure.")
    category = serializers.CharField(help_text="The indicator's category; empty for its total.")
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    baseline_period = serializers.CharField()
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    direction = serializers.ChoiceField(choices=Direction.choices)
    unit = serializers.CharField()
    is_illustrative = serializers.BooleanField()
    latest = serializers.SerializerMethodField()

    @extend_schema_field(LatestSerializer(allow_null=True))
    def get_latest(self, measure):
        latest = getattr(measure, "latest", None)
        return LatestSerializer(latest).data if latest else None


class PinnedCaseStudySerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="The case study's public page.")
    citation = serializers.CharField(help_text="Its source document, section and year.")


class EvidenceSerializer(serializers.Serializer):
    case_study = PinnedCaseStudySerializer()
    note = serializers.CharField(help_text="Why the plan's authors pinned it.")


def pinned_evidence(obj, request) -> list[dict]:
    """The published case studies pinned to a priority or action (prefetched as `public_pins`), with their notes."""
    return exchange.evidence_items(
        getattr(obj, "public_pins", []), build_url=request.build_absolute_uri if request else None
    )


EVIDENCE_HELP = "Published case studies from the evidence base that the plan's authors pinned here, with why."


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    lead_organisation = serializers.CharField(source="lead_organisation_label")
    partners = serializers.SerializerMethodField()
    success_criteria = serializers.CharField()
    timescale = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    target_groups = serializers.SerializerMethodField()
    domains = serializers.SerializerMethodField()
    resource_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    resource_source = serializers.CharField()
    resource_state = serializers.CharField()
    status = serializers.CharField()
    rag = serializers.CharField()
    measures = MeasureSerializer(many=True)
    latest_progress = serializers.SerializerMethodField()
    is_illustrative = serializers.BooleanField()
    evidence = serializers.SerializerMethodField(help_text=EVIDENCE_HELP)

    def get_partners(self, action) -> list[str]:
        names = [o.name for o in action.partners.all()]
        return names + [n.strip() for n in action.partner_names.split(";") if n.strip()]

    def get_target_groups(self, action) -> list[str]:
        return [g.code for g in action.target_groups.all()]

    def get_domains(self, action) -> list[str]:
        return [d.code for d in action.domains.all()]

    @extend_schema_field(ProgressSerializer(allow_null=True))
    def get_latest_progress(self, action):
        latest = selectors.latest_update(action)
        return ProgressSerializer(latest).data if latest else None

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, action) -> list[dict]:
        return pinned_evidence(action, self.context.get("request"))


class PrioritySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    themes = serializers.SerializerMethodField()
    principles = serializers.SerializerMethodField()
    actions = ActionSerializer(many=True)
    evidence = serializers.SerializerMethodField(help_text=EVIDENCE_HELP)

    def get_themes(self, priority) -> list[str]:
        return [t.code for t in priority.themes.all()]

    def get_principles(self, priority) -> list[str]:
        return [p.code for p in priority.principles.all()]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, priority) -> list[dict]:
        return pinned_evidence(priority, self.context.get("request"))


class PlanSerializer(CitedSerializerMixin, serializers.ModelSerializer):
    place = serializers.CharField(source="place.code")
    place_name = serializers.CharField(source="place.name")
    framework = serializers.CharField(source="framework.version")
    url = serializers.SerializerMethodField()
    priorities = PrioritySerializer(many=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "place",
            "place_name",
            "title",
            "version",
            "status",
            "period_start",
            "period_end",
            "vision",
            "framework",
            "signed_off_at",
            "published_at",
            "is_illustrative",
            "source",
            "url",
            "priorities",
        ]

    def get_url(self, plan) -> str:
        request = self.context.get("request")
        url = plan.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class PlanPagination(StrictPagination):
    """A plan carries every priority, action and latest update, so pages are short (ask for up to 50)."""

    page_size = 10
    max_page_size = 50


@extend_schema(
    parameters=[text_param("place", "ONS (GSS) code of the place, e.g. E06000023", max_length=32, min_length=1)]
)
class PlanList(generics.ListAPIView):
    """Published action plans (the current version of each place's plan), with priorities, actions and progress."""

    serializer_class = PlanSerializer
    pagination_class = PlanPagination

    def paginate_queryset(self, queryset):
        # Each measure's latest figure, for all the plans on this page, in one query.
        page = super().paginate_queryset(queryset)
        selectors.annotate_plan_measures(page or [])
        return page

    def get_queryset(self):
        # Pinned evidence: only published case studies, whoever asks (the API is public); one query for the
        # priorities' pins and one for the actions' on a page, however many plans and pins.
        pins = [Prefetch("pinned_evidence", queryset=public_pins(), to_attr="public_pins")] if public_pins else []
        qs = (
            ActionPlan.objects.filter(status=PlanStatus.PUBLISHED)
            .select_related("place", "framework")
            .prefetch_related(
                Prefetch(
                    "priorities",
                    queryset=selectors.Priority.objects.prefetch_related(
                        "themes",
                        "principles",
                        Prefetch("actions", queryset=selectors.actions_qs().prefetch_related(*pins)),
                        *pins,
                    ),
                )
            )
            .order_by("place__name", "pk")
        )
        code = self.request.query_params.get("place")
        if code is not None:
            code = capped_text(self.request.query_params, "place", max_length=32)
            if not code:
                raise ValidationError({"place": _("Give an ONS code, for example E06000023.")})
            if not Place.objects.filter(code__iexact=code).exists():
                raise NotFound(
                    {"place": _("Unknown place code “%(code)s”: use an ONS code such as E06000023.") % {"code": code}}
                )
            qs = qs.filter(place__code__iexact=code)
        return qs
