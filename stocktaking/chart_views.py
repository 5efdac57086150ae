"""The map and charts of a search of the stocktaking database, as server-rendered SVG.

Included by the site's URLconf under i18n_patterns: `path("", include("stocktaking.chart_views"))`,
which gives /<lang>/stocktaking/charts/ named "stocktaking_charts:charts".
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_http_methods

from stocktaking import charts, filters
from wsis_portal import permissions


@require_http_methods(["GET"])
def charts_page(request: HttpRequest) -> HttpResponse:
    """A choropleth map and four bar charts of the entries matching the search in the query string.

    6 queries (charts.summarise), whatever the number of entries; bad parameters are dropped by
    filters.parse, as on the search page.
    """
    permissions.require(request.user, "stocktaking.entry.view")
    query = filters.parse(request.GET)
    summary = charts.summarise(query, language=request.LANGUAGE_CODE)
    rtl = get_language_bidi()
    labels = filters.facet_labels()
    context = {
        "query": query,
        "state": query.urlencode(),
        "active": [{"label": labels[group], "codes": codes} for group, codes in query.filters.items()],
        "summary": summary,
        "map": charts.map_layout(summary.countries, summary.names),
        "bar_charts": [{"chart": chart, "layout": charts.bar_layout(chart.rows, rtl=rtl)} for chart in summary.charts],
    }
    return render(request, "stocktaking/charts.html", context)


app_name = "stocktaking_charts"

urlpatterns = [
    path("stocktaking/charts/", charts_page, name="charts"),
]
