from django.urls import path

from turbota.strategy.views import building, imports, monitoring, nodes, parts, strategies

app_name = "strategy"

urlpatterns = [
    path("strategies/", strategies.published, name="published"),
    path("hromadas/<str:code>/strategy/", strategies.hromada_list, name="list"),
    path("hromadas/<str:code>/strategy/import/", imports.upload, name="import"),
    path("hromadas/<str:code>/strategy/new/", building.create, name="create"),
    path("strategy/imports/<int:pk>/", imports.preview, name="import_preview"),
    path("strategy/<int:pk>/", strategies.detail, name="detail"),
    path("strategy/<int:pk>/edit/", strategies.edit_text, name="edit"),
    path("strategy/<int:pk>/status/", strategies.change_status, name="status"),
    path("strategy/<int:pk>/<str:document>.<str:fmt>", strategies.download, name="download"),
    path("strategy/<int:pk>/monitoring/", monitoring.dashboard, name="monitoring"),
    path("strategy/<int:pk>/goals/new/", building.goal_add, name="goal_add"),
    path("strategy/<int:pk>/parts/", parts.parts, name="parts"),
    path("strategy/<int:pk>/parts/<str:kind>/new/", parts.part_add, name="part_add"),
    path("strategy/parts/<str:kind>/<int:pk>/edit/", parts.part_edit, name="part_edit"),
    path("strategy/parts/<str:kind>/<int:pk>/delete/", parts.part_delete, name="part_delete"),
    path("strategy/nodes/<int:pk>/", nodes.node_page, name="node"),
    path("strategy/nodes/<int:pk>/edit/", nodes.node_edit, name="node_edit"),
    path("strategy/nodes/<int:pk>/children/new/", building.child_add, name="child_add"),
    path("strategy/nodes/<int:pk>/delete/", building.node_delete, name="node_delete"),
    path("strategy/nodes/<int:pk>/indicators/new/", building.indicator_add, name="indicator_add"),
    path("strategy/nodes/<int:pk>/needs/", nodes.need_add, name="need_add"),
    path("strategy/needs/<int:pk>/delete/", nodes.need_delete, name="need_delete"),
    path("strategy/indicators/<int:pk>/edit/", nodes.indicator_edit, name="indicator_edit"),
    path(
        "strategy/indicators/<int:pk>/delete/", building.indicator_delete, name="indicator_delete"
    ),
    path("monitoring/<int:pk>/", monitoring.period_page, name="period"),
    path("monitoring/<int:pk>/status/", monitoring.period_status, name="period_status"),
    path("monitoring/<int:pk>/nodes/<int:node_pk>/", monitoring.report_edit, name="report_edit"),
    path(
        "monitoring/<int:pk>/indicators/<int:indicator_pk>/",
        monitoring.actuals_edit,
        name="actuals_edit",
    ),
    path(
        "monitoring/<int:pk>/report.<str:fmt>", monitoring.period_download, name="period_download"
    ),
]
