from rest_framework.routers import SimpleRouter

from .api import views

app_name = "plans-api"

router = SimpleRouter()
router.register("goals", views.GoalViewSet, basename="goal")
router.register("follow-ups", views.FollowUpViewSet, basename="follow-up")
router.register("referrals", views.ReferralViewSet, basename="referral")
router.register("", views.ProjectViewSet, basename="plan")

urlpatterns = router.urls
