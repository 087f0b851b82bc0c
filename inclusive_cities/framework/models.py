"""The Inclusive Cities Framework (versioned), the integration-domain taxonomies and the target groups."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Framework(TimeStampedModel):
    """One version of the framework. Published versions never change; edits happen on a new draft."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_note = models.TextField(_("what changed in this version"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="draft"), name="one_framework_draft_at_a_time"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == FrameworkStatus.DRAFT

    def get_absolute_url(self) -> str:
        return reverse("framework:version_detail", args=[self.version])


class Principle(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="principles")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_principle_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Theme(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    what_good_looks_like = models.TextField(_("what good looks like"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_theme_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("framework:theme_detail", args=[self.framework.version, self.code])


MATURITY_LEVELS = [
    (0, _("Not started")),
    (1, _("Emerging")),
    (2, _("Developing")),
    (3, _("Established")),
    (4, _("Leading")),
]


class Goal(models.Model):
    """A sub-goal under a theme. The seeds do not list the framework's own sub-goals: ours are a first, editable set."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    maturity_levels = models.JSONField(_("maturity level descriptions"), default=list, blank=True)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["theme", "code"], name="unique_goal_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def levels(self) -> list[tuple[int, str, str]]:
        texts = list(self.maturity_levels) + [""] * (len(MATURITY_LEVELS) - len(self.maturity_levels))
        return [(n, label, texts[n]) for n, label in MATURITY_LEVELS]


class DomainTaxonomy(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "domain taxonomies"

    def __str__(self) -> str:
        return self.name


class Domain(models.Model):
    taxonomy = models.ForeignKey(DomainTaxonomy, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(_("group"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["taxonomy", "order"]

    def __str__(self) -> str:
        return self.name


class TargetGroup(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_newcomer = models.BooleanField(_("newcomers"), default=True)
    children_and_young_people = models.BooleanField(_("children and young people"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name
