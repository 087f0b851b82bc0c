"""The network: places (UK local authorities and other cities), programmes, cohorts and memberships."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class Place(models.Model):
    """A UK local authority (by its ONS/GSS code) or a city elsewhere."""

    code = models.CharField(_("code"), max_length=32, unique=True, help_text=_("ONS (GSS) code for UK authorities."))
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=250, blank=True)
    country = models.CharField(_("country"), max_length=100, default="United Kingdom")
    nation = models.CharField(_("nation"), max_length=50, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    kind = models.CharField(_("type code"), max_length=10, blank=True)
    kind_name = models.CharField(_("type"), max_length=100, blank=True)
    is_uk_local_authority = models.BooleanField(_("UK local authority"), default=False)
    is_lower_tier_or_unitary = models.BooleanField(_("district or unitary level"), default=False)
    is_current = models.BooleanField(_("current"), default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    replaced_by = models.CharField(_("replaced by (codes)"), max_length=200, blank=True)
    former_codes = models.CharField(_("former codes"), max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["nation", "region"]), models.Index(fields=["is_current", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:place_detail", args=[self.code])


class Programme(TimeStampedModel):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    facilitator = models.CharField(_("facilitated by"), max_length=250, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:programme_detail", args=[self.code])


class WorkingGroup(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="unique_working_group")]

    def __str__(self) -> str:
        return self.name


class Cohort(TimeStampedModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "start_year", "name"]

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("network:cohort_detail", args=[self.code])


class MembershipKind(models.TextChoices):
    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")


class Membership(TimeStampedModel):
    """A place in a cohort, with the commitment the seeds record (sponsor, hosting department, letter)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("membership"), max_length=20, choices=MembershipKind.choices, default=MembershipKind.FULL)
    joined_year = models.PositiveSmallIntegerField(_("joined"), null=True, blank=True)
    left_year = models.PositiveSmallIntegerField(_("left"), null=True, blank=True)
    left_note = models.TextField(_("why it left"), blank=True)
    hosting_department = models.CharField(_("department hosting the work"), max_length=200, blank=True)
    sponsor_role = models.CharField(_("senior sponsor’s role"), max_length=200, blank=True)
    signatory_role = models.CharField(_("commitment letter signed by"), max_length=200, blank=True)
    commitment_letter_date = models.DateField(_("commitment letter date"), null=True, blank=True)
    operational_leads = models.CharField(_("operational leads"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cohort", "place__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "place"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.place} in {self.cohort}"

    @property
    def is_active(self) -> bool:
        return not self.left_year
