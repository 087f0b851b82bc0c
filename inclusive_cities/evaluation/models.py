"""Impact evaluations: a plan (question, theory of change, outcome, treated places, comparison pool, design),
pre-registration that locks it, and results with everything needed to reproduce them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class Design(models.TextChoices):
    DID = "did", _("Staggered difference-in-differences (Callaway and Sant'Anna)")
    TWFE = "twfe", _("Two-way fixed effects")
    SYNTH = "synth", _("Synthetic control (one treated place)")
    BEFORE_AFTER = "before-after", _("Before and after, with a comparison mean")


class Pool(models.TextChoices):
    ALL = "all", _("Every other local authority")
    NATION = "nation", _("Local authorities in the same nation")
    REGION = "region", _("Local authorities in the same region")
    SIMILAR = "similar", _("The most similar places by the data profile")


class Visibility(models.TextChoices):
    PRIVATE = "private", _("Private: its authors, the place's officers and facilitators")
    NETWORK = "network", _("The network: researchers and members of places")
    PUBLIC = "public", _("Public")


class Evaluation(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("evaluation question"), max_length=2000)
    inputs = models.TextField(_("inputs"), blank=True, max_length=4000, help_text=_("Money, people, time."))
    activities = models.TextField(_("activities"), blank=True, max_length=4000)
    outputs = models.TextField(_("outputs"), blank=True, max_length=4000)
    outcomes = models.TextField(_("outcomes"), blank=True, max_length=4000)
    indicator = models.ForeignKey(
        "data.Indicator", verbose_name=_("outcome indicator"), on_delete=models.PROTECT, related_name="evaluations"
    )
    category = models.CharField(_("category"), max_length=250, blank=True, default="")
    design = models.CharField(_("design"), max_length=20, choices=Design.choices, default=Design.DID)
    pool = models.CharField(_("comparison places"), max_length=20, choices=Pool.choices, default=Pool.ALL)
    first_year = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    place = models.ForeignKey(
        "network.Place",
        verbose_name=_("place responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluations",
        help_text=_("Its officers may edit and run the evaluation."),
    )
    action = models.ForeignKey(
        "plans.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="evaluations"
    )
    case_studies = models.ManyToManyField(
        "evidence.CaseStudy", blank=True, related_name="evaluations", verbose_name=_("case studies citing it")
    )
    visibility = models.CharField(_("who may see it"), max_length=10, choices=Visibility.choices, default="private")
    registered_at = models.DateTimeField(_("registered"), null=True, blank=True)
    registered_spec = models.JSONField(_("registered plan"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="evaluations"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluation:detail", args=[self.pk])

    def get_place(self):
        return self.place

    @property
    def is_registered(self) -> bool:
        return self.registered_at is not None

    def treated_map(self) -> dict[str, int]:
        return {t.place.code: t.start_year for t in self.treated.select_related("place")}

    def spec(self) -> dict:
        """What pre-registration locks: the outcome, the treated places and starts, the pool, the periods, the design."""
        return {
            "indicator": self.indicator.code,
            "category": self.category,
            "treated": self.treated_map(),
            "pool": self.pool,
            "first_year": self.first_year,
            "last_year": self.last_year,
            "design": self.design,
        }


class TreatedPlace(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="treated")
    place = models.ForeignKey("network.Place", on_delete=models.PROTECT, related_name="+")
    start_year = models.PositiveSmallIntegerField(_("treatment started"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["start_year", "place__name"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "place"], name="evaluation_treated_once")]

    def __str__(self) -> str:
        return f"{self.place.name} from {self.start_year}"

    def get_place(self):
        return self.evaluation.place


class ResultStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to run")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Result(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    method = models.CharField(_("design"), max_length=20, choices=Design.choices)
    status = models.CharField(_("status"), max_length=10, choices=ResultStatus.choices, default=ResultStatus.QUEUED)
    progress = models.CharField(_("progress"), max_length=200, blank=True)
    error = models.TextField(_("problem"), blank=True)
    spec = models.JSONField(_("specification"))
    inputs_sha256 = models.CharField(_("panel checksum"), max_length=64, blank=True)
    cache_key = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the specification and panel.")
    panel_csv = models.TextField(blank=True)
    output = models.JSONField(_("result"), null=True, blank=True)
    versions = models.JSONField(_("library versions"), default=dict)
    seed = models.PositiveIntegerField(_("random seed"), default=0)
    follows_registration = models.BooleanField(_("follows the registered plan"), default=False)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} for {self.evaluation}"

    def get_place(self):
        return self.evaluation.place
