from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations and events")

    def ready(self) -> None:
        from consultations import rules  # noqa: F401 - registers the permission rules
