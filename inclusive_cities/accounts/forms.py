"""Forms for signing in, invitations and accepting them."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.language import in_language_of
from inclusive_cities.network.models import Place

from .models import LANGUAGE_CHOICES, NetworkRole, PlaceRole
from .roles import roles_of


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    full_name = forms.CharField(label=_("Full name (optional)"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Language of the invitation email"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        required=False,  # not chosen: the language of this page
        help_text=_("Their account starts in this language too; they can change it on their account page."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=20,
        required=False,
        help_text=_(
            "The ONS code of the local authority, for example E06000023 for Bristol. Leave empty for a network-wide role."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        roles = roles_of(user)
        choices = list(PlaceRole.choices)
        if roles.is_network_staff:
            # only administrators make administrators
            choices += [
                c for c in NetworkRole.choices if c[0] != NetworkRole.ADMIN or roles.has_network(NetworkRole.ADMIN)
            ]
        self.fields["role"].choices = choices

    def clean_place(self):
        code = self.cleaned_data["place"].strip().upper()
        if not code:
            return None
        place = Place.objects.filter(code=code).first()
        if place is None:
            raise forms.ValidationError(
                _("No place has the ONS code “%(code)s”. Check the code on the place’s page."), params={"code": code}
            )
        return place

    def clean(self):
        data = super().clean()
        role, place = data.get("role"), data.get("place")
        roles = roles_of(self.user)
        if role in PlaceRole.values:
            if place is None and "place" not in self.errors:
                self.add_error("place", _("Enter the ONS code of the place this person will work on."))
            elif place is not None and not roles.is_network_staff and not roles.in_place(place.pk, PlaceRole.OFFICER):
                self.add_error("place", _("You can only invite people to places where you are an officer."))
        return data


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Create a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. Avoid common passwords."),
    )
    password2 = forms.CharField(
        label=_("Confirm your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            from .models import User

            try:
                password_validation.validate_password(p1, User(email=self.email, full_name=data.get("full_name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AccountForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        required=False,  # not chosen: left as it is
        help_text=_("The language of the emails you get, and of the pages after you sign in."),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, with the email in the account's language (subject, body and the link's address), or in the
    language of the page it was asked from when the person has not chosen one."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with in_language_of(context["user"], fallback=translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
