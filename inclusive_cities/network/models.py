"""The network: places (UK local authorities and other cities), programmes, cohorts and memberships."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
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


class ReportFileState(models.TextChoices):
    QUEUED = "queued", _("Waiting for the background worker")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportFile(models.Model):
    """The report for funders as a PDF, prepared in the background for one programme, period and language.

    `content_version` is the site's content version (`core.pagecache.content_version`) read before the report's
    figures were: while it is still the current one, nothing was written since and the file can be handed out again.
    At most one file per programme, period and language is waiting or being prepared at a time."""

    PENDING = (ReportFileState.QUEUED, ReportFileState.RUNNING)
    # a waiting or running file older than this is taken as lost (a stopped or killed worker): it may be asked again
    STALLED_AFTER = timedelta(minutes=30)

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="report_files")
    start_year = models.PositiveSmallIntegerField(_("from (year)"))
    end_year = models.PositiveSmallIntegerField(_("to (year)"))
    language = models.CharField(_("language"), max_length=15)
    state = models.CharField(_("state"), max_length=10, choices=ReportFileState.choices, default=ReportFileState.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True, max_length=300)
    content_version = models.CharField(max_length=64, blank=True)
    error = models.CharField(_("problem"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["programme", "start_year", "end_year", "language", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "start_year", "end_year", "language"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_report_file_in_progress",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.start_year}-{self.end_year} PDF ({self.get_state_display()})"

    @property
    def download_name(self) -> str:
        return f"funder-report-{self.programme.code}-{self.start_year}-{self.end_year}.pdf"

    @property
    def is_pending(self) -> bool:
        return self.state in self.PENDING

    @property
    def is_stalled(self) -> bool:
        return self.is_pending and timezone.now() - self.requested_at > self.STALLED_AFTER
