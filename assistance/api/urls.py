from rest_framework.routers import DefaultRouter

from assistance.api import views

router = DefaultRouter()
router.register("requests", views.AssistanceRequestViewSet)
router.register("needs-assessments", views.NeedsAssessmentViewSet)

urlpatterns = router.urls
