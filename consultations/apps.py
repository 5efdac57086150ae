from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    # Models and pages arrive with this app's own issue (see README "Roadmap").
    name = "consultations"
    verbose_name = _("Consultations")
