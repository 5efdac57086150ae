from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    # Models and pages arrive with this app's own issue (see README "Roadmap").
    name = "reports"
    verbose_name = _("Reports")
