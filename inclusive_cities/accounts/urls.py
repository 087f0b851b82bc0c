"""URLs for accounts."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/sign-in/", views.SignInView.as_view(), name="login"),
    path("account/sign-out/", views.SignOutView.as_view(), name="logout"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password-reset/", views.ResetView.as_view(), name="password_reset"),
    path("account/password-reset/sent/", views.ResetDoneView.as_view(), name="password_reset_done"),
    path("account/password-reset/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="password_reset_confirm"),
    path("account/password-reset/complete/", views.ResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitations/", views.invitation_list, name="invitation_list"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="accept"),
    path("invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
]
