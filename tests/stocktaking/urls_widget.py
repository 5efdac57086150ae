"""The site's URLconf with the feed and widget included as the lead will include them: inside
i18n_patterns, under path("", include("stocktaking.widget_views"))."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wsis_portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("", include("stocktaking.widget_views")), prefix_default_language=True),
]
