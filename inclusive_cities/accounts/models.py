"""People, their roles (per place or network-wide) and invitations."""

import hashlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inclusive_cities.core.language import NAMES as language_names


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


# The languages of the interface, each by its name in itself as the switch shows it.
LANGUAGE_CHOICES = list(language_names.items())


class User(AbstractUser):
    """A person. Signs in with their email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    # The language of the emails the person gets (and of the pages after they sign in): set by the language switch
    # and on their account page; blank until they choose (emails then go in the platform's default language).
    language = models.CharField(_("language"), max_length=8, blank=True, choices=LANGUAGE_CHOICES)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


class NetworkRole(models.TextChoices):
    FACILITATOR = "facilitator", _("Programme facilitator")
    RESEARCHER = "researcher", _("Researcher or evaluator")
    ADMIN = "admin", _("Administrator")


class PlaceRole(models.TextChoices):
    OFFICER = "officer", _("Local authority officer")
    SPONSOR = "sponsor", _("Senior sponsor")
    PARTNER = "partner", _("Taskforce partner")


class NetworkRoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="network_roles")
    role = models.CharField(_("role"), max_length=20, choices=NetworkRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="unique_network_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class PlaceRoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="place_roles")
    place = models.ForeignKey("network.Place", on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=PlaceRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "place", "role"], name="unique_place_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.place}"


class Invitation(models.Model):
    """An emailed, expiring, single-use link that creates an account with one role."""

    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    place = models.ForeignKey(
        "network.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20)
    # The language the invitation email went in (the inviter's choice); the new account starts with it.
    language = models.CharField(_("language"), max_length=8, blank=True, choices=LANGUAGE_CHOICES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_accepted"
    )
    # Withdrawn by the person managing it: its link stops working. Resending gives a new link (the old one dies).
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations_withdrawn"
    )
    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_expired

    @property
    def can_be_resent(self) -> bool:
        """Open or expired, never accepted: a fresh link can go out (a withdrawn one is sent anew as well)."""
        return self.accepted_at is None

    def role_label(self) -> str:
        return dict(PlaceRole.choices + NetworkRole.choices).get(self.role, self.role)
