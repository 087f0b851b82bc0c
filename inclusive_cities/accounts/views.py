"""Sign in and out, password reset, the account page, invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.core import language

from . import lockout, selectors, services
from .forms import AcceptInvitationForm, AccountForm, InvitationForm, PasswordResetForm, SignInForm

RATE_LIMITED = gettext_lazy(
    "Too many requests for this email address or from your connection. Wait an hour and try again, or ask a "
    "programme facilitator for help."
)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Signed in: the pages follow the person's chosen language (on a new browser too); one who has not chosen
        yet keeps the language they signed in with, for their emails."""
        user = form.get_user()
        if not user.language and language.supported(translation.get_language()):
            user.language = translation.get_language()
            user.save(update_fields=["language"])
        response = super().form_valid(form)
        chosen = language.supported(user.language)
        if chosen and chosen != translation.get_language():
            response = redirect(language.translated_path(response.url, chosen))
        if chosen:
            language.remember(response, chosen, secure=self.request.is_secure())
        return response


class SignOutView(auth_views.LogoutView):
    pass


class ResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Counted whether or not the address has an account, so the limit says nothing about who is registered.
        if lockout.reset_too_many(self.request, form.cleaned_data["email"]):
            form.add_error("email", RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password is the way back from a sign-in lockout.
        lockout.unlock(form.user.email)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    user = request.user
    initial = {"full_name": user.full_name, "job_title": user.job_title, "language": user.language}
    form = AccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user.full_name = form.cleaned_data["full_name"]
        user.job_title = form.cleaned_data["job_title"]
        user.language = form.cleaned_data["language"] or user.language
        user.save(update_fields=["full_name", "job_title", "language"])
        shown_in = language.language_of(user, fallback=translation.get_language())  # the language just chosen
        with translation.override(shown_in):
            messages.success(request, _("Your details have been saved."))
        response = redirect(language.translated_path(reverse("accounts:account"), shown_in))
        language.remember(response, shown_in, secure=request.is_secure())
        return response
    return render(request, "accounts/account.html", {"form": form, "roles": selectors.roles_summary(user)})


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request):
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied
    # A link can choose the place and the role ("invite a senior sponsor" from an assessment waiting for one).
    initial = {
        "place": request.GET.get("place", ""),
        "role": request.GET.get("role", "")[:20],
        "language": language.supported(translation.get_language()),
    }
    form = InvitationForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if lockout.invite_too_many(request, data["email"]):
            form.add_error("email", RATE_LIMITED)
            return render(request, "accounts/invitation_form.html", {"form": form}, status=429)
        try:
            outcome = services.invitation_create(
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                place=data["place"],
                invited_by=request.user,
                accept_url=lambda token: request.build_absolute_uri(reverse("accounts:accept", args=[token])),
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            if outcome.granted_to_existing_user:
                messages.success(
                    request,
                    _("%(email)s already had an account: the role has been added to it.") % {"email": data["email"]},
                )
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
            return redirect("accounts:invitation_list")
    return render(request, "accounts/invitation_form.html", {"form": form})


def _managed_invitation(request, pk: int):
    """An invitation the person may see (404 otherwise) and manage (403 otherwise)."""
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied
    invitation = selectors.invitations_visible_to(request.user).filter(pk=pk).first()
    if invitation is None:
        raise Http404
    if not request.user.has_perm("accounts.manage_invitation", invitation):
        raise PermissionDenied
    return invitation


@login_required
@require_POST
def invitation_withdraw(request, pk: int):
    invitation = _managed_invitation(request, pk)
    try:
        services.invitation_withdraw(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.") % {"email": invitation.email},
        )
    return redirect("accounts:invitation_list")


@login_required
@require_POST
def invitation_resend(request, pk: int):
    invitation = _managed_invitation(request, pk)
    if lockout.invite_too_many(request, invitation.email):
        messages.error(request, RATE_LIMITED)
        return redirect("accounts:invitation_list")
    try:
        services.invitation_resend(
            invitation=invitation,
            by=request.user,
            accept_url=lambda token: request.build_absolute_uri(reverse("accounts:accept", args=[token])),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A new link was sent to %(email)s; the earlier link no longer works.") % {"email": invitation.email},
        )
    return redirect("accounts:invitation_list")


@login_required
def invitation_list(request):
    if not request.user.has_perm("accounts.invite"):
        raise PermissionDenied
    page = Paginator(selectors.invitations_visible_to(request.user), 25).get_page(request.GET.get("page"))
    manageable = {inv.pk for inv in page if request.user.has_perm("accounts.manage_invitation", inv)}
    return render(request, "accounts/invitation_list.html", {"page_obj": page, "manageable": manageable})


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError as error:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"message": str(error)},
            status=410 if "expired" in str(error) else 404,
        )
    form = AcceptInvitationForm(
        request.POST or None, email=invitation.email, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except services.InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"message": str(error)}, status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. Your account is ready."))
        return redirect("accounts:account")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
