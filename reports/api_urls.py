from rest_framework.routers import SimpleRouter

from . import api

app_name = "reports_api"

router = SimpleRouter()
router.register("", api.ReportJobViewSet, basename="job")
urlpatterns = router.urls
