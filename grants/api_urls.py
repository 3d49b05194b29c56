from django.urls import path
from rest_framework.routers import SimpleRouter

from .api.monitoring import DeliveryViewSet, SurvivalIndicatorsAPI, VisitViewSet
from .api.programme import CatalogueViewSet, CriterionViewSet, EnvelopeViewSet, EventViewSet, SectorViewSet
from .api.proposals import GrantViewSet

app_name = "grants-api"

router = SimpleRouter()
router.register("envelopes", EnvelopeViewSet, basename="envelope")
router.register("proposals", GrantViewSet, basename="proposal")
router.register("events", EventViewSet, basename="event")
router.register("deliveries", DeliveryViewSet, basename="delivery")
router.register("monitoring", VisitViewSet, basename="visit")
router.register("sectors", SectorViewSet, basename="sector")
router.register("catalogue", CatalogueViewSet, basename="catalogue")
router.register("criteria", CriterionViewSet, basename="criterion")

urlpatterns = [
    path("indicators/survival/", SurvivalIndicatorsAPI.as_view(), name="survival"),
    *router.urls,
]
