"""The decisions API's viewsets; `decisions/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from decisions.api import views

router = SimpleRouter()
router.register("decisions", views.DecisionViewSet)
router.register("actions", views.RequiredActionViewSet)
router.register("implementation-reports", views.ImplementationReportViewSet)
