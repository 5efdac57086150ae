"""The demo that `make run` seeds: every account and every moderation state, through the real services."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from stocktaking.models import Entry, EntryRevision
from wsis_portal import demo

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_role_and_entries_in_every_state() -> None:
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", "--entries", "30", stdout=out)
    assert "30 generated stocktaking entries added" in out.getvalue()
    assert User.objects.filter(email__in=[account.email for account in demo.ACCOUNTS]).count() == len(demo.ACCOUNTS)
    states = set(Entry.objects.values_list("state", flat=True))
    assert {"draft", "submitted", "published", "returned"} <= states
    assert EntryRevision.objects.filter(state="submitted").exists()
    assert Entry.objects.filter(state="published").count() >= 31
    # A second run changes nothing (make run calls it every time).
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", "--entries", "30", stdout=out)
    assert "nothing to do" in out.getvalue()
