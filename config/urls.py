from django.contrib import admin
from django.urls import include, path

from config import api
from turbota.territories import views as territory_views

admin.site.site_header = "Турбота — адміністрування"
admin.site.site_title = "Турбота"
admin.site.index_title = "Довідники, користувачі та дані громад"

urlpatterns = [
    path("", territory_views.home, name="home"),
    path("accounts/", include("turbota.accounts.urls")),
    path("", include("turbota.core.urls")),
    path("", include("turbota.territories.urls")),
    path("", include("turbota.catalog.urls")),
    path("", include("turbota.providers.urls")),
    path("", include("turbota.people.urls")),
    path("", include("turbota.needs.urls")),
    path("", include("turbota.surveys.urls")),
    path("", include("turbota.strategy.urls")),
    path("", include("turbota.consultations.urls")),
    path("", include("turbota.oblast.urls")),
    path("api/v1/", include(api)),
    path("admin/", admin.site.urls),
]
