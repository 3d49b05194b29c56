from rest_framework.routers import SimpleRouter

from . import api

app_name = "grants-api"

router = SimpleRouter()
router.register("envelopes", api.EnvelopeViewSet, basename="envelope")
router.register("proposals", api.GrantViewSet, basename="proposal")
router.register("events", api.EventViewSet, basename="event")
router.register("deliveries", api.DeliveryViewSet, basename="delivery")
router.register("monitoring", api.VisitViewSet, basename="visit")

urlpatterns = router.urls
