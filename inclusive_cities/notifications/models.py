"""Notifications: one row per person told, and each person's choice per kind (immediately, weekly digest, off)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REVIEW_REQUESTED = "review_requested", _("A plan is sent for review")
    SIGNOFF_AWAITED = "signoff_awaited", _("A plan waits for your sign-off")
    COMMENT_POSTED = "comment_posted", _("A review comment is posted")
    COMMENT_RESOLVED = "comment_resolved", _("Your review comment is resolved")
    SIGNED_OFF = "signed_off", _("A plan is signed off")
    RETURNED_TO_DRAFT = "returned_to_draft", _("A plan is returned to draft")
    PUBLISHED = "published", _("A plan is published")
    UPDATE_DUE = "update_due", _("A progress update is due on an action you lead")
    UPDATE_OVERDUE = "update_overdue", _("A progress update is overdue on an action you lead")
    PARTNER_ANSWER_REQUESTED = "partner_answer_requested", _("You are asked for self-assessment answers")
    ASSESSMENT_READY = "assessment_ready", _("A self-assessment waits for your confirmation")
    CASE_STUDY_SUBMITTED = "case_study_submitted", _("A case study is submitted for review")
    CASE_STUDY_PUBLISHED = "case_study_published", _("Your case study is published")
    CONVENING_NEW = "convening_new", _("A convening is recorded for your programme")
    PARTNERSHIP_PROPOSED = "partnership_proposed", _("A learning partnership is proposed to your place")
    THREAD_REPLY = "thread_reply", _("A reply in a discussion you follow")
    SURVEY_INVITATION = "survey_invitation", _("You are invited to answer a participant survey")


class Mode(models.TextChoices):
    IMMEDIATE = "immediate", _("Email me straight away")
    DIGEST = "digest", _("Email me a weekly digest")
    OFF = "off", _("No email (still listed here)")


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=500)
    place = models.ForeignKey("network.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # When it went out by email, alone or in a digest (never twice).
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The object the recipient had to be allowed to see (the event's permission target), checked again before an
    # email leaves: someone who lost access meanwhile is not emailed.
    target_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Set for scheduled reminders ("update due on action 12 by 2026-05-01") so a second run tells no one again.
    key = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="one_notification_per_reminder"
            )
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    def still_visible(self) -> bool:
        """Whether the recipient may still see what this is about (by the event's view permission)."""
        from .events import EVENTS

        if self.target_type_id is None:
            return True
        target = self.target_type.get_object_for_this_type(pk=self.target_id) if self.target_id else None
        return target is not None and self.recipient.has_perm(EVENTS[self.kind].perm, target)


class Preference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    mode = models.CharField(_("email"), max_length=20, choices=Mode.choices, default=Mode.IMMEDIATE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.mode}"
