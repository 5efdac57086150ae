"""The site's URLconf with the charts page included the way the lead includes it (under i18n_patterns)."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wsis_portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("", include("stocktaking.chart_views")), prefix_default_language=True),
]
