"""The JSON API under /api/v1/: the router of every app's endpoints, schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

from turbota.catalog.api import (
    AgeBandViewSet,
    BasicServiceListViewSet,
    LifeCircumstanceFactorViewSet,
    ServiceViewSet,
    VulnerableGroupViewSet,
)
from turbota.oblast.api import OblastViewSet
from turbota.providers.api import ProviderViewSet
from turbota.territories.api import HromadaViewSet, TerritoryViewSet


class PublicAPIRootView(APIRootView):
    """The list of endpoints is public; each endpoint keeps its own permissions."""

    permission_classes = [AllowAny]


class Router(DefaultRouter):
    APIRootView = PublicAPIRootView


router = Router()
# Reference data: open to everyone, read-only.
router.register("territories", TerritoryViewSet, basename="territory")
router.register("services", ServiceViewSet, basename="service")
router.register("basic-service-lists", BasicServiceListViewSet, basename="basic-service-list")
router.register("vulnerable-groups", VulnerableGroupViewSet, basename="vulnerable-group")
router.register("age-bands", AgeBandViewSet, basename="age-band")
router.register("life-circumstances", LifeCircumstanceFactorViewSet, basename="life-circumstance")

# Hromadas' profiles and providers: the same permissions and disclosure as their pages.
router.register("hromadas", HromadaViewSet, basename="hromada")
router.register("providers", ProviderViewSet, basename="provider")
# The oblast's aggregates of its hromadas: for its analysts, as the oblast pages.
router.register("oblasts", OblastViewSet, basename="oblast")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
