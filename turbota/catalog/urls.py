from django.urls import path

from turbota.catalog import views

app_name = "catalog"

urlpatterns = [
    path("reference/", views.index, name="index"),
    path("reference/services/", views.services, name="services"),
    path("reference/basic-services/", views.basic_services, name="basic_services"),
    path("reference/vulnerable-groups/", views.vulnerable_groups, name="vulnerable_groups"),
    path("reference/age-bands/", views.age_bands, name="age_bands"),
    path("reference/life-circumstances/", views.life_circumstances, name="life_circumstances"),
]
