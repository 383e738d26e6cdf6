"""The results API's viewsets; `results/register.py` mounts them under /api/v1/."""

from rest_framework.routers import SimpleRouter

from results.api import views

router = SimpleRouter()
router.register("programmes", views.ProgrammeViewSet)
router.register("result-nodes", views.ResultNodeViewSet)
router.register("indicators", views.IndicatorViewSet)
router.register("reporting-periods", views.PeriodViewSet)
router.register("targets", views.TargetViewSet)
router.register("measured-values", views.MeasuredValueViewSet)
urlpatterns = []
