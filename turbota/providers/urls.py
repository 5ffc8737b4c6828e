from django.urls import path

from turbota.providers import views

app_name = "providers"

urlpatterns = [
    path("providers/", views.provider_list, name="list"),
    path("providers/<int:pk>/", views.provider_detail, name="detail"),
    path("providers/<int:pk>/edit/", views.provider_edit, name="edit"),
    path("providers/<int:pk>/delete/", views.provider_delete, name="delete"),
    path("hromadas/<str:code>/providers/", views.hromada_list, name="hromada_list"),
    path("hromadas/<str:code>/providers/new/", views.provider_create, name="create"),
    path("hromadas/<str:code>/providers/import/", views.provider_import, name="import"),
    path("hromadas/<str:code>/providers/template.xlsx", views.provider_template, name="template"),
    path("hromadas/<str:code>/providers.xlsx", views.provider_export, name="export"),
]
