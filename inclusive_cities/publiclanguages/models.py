"""Newcomers' languages on public pages: the further languages a place offers, and the translations its council's
translators enter of the published plan summary and the narrative.

A translation records what it translates: the published plan version (or the narrative) and a copy of the English
text it was made from (`source`). When the English text shown now differs from that copy, the translation "may be
out of date". The plans and narrative models are not changed: translations point at them by foreign key.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel

from .languages import BY_CODE, CHOICES

# Limits on what a translator may enter (the English fields' own limits, with room for scripts that run longer).
TITLE_MAX = 300
VISION_MAX = 15000
STATEMENT_MAX = 30000
TRANSLATOR_MAX = 200


class PlaceLanguage(TimeStampedModel):
    """A further language the place offers its public pages in."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="public_languages")
    code = models.CharField(_("language"), max_length=10, choices=CHOICES)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "code"]
        constraints = [models.UniqueConstraint(fields=["place", "code"], name="publiclanguages_once_per_place")]

    def __str__(self) -> str:
        return f"{self.place} – {self.code}"

    @property
    def language(self):
        return BY_CODE[self.code]


class TranslationBase(TimeStampedModel):
    code = models.CharField(_("language"), max_length=10, choices=CHOICES)
    translator = models.CharField(_("translated by"), max_length=TRANSLATOR_MAX)
    translated_on = models.DateField(_("translated on"))
    # The English text the translation was made from, as it stood (see the module's docstring).
    source = models.JSONField(_("English original translated"), default=dict)
    # An example written for the demo, not a council translator's work: the page says so.
    is_illustrative = models.BooleanField(_("example translation for the demo"), default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def language(self):
        return BY_CODE[self.code]


class PlanTranslation(TranslationBase):
    """A translation of one of the place's plans (a line of versions): the summary of the version it translates."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="+")
    line = models.PositiveIntegerField(_("plan number"))
    plan = models.ForeignKey(
        "plans.ActionPlan", verbose_name=_("plan version translated"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    vision = models.TextField(_("vision"), blank=True)
    # The priorities' titles in the plan's order: [{"title": "..."}], beside the English in `source["priorities"]`.
    priorities = models.JSONField(_("priorities"), default=list)
    history = HistoricalRecords()

    class Meta:
        ordering = ["place", "line", "code"]
        constraints = [
            models.UniqueConstraint(fields=["place", "line", "code"], name="publiclanguages_plan_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.code}"

    def get_place(self):
        return self.place

    def get_absolute_url(self) -> str:
        return reverse("publiclanguages:plan", args=[self.place.code, self.plan_id, self.code])

    def priority_rows(self) -> list[dict]:
        english = self.source.get("priorities", [])
        return [
            {"title": row.get("title", ""), "english": english[i] if i < len(english) else ""}
            for i, row in enumerate(self.priorities)
        ]


class NarrativeTranslation(TranslationBase):
    """A translation of the place's published narrative: its campaign name and statement."""

    narrative = models.ForeignKey("narrative.Narrative", on_delete=models.CASCADE, related_name="+")
    campaign_name = models.CharField(_("campaign name"), max_length=TITLE_MAX, blank=True)
    statement = models.TextField(_("narrative statement"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["narrative", "code"]
        constraints = [
            models.UniqueConstraint(fields=["narrative", "code"], name="publiclanguages_narrative_once_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.narrative} – {self.code}"

    def get_place(self):
        return self.narrative.place

    def get_absolute_url(self) -> str:
        return reverse("publiclanguages:narrative", args=[self.narrative.place.code, self.code])
