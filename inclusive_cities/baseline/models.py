"""A place's baseline: what already happens before it plans, mapped onto the framework."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class FundingStatus(models.TextChoices):
    NONE = "", _("Not recorded")
    SECURED = "secured", _("Secured")
    SOUGHT = "sought", _("Sought")


class ActivityStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    ENDED = "ended", _("Ended")


class Activity(TimeStampedModel):
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="baseline_activities")
    what = models.CharField(_("what"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    lead_organisation = models.ForeignKey(
        "taskforce.Organisation",
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="baseline_activities",
    )
    lead_text = models.CharField(_("lead (if not a taskforce organisation)"), max_length=200, blank=True)
    themes = models.ManyToManyField("framework.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    principles = models.ManyToManyField(
        "framework.Principle", verbose_name=_("principles"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        "framework.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    scale = models.CharField(_("scale"), max_length=300, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    funding_amount = models.DecimalField(_("funding (£)"), max_digits=12, decimal_places=2, null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    funding_status = models.CharField(
        _("funding status"), max_length=10, choices=FundingStatus.choices, blank=True, default=FundingStatus.NONE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.ONGOING
    )
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Demo content that the seeds do not record.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[themes, principles, target_groups])

    class Meta:
        ordering = ["what"]
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.what

    @property
    def lead(self) -> str:
        return self.lead_organisation.name if self.lead_organisation_id else self.lead_text
