"""Consultation on a draft plan: residents and organisations say how far they agree with each priority of a plan in
review, and why; the officer reads the totals and the moderated comments, and records what changed ("you said, we
did"), which is published with the plan.

The answers are anonymous by construction, like the network survey (exchange.models.SurveyResponse): a `Response`
has no link to a person (no user, IP address, user agent, session or token), a random key so the order of answering
is not kept, and the day only, never the time. Nothing is kept to stop a second answer from the same person (that
would need something identifying). No history is kept on responses or answers.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel

AGREEMENT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}


def site_languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def all_languages() -> str:
    return ",".join(code for code, _name in settings.LANGUAGES)


class Consultation(TimeStampedModel):
    plan = models.OneToOneField(
        "plans.ActionPlan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="consultation"
    )
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), max_length=5000, blank=True)
    introduction_cy = models.TextField(_("introduction in Welsh"), max_length=5000, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # The site's languages the consultation is offered in (codes from settings.LANGUAGES, comma-separated).
    languages = models.CharField(_("languages"), max_length=100, default=all_languages)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_period_not_backwards"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_place(self):
        return self.plan.place

    def get_absolute_url(self) -> str:
        return reverse("consultation:detail", args=[self.plan.place.code, self.pk])

    def answer_url(self) -> str:
        return reverse("consultation:answer", args=[self.plan.place.code, self.pk])

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def language_names(self) -> list[str]:
        names = dict(site_languages())
        return [names[code] for code in self.language_list if code in names]

    def _welsh(self) -> bool:
        return (get_language() or "").startswith("cy")

    @property
    def local_title(self) -> str:
        return self.title_cy if self._welsh() and self.title_cy else self.title

    @property
    def local_introduction(self) -> str:
        return self.introduction_cy if self._welsh() and self.introduction_cy else self.introduction

    @property
    def offered_in_this_language(self) -> bool:
        return (get_language() or "") in self.language_list

    @property
    def falls_back_to_english(self) -> bool:
        return self._welsh() and not self.title_cy

    def is_open(self, today=None) -> bool:
        """Takes answers: within its dates, and the plan still in review."""
        from inclusive_cities.plans.models import PlanStatus

        today = today or timezone.localdate()
        return self.plan.status == PlanStatus.IN_REVIEW and self.opens_on <= today <= self.closes_on

    def has_opened(self, today=None) -> bool:
        return self.opens_on <= (today or timezone.localdate())


class ConsultationPriority(models.Model):
    """A priority of the plan that the consultation asks about (an agreement scale and a free-text question)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    priority = models.ForeignKey("plans.Priority", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["priority__order", "priority__pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "priority"], name="consultation_priority_once"),
        ]

    def __str__(self) -> str:
        return str(self.priority)


class RespondentKind(models.TextChoices):
    PERSON = "person", _("A resident or someone who works or studies here")
    ORGANISATION = "organisation", _("An organisation, in its own name")


class Response(models.Model):
    """One anonymous set of answers. By construction: no user, no IP address, user agent, session key or token; a
    random primary key; the day only. An organisation may give its name (it answers in its own name, by choice).
    No history (a history row would record who saved it and when)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()
    kind = models.CharField(max_length=20, choices=RespondentKind.choices, default=RespondentKind.PERSON)
    organisation_name = models.CharField(max_length=200, blank=True)
    # The site language the answers were given in (a breakdown shown only from the minimum number of answers).
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["submitted_on"]

    def __str__(self) -> str:
        return f"Anonymous response {self.pk}"


class Moderation(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Moderated and shown")
    REJECTED = "rejected", _("Rejected")


class Answer(models.Model):
    """One response's answers about one priority: the agreement (1 to 5) and/or a comment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    priority = models.ForeignKey("plans.Priority", on_delete=models.CASCADE, related_name="+")
    agreement = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True, max_length=5000)
    # The comment as the officer moderated it (identifying details removed): the only text results pages show.
    moderated_text = models.TextField(blank=True, max_length=5000)
    moderation = models.CharField(max_length=20, choices=Moderation.choices, default=Moderation.PENDING)

    class Meta:
        ordering = ["priority"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agreement__isnull=True) | models.Q(agreement__gte=1, agreement__lte=5),
                name="consultation_agreement_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer about priority {self.priority_id}"


class Outcome(TimeStampedModel):
    """ "You said, we did": what changed in one priority because of the answers. Published with the plan."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="outcomes")
    priority = models.ForeignKey(
        "plans.Priority", verbose_name=_("priority"), on_delete=models.CASCADE, related_name="+"
    )
    you_said = models.TextField(_("you said"), max_length=5000, blank=True)
    we_did = models.TextField(_("we did"), max_length=5000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority__order", "priority__pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "priority"], name="consultation_outcome_once"),
        ]

    def __str__(self) -> str:
        return f"You said, we did: {self.priority}"

    def get_place(self):
        return self.consultation.plan.place

    def get_absolute_url(self) -> str:
        return reverse("consultation:outcomes", args=[self.consultation.plan.place.code, self.consultation.pk])
