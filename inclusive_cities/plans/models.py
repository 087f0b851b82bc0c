"""Action plans: a place's plan on the framework, its priorities, actions, milestones and progress.

Lifecycle: draft -> in review -> signed off (by the place's senior sponsor) -> published. A published plan
never changes; further changes start a new version (`previous` links the chain). A place may hold several plans
side by side: each is a `line` of versions numbered from 1. When a newer version of a line is published the older
one is archived (still readable at its own URL); a plan of another line is archived only when the new plan says it
`replaces` it.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SIGNED_OFF = "signed_off", _("Signed off")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived (replaced by a newer version)")


# Statuses anyone may read: published plans, and older published versions kept at their URL.
PUBLIC_STATUSES = (PlanStatus.PUBLISHED, PlanStatus.ARCHIVED)
EDITABLE_STATUSES = (PlanStatus.DRAFT, PlanStatus.IN_REVIEW)


class ActionPlan(TimeStampedModel):
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="action_plans")
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    vision = models.TextField(_("vision"), blank=True, max_length=10000)
    framework = models.ForeignKey(
        "framework.Framework", verbose_name=_("framework version"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    update_interval_days = models.PositiveSmallIntegerField(
        _("progress update interval (days)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(366)],
        help_text=_("An action whose last update is older than this is shown as stale."),
    )
    # The place's plans are numbered lines (1, 2...); a line's versions are numbered 1, 2... Existing plans of a
    # place formed one line before lines existed, so the default is 1.
    line = models.PositiveIntegerField(_("plan number"), default=1)
    version = models.PositiveIntegerField(_("version"), default=1)
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_("Another of the place's published plans that this one replaces when it is published."),
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(_("signed off"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["place__name", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="plan_period_not_backwards"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.place.code, self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class Priority(TimeStampedModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    themes = models.ManyToManyField("framework.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    principles = models.ManyToManyField(
        "framework.Principle", verbose_name=_("principles"), blank=True, related_name="+"
    )
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    def get_place(self):
        return self.plan.place


class Timescale(models.TextChoices):
    SHORT = "short", _("Short term (up to a year)")
    MEDIUM = "medium", _("Medium term (one to three years)")
    LONG = "long", _("Long term (more than three years)")


class ResourceState(models.TextChoices):
    NONE = "", _("No resources needed or not known")
    SECURED = "secured", _("Secured")
    SOUGHT = "sought", _("Sought")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


class Rag(models.TextChoices):
    NONE = "", _("Not rated")
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


class Action(TimeStampedModel):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_plan_actions",
    )
    lead_organisation = models.ForeignKey(
        "taskforce.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_plan_actions",
    )
    lead_organisation_name = models.CharField(
        _("lead organisation (if not on the taskforce list)"), max_length=200, blank=True
    )
    partners = models.ManyToManyField(
        "taskforce.Organisation", verbose_name=_("partner organisations"), blank=True, related_name="plan_actions"
    )
    partner_names = models.CharField(_("other partners"), max_length=500, blank=True)
    success_criteria = models.TextField(_("success criteria"), blank=True, max_length=5000)
    timescale = models.CharField(_("timescale"), max_length=10, choices=Timescale.choices, default=Timescale.SHORT)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    target_groups = models.ManyToManyField(
        "framework.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    domains = models.ManyToManyField(
        "framework.Domain", verbose_name=_("integration domains"), blank=True, related_name="+"
    )
    resource_amount = models.DecimalField(
        _("resources (£)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    resource_source = models.CharField(_("source of resources"), max_length=200, blank=True)
    resource_state = models.CharField(
        _("resources are"), max_length=10, choices=ResourceState.choices, default=ResourceState.NONE, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    rag = models.CharField(_("RAG rating"), max_length=10, choices=Rag.choices, default=Rag.NONE, blank=True)
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # The same action in the version this plan was copied from: its progress carries over when this is published.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["priority__order", "priority_id", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="action_dates_not_backwards",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_place(self):
        return self.priority.plan.place

    @property
    def plan(self) -> ActionPlan:
        return self.priority.plan

    @property
    def lead_organisation_label(self) -> str:
        return self.lead_organisation.name if self.lead_organisation else self.lead_organisation_name

    @property
    def lead_label(self) -> str:
        """Who leads the action, organisation and person, as one phrase; a person alone is still the lead."""
        person = self.lead_user.display_name if self.lead_user_id and self.lead_user else ""
        organisation = self.lead_organisation_label
        if organisation and person:
            return f"{organisation} ({person})"
        return organisation or person


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Measure(models.Model):
    """How an action's success is measured: a catalogue indicator or a free-text measure, baseline and target."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measures")
    name = models.CharField(_("measure"), max_length=250)
    indicator_code = models.CharField(
        _("indicator code"), max_length=100, blank=True, help_text=_("A code in the data catalogue, or empty.")
    )
    category = models.CharField(
        _("category"), max_length=250, blank=True, help_text=_("The indicator's category, where it has them.")
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_period = models.CharField(_("baseline period"), max_length=40, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(_("better when"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("The target is an example, not one the place agreed.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def get_place(self):
        return self.action.get_place()


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=250)
    due_date = models.DateField(_("due"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_place(self):
        return self.action.get_place()

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None


def evidence_path(instance, filename: str) -> str:
    return f"plans/evidence/{instance.action_id}/{filename}"


class ProgressUpdate(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date of update"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    rag = models.CharField(_("RAG rating"), max_length=10, choices=Rag.choices, blank=True)
    narrative = models.TextField(_("what has happened"), max_length=10000)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True, max_length=300)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} – {self.date}"

    def get_place(self):
        return self.action.get_place()


class MeasureValue(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "measure"], name="one_value_per_measure_update")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value}"


class ReviewComment(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]

    def get_place(self):
        return self.plan.place
