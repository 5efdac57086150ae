"""Signed, expiring links for e-mail verification (no table needed: the signature is the proof)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

SALT = "accounts.email-verification"


def make_verification_token(*, user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email}, salt=SALT)


def read_verification_token(token: str) -> dict[str, object]:
    """The token's payload; raises signing.BadSignature (or SignatureExpired) when it is not valid."""
    return signing.loads(token, salt=SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
