from django.urls import path

from turbota.core import views

app_name = "core"

urlpatterns = [
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", views.import_apply, name="import_apply"),
    path("imports/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("imports/<int:pk>/errors.xlsx", views.import_problems, name="import_problems"),
]
