"""The demo that `make run` seeds: every account and every moderation state, through the real services."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from reports.models import ActivityReport, ReportingCycle
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
    counts = (User.objects.count(), Entry.objects.count(), ActivityReport.objects.count())
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", "--entries", "30", stdout=out)
    assert "Demo accounts present" in out.getvalue() and "0 demo reports created" in out.getvalue()
    assert (User.objects.count(), Entry.objects.count(), ActivityReport.objects.count()) == counts


def test_a_part_added_to_the_demo_later_is_loaded_into_a_seeded_database() -> None:
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    ActivityReport.objects.all().delete()
    ReportingCycle.objects.all().delete()  # as in a database seeded before the reporting cycle existed
    call_command("seed_demo", "--if-empty", stdout=io.StringIO())
    assert ReportingCycle.objects.count() == 2 and ActivityReport.objects.exists()
