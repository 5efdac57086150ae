"""Background work of the stocktaking database: e-mails, the yearly call for update, and keeping the
facet totals compact."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from stocktaking import search


@shared_task(name="stocktaking.notify_moderators", ignore_result=True)
def notify_moderators(*, entry_id: int) -> None:
    """Tell the secretariat that an entry or a change waits for review."""
    from stocktaking.models import Entry

    entry = Entry.objects.select_related("organisation").get(pk=entry_id)
    reviewers = list(
        User.objects.filter(role__in=[User.Role.SECRETARIAT, User.Role.ADMINISTRATOR], is_active=True).values_list(
            "email", flat=True
        )
    )
    if not reviewers:
        return
    link = settings.SITE_URL + reverse("stocktaking:review", kwargs={"pk": entry.pk})
    body = render_to_string("stocktaking/email/to_review.txt", {"entry": entry, "link": link})
    send_mail(_("Stocktaking entry to review: %(title)s") % {"title": entry.title[:80]}, body, None, reviewers)


@shared_task(name="stocktaking.notify_owner", ignore_result=True)
def notify_owner(*, entry_id: int, action: str) -> None:
    """Tell the owner what the secretariat decided, in their language."""
    from stocktaking.models import Entry

    entry = Entry.objects.select_related("owner").get(pk=entry_id)
    revision = entry.revisions.order_by("-decided_at").first() if ".revision" in action else None
    with translation.override(entry.owner.preferred_language):
        link = settings.SITE_URL + reverse("stocktaking:entry-detail", kwargs={"pk": entry.pk})
        context = {
            "entry": entry,
            "action": action,
            "reason": revision.reason if revision else entry.state_reason,
            "link": link,
        }
        body = render_to_string("stocktaking/email/decision.txt", context)
        send_mail(_("Your stocktaking entry: %(title)s") % {"title": entry.title[:80]}, body, None, [entry.owner.email])


@shared_task(name="stocktaking.call_for_update", ignore_result=True)
def call_for_update() -> None:
    """Periodic (beat): flag entries not updated for a year and ask their owners."""
    from stocktaking import services

    services.entries_call_for_update()


@shared_task(name="stocktaking.send_call_for_update", ignore_result=True)
def send_call_for_update(*, owner_id: int) -> None:
    """One e-mail per owner listing all their entries to update."""
    from stocktaking.models import Entry

    owner = User.objects.get(pk=owner_id)
    entries = list(Entry.objects.filter(owner=owner, state=Entry.State.PUBLISHED, update_requested_at__isnull=False))
    if not entries:
        return
    with translation.override(owner.preferred_language):
        link = settings.SITE_URL + reverse("stocktaking:mine")
        body = render_to_string(
            "stocktaking/email/call_for_update.txt", {"owner": owner, "entries": entries, "link": link}
        )
        send_mail(_("Please update your WSIS stocktaking entries"), body, None, [owner.email])


@shared_task(name="stocktaking.compact_facet_totals", ignore_result=True)
def compact_facet_totals() -> int:
    """Fold the facet totals' appended changes into one row per key (beat, every ten minutes)."""
    return search.compact_facet_totals()
