from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views, views_two_factor, views_users

app_name = "accounts"
urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/verify/", views_two_factor.two_factor_verify, name="two_factor_verify"),
    path("two-factor/", views_two_factor.two_factor_manage, name="two_factor"),
    path("two-factor/recovery-codes/", views_two_factor.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("two-factor/disable/", views_two_factor.two_factor_disable, name="two_factor_disable"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("users/", views_users.user_list, name="user_list"),
    path("users/invite/", views_users.user_invite, name="user_invite"),
    path("users/<int:pk>/resend/", views_users.user_resend_invitation, name="user_resend_invitation"),
    path("users/<int:pk>/active/", views_users.user_set_active, name="user_set_active"),
    path("invitation/<str:token>/", views_users.invitation_accept, name="invitation_accept"),
    path(
        "password-reset/",
        views.PasswordResetView.as_view(success_url=reverse_lazy("accounts:password_reset_done")),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
