from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompilationConfig(AppConfig):
    """The annual report (and the stocktaking report) compiled by a Celery worker: runs, outputs, pages."""

    name = "compilation"
    verbose_name = _("Report compilation")

    def ready(self) -> None:
        from compilation import rules  # noqa: F401 - registers the permission rules
