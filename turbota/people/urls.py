from django.urls import path

from turbota.people import import_views, views

app_name = "people"

urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("hromadas/<str:code>/people/new/", views.person_create, name="create"),
    path("hromadas/<str:code>/people/import/", import_views.import_upload, name="import"),
    path(
        "hromadas/<str:code>/people/template.xlsx",
        import_views.import_template,
        name="import_template",
    ),
    path("hromadas/<str:code>/people/mappings/", import_views.mapping_list, name="mappings"),
    path("people/mappings/<int:pk>/delete/", import_views.mapping_delete, name="mapping_delete"),
    path("people/imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("people/imports/<int:pk>/report/", import_views.import_report, name="import_report"),
    path("people/<uuid:pseudonym>/", views.person_detail, name="detail"),
    path("people/<uuid:pseudonym>/edit/", views.person_edit, name="edit"),
    path("people/<uuid:pseudonym>/access/", views.access_log, name="access_log"),
    path("people/<uuid:pseudonym>/episodes/new/", views.episode_create, name="episode_create"),
    path(
        "people/<uuid:pseudonym>/applications/new/",
        views.application_create,
        name="application_create",
    ),
]
