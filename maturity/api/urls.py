"""The maturity API's viewsets; `maturity/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from maturity.api import views

router = SimpleRouter()
router.register("maturity-assessments", views.MaturityAssessmentViewSet)
