"""A place's taskforce: the organisations and people it convenes, and its meetings."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


class Sector(models.TextChoices):
    """The fixed list of sectors a taskforce draws on (issue 3; seed 004 names most of them)."""

    COUNCIL = "council", _("Council department")
    PUBLIC_SERVICE = "public_service", _("Public service")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    BUSINESS = "business", _("Employer or business")
    VOLUNTARY = "voluntary", _("Voluntary and community")
    MIGRANT_LED = "migrant_led", _("Migrant- or refugee-led")
    FAITH = "faith", _("Faith")
    ARTS = "arts", _("Arts and culture")
    HOUSING = "housing", _("Housing")
    MEDIA = "media", _("Media")
    SPORT = "sport", _("Sport")
    UNIVERSITY = "university", _("University")
    FUNDER = "funder", _("Funder")


# The sectors the seeds single out as the hardest to bring in (seed 004): business and new communities.
HARD_TO_REACH_SECTORS = (Sector.BUSINESS, Sector.MIGRANT_LED)


class Organisation(TimeStampedModel):
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="taskforce_organisations")
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    is_illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Demo content that the seeds do not record.")
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sector", "name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "place", name="unique_taskforce_organisation_per_place"),
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")


class TaskforceMember(TimeStampedModel):
    """A person on the taskforce. Lived experience of the migration system is recorded only with consent."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="taskforce_members")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    person_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("platform account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="taskforce_memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    lived_experience = models.BooleanField(_("brings lived experience of the migration system"), default=False)
    lived_experience_consent = models.BooleanField(_("consent to record lived experience"), default=False)
    lived_experience_consent_date = models.DateField(_("date consent was given"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "person_name"]
        constraints = [
            # The flag can never be stored without explicit, dated consent.
            models.CheckConstraint(
                condition=models.Q(lived_experience=False)
                | models.Q(lived_experience_consent=True, lived_experience_consent_date__isnull=False),
                name="lived_experience_needs_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


class Meeting(TimeStampedModel):
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="taskforce_meetings")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    attendees = models.ManyToManyField(
        TaskforceMember, verbose_name=_("attendees"), blank=True, related_name="meetings"
    )
    decisions = models.TextField(_("decisions"), blank=True, max_length=10000)
    actions_arising = models.TextField(_("actions arising"), blank=True, max_length=10000)
    linked_actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("linked plan actions"), blank=True, related_name="taskforce_meetings"
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords(m2m_fields=[attendees, linked_actions])

    class Meta:
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d %b %Y})"
