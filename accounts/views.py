from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import forms, services, two_factor
from wsis_portal.errors import ApplicationError
from wsis_portal.http import AuthenticatedHttpRequest


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    form = forms.SignUpForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_sign_up(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                preferred_language=data["preferred_language"],
            )
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            return render(request, "accounts/sign_up_done.html", {"email": user.email})
    return render(request, "accounts/sign_up.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_verify_email(token=token)
    except ApplicationError as error:
        form = forms.EmailForm()
        return render(request, "accounts/resend.html", {"form": form, "problem": error.message}, status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = forms.EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_resend_verification(email=form.cleaned_data["email"])
        messages.info(request, _("If an unconfirmed account uses this address, a new link is on its way."))
        return redirect("accounts:login")
    return render(request, "accounts/resend.html", {"form": form}, status=400 if form.errors else 200)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = forms.ProfileForm(
        request.POST or None, initial={"full_name": user.full_name, "preferred_language": user.preferred_language}
    )
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=user, by=user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    context = {"form": form, "has_two_factor": has_device}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Issue a new API token; the page shows it once."""
    key = services.user_issue_api_token(user=request.user)
    messages.success(request, _("Your new API token (shown only now): %(key)s") % {"key": key})
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up TOTP on first use, then ask for a code at each sign-in."""
    user = request.user
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = two_factor.pending_device(user)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", _("Too many wrong codes: wait a few seconds, then enter the current code."))
        elif device.verify_token(form.cleaned_data["token"].strip()):
            if setting_up:
                two_factor.confirm_device(device, by=user)
            otp_login(request, device)
            messages.success(request, _("Second factor verified."))
            return redirect(next_url or "accounts:profile")
        else:
            form.add_error("token", _("This code is not valid. Check your device's clock and try the current code."))
    context = {"form": form, "setting_up": setting_up, "next": next_url}
    if setting_up:
        context.update(qr_svg=two_factor.qr_svg(device), secret=two_factor.secret_base32(device))
    return render(request, "accounts/two_factor.html", context, status=400 if form.errors else 200)
