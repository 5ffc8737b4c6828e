from django.urls import path

from turbota.surveys import (
    export_views,
    public_views,
    quality_views,
    response_views,
    results_views,
    views,
)

app_name = "surveys"

urlpatterns = [
    # everyone
    path("surveys/", public_views.public_list, name="public_list"),
    path("surveys/templates/<str:name>.xlsx", views.template_file, name="template_file"),
    path("s/<uuid:key>/", public_views.respond, name="respond"),
    path("s/<uuid:key>/thanks/", public_views.thanks, name="thanks"),
    path("surveys/<int:pk>/results/", results_views.results, name="results"),
    path(
        "surveys/<int:pk>/results.<str:fmt>",
        results_views.results_download,
        name="results_download",
    ),
    # the hromada
    path("hromadas/<str:code>/surveys/", views.survey_list, name="list"),
    path("surveys/<int:pk>/", views.survey_detail, name="detail"),
    path("surveys/<int:pk>/status/", views.survey_status, name="status"),
    path("surveys/<int:pk>/settings/", views.survey_settings, name="settings"),
    path("surveys/<int:pk>/versions/new/", views.version_new, name="version_new"),
    path("surveys/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path(
        "surveys/<int:pk>/versions/<int:number>/xlsform",
        views.version_file,
        name="version_file",
    ),
    path("surveys/<int:pk>/paper/", response_views.paper_entry, name="paper"),
    path("surveys/<int:pk>/submissions/", response_views.submissions_import, name="submissions"),
    path("surveys/<int:pk>/responses/", response_views.response_list, name="responses"),
    path(
        "surveys/<int:pk>/responses/<int:number>/",
        response_views.response_detail,
        name="response",
    ),
    path(
        "surveys/<int:pk>/responses/<int:number>/withdraw/",
        response_views.response_withdraw,
        name="response_withdraw",
    ),
    path("surveys/<int:pk>/responses.<str:fmt>", export_views.responses_export, name="export"),
    path("surveys/exports/<int:pk>/", export_views.export_job, name="export_job"),
    path(
        "surveys/exports/<int:pk>/responses.xlsx",
        export_views.export_download,
        name="export_download",
    ),
    path("surveys/<int:pk>/needs/", results_views.needs_feed, name="needs_feed"),
    # quality of services
    path("hromadas/<str:code>/quality/", quality_views.quality_hromada, name="quality_hromada"),
    path("providers/<int:pk>/quality/", quality_views.quality_provider, name="quality_provider"),
    path("quality/assessments/<int:pk>/", quality_views.assessment_detail, name="assessment"),
    path("hromadas/<str:code>/complaints/", quality_views.complaint_list, name="complaints"),
    path("complaints/<int:pk>/", quality_views.complaint_detail, name="complaint"),
]
