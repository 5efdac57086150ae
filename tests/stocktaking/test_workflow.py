"""Draft -> submitted -> published, returned or rejected; revisions of published entries; conflicts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from stocktaking import content as entry_content
from stocktaking import services
from stocktaking.models import Entry, EntryRevision, EntrySearch
from tests.stocktaking.factories import complete_content
from wsis_portal.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(people: dict[str, Any]) -> Entry:
    return services.entry_create(by=people["contributor"], organisation=people["ngo"], data=complete_content())


def test_draft_may_be_incomplete_but_cannot_be_submitted_so(people: dict[str, Any]) -> None:
    entry = services.entry_create(by=people["contributor"], organisation=people["ngo"], data=entry_content.empty("fr"))
    assert entry.state == "draft" and entry.original_language == "fr"
    with pytest.raises(ApplicationError) as error:
        services.entry_submit(entry=entry, by=people["contributor"])
    assert set(error.value.problems) >= {"title", "short_description", "action_lines", "coverage"}


def test_rich_text_is_sanitised(draft: Entry) -> None:
    assert "<script>" not in draft.description and "<strong>120 schools</strong>" in draft.description


def test_only_members_create_entries_for_their_organisation(people: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    for role in ("registered", "facilitator", "commission"):
        with pytest.raises(PermissionDenied):
            services.entry_create(by=people[role], organisation=people["ngo"], data=complete_content())


def test_submit_publish_stamps_who_and_when(
    draft: Entry, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    services.entry_submit(entry=draft, by=people["contributor"])
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.entry_publish(entry=draft, by=people["secretariat"])
    assert entry.state == "published" and entry.approved_by == people["secretariat"] and entry.approved_at
    assert entry.published_at and entry.content_updated_at
    assert entry.history.first().history_change_reason == "stocktaking.entry.published"
    entry.refresh_from_db()
    assert entry.facet_countries  # reindexed after commit: searchable at once
    row = EntrySearch.objects.get(entry=entry)
    assert row.search_vector and row.facet_countries == entry.facet_countries
    assert row.published_at == entry.published_at


@pytest.mark.parametrize("decision", ["return", "reject"])
def test_return_or_reject_needs_a_reason(draft: Entry, people: dict[str, Any], decision: str) -> None:
    services.entry_submit(entry=draft, by=people["contributor"])
    decide = services.entry_return if decision == "return" else services.entry_reject
    with pytest.raises(ApplicationError, match="reason"):
        decide(entry=draft, by=people["secretariat"], reason="  ")
    entry = decide(entry=draft, by=people["secretariat"], reason="Add the number of pupils reached.")
    assert entry.state == ("returned" if decision == "return" else "rejected")
    assert entry.state_reason == "Add the number of pupils reached."


def test_returned_entry_is_edited_and_submitted_again(draft: Entry, people: dict[str, Any]) -> None:
    services.entry_submit(entry=draft, by=people["contributor"])
    services.entry_return(entry=draft, by=people["secretariat"], reason="Too vague.")
    draft.refresh_from_db()
    services.entry_save(
        entry=draft,
        by=people["contributor"],
        data=complete_content(impact="3,000 pupils online"),
        version=draft.version,
    )
    entry = services.entry_submit(entry=draft, by=people["contributor"])
    assert entry.state == "submitted" and entry.state_reason == ""


def test_only_the_secretariat_moderates(draft: Entry, people: dict[str, Any]) -> None:
    from django.core.exceptions import PermissionDenied

    services.entry_submit(entry=draft, by=people["contributor"])
    for role in ("contributor", "organisation_admin", "facilitator", "secretariat_without_2fa"):
        with pytest.raises(PermissionDenied):
            services.entry_publish(entry=draft, by=people[role])


def test_editing_a_published_entry_creates_a_revision_while_the_published_version_stays(
    draft: Entry, people: dict[str, Any]
) -> None:
    services.entry_submit(entry=draft, by=people["contributor"])
    entry = services.entry_publish(entry=draft, by=people["secretariat"])
    changed = complete_content(title="Community broadband for 300 rural schools in Senegal")
    revision = services.entry_save(entry=entry, by=people["contributor"], data=changed, version=entry.version)
    assert isinstance(revision, EntryRevision)
    entry.refresh_from_db()
    assert entry.title == "Community broadband for rural schools in Senegal"  # still the published one
    services.entry_submit(entry=entry, by=people["contributor"])
    entry = services.entry_publish(entry=entry, by=people["secretariat"])
    assert entry.title == "Community broadband for 300 rural schools in Senegal"
    revision.refresh_from_db()
    assert revision.state == "approved" and revision.decided_by == people["secretariat"]
    assert [v.history_change_reason for v in entry.history.filter(history_change_reason__contains="published")] == [
        "stocktaking.entry.revision_published",
        "stocktaking.entry.published",
    ]


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(draft: Entry, people: dict[str, Any]) -> None:
    version = draft.version
    services.entry_save(
        entry=draft, by=people["contributor"], data=complete_content(partners="Orange"), version=version
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.entry_save(
            entry=draft, by=people["organisation_admin"], data=complete_content(partners="Sonatel"), version=version
        )
    assert conflict.value.theirs["partners"] == "Orange"
    draft.refresh_from_db()
    assert draft.partners == "Orange"
    services.entry_save(
        entry=draft,
        by=people["organisation_admin"],
        data=complete_content(partners="Sonatel"),
        version=conflict.value.version,
    )
    draft.refresh_from_db()
    assert draft.partners == "Sonatel"


def test_call_for_update_flags_old_entries_and_mails_each_owner_once(
    draft: Entry, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    from stocktaking import tasks

    services.entry_submit(entry=draft, by=people["contributor"])
    services.entry_publish(entry=draft, by=people["secretariat"])
    Entry.objects.filter(pk=draft.pk).update(content_updated_at=timezone.now() - timezone.timedelta(days=400))
    assert services.entries_call_for_update() == 1
    assert services.entries_call_for_update() == 0  # asked once a year, not every day
    tasks.send_call_for_update(owner_id=people["contributor"].pk)
    assert mail.outbox[-1].to == [people["contributor"].email]
    assert draft.title in mail.outbox[-1].body
