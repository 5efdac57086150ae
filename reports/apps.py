from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from reports import (
            compile_models,  # noqa: F401 - the secretariat's inputs to the annual report (own migration)
            notifications,  # noqa: F401 - registers the Celery tasks (the module is not named tasks.py)
            public_rules,  # noqa: F401 - rules of publication and the public list of cycles
            publication,
            reminder_models,  # noqa: F401 - the record of reminders sent (its own migration)
            rules,  # noqa: F401 - registers the permission rules
        )
        from reports.models import ReportVersion

        # An accepted version's PDF is drawn by the worker after commit, before anyone asks for it.
        post_save.connect(publication.queue_pdf, sender=ReportVersion, dispatch_uid="reports.publication.queue_pdf")
