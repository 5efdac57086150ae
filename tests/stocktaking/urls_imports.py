"""The site's URLconf with the import pages added to the "stocktaking" namespace, as the lead will
include them (stocktaking/urls.py: `urlpatterns += import_views.urlpatterns`). Once they are included
there, this module changes nothing: patterns already present are not added twice."""

from __future__ import annotations

from typing import Any

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path
from django.urls.resolvers import LocalePrefixPattern

from stocktaking import import_views
from stocktaking import urls as stocktaking_urls
from wsis_portal import urls as site_urls


def _with_imports(patterns: list[Any]) -> list[Any]:
    result = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver) and pattern.app_name == "stocktaking":
            present = {p.name for p in stocktaking_urls.urlpatterns}
            extra = [p for p in import_views.urlpatterns if p.name not in present]
            pattern = path("", include(([*stocktaking_urls.urlpatterns, *extra], "stocktaking")))
        result.append(pattern)
    return result


urlpatterns: list[Any] = []
for _pattern in site_urls.urlpatterns:
    if isinstance(_pattern, URLResolver) and isinstance(_pattern.pattern, LocalePrefixPattern):
        urlpatterns += i18n_patterns(
            *_with_imports(_pattern.url_patterns), prefix_default_language=_pattern.pattern.prefix_default_language
        )
    else:
        urlpatterns.append(_pattern)
