"""The portfolio API's viewsets; `portfolio/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from portfolio.api import views

router = SimpleRouter()
router.register("practices", views.PracticeViewSet)
