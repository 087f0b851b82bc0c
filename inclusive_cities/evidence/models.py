"""Case studies: innovations and local practice, with their evidence rating, moderation state and search embedding.

Themes and principles are stored as their codes (T1..T5, P1..P5), not as links to one framework version's rows:
the framework is versioned and each version has its own Theme/Principle rows, but the codes are stable across
versions, so a case study tagged T2 stays tagged T2 when a new framework version is published. Names are looked
up in the current published version when shown.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel

THEME_CODES = ["T1", "T2", "T3", "T4", "T5"]
PRINCIPLE_CODES = ["P1", "P2", "P3", "P4", "P5"]


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Returned by reviewer")


class EvidenceRating(models.IntegerChoices):
    """Nesta's standards of evidence (Puttick and Ludlow, 2013), levels 1 to 5, and "unrated" for a practice the
    source only names: Level 1 asks for an account of what it does and why it matters, which such a source lacks."""

    UNRATED = 0, _("Unrated: the source names the practice without saying what it does and why")
    DESCRIBED = 1, _("Level 1: we can describe what it does and why it matters")
    DATA = 2, _("Level 2: data show change among those it reaches")
    CAUSAL = 3, _("Level 3: a comparison group shows it causes the change")
    INDEPENDENT = 4, _("Level 4: independent replicated evaluation shows impact")
    SCALABLE = 5, _("Level 5: manuals and systems let others deliver it with the same impact")


class InterventionType(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    NARRATIVE = "narrative campaign", _("Narrative campaign")
    ONE_STOP = "one-stop shop", _("One-stop shop")
    ORIENTATION = "orientation and advice", _("Orientation and advice")
    LANGUAGE = "language learning", _("Language learning")
    EMPLOYER = "employer engagement", _("Employer engagement")
    EMPLOYMENT = "employment support", _("Employment support")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    HOUSING = "housing", _("Housing")
    LEGAL = "legal advice", _("Legal advice")
    MENTORING = "mentoring and befriending", _("Mentoring and befriending")
    SPACE = "inclusive space", _("Inclusive space")
    CULTURE = "cultural programme", _("Cultural programme")
    PARTICIPATION = "participation and governance", _("Participation and governance")
    MAINSTREAMING = "service mainstreaming", _("Service mainstreaming")
    DATA = "data and research", _("Data and research")
    OTHER = "other", _("Other")


def codes_to_field(codes) -> str:
    """Store codes as ",T1,T3," so that one code is found with `__contains=",T1,"` on SQLite and PostgreSQL."""
    cleaned = sorted({str(c).strip().upper() for c in codes if str(c).strip()})
    return f",{','.join(cleaned)}," if cleaned else ""


class CaseStudy(TimeStampedModel):
    slug = models.SlugField(_("short name"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    place = models.ForeignKey(
        "network.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text=_("Set when the place is in the platform's place list."),
    )
    place_name = models.CharField(_("place"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    summary = models.TextField(_("summary"))
    intervention_type = models.CharField(
        _("type of intervention"), max_length=40, choices=InterventionType.choices, default=InterventionType.OTHER
    )
    theme_codes = models.CharField(_("themes"), max_length=40, blank=True)
    principle_codes = models.CharField(_("principles"), max_length=40, blank=True)
    domains = models.ManyToManyField("framework.Domain", verbose_name=_("integration domains"), blank=True)
    target_groups = models.ManyToManyField("framework.TargetGroup", verbose_name=_("target groups"), blank=True)
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    source_section = models.CharField(_("source section"), max_length=300, blank=True)
    source_url = models.URLField(_("original link"), max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    year_note = models.CharField(_("about the year"), max_length=200, blank=True)
    evidence_rating = models.PositiveSmallIntegerField(
        _("evidence rating"), choices=EvidenceRating.choices, default=EvidenceRating.UNRATED
    )
    rating_reason = models.TextField(
        _("why this rating"),
        blank=True,
        help_text=_("The reason for the rating, against the standard's definition of the level."),
    )
    evidence_note = models.TextField(_("about the evidence"), blank=True)
    outcomes = models.TextField(_("outcomes and evaluation figures"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Demo content that is not from the source documents.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_case_studies",
    )
    credited_place = models.ForeignKey(
        "network.Place",
        verbose_name=_("contributed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributed_case_studies",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    # float32 vector from the static embedding model (see search.py); recomputed by the services on every change.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["title"]
        # updated_at: the semantic index asks MAX(updated_at) on every search to know whether it is stale.
        indexes = [models.Index(fields=["updated_at"], name="evidence_cs_updated_idx")]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evidence:detail", args=[self.slug])

    def get_place(self):
        return self.credited_place

    @property
    def themes(self) -> list[str]:
        return [c for c in self.theme_codes.split(",") if c]

    @property
    def principles(self) -> list[str]:
        return [c for c in self.principle_codes.split(",") if c]

    @property
    def is_published(self) -> bool:
        return self.status == CaseStudyStatus.PUBLISHED

    @property
    def citation(self) -> str:
        """Where the case study comes from, as the pages cite it: "seed 003, section 4 (2023, note)"."""
        text = self.source_document
        if self.source_section:
            text += f", {_('section')} {self.source_section}"
        if self.year:
            text += f" ({self.year}, {self.year_note})" if self.year_note else f" ({self.year})"
        return text

    @property
    def place_label(self) -> str:
        return self.place.name if self.place_id and not self.place_name else self.place_name

    def search_text(self) -> str:
        """What full-text and semantic search read."""
        return " ".join(
            part
            for part in [
                f"{self.title}.",
                f"{self.place_name}, {self.country}.",
                self.get_intervention_type_display(),
                self.summary,
                self.outcomes,
            ]
            if part
        )


NOTE_MAX_LENGTH = 500


class PinnedCaseStudy(models.Model):
    """A case study an officer pinned to one priority or one action of a plan, with a short note on why.

    Exactly one of priority and action is set. Who may see a pin follows the plan (its page) and the case study
    (evidence.view_casestudy): a pin to a case study the viewer may not see is not shown to them.
    """

    case_study = models.ForeignKey(
        CaseStudy, verbose_name=_("case study"), on_delete=models.CASCADE, related_name="pins"
    )
    priority = models.ForeignKey(
        "plans.Priority", null=True, blank=True, on_delete=models.CASCADE, related_name="pinned_evidence"
    )
    action = models.ForeignKey(
        "plans.Action", null=True, blank=True, on_delete=models.CASCADE, related_name="pinned_evidence"
    )
    note = models.TextField(_("why this case study"), max_length=NOTE_MAX_LENGTH)
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned_at = models.DateTimeField(_("pinned"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pinned_at", "pk"]
        verbose_name = _("pinned case study")
        verbose_name_plural = _("pinned case studies")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(priority__isnull=False) & models.Q(action__isnull=True))
                | (models.Q(priority__isnull=True) & models.Q(action__isnull=False)),
                name="pin_on_priority_or_action",
            ),
            models.UniqueConstraint(
                fields=["priority", "case_study"],
                condition=models.Q(priority__isnull=False),
                name="one_pin_per_priority_case_study",
            ),
            models.UniqueConstraint(
                fields=["action", "case_study"],
                condition=models.Q(action__isnull=False),
                name="one_pin_per_action_case_study",
            ),
        ]

    def __str__(self) -> str:
        return str(self.case_study)

    @property
    def target(self):
        return self.priority if self.priority_id else self.action

    def get_place(self):
        return self.target.get_place()
