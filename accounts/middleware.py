from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class RequireTwoFactorMiddleware:
    """Secretariat and administrator accounts see nothing but the second-factor page until they
    have passed it in this session (TOTP, django-otp)."""

    OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "needs_two_factor", False)
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and not request.path.startswith(self.OPEN_PREFIXES)
        ):
            open_paths = {reverse("accounts:two-factor"), reverse("accounts:logout")}
            if request.path not in open_paths:
                return redirect(f"{reverse('accounts:two-factor')}?next={request.get_full_path()}")
        return self.get_response(request)
