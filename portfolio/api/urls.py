from rest_framework.routers import DefaultRouter

from portfolio.api import views

router = DefaultRouter()
router.register("practices", views.PracticeViewSet)

urlpatterns = router.urls
