"""Fixtures shared by the stocktaking tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from actionlines.models import ActionLine, SdgTarget
from stakeholders.models import Country, Organisation, Region
from stocktaking import search
from stocktaking.models import Entry, EntryActionLine, EntrySdgTarget, EntryTranslation
from tests.factories import UserFactory

MakeEntry = Callable[..., Entry]


@pytest.fixture
def make_entry(people: dict[str, Any]) -> MakeEntry:
    """Create a published entry of the test NGO and reindex it; keyword arguments set the columns."""
    owner = UserFactory()
    ngo: Organisation = people["ngo"]

    def make(
        title: str,
        short_description: str = "An activity.",
        *,
        lines: tuple[str, ...] = (),
        targets: tuple[str, ...] = (),
        countries: tuple[str, ...] = (),
        regions: tuple[str, ...] = (),
        translations: tuple[tuple[str, str, str], ...] = (),
        **columns: Any,
    ) -> Entry:
        values: dict[str, Any] = {
            "activity_type": Entry.ActivityType.PROJECT,
            "coverage": Entry.Coverage.NATIONAL,
            "status": Entry.Status.ONGOING,
            "original_language": "en",
            "organisation": ngo,
            "stakeholder_type": ngo.stakeholder_type,
            "state": Entry.State.PUBLISHED,
            "published_at": timezone.now(),
            **columns,
        }
        entry = Entry.objects.create(title=title, short_description=short_description, owner=owner, **values)
        for code in lines:
            EntryActionLine.objects.create(entry=entry, action_line=ActionLine.objects.get(code=code))
        for code in targets:
            EntrySdgTarget.objects.create(entry=entry, target=SdgTarget.objects.get(code=code))
        entry.countries.set(Country.objects.filter(iso3__in=countries))
        entry.regions.set(Region.objects.filter(code__in=regions))
        for language, t_title, t_short in translations:
            EntryTranslation.objects.create(entry=entry, language=language, title=t_title, short_description=t_short)
        assert search.reindex_entries([entry.pk]) == 1
        entry.refresh_from_db()
        return entry

    return make
