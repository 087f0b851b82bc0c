"""Self-assessment against the framework: assessments, answers per goal and per principle, partner contributions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel
from inclusive_cities.framework.models import MATURITY_LEVELS


class Sharing(models.TextChoices):
    PRIVATE = "private", _("Private: the place’s own team and the programme facilitators")
    NETWORK = "network", _("Network: anyone signed in with a role in the network")
    PUBLIC = "public", _("Public: everyone")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", _("Confirmed by the senior sponsor")


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


LEVEL_CHOICES = MATURITY_LEVELS


class Assessment(TimeStampedModel):
    """One self-assessment of a place against one framework version."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="assessments")
    framework = models.ForeignKey("framework.Framework", on_delete=models.PROTECT, related_name="assessments")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sharing = models.CharField(
        _("who can see the results"), max_length=20, choices=Sharing.choices, default=Sharing.PRIVATE
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateField(_("confirmed on"), null=True, blank=True)
    # The officers' "send to the sponsor": the latest time (sending again after changes moves it).
    sent_to_sponsor_at = models.DateTimeField(_("sent to the sponsor"), null=True, blank=True)
    sent_to_sponsor_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent to the sponsor by"),
    )
    is_illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.place})"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def waits_for_sponsor(self) -> bool:
        """Sent to the sponsor and not yet confirmed."""
        return self.is_draft and self.sent_to_sponsor_at is not None

    @property
    def sharing_short(self) -> str:
        return str(
            {Sharing.PRIVATE: _("Private"), Sharing.NETWORK: _("Network"), Sharing.PUBLIC: _("Public")}[self.sharing]
        )

    def get_absolute_url(self) -> str:
        return reverse("assessments:detail", args=[self.place.code, self.pk])


class Answer(models.Model):
    """A maturity level for one goal, or for one principle as practised within one theme."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    goal = models.ForeignKey("framework.Goal", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    principle = models.ForeignKey(
        "framework.Principle", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    theme = models.ForeignKey("framework.Theme", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("maturity level"), null=True, blank=True, choices=LEVEL_CHOICES)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address a line."))
    file = models.FileField(_("file"), upload_to="assessments/%Y/", blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "goal"], name="unique_goal_answer"),
            models.UniqueConstraint(fields=["assessment", "principle", "theme"], name="unique_principle_answer"),
            models.CheckConstraint(
                condition=(Q(goal__isnull=False, principle__isnull=True, theme__isnull=True))
                | (Q(goal__isnull=True, principle__isnull=False, theme__isnull=False)),
                name="answer_is_goal_or_principle_in_theme",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.level}"

    @property
    def key(self) -> str:
        return self.goal.code if self.goal_id else f"{self.principle.code}-{self.theme.code}"

    def get_place(self):
        return self.assessment.place

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class ContributionRequest(TimeStampedModel):
    """An officer asks a partner to contribute answers for some goals."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="contribution_requests")
    partner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goals = models.ManyToManyField("framework.Goal", related_name="+")
    message = models.TextField(_("message"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.partner} for {self.assessment}"

    def get_place(self):
        return self.assessment.place


class ContributionState(models.TextChoices):
    PENDING = "pending", _("Waiting for the officer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Not used")


class Contribution(models.Model):
    """A partner's proposed answer for one goal; it counts only once an officer accepts it."""

    request = models.ForeignKey(ContributionRequest, on_delete=models.CASCADE, related_name="contributions")
    goal = models.ForeignKey("framework.Goal", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("maturity level"), null=True, blank=True, choices=LEVEL_CHOICES)
    evidence = models.TextField(_("evidence"), blank=True)
    links = models.TextField(_("links"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, blank=True)
    state = models.CharField(max_length=20, choices=ContributionState.choices, default=ContributionState.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.goal.code} by {self.request.partner}"

    def get_place(self):
        return self.request.assessment.place
