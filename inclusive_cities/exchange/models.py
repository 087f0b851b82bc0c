"""Peer learning across the network: convenings, learning partnerships, a safe space to talk, the anonymous
participant survey, learning reports and national advocacy.

The survey's answers are anonymous by construction (see `SurveyResponse`): nothing stored with an answer links
it to a person, a device, a session or a moment finer than the day, and who has answered is kept in
`SurveyRespondent`, which shares nothing with the answers but the survey.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.models import TimeStampedModel


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------------------------
# Convenings
# ---------------------------------------------------------------------------------------------------------------


class ConveningKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working-group meeting")
    EXCHANGE_VISIT = "exchange_visit", _("Learning exchange visit")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other")


class Convening(TimeStampedModel):
    """A meeting of the places in a programme, or a learning exchange visit, with its aims and what came of it."""

    programme = models.ForeignKey(
        "network.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="convenings"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=ConveningKind.choices, default=ConveningKind.WORKING_GROUP
    )
    host = models.ForeignKey(
        "network.Place",
        verbose_name=_("host place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_convenings",
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    dates_note = models.CharField(
        _("dates, where not known to the day"), max_length=200, blank=True, help_text=_("For example “2014–2016”.")
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    aims = models.TextField(_("aims"), blank=True, max_length=5000, help_text=_("One aim a line; shown numbered."))
    places = models.ManyToManyField(
        "network.Place", verbose_name=_("participating places"), through="ConveningPlace", related_name="convenings"
    )
    attendees = models.TextField(
        _("people attending"), blank=True, max_length=5000, help_text=_("One a line. Seen by the network only.")
    )
    sessions = models.TextField(_("sessions"), blank=True, max_length=5000, help_text=_("One session a line."))
    notes = models.TextField(_("notes"), blank=True, max_length=20000)
    notes_network_only = models.BooleanField(
        _("notes are for the network only"),
        default=True,
        help_text=_("The public sees the title, dates, host, aims and public outputs; not network-only notes."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="convening_dates_not_backwards",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:convening_detail", args=[self.pk])

    def get_place(self):
        return self.host

    @property
    def aim_list(self) -> list[str]:
        return _lines(self.aims)

    @property
    def session_list(self) -> list[str]:
        return _lines(self.sessions)

    @property
    def attendee_list(self) -> list[str]:
        return _lines(self.attendees)


class ParticipationKind(models.TextChoices):
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associate member")
    GUEST = "guest", _("Guest or host partner")


class ConveningPlace(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="participations")
    place = models.ForeignKey("network.Place", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ParticipationKind.choices, default=ParticipationKind.MEMBER)

    class Meta:
        ordering = ["place__name"]
        constraints = [models.UniqueConstraint(fields=["convening", "place"], name="unique_convening_place")]

    def __str__(self) -> str:
        return f"{self.place} at {self.convening}"


class OutputKind(models.TextChoices):
    NOTES = "notes", _("Notes")
    SLIDES = "slides", _("Slides")
    FILE = "file", _("File")
    REPORT = "report", _("Report")


def output_path(instance, filename: str) -> str:
    return f"exchange/convenings/{instance.convening_id}/{filename}"


class ConveningOutput(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OutputKind.choices, default=OutputKind.NOTES)
    url = models.URLField(_("web address"), blank=True)
    file = models.FileField(_("file"), upload_to=output_path, blank=True)
    body = models.TextField(_("text"), blank=True, max_length=20000)
    is_public = models.BooleanField(_("public"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class LearningPoint(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="learning_points")
    text = models.TextField(_("learning point"), max_length=5000)
    themes = models.ManyToManyField("framework.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    principles = models.ManyToManyField(
        "framework.Principle", verbose_name=_("principles"), blank=True, related_name="+"
    )
    is_public = models.BooleanField(_("public"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionArising(models.Model):
    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="actions_arising")
    text = models.TextField(_("action"), max_length=5000)
    place = models.ForeignKey(
        "network.Place", verbose_name=_("place"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_action = models.ForeignKey(
        "plans.Action",
        verbose_name=_("plan action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="convening_actions",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]


# ---------------------------------------------------------------------------------------------------------------
# Learning partnerships
# ---------------------------------------------------------------------------------------------------------------


class PartnershipState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    CLOSED = "closed", _("Closed")


class Partnership(TimeStampedModel):
    """Two places learning from each other; each place's officer accepts before it starts."""

    place_a = models.ForeignKey("network.Place", on_delete=models.PROTECT, related_name="+")
    place_b = models.ForeignKey("network.Place", on_delete=models.PROTECT, related_name="+")
    programme = models.ForeignKey(
        "network.Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="partnerships"
    )
    aims = models.TextField(_("aims"), max_length=5000)
    reasons = models.TextField(_("why these two places"), blank=True, max_length=5000)
    state = models.CharField(max_length=20, choices=PartnershipState.choices, default=PartnershipState.PROPOSED)
    a_accepted = models.BooleanField(default=False)
    b_accepted = models.BooleanField(default=False)
    declined_note = models.TextField(_("why declined"), blank=True, max_length=2000)
    learnt_a = models.TextField(_("what the first place learnt"), blank=True, max_length=10000)
    learnt_b = models.TextField(_("what the second place learnt"), blank=True, max_length=10000)
    learning_note = models.TextField(_("learning note"), blank=True, max_length=5000)
    closed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(place_a=models.F("place_b")), name="partnership_two_places")
        ]

    def __str__(self) -> str:
        return f"{self.place_a} with {self.place_b}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:partnership_detail", args=[self.pk])

    def get_place(self):
        return self.place_a


class PartnershipMeeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    summary = models.TextField(_("what was discussed"), max_length=5000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.partnership} on {self.date}"


# ---------------------------------------------------------------------------------------------------------------
# The safe space
# ---------------------------------------------------------------------------------------------------------------


class Thread(TimeStampedModel):
    programme = models.ForeignKey("network.Programme", on_delete=models.CASCADE, related_name="threads")
    cohort = models.ForeignKey(
        "network.Cohort", verbose_name=_("cohort"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        "framework.Theme", verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    followers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:thread_detail", args=[self.pk])


class Post(TimeStampedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    place = models.ForeignKey("network.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"), max_length=10000)
    chatham_house = models.BooleanField(
        _("under the Chatham House rule"),
        default=False,
        help_text=_("What you say may be used, but not who said it or where they work."),
    )
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread}"

    def get_place(self):
        return self.place


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("why are you reporting this?"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report on post {self.post_id}"


# ---------------------------------------------------------------------------------------------------------------
# The anonymous participant survey
# ---------------------------------------------------------------------------------------------------------------


class SurveyState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


def new_link_key() -> str:
    return secrets.token_urlsafe(24)


class Survey(TimeStampedModel):
    programme = models.ForeignKey(
        "network.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="surveys"
    )
    cohort = models.ForeignKey(
        "network.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty to ask the whole programme."),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=5000)
    state = models.CharField(max_length=20, choices=SurveyState.choices, default=SurveyState.DRAFT)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    # The survey's own link: the same for every participant (never one per person, which would identify them).
    link_key = models.CharField(max_length=64, unique=True, default=new_link_key, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:survey_detail", args=[self.pk])

    def answer_url(self) -> str:
        return reverse("exchange:survey_answer", args=[self.pk, self.link_key])


class SurveySection(models.Model):
    """A group of questions under one of the programme's aims."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    aim = models.CharField(_("aim"), max_length=300)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.aim


class QuestionKind(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement, 1 (strongly disagree) to 5 (strongly agree)")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


AGREEMENT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}


class Question(models.Model):
    section = models.ForeignKey(SurveySection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.AGREEMENT)
    choices = models.TextField(_("choices"), blank=True, max_length=3000, help_text=_("One choice a line."))
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return _lines(self.choices)


class SurveyRespondent(models.Model):
    """Who has answered a survey: kept so each person answers once, and shares nothing with the answers.

    No date, no order the answers could be matched against: the answers' keys are random.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_person")]

    def __str__(self) -> str:
        return f"Respondent to survey {self.survey_id}"


class SurveyResponse(models.Model):
    """One anonymous set of answers. By construction: no link to a person (no user, place, IP address, user agent,
    session or token), a random key so the order of answering is not kept, and the day only, never the time.
    No history is kept (a history row would record who saved it and when)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    cohort = models.ForeignKey("network.Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField()

    class Meta:
        ordering = ["submitted_on"]

    def __str__(self) -> str:
        return f"Anonymous response {self.pk}"


class ReviewState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Reviewed and shown")
    WITHHELD = "withheld", _("Withheld")


class AnswerItem(models.Model):
    """One answer to one question within an anonymous response."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    choices = models.TextField(blank=True)
    text = models.TextField(blank=True, max_length=5000)
    # Free text is shown only once a facilitator has reviewed it and removed identifying details.
    reviewed_text = models.TextField(blank=True, max_length=5000)
    review_state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.PENDING)

    class Meta:
        ordering = ["question"]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"

    @property
    def choice_list(self) -> list[str]:
        return _lines(self.choices)


# ---------------------------------------------------------------------------------------------------------------
# Learning reports
# ---------------------------------------------------------------------------------------------------------------


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


REPORT_SECTIONS = [
    ("background", _("Background")),
    ("process", _("What we did: the process")),
    ("outcomes", _("What difference the work made")),
    ("participants", _("What participants said")),
    ("thematic", _("Thematic learning")),
    ("next", _("The next phase")),
]


class LearningReport(TimeStampedModel):
    programme = models.ForeignKey(
        "network.Programme", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="learning_reports"
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    state = models.CharField(max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="report_period_not_backwards"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:report_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED


class LearningReportSection(models.Model):
    report = models.ForeignKey(LearningReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=30)
    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True, max_length=50000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="unique_report_section")]

    def __str__(self) -> str:
        return self.heading


# ---------------------------------------------------------------------------------------------------------------
# Advocacy at the national level
# ---------------------------------------------------------------------------------------------------------------


class BarrierKind(models.TextChoices):
    ASYLUM_BACKLOG = "asylum_backlog", _("Asylum decision backlog")
    LABOUR_MARKET_BAN = "labour_market_ban", _("Ban on people seeking asylum working")
    MOVE_ON = "move_on", _("Accommodation after an asylum decision (move-on period)")
    WHAT_WORKS = "what_works", _("No national What Works centre for integration")
    FUNDING = "funding", _("National funding rules")
    DATA = "data", _("Missing national data")
    OTHER = "other", _("Another national rule or gap")


class Barrier(TimeStampedModel):
    """A national rule or gap that a place's plan runs into, with the actions it blocks and the evidence."""

    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="national_barriers")
    kind = models.CharField(_("barrier"), max_length=30, choices=BarrierKind.choices)
    title = models.CharField(_("in a sentence"), max_length=250)
    rule = models.TextField(_("the national rule or gap"), max_length=5000)
    evidence = models.TextField(_("evidence"), max_length=10000)
    local_figures = models.TextField(_("local figures"), blank=True, max_length=5000)
    source = models.CharField(_("source of the figures"), max_length=500, blank=True)
    actions = models.ManyToManyField(
        "plans.Action", verbose_name=_("plan actions it blocks"), blank=True, related_name="national_barriers"
    )
    may_be_named = models.BooleanField(
        _("the place may be named in network positions"),
        default=False,
        help_text=_("If not, a position cites the evidence as from “a member place”."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "place__name"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:barrier_detail", args=[self.pk])


class Position(TimeStampedModel):
    kind = models.CharField(_("barrier"), max_length=30, choices=BarrierKind.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), max_length=5000)
    asks = models.TextField(_("what we ask of national government"), max_length=10000)
    barriers = models.ManyToManyField(Barrier, verbose_name=_("evidence cited"), blank=True, related_name="positions")
    state = models.CharField(max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:position_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED
