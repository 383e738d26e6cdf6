from rest_framework.routers import DefaultRouter

from maturity.api import views

router = DefaultRouter()
router.register("maturity-assessments", views.MaturityAssessmentViewSet)

urlpatterns = router.urls
