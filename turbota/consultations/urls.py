from django.urls import path

from turbota.consultations.views import documents, manage, proposals, public

app_name = "consultations"

urlpatterns = [
    path("consultations/", public.consultation_list, name="list"),
    path("consultations/<int:pk>/", public.detail, name="detail"),
    path("consultations/<int:pk>/propose/", public.propose, name="propose"),
    path(
        "consultations/<int:pk>/meetings/<int:meeting>/register/",
        public.register,
        name="register",
    ),
    path("consultations/<int:pk>/report.<str:fmt>", public.report, name="report"),
    path("consultation-documents/<int:pk>/file/", public.document_file, name="document_file"),
    path("hromadas/<str:code>/consultations/", manage.hromada_list, name="hromada_list"),
    path("hromadas/<str:code>/consultations/new/", manage.create, name="create"),
    path("hromadas/<str:code>/consultation-rules/", manage.rules, name="rules"),
    path("hromadas/<str:code>/consultation-documents/", documents.documents, name="documents"),
    path(
        "consultation-documents/<int:pk>/sections/",
        documents.document_sections,
        name="document_sections",
    ),
    path("consultations/<int:pk>/edit/", manage.edit, name="edit"),
    path("consultations/<int:pk>/manage/", manage.manage, name="manage"),
    path("consultations/<int:pk>/status/", manage.transition, name="transition"),
    path("consultations/<int:pk>/results/", manage.results, name="results"),
    path("consultations/<int:pk>/meetings/new/", manage.meeting_add, name="meeting_add"),
    path("consultation-meetings/<int:pk>/edit/", manage.meeting_edit, name="meeting_edit"),
    path(
        "consultation-meetings/<int:pk>/registrations/",
        manage.registrations,
        name="registrations",
    ),
    path("consultations/<int:pk>/proposals/new/", proposals.proposal_add, name="proposal_add"),
    path("consultations/<int:pk>/moderation/", proposals.moderation, name="moderation"),
    path("proposals/<int:pk>/moderate/", proposals.moderate, name="moderate"),
    path("proposals/<int:pk>/decision/", proposals.decide, name="decide"),
    path("proposals/<int:pk>/recommendation/", proposals.recommend, name="recommend"),
    path("oblasts/<str:code>/consultations/", manage.oblast_summary, name="oblast_summary"),
]
