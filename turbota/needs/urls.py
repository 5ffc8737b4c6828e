from django.urls import path

from turbota.needs import views

app_name = "needs"

urlpatterns = [
    path("needs/", views.published_list, name="published"),
    path("hromadas/<str:code>/needs/", views.study_list, name="study_list"),
    path("needs/<int:pk>/", views.study_detail, name="study_detail"),
    path("needs/<int:pk>/report.<str:fmt>", views.study_download, name="study_download"),
    path("needs/<int:pk>/status/", views.study_status, name="study_status"),
    path("needs/<int:pk>/method/", views.method_edit, name="method_edit"),
    path("needs/<int:pk>/method/new-version/", views.method_new_version, name="method_new_version"),
    path("needs/<int:pk>/unprovidable/", views.unprovidable_add, name="unprovidable_add"),
    path("needs/<int:pk>/scenarios/", views.scenarios_edit, name="scenarios_edit"),
]
