from django.urls import path

from turbota.territories import views

app_name = "territories"

urlpatterns = [
    path("hromadas/", views.hromada_list, name="hromada_list"),
    path("hromadas/<str:code>/", views.profile, name="profile"),
    path("hromadas/<str:code>/create/", views.profile_create, name="profile_create"),
    path("hromadas/<str:code>/edit/", views.profile_edit, name="profile_edit"),
    path("hromadas/<str:code>/settlements/", views.settlements_edit, name="settlements_edit"),
    path("hromadas/<str:code>/population/", views.population_edit, name="population_edit"),
    path("hromadas/<str:code>/vital/", views.vital_edit, name="vital_edit"),
    path("hromadas/<str:code>/disability/", views.disability_edit, name="disability_edit"),
    path("hromadas/<str:code>/vulnerable/", views.vulnerable_edit, name="vulnerable_edit"),
    path("hromadas/<str:code>/history/", views.history, name="history"),
    path("hromadas/<str:code>/template.xlsx", views.profile_template, name="profile_template"),
    path("hromadas/<str:code>/export.xlsx", views.profile_export, name="profile_export"),
    path("hromadas/<str:code>/import/", views.profile_import, name="profile_import"),
    path("territories/", views.territory_list, name="territory_list"),
    path("territories/<str:code>/", views.territory_detail, name="territory_detail"),
]
