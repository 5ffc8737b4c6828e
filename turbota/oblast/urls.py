from django.urls import path

from turbota.oblast import views

app_name = "oblast"

urlpatterns = [
    path("oblast/", views.index, name="index"),
    path("oblast/<str:code>/", views.dashboard, name="dashboard"),
    path("oblast/<str:code>/hromadas.xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
    path("oblast/<str:code>/unmet/", views.register, name="register"),
    path("oblast/<str:code>/unmet/notes/new/", views.note_edit, name="note_add"),
    path("oblast/<str:code>/unmet/notes/<int:pk>/", views.note_edit, name="note_edit"),
    path("oblast/<str:code>/unmet/notes/<int:pk>/delete/", views.note_delete, name="note_delete"),
    path("oblast/<str:code>/map/", views.map_page, name="map"),
    path("oblast/<str:code>/map/data.json", views.map_data, name="map_data"),
    path("oblast/<str:code>/map/coordinates/", views.coordinates_import, name="coordinates_import"),
    path("oblast/<str:code>/map/boundaries/", views.boundaries_upload, name="boundaries_upload"),
    path(
        "oblast/<str:code>/map/boundaries/delete/",
        views.boundaries_delete,
        name="boundaries_delete",
    ),
    path("oblast/<str:code>/distances/", views.distances, name="distances"),
    path("oblast/<str:code>/meetings/", views.meetings, name="meetings"),
    path("oblast/<str:code>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("oblast/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("oblast/meetings/<int:pk>/protocol.docx", views.meeting_docx, name="meeting_docx"),
    path("oblast/meetings/<int:pk>/assignments/new/", views.assignment_add, name="assignment_add"),
    path("oblast/assignments/<int:pk>/status/", views.assignment_status, name="assignment_status"),
    path("oblast/assignments/<int:pk>/reports/new/", views.report_add, name="report_add"),
    path("hromadas/<str:code>/cooperation/", views.cooperation, name="cooperation"),
    path("hromadas/<str:code>/cooperation/mark/", views.cooperation_mark, name="cooperation_mark"),
    path("hromadas/<str:code>/assignments/", views.hromada_assignments, name="hromada_assignments"),
]
