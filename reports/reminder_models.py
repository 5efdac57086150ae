"""The record of reminders sent (reports.reminders): one row per person, cycle and step of the cycle's
reminder schedule, so that nobody is reminded twice for the same step. Kept apart from
reports/models.py (and imported by the app's ready()) so that the reminders ship as their own part."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderSent(models.Model):
    cycle = models.ForeignKey(
        "reports.ReportingCycle", on_delete=models.CASCADE, related_name="reminders", verbose_name=_("cycle")
    )
    step = models.SmallIntegerField(
        _("step"), help_text=_("Days relative to the deadline, as in the cycle's reminder schedule.")
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    email = models.EmailField(_("sent to"))
    report_ids = ArrayField(models.PositiveIntegerField(), verbose_name=_("pending reports listed"), default=list)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        app_label = "reports"
        ordering = ["cycle", "step", "sent_at"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "step", "recipient"], name="remindersent_once_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} step {self.step}: {self.email}"
