from rest_framework.routers import DefaultRouter

from decisions.api import views

router = DefaultRouter()
router.register("decisions", views.DecisionViewSet)
router.register("actions", views.RequiredActionViewSet)
router.register("implementation-reports", views.ImplementationReportViewSet)

urlpatterns = router.urls
