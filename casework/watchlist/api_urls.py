from rest_framework.routers import SimpleRouter

from . import api

app_name = "watchlist-api"

router = SimpleRouter()
router.register("alerts", api.AlertViewSet, basename="alert")

urlpatterns = router.urls
