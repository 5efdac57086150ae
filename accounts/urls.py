from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign-up"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path("verify-again/", views.resend_verification, name="resend-verification"),
    path("sign-in/", views.LoginView.as_view(), name="login"),
    path("sign-out/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/", views.two_factor_page, name="two-factor"),
    path("api-token/", views.api_token, name="api-token"),
]
