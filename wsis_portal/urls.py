from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from wsis_portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("wsis_portal.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("account/", include("accounts.urls")),
    path("", include("stakeholders.urls")),
    path("", include("actionlines.urls")),
    path("", include("stocktaking.urls")),
    path("", include("stocktaking.chart_views")),
    path("", include("stocktaking.widget_views")),
    path("", include("reports.urls")),
    path("", include("compilation.urls")),
    path("", include("consultations.urls")),
    path("admin/", admin.site.urls),
    path("", include("reports.publication_views")),
    path("", include("indicators.urls")),
    prefix_default_language=True,
)
