from __future__ import annotations

import io
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from stakeholders.models import Country, Membership, Organisation
from stocktaking import filters
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


def _ensure_reference_data(django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        if not Country.objects.exists():
            call_command("load_reference_data", "--force", stdout=io.StringIO())
            # New rows, new ids: the search's in-process code <-> id tables would still give the old ones
            # (facets rendered with ids for codes, filters that match nothing).
            filters.forget_reference()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The real reference data, loaded once into the test database and kept across runs."""
    _ensure_reference_data(django_db_blocker)


@pytest.fixture
def live_reference_data(django_db_blocker: Any) -> None:
    """For tests outside a transaction (browser, worker): they empty the tables when they end, so
    they run last (see pytest_collection_modifyitems) and reload the data if an earlier one emptied it."""
    _ensure_reference_data(django_db_blocker)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def empties_tables(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(item, "fixturenames", ())

    items.sort(key=empties_tables)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the default language: a request to /fr/ leaves French active in the thread."""
    translation.deactivate()
    yield
    translation.deactivate()


def verified(user: User) -> User:
    """Mark a user object as having passed its second factor, as OTPMiddleware does on a request."""
    user.is_verified = lambda: True  # type: ignore[method-assign]
    return user


@pytest.fixture
def org(db: Any) -> Callable[[str], Organisation]:
    return lambda code: Organisation.objects.get(code=code)


@pytest.fixture
def people(db: Any) -> dict[str, Any]:
    """One person per role of the portal (the anonymous public is `None` here)."""
    from django.contrib.auth.models import AnonymousUser

    ngo = OrganisationFactory(name_en="Community Networks Alliance")
    itu = Organisation.objects.get(code="ITU")
    escwa = Organisation.objects.get(code="ESCWA")
    return {
        "anonymous": AnonymousUser(),
        "registered": UserFactory(email="registered@example.org"),
        "contributor": MembershipFactory(organisation=ngo, role=Membership.Role.CONTRIBUTOR).user,
        "organisation_admin": MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user,
        "facilitator": MembershipFactory(organisation=itu, role=Membership.Role.FOCAL_POINT).user,
        "commission": MembershipFactory(organisation=escwa, role=Membership.Role.FOCAL_POINT).user,
        "secretariat": verified(UserFactory(email="reviewer@unctad.example.org", role=User.Role.SECRETARIAT)),
        "administrator": verified(UserFactory(email="admin@example.org", role=User.Role.ADMINISTRATOR)),
        "secretariat_without_2fa": UserFactory(email="no2fa@unctad.example.org", role=User.Role.SECRETARIAT),
        "ngo": ngo,
    }


def login(client: Client, user: User) -> Client:
    """Sign `user` in on `client`; staff roles also pass their second factor."""
    client.force_login(user)
    if user.needs_two_factor and getattr(user, "is_verified", None):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(people: dict[str, Any]) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            login(client, people[role])
        return client

    return make


def _test_database_url() -> str:
    """DATABASE_URL pointing at the test database this run created."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def worker(settings: Any) -> Any:
    """A real Celery worker process on the test broker, writing to the test database (use with
    django_db(transaction=True) and live_reference_data)."""
    env = {**os.environ, "DATABASE_URL": _test_database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wsis_portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        start_new_session=True,
    )
    yield process
    process.terminate()
    process.wait(timeout=30)
