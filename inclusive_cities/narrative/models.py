"""A place's narrative of inclusion (seed 002, section 6.2): statement, campaign, audiences, messages, checklist."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.models import TimeStampedModel


class Audience(models.TextChoices):
    INTERNAL = "internal", _("Internal: the council and its partner agencies")
    EXTERNAL = "external", _("External: people outside the place, visitors, investors")
    RESIDENTS = "residents", _("Longer-standing residents")
    NEWCOMERS = "newcomers", _("Newcomers")
    CONCERNED = "concerned", _("Concerned local residents")
    EMPLOYERS = "employers", _("Employers")
    STUDENTS = "students", _("International students")


class MessageTheme(models.TextChoices):
    # The six message themes of Welcoming America's Stronger Together toolkit, as summarised in seed 002, 6.2.
    STRONGER_TOGETHER = "stronger_together", _("Stronger together")
    INNOVATION = "innovation", _("Innovation")
    VIBRANT = "vibrant", _("Vibrant communities")
    ECONOMY = "economy", _("21st-century economy")
    SHARED_VALUES = "shared_values", _("Shared values")
    FRIENDLINESS = "friendliness", _("Friendliness")


class Defensive(models.TextChoices):
    MYTH_BUSTING = "myth_busting", _("Myth-busting: answering rumours with facts and trusted messengers")
    TENSIONS = "tensions", _("Defusing local tensions through existing services")
    SOLIDARITY = "solidarity", _("Public campaigns of solidarity")


class NarrativeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# The checklist: principles the seeds give for a narrative, with guidance in our own words.
CHECKLIST = [
    (
        "two_way",
        _("Two-way"),
        _(
            "Inclusion is something newcomers and the people already here do together. Check that the narrative "
            "asks something of everyone and does not only describe newcomers as people to be helped or changed "
            "(seed 002, section 6.2; seed 001, principle 3)."
        ),
    ),
    (
        "both_audiences",
        _("Speaks to newcomers and longer-standing residents"),
        _(
            "Name who each message is for. A story aimed only at the ‘host’ community can end up drawing a line "
            "between ‘us’ and ‘them’; one aimed only at newcomers can leave residents’ concerns unheard "
            "(seed 002, section 6.2, on audiences and on the anti-rumours approach)."
        ),
    ),
    (
        "local_story",
        _("A local story"),
        _(
            "Build on what people already believe about the place: its history of arrivals, its industries, its "
            "character. A borrowed slogan convinces less than a story residents recognise as theirs "
            "(seed 002, section 6.2, telling a shared story of the place)."
        ),
    ),
    (
        "consistent",
        _("Consistent across the council and partners"),
        _(
            "The same story should be told by the council’s departments, its leaders and the partners who carry "
            "it, in services as well as in campaigns, so that practice matches the words "
            "(seed 002, section 6.2, consistent messaging across the authority and its partner agencies)."
        ),
    ),
]
CHECKLIST_KEYS = [key for key, _label, _guidance in CHECKLIST]


class Narrative(TimeStampedModel):
    place = models.OneToOneField("network.Place", on_delete=models.CASCADE, related_name="narrative")
    campaign_name = models.CharField(_("campaign name"), max_length=150, blank=True)
    statement = models.TextField(_("narrative statement"))
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    other_audiences = models.CharField(_("other specific audiences"), max_length=300, blank=True)
    message_themes = models.JSONField(_("message themes"), default=list, blank=True)
    defensive_approaches = models.JSONField(_("defensive approaches"), default=list, blank=True)
    defensive_notes = models.TextField(_("how you respond to myths and tensions"), blank=True)
    channels = models.TextField(_("channels"), blank=True)
    carriers = models.TextField(_("partners who carry it"), blank=True)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)
    sources = models.TextField(_("sources"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NarrativeStatus.choices, default=NarrativeStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative demo content"), default=False)
    actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("plan actions that deliver it"), blank=True, related_name="narratives"
    )
    # Audit history: registered in translation.py, after the Welsh fields, so it records them too.

    class Meta:
        ordering = ["place__name"]

    def __str__(self) -> str:
        return self.campaign_name or str(self.place)

    @property
    def is_published(self) -> bool:
        return self.status == NarrativeStatus.PUBLISHED

    def get_absolute_url(self) -> str:
        return reverse("narrative:detail", args=[self.place.code])

    def audience_labels(self) -> list[str]:
        return [str(label) for value, label in Audience.choices if value in self.audiences]

    def theme_labels(self) -> list[str]:
        return [str(label) for value, label in MessageTheme.choices if value in self.message_themes]

    def defensive_labels(self) -> list[str]:
        return [str(label) for value, label in Defensive.choices if value in self.defensive_approaches]

    def checklist_rows(self) -> list[dict]:
        state = self.checklist or {}
        return [
            {
                "key": key,
                "label": label,
                "guidance": guidance,
                "done": bool(state.get(key, {}).get("done")),
                "note": state.get(key, {}).get("note", ""),
            }
            for key, label, guidance in CHECKLIST
        ]
