from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionlinesConfig(AppConfig):
    name = "actionlines"
    verbose_name = _("Action lines")

    def ready(self) -> None:
        from actionlines import rules  # noqa: F401 - registers the permission rules
