from rest_framework.routers import SimpleRouter

from . import api

app_name = "notifications-api"

router = SimpleRouter()
router.register("", api.NotificationViewSet, basename="notification")

urlpatterns = router.urls
