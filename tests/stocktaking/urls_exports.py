"""The site's URLs with the export views included as stocktaking/urls.py will include them."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path
from django.urls.resolvers import LocalePrefixPattern

from stocktaking import export_views
from wsis_portal import urls as portal_urls


def _with_exports(patterns: list) -> list:
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace == "stocktaking":
            combined = [*pattern.url_patterns, *export_views.urlpatterns]
            pattern = path("", include((combined, "stocktaking")))
        result.append(pattern)
    return result


urlpatterns = []
for _pattern in portal_urls.urlpatterns:
    if isinstance(_pattern, URLResolver) and isinstance(_pattern.pattern, LocalePrefixPattern):
        urlpatterns += i18n_patterns(*_with_exports(_pattern.url_patterns), prefix_default_language=True)
    else:
        urlpatterns.append(_pattern)
