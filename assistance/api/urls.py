"""The assistance API's viewsets; `assistance/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from assistance.api import views

router = SimpleRouter()
router.register("requests", views.AssistanceRequestViewSet)
router.register("needs-assessments", views.NeedsAssessmentViewSet)
